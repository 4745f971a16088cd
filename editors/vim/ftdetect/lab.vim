" labc: .lab configuration files and saved `labc plan` output.
autocmd BufRead,BufNewFile *.lab set filetype=lab
autocmd BufRead,BufNewFile *.labplan set filetype=labcplan
