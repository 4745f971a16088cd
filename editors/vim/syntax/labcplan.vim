" Vim syntax file
" Language: the text `labc plan` prints (compiler PlanRenderer), saved as *.labplan
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
" Change lines: `  +   ADDRESS (type)` and what follows; marker and address in the action's colour.
syn match labcplanChange /^  \%(+  \|\~  \|-\/+\|-  \) \S.\{-} ([a-z_]\+).*$/ contains=labcplanCreate,labcplanUpdate,labcplanReplace,labcplanDestroy,labcplanType,labcplanNote
syn match labcplanCreate  /^  \zs+\ze   / contained nextgroup=labcplanAddrCreate skipwhite
syn match labcplanUpdate  /^  \zs\~\ze   / contained nextgroup=labcplanAddrUpdate skipwhite
syn match labcplanReplace /^  \zs-\/+\ze / contained nextgroup=labcplanAddrReplace skipwhite
syn match labcplanDestroy /^  \zs-\ze   / contained nextgroup=labcplanAddrDestroy skipwhite
syn match labcplanAddrCreate  /\S.\{-}\ze ([a-z_]\+)/ contained contains=labcplanString
syn match labcplanAddrUpdate  /\S.\{-}\ze ([a-z_]\+)/ contained contains=labcplanString
syn match labcplanAddrReplace /\S.\{-}\ze ([a-z_]\+)/ contained contains=labcplanString
syn match labcplanAddrDestroy /\S.\{-}\ze ([a-z_]\+)/ contained contains=labcplanString
syn match labcplanType /(\zs[a-z_]\+\ze)/ contained
syn match labcplanNote /\%(must be replaced\|is no longer declared\|(needs [a-z, ]\+)\|was changed .*since the last apply\|\%(restarts\|runs again\):\)/ contained

" Attribute lines: `      + name = value`, `      ~ name = old -> new`, `        name = (known after apply)`.
syn match labcplanAttrLine /^      [-+~ ] \h\w*\s*= \%(<<EOT$\)\@!.*$/ contains=labcplanAttrCreate,labcplanAttrUpdate,labcplanAttrDestroy,labcplanAttribute,labcplanNumber,labcplanBoolean,labcplanString,labcplanArrow,labcplanUnknown,labcplanSecret
syn match labcplanAttrCreate  /\%(^      \)\@<=+/ contained
syn match labcplanAttrUpdate  /\%(^      \)\@<=\~/ contained
syn match labcplanAttrDestroy /\%(^      \)\@<=-/ contained
syn match labcplanAttribute /\%(^      [-+~ ] \)\@<=\h\w*/ contained
syn match labcplanAttribute /\<\h\w*\ze = / contained

" A multi-line value: `<<EOT`, its text (indented twelve), `EOT`. The text is text: a YAML
" `- item` line is no deletion.
syn match labcplanHeredocHead /^      [-+] \h\w*\s*= \ze<<EOT$/ contains=labcplanAttrCreate,labcplanAttrDestroy,labcplanAttribute
syn region labcplanHeredoc matchgroup=labcplanHeredocDelim start=/<<EOT$/ end=/^          EOT$/

" A changed multi-line value: `      ~ name:` then a unified diff, every line indented ten.
syn match labcplanDiffHead /^      \~ \h\w*:$/ contains=labcplanAttrUpdate,labcplanAttribute
syn match labcplanHunk /^          @@ -\d\+\%(,\d\+\)\= +\d\+\%(,\d\+\)\= @@.*$/
syn match labcplanDiffAdd /^          +.*$/
syn match labcplanDiffDel /^          -.*$/
" Context lines are the file's text, left plain (no numbers or addresses picked out of them).
syn match labcplanDiffContext /^           .*$/

" Title, state, group headers and the summary.
syn match labcplanTitle /^labc plan for .*$/
syn match labcplanState /^state: .*$/
syn match labcplanGroup /^─\{2} \%(node\|cluster\) \S\+ ─\{2}$/ contains=labcplanGroupKind
syn match labcplanGroupKind /─ \zs\%(node\|cluster\)\>/ contained
syn match labcplanSummary /^Plan: .*$/ contains=labcplanSumNumber
syn match labcplanSummary /^No changes\..*$/
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
hi def link labcplanAttrCreate  DiffAdd
hi def link labcplanAttrUpdate  DiffChange
hi def link labcplanAttrDestroy DiffDelete
hi def link labcplanAddrCreate  DiffAdd
hi def link labcplanAddrUpdate  DiffChange
hi def link labcplanAddrReplace DiffText
hi def link labcplanAddrDestroy DiffDelete
hi def link labcplanType        Type
hi def link labcplanNote        Keyword
hi def link labcplanTitle       Title
hi def link labcplanState       Comment
hi def link labcplanCreate      DiffAdd
hi def link labcplanUpdate      DiffChange
hi def link labcplanDestroy     DiffDelete
hi def link labcplanReplace     DiffText
hi def link labcplanHeredoc     String
hi def link labcplanHeredocDelim Delimiter
hi def link labcplanHunk        Title
hi def link labcplanDiffAdd     DiffAdd
hi def link labcplanDiffDel     DiffDelete
hi def link labcplanGroup       Title
hi def link labcplanGroupKind   Type
hi def link labcplanSummary     Title
hi def link labcplanSumNumber   Number

let b:current_syntax = 'labcplan'

let &cpo = s:cpo_save
unlet s:cpo_save
