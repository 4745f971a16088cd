" Vim syntax file
" Language: labc .lab configuration language (version 1)
" Follows grammar/src/main/antlr4/dev/labc/grammar/LabLexer.g4 and LabParser.g4.
" Tested by editors/test.sh (headless Vim, synIDattr at chosen positions).

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match
" Word boundaries (\<) as in the language, whatever 'iskeyword' the ftplugin sets for motions.
syn iskeyword @,48-57,_,192-255
syn sync fromstart

" An identifier: letters, digits, `_`, and single dashes between them (gpu-01, nvidia-uvm).
" `a - b` with blanks is subtraction. Identifiers with dashes are matched whole so that
" neither their digits nor a keyword inside them is highlighted.
syn match labIdentifier /\<\h\w*\%(-\w\+\)*/ contains=NONE

" Operators (early: strings, heredocs, comments and literals defined later win over them).
syn match labOperator /=>\|==\|!=\|<=\|>=\|&&\|||\|\.\.\|[-+*\/%<>!?]/
syn match labOperator /[=:]/

" Keywords are matches, not `syn keyword`, so that `for-each` stays one identifier.
syn match labInclude     /\<\%(import\|as\)\>\%(-\w\)\@!/
syn match labDeclaration /\<\%(param\|let\|schema\|enum\)\>\%(-\w\)\@!/
syn match labModifier    /\<secret\>\%(-\w\)\@!/
syn match labRepeat      /\<\%(for\|in\)\>\%(-\w\)\@!/
syn match labConditional /\<\%(if\|else\)\>\%(-\w\)\@!/
syn match labBoolean     /\<\%(true\|false\)\>\%(-\w\)\@!/
syn match labNull        /\<null\>\%(-\w\)\@!/

let s:kw = '\%(\<\%(import\|as\|param\|let\|secret\|for\|in\|if\|else\|schema\|enum\|true\|false\|null\)\>\%(-\w\)\@!\)\@!'
let s:id = '\h\w*\%(-\w\+\)*'

" Function calls and attribute names (a name before `=`, not `==` or `=>`).
exe 'syn match labFunction /' . s:kw . s:id . '\ze\s*(/'
exe 'syn match labAttribute /\.\@<!' . s:kw . s:id . '\ze\s*=[=>]\@!/'
" Object keys and named arguments: `name:` right after `{`, `(`, `,` or at the start of a line.
exe 'syn match labKey /\%(\%([{(,]\|^\)\s*\)\@<=' . s:kw . s:id . '\ze\s*:[:]\@!/'

" Blocks: `kind label? {` at the start of a line or after `{ } ;`, or `kind {` anywhere
" but in a `for`/`if` header.
exe 'syn match labBlockKind /\%(\%(^\|[{};)]\)\s*\)\@<=' . s:kw . s:id . '\ze\s\+' . s:kw . s:id . '\s*{/ nextgroup=labLabel skipwhite'
exe 'syn match labBlockKind /\%(\%(^\|[{};)]\)\s*\)\@<=' . s:kw . s:id . '\ze\s\+"[^"]*"\s*{/ nextgroup=labLabelString skipwhite'
exe 'syn match labBlockKind /\%(\<\%(for\|if\)\>.*\)\@<!\.\@<!' . s:kw . s:id . '\ze\s*{/'
exe 'syn match labLabel /' . s:id . '/ contained'
syn region labLabelString matchgroup=labLabel start=/"/ end=/"\|$/ contained contains=labEscape,labInterp,labDollar

" Declared names and types (after attributes and blocks, which they override).
exe 'syn match labDefName /\%(\<\%(let\|param\)\s\+\)\@<=' . s:id . '/'
exe 'syn match labTypeName /\%(\<\%(schema\|enum\)\s\+\)\@<=' . s:id . '/'
exe 'syn match labNamespace /\%(\<as\s\+\)\@<=' . s:id . '/'
" Types after `param name:` (and `secret`).
exe 'syn match labType /\%(\<param\s\+' . s:id . '\s*:\s*\%(secret\s\+\)\=\)\@<=' . s:kw . s:id . '\%(\.' . s:id . '\)*/'

" Annotations: @waive(...), @depends_on(...).
exe 'syn match labAnnotation /@\s*' . s:id . '/'

" Schema bodies: `field: type` pairs.
exe 'syn region labSchema matchgroup=labBrace start=/\%(\<schema\s\+' . s:id . '\s*\)\@<={/ end=/}/ contains=labField,labFieldType,labModifier,@labExpr,labSchemaBraces,labAnnotation'
syn region labSchemaBraces start=/{/ end=/}/ contained transparent contains=@labExpr,labSchemaBraces
exe 'syn match labField /' . s:id . '\ze\s*:[:]\@!/ contained'
exe 'syn match labFieldType /\%(' . s:id . '\s*:\s*\%(secret\s\+\)\=\)\@<=' . s:kw . s:id . '\%(\.' . s:id . '\)*/ contained'

