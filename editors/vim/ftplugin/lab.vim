" Vim filetype plugin for labc's .lab language.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=//\ %s
setlocal comments=:///,://,:#,s1:/*,mb:*,ex:*/
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=2 softtabstop=2 tabstop=8
" Indentation is indent/lab.vim's ('filetype indent on'); without it, autoindent keeps the last line's.
setlocal autoindent
" Identifiers may contain dashes (gpu-01), so `w` and `*` treat them as one word.
setlocal iskeyword+=-
setlocal suffixesadd=.lab

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab< shiftwidth< softtabstop< tabstop<'
      \ . ' autoindent< iskeyword< suffixesadd<'
