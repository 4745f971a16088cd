" Headless Vim test of editors/vim: loads each sample with `syntax on` and the
" plugin on the runtimepath, asserts that loading raised no error, and checks the
" syntax group at chosen positions with synIDattr(synID(line, col, 1), "name").
" Run by editors/test.sh:  vim -Nu NONE -i NONE -es -S editors/vim-test/run.vim
" Results go to $VIM_TEST_OUT, one `ok - ` / `not ok - ` line each, then `N passed, M failed`.

let s:editors = fnamemodify(expand('<sfile>:p'), ':h:h')
let s:out = []
let s:passed = 0
let s:failed = 0

function! s:Pass(name) abort
  let s:passed += 1
  call add(s:out, 'ok - vim: ' . a:name)
endfunction

function! s:Fail(name, why) abort
  let s:failed += 1
  call add(s:out, 'not ok - vim: ' . a:name)
  call add(s:out, '  ' . a:why)
endfunction

" Opens a sample; passes if the filetype and syntax are as expected and no error was raised.
function! s:Open(sample, filetype) abort
  let s:file = a:sample
  let v:errmsg = ''
  let name = a:sample . ' loads as ' . a:filetype . ' without errors'
  try
    execute 'silent edit! ' . fnameescape(s:editors . '/tests/samples/' . a:sample)
    " Force every line to be highlighted now, so an error in any pattern shows.
    call synID(line('$'), 1, 1)
    for l in range(1, line('$'))
      call synstack(l, 1)
    endfor
  catch
    call s:Fail(name, v:exception)
    return
  endtry
  let errors = filter(split(execute('messages'), "\n"), 'v:val =~# ''^E\d\+:''')
  if v:errmsg !=# '' || !empty(errors)
    call s:Fail(name, 'errors: ' . v:errmsg . ' ' . join(errors, ' | '))
  elseif &filetype !=# a:filetype || get(b:, 'current_syntax', '') !=# a:filetype
    call s:Fail(name, printf('filetype=%s current_syntax=%s', &filetype, get(b:, 'current_syntax', '')))
  else
    call s:Pass(name)
  endif
endfunction