" Enum bodies: members.
exe 'syn region labEnum matchgroup=labBrace start=/\%(\<enum\s\+' . s:id . '\s*\)\@<={/ end=/}/ contains=labEnumMember,labString,labComment,labDocComment,labBlockComment'
exe 'syn match labEnumMember /' . s:id . '/ contained'

" Numbers, units, addresses. Among matches that start at the same column, the one
" defined last wins: CIDR over IPv4 over float over integer; exponent floats and hex over units.
syn match labNumber /\<\d\+\>/
syn match labFloat  /\<\d\+\.\d\+\>/
syn match labUnit   /\<\d\+\%(\.\d\+\)\=\%(\a\+\|%\)/ contains=labUnitSuffix
syn match labUnitSuffix /\a\+\|%/ contained
syn match labNumber /\<0x\x\+\>/
syn match labFloat  /\<\d\+\%(\.\d\+\)\=[eE][+-]\=\d\+\>/
syn match labIP     /\<\d\{1,3}\%(\.\d\{1,3}\)\{3}\>/
syn match labCIDR   /\<\d\{1,3}\%(\.\d\{1,3}\)\{3}\/\d\+\>/
syn match labIP     /[[:xdigit:]:]\@<!\%(\x\{1,4}:\)*\x\{0,4}::\%(\x\{1,4}\%(:\x\{1,4}\)*\)\=\%(\/\d\)\@!/
syn match labCIDR   /[[:xdigit:]:]\@<!\%(\x\{1,4}:\)*\x\{0,4}::\%(\x\{1,4}\%(:\x\{1,4}\)*\)\=\/\d\+/

" Strings with escapes and ${...} interpolation; nested strings inside interpolation.
syn region labString matchgroup=labQuote start=/"/ end=/"\|$/ contains=labEscape,labInterp,labDollar
syn match labEscape /\\./ contained
syn match labDollar /\$[^{"\\]/ contained
syn region labInterp matchgroup=labInterpDelim start=/\${/ end=/}/ contained contains=@labExpr,labInterpBraces
syn region labInterpBraces start=/{/ end=/}/ contained transparent contains=@labExpr,labInterpBraces

" Heredocs: <<EOF ... EOF and <<-EOF ... (indented) EOF.
" Their one escape, as the compiler reads them (editors/tests/heredoc-escapes.tsv): `\${` is the
" text `${`; other backslashes are text, and `$${x}` is `$` then an interpolation.
syn region labHeredoc matchgroup=labHeredocDelim start=/<<-\=\z(\h\w*\)\s*$/ end=/^\s*\z1\s*$/ contains=labInterp,labHeredocEscape
syn match labHeredocEscape /\\\$\ze{/ contained

" Comments (defined last: they win over `/` and `#` anywhere).
syn keyword labTodo TODO FIXME XXX NOTE contained
syn match labComment    /\/\/.*$/ contains=labTodo
syn match labDocComment /\/\/\/.*$/ contains=labTodo
syn match labComment    /#.*$/ contains=labTodo
syn region labBlockComment start=/\/\*/ end=/\*\// contains=labTodo

syn cluster labExpr contains=labIdentifier,labInclude,labRepeat,labConditional,labBoolean,labNull,labFunction,labAttribute,labKey,labNumber,labFloat,labUnit,labIP,labCIDR,labString,labHeredoc,labOperator,labComment,labDocComment,labBlockComment

hi def link labComment      Comment
hi def link labBlockComment Comment
hi def link labDocComment   SpecialComment
hi def link labTodo         Todo
hi def link labInclude      Include
hi def link labDeclaration  Keyword
hi def link labModifier     StorageClass
hi def link labRepeat       Repeat
hi def link labConditional  Conditional
hi def link labBoolean      Boolean
hi def link labNull         Constant
hi def link labDefName      Identifier
hi def link labTypeName     Type
hi def link labNamespace    Identifier
hi def link labType         Type
hi def link labField        Identifier
hi def link labFieldType    Type
hi def link labEnumMember   Constant
hi def link labFunction     Function
hi def link labAttribute    Identifier
hi def link labKey          Identifier
hi def link labBlockKind    Structure
hi def link labLabel        Label
hi def link labLabelString  Label
hi def link labAnnotation   PreProc
hi def link labNumber       Number
hi def link labFloat        Float
hi def link labUnit         Number
hi def link labUnitSuffix   Special
hi def link labIP           Constant
hi def link labCIDR         Constant
hi def link labString       String
hi def link labQuote        String
hi def link labEscape       SpecialChar
hi def link labHeredocEscape SpecialChar
hi def link labInterpDelim  Delimiter
hi def link labHeredoc      String
hi def link labHeredocDelim Delimiter
hi def link labOperator     Operator
hi def link labBrace        Delimiter

let b:current_syntax = 'lab'

let &cpo = s:cpo_save
unlet s:cpo_save
