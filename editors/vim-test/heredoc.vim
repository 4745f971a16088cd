" Headless test of editors/vim/syntax/lab.vim against the heredoc escape table that the compiler's
" and the TextMate grammar's tests read too (editors/tests/heredoc-escapes.tsv): each row's body, in
" a heredoc, must have per character the class the row says (t text, e escape, i interpolation).
" Run by editors/test.sh:  vim -Nu NONE -i NONE -es -S editors/vim-test/heredoc.vim
" Results go to $VIM_TEST_OUT, one `ok - ` / `not ok - ` line each, then `N passed, M failed`.

let s:editors = fnamemodify(expand('<sfile>:p'), ':h:h')
let s:editor = has('nvim') ? 'nvim' : 'vim'
let s:out = []
let s:passed = 0
let s:failed = 0

execute 'set runtimepath^=' . fnameescape(s:editors . '/vim')
filetype plugin on
syntax on

function! s:Class(line, col) abort
  let names = map(synstack(a:line, a:col), 'synIDattr(v:val, "name")')
  if index(names, 'labInterp') >= 0 || index(names, 'labInterpDelim') >= 0
    return 'i'
  elseif index(names, 'labHeredocEscape') >= 0
    return 'e'
  endif
  return 't'
endfunction

for s:row in readfile(s:editors . '/tests/heredoc-escapes.tsv')
  if s:row ==# '' || s:row[0] ==# '#'
    continue
  endif
  let [s:body, s:want] = split(s:row, "\t", 1)
  enew!
  setlocal filetype=lab
  call setline(1, ['x = <<EOT', s:body, 'EOT'])
  let s:got = join(map(range(1, strlen(s:body)), 's:Class(2, v:val)'), '')
  let s:name = s:editor . ' heredoc escapes (editors/tests/heredoc-escapes.tsv): ' . s:body
  if s:got ==# s:want
    let s:passed += 1
    call add(s:out, 'ok - ' . s:name)
  else
    let s:failed += 1
    call add(s:out, 'not ok - ' . s:name)
    call add(s:out, '  want ' . s:want . ' got ' . s:got)
  endif
endfor

call add(s:out, printf('%d passed, %d failed', s:passed, s:failed))
call writefile(s:out, $VIM_TEST_OUT, 'a')
qall!