" The innermost group at the first match of `pattern` (searched from the top) is `group`;
" with a third argument, that group is also somewhere in the syntax stack there.
function! s:Check(pattern, group, ...) abort
  let name = printf('%s: /%s/ is %s%s', s:file, a:pattern, a:group, a:0 ? ' inside ' . a:1 : '')
  call cursor(1, 1)
  let [l, c] = searchpos(a:pattern, 'cW')
  if l == 0
    call s:Fail(name, 'pattern not found')
    return
  endif
  let got = synIDattr(synID(l, c, 1), 'name')
  let stack = map(synstack(l, c), 'synIDattr(v:val, "name")')
  if got !=# a:group
    call s:Fail(name, printf('at %d:%d got %s (stack %s)', l, c, got ==# '' ? '(none)' : got, string(stack)))
  elseif a:0 && index(stack, a:1) < 0
    call s:Fail(name, printf('at %d:%d stack %s has no %s', l, c, string(stack), a:1))
  else
    call s:Pass(name)
  endif
endfunction

function! s:Option(expr, expected) abort
  let got = eval(a:expr)
  let name = printf('%s: %s == %s', s:file, a:expr, string(a:expected))
  if got ==# a:expected
    call s:Pass(name)
  else
    call s:Fail(name, 'got ' . string(got))
  endif
endfunction

execute 'set runtimepath^=' . fnameescape(s:editors . '/vim')
filetype plugin on
syntax on

try
  call s:Open('example.lab', 'lab')
  call s:Option('&commentstring', '// %s')
  call s:Option('&shiftwidth', 2)
  call s:Option('&expandtab', 1)
  call s:Check('^import', 'labInclude')
  call s:Check(' \zsas nfs', 'labInclude')
  call s:Check('as \zsnfs', 'labNamespace')
  call s:Check('^///', 'labDocComment')
  call s:Check('^param', 'labDeclaration')
  call s:Check('\<secret\>', 'labModifier')
  call s:Check('secret \zsstring', 'labType')
  call s:Check('let \zslan', 'labDefName')
  call s:Check('10\.0\.1\.0/24', 'labCIDR')
  call s:Check('10\.0\.1\.0/\zs24', 'labCIDR')
  call s:Check('^network', 'labBlockKind')
  call s:Check('^network \zslan', 'labLabel')
  call s:Check('mtu\ze =', 'labAttribute')
  call s:Check('10\.0\.1\.10', 'labIP')
  call s:Check('^for', 'labRepeat')
  call s:Check('^  \zsnode "gpu', 'labBlockKind')
  call s:Check('node "\zsgpu-', 'labLabelString')
  call s:Check('"gpu-\zs\${', 'labInterpDelim')
  call s:Check('"gpu-\${\zsi', 'labIdentifier', 'labInterp')
  call s:Check('cidrhost', 'labFunction')
  call s:Check('^    \zsgpu {', 'labBlockKind')
  call s:Check('300W', 'labUnit')
  call s:Check('300\zsW', 'labUnitSuffix')
  call s:Check('3kW', 'labUnit')
  call s:Check('\<false\>', 'labBoolean')
  call s:Check('@\zswaive', 'labAnnotation')
  call s:Check('check\ze:', 'labKey')
  call s:Check('<<-EOT', 'labHeredocDelim')
  call s:Check('Welcome', 'labHeredoc')
  call s:Check('Welcome to \${\zsnode', 'labIdentifier', 'labHeredoc')
  call s:Check('^    \zsEOT', 'labHeredocDelim')
  call s:Check('mode = \zs"', 'labQuote')

  call s:Open('declarations.lab', 'lab')
  call s:Check('^// Top', 'labComment')
  call s:Check('^# hash', 'labComment')
  call s:Check('that spans', 'labBlockComment')
  call s:Check('ssh_port: \zsint', 'labType')
  call s:Check('int(\zs1\.\.', 'labNumber')
  call s:Check('int(1\zs\.\.', 'labOperator')
  call s:Check('schema \zsnode', 'labTypeName')
  call s:Check('^  \zsaddress: ip', 'labField')
  call s:Check('address: \zsip', 'labFieldType')
  call s:Check('password: \zssecret', 'labModifier')
  call s:Check('password: secret \zsstring', 'labFieldType')
  call s:Check('enum \zsgpu_model', 'labTypeName')
  call s:Check('{ \zsA100', 'labEnumMember')
  call s:Check('^user', 'labBlockKind')

  call s:Open('expressions.lab', 'lab')
  call s:Check('= \zs42', 'labNumber')
  call s:Check('0x1f', 'labNumber')
  call s:Check('float = \zs1\.5', 'labFloat')
  call s:Check('1e9', 'labFloat')
  call s:Check('1\zs\.\.20', 'labOperator')
  call s:Check('512MiB', 'labUnit')
  call s:Check('250ms', 'labUnit')
  call s:Check('85%', 'labUnit')
  call s:Check('85\zs%', 'labUnitSuffix')
  call s:Check('fd00::1', 'labIP')
  call s:Check('fd7a:115c:a1e0::/48', 'labCIDR')
  call s:Check('::1$', 'labIP')
  call s:Check('\<null\>', 'labNull')
  call s:Check('tab\zs\\t', 'labEscape')
  call s:Check('join(\zs","', 'labQuote', 'labInterp')
  call s:Check('join(",\zs"', 'labQuote', 'labInterp')
  call s:Check('\zsjoin(', 'labFunction', 'labInterp')
  call s:Check('"\])} \zsdone', 'labString')
  call s:Check('and \zs\$\$', 'labDollar')
  call s:Check('\$\$\zs{literal', 'labString')
  call s:Check('<<EOF', 'labHeredocDelim')
  call s:Check('#!/bin/sh', 'labHeredoc')
  call s:Check('a \zs==', 'labOperator')
  call s:Check('\zs&&', 'labOperator')
  call s:Check('!\zsenabled', 'labIdentifier')
  call s:Check('-\zsoffset', 'labIdentifier')
  call s:Check('a \zsin list', 'labRepeat')
  call s:Check('nodes\ze(role', 'labFunction')
  call s:Check('(\zsrole:', 'labKey')
  call s:Check('lan\.\zshost', 'labFunction')
  call s:Check('\[\zsfor n', 'labRepeat')
  call s:Check('\.address \zsif', 'labConditional')
  call s:Check('k \zs=>', 'labOperator')

  call s:Open('blocks.lab', 'lab')
  call s:Check('^cluster', 'labBlockKind')
  call s:Check('node \zsgpu-01', 'labLabel')
  call s:Check('node gpu-\zs01', 'labLabel')
  call s:Check('neighbour = gpu-\zs02', 'labIdentifier')
  call s:Check('nvidia-\zsuvm', 'labIdentifier')
  call s:Check('count \zs- 1', 'labOperator')
  call s:Check('for n in \zsnodes', 'labIdentifier')
  call s:Check('if n\.\zsgpu', 'labIdentifier')
  call s:Check('} \zselse', 'labConditional')
  call s:Check('service \zsgrafana', 'labLabel')
  call s:Check('"scratch-\${\zssite', 'labIdentifier', 'labInterp')

  " Real plans (cli goldens): plan-first from rancher-skypilot, plan-changes from the closet edits.
  call s:Open('plan-first.labplan', 'labcplan')
  call s:Option('&commentstring', '# %s')
  call s:Check('^labc plan for', 'labcplanTitle')
  call s:Check('^state:', 'labcplanState')
  call s:Check('^── \zsnode', 'labcplanGroupKind')
  call s:Check('^── \zscluster', 'labcplanGroupKind')
  call s:Check('^  \zs+   node\.mgmt-01\.command\["k3s-install"\]', 'labcplanCreate')
  call s:Check('^  +   \zsnode\.mgmt-01\.command\["k3s-install"\]', 'labcplanAddrCreate')
  call s:Check('k3s-install"\] (\zscommand', 'labcplanType')
  call s:Check('(needs network)', 'labcplanNote')
  call s:Check('^      \zs+ content = <<EOT', 'labcplanAttrCreate')
  call s:Check('^      + \zscontent = <<EOT', 'labcplanAttribute')
  call s:Check('<<EOT$', 'labcplanHeredocDelim')
  call s:Check('^ *\zs- 192\.168\.1\.10', 'labcplanHeredoc')
  call s:Check('^          \zsEOT$', 'labcplanHeredocDelim')
  call s:Check('= \zs(secret)', 'labcplanSecret')
  call s:Check('^Plan:', 'labcplanSummary')
  call s:Check('^Plan: \zs455', 'labcplanSumNumber')

  call s:Open('plan-changes.labplan', 'labcplan')
  call s:Check('^  \zs\~   node\.gpu-1\.block', 'labcplanUpdate')
  call s:Check('^  \~   \zsnode\.gpu-1\.block', 'labcplanAddrUpdate')
  call s:Check('^      \~ \zscontent:$', 'labcplanAttribute')
  call s:Check('^          \zs@@ -1,5 +1,6 @@', 'labcplanHunk')
  call s:Check('^          \zs+10\.0\.1\.14 gpu-4', 'labcplanDiffAdd')
  call s:Check('^          \zs-ClusterName=lab', 'labcplanDiffDel')
  call s:Check('^           \zs10\.0\.1\.11 gpu-1', 'labcplanDiffContext')
  call s:Check('restarts:', 'labcplanNote')
  call s:Check('^  \zs-   node\.head\.file', 'labcplanDestroy')
  call s:Check('is no longer declared', 'labcplanNote')
  call s:Check('reload_digest = "7e39c449e3087e29" \zs->', 'labcplanArrow')

  call s:Open('plan-replace.labplan', 'labcplan')
  call s:Check('^  \zs-/+ node\.gpu-1\.user', 'labcplanReplace')
  call s:Check('^  -/+ \zsnode\.gpu-1\.user', 'labcplanAddrReplace')
  call s:Check('must be replaced', 'labcplanNote')
  call s:Check('^        \zshome', 'labcplanAttribute')
  call s:Check('(known after apply)', 'labcplanUnknown')
  call s:Check('^      \zs- content = <<EOT', 'labcplanAttrDestroy')
  call s:Check('^ *\zs- item: one', 'labcplanHeredoc')
  call s:Check('was changed on the host', 'labcplanNote')
  call s:Check('runs again:', 'labcplanNote')

  call s:Open('no-changes.labplan', 'labcplan')
  call s:Check('^No changes\.', 'labcplanSummary')
catch
  call s:Fail('unexpected error', v:exception . ' at ' . v:throwpoint)
endtry

call add(s:out, printf('%d passed, %d failed', s:passed, s:failed))
call writefile(s:out, empty($VIM_TEST_OUT) ? '/dev/stdout' : $VIM_TEST_OUT)
if s:failed > 0
  cquit
endif
qall!
