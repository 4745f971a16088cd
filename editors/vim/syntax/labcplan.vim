" Vim syntax file
" Language: text output of `labc plan` (Terraform-like), saved as *.labplan
" Tested by editors/test.sh (headless Vim, synIDattr at chosen positions).

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match
syn sync fromstart
syn iskeyword @,48-57,_,192-255

" Values, as in .lab.
syn match labcplanNumber /\<\d\+\%(\.\d\+\)\=\>/
syn match labcplanUnit   /\<\d\+\%(\.\d\+\)\=\%(\a\+\|%\)/
syn match labcplanIP     /\<\d\{1,3}\%(\.\d\{1,3}\)\{3}\>/
syn match labcplanCIDR   /\<\d\{1,3}\%(\.\d\{1,3}\)\{3}\/\d\+\>/
syn match labcplanIP     /[[:xdigit:]:]\@<!\%(\x\{1,4}:\)*\x\{0,4}::\%(\x\{1,4}\%(:\x\{1,4}\)*\)\=\%(\/\d\)\@!/
syn match labcplanCIDR   /[[:xdigit:]:]\@<!\%(\x\{1,4}:\)*\x\{0,4}::\%(\x\{1,4}\%(:\x\{1,4}\)*\)\=\/\d\+/
syn match labcplanBoolean /\<\%(true\|false\|null\)\>/
syn region labcplanString start=/"/ skip=/\\./ end=/"\|$/ contains=labcplanEscape oneline
syn match labcplanEscape /\\./ contained
syn match labcplanArrow /->/
syn match labcplanUnknown /(known after apply)/
syn match labcplanSecret /(secret)\|(sensitive value)/
syn match labcplanAttribute /\<\h\w*\%(-\w\+\)*\ze\s*=[=>]\@!/
syn match labcplanResource /\<resource\>/

" Action markers at the start of a line.
syn match labcplanCreate  /^\s*\zs+\ze\s/
syn match labcplanUpdate  /^\s*\zs\~\ze\s/
syn match labcplanDestroy /^\s*\zs-\ze\s/
syn match labcplanReplace /^\s*\zs\%(-\/+\|+\/-\)\ze\s/

" Heredocs, and unified diff hunks inside them.
syn region labcplanHeredoc matchgroup=labcplanHeredocDelim start=/<<-\=\z(\h\w*\)\s*$/ end=/^\s*\z1\s*$/ contains=labcplanHunk,labcplanDiffAdd,labcplanDiffDel
syn match labcplanHunk /^\s*@@ -\d\+\%(,\d\+\)\= +\d\+\%(,\d\+\)\= @@.*$/ contained
syn match labcplanDiffAdd /^\s*+.*$/ contained
syn match labcplanDiffDel /^\s*-.*$/ contained

" Comments, resource headers, group headers and the summary.
syn match labcplanComment /#.*$/ contains=labcplanForces
syn match labcplanForces /forces replacement/ contained
syn match labcplanHeader /^\s*#\s.\{-}\s\%(will be\|must be\)\s.*$/ contains=labcplanAddress,labcplanActCreate,labcplanActUpdate,labcplanActDestroy,labcplanActReplace
syn match labcplanAddress /#\s\zs\S.\{-}\ze\s\%(will be\|must be\)\s/ contained contains=labcplanString
syn match labcplanActCreate  /will be created/ contained
syn match labcplanActUpdate  /will be updated in-place/ contained
syn match labcplanActDestroy /will be destroyed/ contained
syn match labcplanActReplace /must be replaced\|will be replaced/ contained
syn match labcplanGroup /^\s*─\{2,}\s.*\s─\{2,}\s*$/ contains=labcplanGroupKind
syn match labcplanGroupKind /─\s\+\zs\h\w*/ contained
syn match labcplanSummary /^\s*Plan:\s.*$/ contains=labcplanSumNumber
syn match labcplanSummary /^\s*No changes\..*$/
syn match labcplanSumNumber /\d\+/ contained

hi def link labcplanNumber      Number
hi def link labcplanUnit        Number
hi def link labcplanIP          Constant
hi def link labcplanCIDR        Constant
hi def link labcplanBoolean     Boolean
hi def link labcplanString      String
hi def link labcplanEscape      SpecialChar
hi def link labcplanArrow       Operator
hi def link labcplanUnknown     Special
hi def link labcplanSecret      Special
hi def link labcplanAttribute   Identifier
hi def link labcplanResource    Keyword
hi def link labcplanCreate      DiffAdd
hi def link labcplanUpdate      DiffChange
hi def link labcplanDestroy     DiffDelete
hi def link labcplanReplace     DiffText
hi def link labcplanHeredoc     String
hi def link labcplanHeredocDelim Delimiter
hi def link labcplanHunk        Title
hi def link labcplanDiffAdd     DiffAdd
hi def link labcplanDiffDel     DiffDelete
hi def link labcplanComment     Comment
hi def link labcplanForces      WarningMsg
hi def link labcplanHeader      Comment
hi def link labcplanAddress     Identifier
hi def link labcplanActCreate   DiffAdd
hi def link labcplanActUpdate   DiffChange
hi def link labcplanActDestroy  DiffDelete
hi def link labcplanActReplace  DiffText
hi def link labcplanGroup       Title
hi def link labcplanGroupKind   Type
hi def link labcplanSummary     Title
hi def link labcplanSumNumber   Number

let b:current_syntax = 'labcplan'

let &cpo = s:cpo_save
unlet s:cpo_save
