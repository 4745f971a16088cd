" Vim filetype plugin for saved `labc plan` output: fold by indentation, `#` comments.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s
setlocal foldmethod=indent foldlevel=99
setlocal nomodeline

let b:undo_ftplugin = 'setlocal commentstring< foldmethod< foldlevel< modeline<'
