" Headless indentation test of editors/vim/indent/lab.vim, for Vim and Neovim alike:
" every example (examples/*/cluster.lab, in `labc fmt`'s layout: editors/test.sh checks that with
" `labc fmt --check` first) must come out of `gg=G` unchanged, and so must the same file with the
" indentation of every line that is layout (not a heredoc's text) removed first.
" Run by editors/test.sh:  vim -Nu NONE -i NONE -es -S editors/vim-test/indent.vim
" Results go to $VIM_TEST_OUT, one `ok - ` / `not ok - ` line each, then `N passed, M failed`.

let s:editors = fnamemodify(expand('<sfile>:p'), ':h:h')
let s:root = fnamemodify(s:editors, ':h')
let s:editor = has('nvim') ? 'nvim' : 'vim'
let s:out = []
let s:passed = 0
let s:failed = 0

execute 'set runtimepath^=' . fnameescape(s:editors . '/vim')
filetype plugin indent on

" The lines that are heredoc text (body and closing tag), found here by a forward scan of their
" own, not by the plugin's: `<<TAG` / `<<-TAG` at a line's end opens, a line of just TAG closes.
function! s:HeredocLines(lines) abort
  let text = {}
  let tag = ''
  let n = 0
  for line in a:lines
    let n += 1
    if tag !=# ''
      let text[n] = 1
      if line =~# '^\s*' . tag . '\s*$'
        let tag = ''
      endif
    else
      let tag = matchstr(line, '<<-\=\zs\h\w*\ze\s*$')
    endif
  endfor
  return text
endfunction

" The first line where two lists differ, as a message; '' when equal.
function! s:Difference(want, got) abort
  for i in range(max([len(a:want), len(a:got)]))
    let w = get(a:want, i, '<end of file>')
    let g = get(a:got, i, '<end of file>')
    if w !=# g
      return printf('line %d: want [%s] got [%s]', i + 1, w, g)
    endif
  endfor
  return ''
endfunction

function! s:Reindent(name, lines, want) abort
  enew!
  setlocal filetype=lab
  call setline(1, a:lines)
  silent normal! gg=G
  let why = s:Difference(a:want, getline(1, '$'))
  if &indentexpr !~# 'LabIndent'
    let why = 'indentexpr is ' . &indentexpr
  endif
  if why ==# ''
    let s:passed += 1
    call add(s:out, 'ok - ' . s:editor . ' indent: ' . a:name)
  else
    let s:failed += 1
    call add(s:out, 'not ok - ' . s:editor . ' indent: ' . a:name)
    call add(s:out, '  ' . why)
  endif
endfunction

for s:file in sort(glob(s:root . '/examples/*/cluster.lab', 0, 1))
  let s:name = fnamemodify(s:file, ':h:t')
  let s:lines = readfile(s:file)
  call s:Reindent('gg=G keeps ' . s:name . ' as labc fmt lays it out', s:lines, s:lines)
  let s:text = s:HeredocLines(s:lines)
  let s:flat = []
  let s:n = 0
  for s:line in s:lines
    let s:n += 1
    call add(s:flat, has_key(s:text, s:n) ? s:line : substitute(s:line, '^\s\+', '', ''))
  endfor
  call s:Reindent('gg=G restores ' . s:name . ' with its indentation removed', s:flat, s:lines)
endfor

call add(s:out, printf('%d passed, %d failed', s:passed, s:failed))
call writefile(s:out, $VIM_TEST_OUT, 'a')
qall!
