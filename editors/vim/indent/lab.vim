" Vim/Neovim indent plugin for labc's .lab language: the layout `labc fmt` writes.
" A line is indented one shiftwidth per bracket ({ [ () left open before it; a line that starts
" with closers is outdented by them. Statements need no terminator, so unlike 'cindent' an
" attribute after an attribute is not a continuation. Heredoc bodies and their closing tag are
" text, kept as they are. Tested by editors/vim-test/indent.vim (gg=G on every example).
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal nosmartindent nocindent autoindent
setlocal indentexpr=LabIndent(v:lnum)
setlocal indentkeys=0{,0},0),0],!^F,o,O
let b:undo_indent = 'setlocal smartindent< cindent< autoindent< indentexpr< indentkeys<'

if exists('*LabIndent')
  finish
endif

" The line without strings and comments: the brackets that remain are code.
function! s:Code(line) abort
  let s = substitute(a:line, '"\%(\\.\|[^"\\]\)*"', '""', 'g')
  let s = substitute(s, '/\*.\{-}\*/', '', 'g')
  return substitute(s, '\%(//\|#\).*$', '', '')
endfunction

" The heredoc a line opens (`<<EOT` or `<<-EOT`), as its closing tag, or ''.
function! s:HeredocTag(line) abort
  return matchstr(s:Code(a:line), '<<-\=\zs\h\w*\ze\s*$')
endfunction

" Whether line lnum is a heredoc's body or closing tag: a heredoc opened above and not yet closed.
" Scans up from lnum to the nearest line that opens one (bodies are text: any line may be in one),
" at most 2000 lines.
function! s:InHeredoc(lnum) abort
  let l = a:lnum - 1
  while l >= 1 && l > a:lnum - 2000
    let text = getline(l)
    let tag = s:HeredocTag(text)
    if tag !=# ''
      " Closed between there and lnum (exclusive)?
      let k = l + 1
      while k < a:lnum
        if getline(k) =~# '^\s*' . tag . '\s*$'
          return 0
        endif
        let k += 1
      endwhile
      return 1
    endif
    let l -= 1
  endwhile
  return 0
endfunction

" Whether line lnum continues a /* comment opened above (its text is the writer's, kept as it is).
function! s:InBlockComment(lnum) abort
  let l = a:lnum - 1
  while l >= 1 && l > a:lnum - 2000
    let text = substitute(getline(l), '"\%(\\.\|[^"\\]\)*"', '""', 'g')
    if text =~# '\*/'
      return 0
    endif
    if text =~# '/\*'
      return 1
    endif
    let l -= 1
  endwhile
  return 0
endfunction

" Lines whose indentation is text, not layout.
function! s:Verbatim(lnum) abort
  return s:InHeredoc(a:lnum) || s:InBlockComment(a:lnum)
endfunction

function! LabIndent(lnum) abort
  if s:Verbatim(a:lnum)
    return -1
  endif
  " The nearest line above that is code: not blank, not a heredoc's or comment's text.
  let prev = prevnonblank(a:lnum - 1)
  while prev > 0 && s:Verbatim(prev)
    let prev = prevnonblank(prev - 1)
  endwhile
  if prev == 0
    return 0
  endif
  " Past a heredoc, prev is the line that opened it: the statement's own indent.
  let text = getline(prev)
  let code = s:Code(text)
  " Closers at the start of the previous line already moved that line out; they close nothing more.
  let lead = strlen(matchstr(code, '^\s*[}\])]*'))
  let body = strpart(code, lead)
  let opens = strlen(substitute(body, '[^{[(]', '', 'g'))
  let closes = strlen(substitute(body, '[^}\])]', '', 'g'))
  let ind = indent(prev) + shiftwidth() * (opens - closes)
  " This line's own leading closers.
  let own = strlen(substitute(matchstr(s:Code(getline(a:lnum)), '^\s*[}\])]*'), '\s', '', 'g'))
  return max([0, ind - shiftwidth() * own])
endfunction
