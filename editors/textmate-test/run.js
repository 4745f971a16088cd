// TextMate grammar tests: golden scope snapshots of editors/tests/samples, targeted
// assertions on the constructs that matter most, and the extension's wiring.
// UPDATE_SNAPSHOTS=1 rewrites the snapshots (and still fails: review the diff, then rerun).
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const Module = require('module');
const tm = require('./tm');

const SAMPLES = path.join(tm.EDITORS, 'tests', 'samples');
const SNAPSHOTS = path.join(tm.EDITORS, 'tests', 'snapshots');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const SCOPE_OF_EXT = { '.lab': 'source.lab', '.labplan': 'source.labc-plan' };

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// ---------------------------------------------------------------- helpers

/** The token on `line` (1-based) whose text is exactly `text` (the nth such, default first). */
function tokenAt(tokens, line, text, nth = 0) {
  const found = tokens.filter((t) => t.line === line && t.text === text);
  if (found.length <= nth) {
    const onLine = tokens.filter((t) => t.line === line).map((t) => JSON.stringify(t.text)).join(' ');
    throw new assert.AssertionError({ message: `no token ${JSON.stringify(text)} on line ${line}; tokens there: ${onLine}` });
  }
  return found[nth];
}

function assertScope(token, scope) {
  const ok = token.scopes.some((s) => s === scope || s.startsWith(scope + '.'));
  assert.ok(ok, `${JSON.stringify(token.text)} at ${token.line}:${token.col} should have scope ${scope}; has ${token.scopes.join(' ') || '(none)'}`);
}

function assertNoScope(token, scope) {
  const bad = token.scopes.find((s) => s === scope || s.startsWith(scope + '.'));
  assert.ok(!bad, `${JSON.stringify(token.text)} at ${token.line}:${token.col} should not have scope ${scope}; has ${token.scopes.join(' ')}`);
}

const lab = (text) => tm.tokenize('source.lab', text);
const plan = (text) => tm.tokenize('source.labc-plan', text);

function firstDifference(expected, actual) {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const out = [];
  for (let i = 0; i < Math.max(e.length, a.length) && out.length < 8; i++) {
    if (e[i] !== a[i]) out.push(`  snapshot line ${i + 1}:\n    expected: ${e[i] ?? '(end)'}\n    actual:   ${a[i] ?? '(end)'}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- golden snapshots

const samples = fs.readdirSync(SAMPLES).filter((f) => SCOPE_OF_EXT[path.extname(f)]).sort();

for (const sample of samples) {
  test(`snapshot ${sample}`, async () => {
    const scope = SCOPE_OF_EXT[path.extname(sample)];
    const text = fs.readFileSync(path.join(SAMPLES, sample), 'utf8');
    const actual = `# ${scope} tokens of editors/tests/samples/${sample}: line:col "text" scopes (root scope left out)\n` +
      tm.snapshotText(await tm.tokenize(scope, text));
    const file = path.join(SNAPSHOTS, sample + '.snap');
    const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (UPDATE) {
      if (expected !== actual) {
        fs.mkdirSync(SNAPSHOTS, { recursive: true });
        fs.writeFileSync(file, actual);
        assert.fail(`rewrote ${path.relative(path.dirname(tm.EDITORS), file)}; review the diff`);
      }
      return;
    }
    assert.ok(expected !== null, `no snapshot ${path.relative(path.dirname(tm.EDITORS), file)}; run UPDATE_SNAPSHOTS=1 editors/test.sh and review it`);
    if (expected !== actual) {
      assert.fail(`tokens differ from ${path.relative(path.dirname(tm.EDITORS), file)} (UPDATE_SNAPSHOTS=1 rewrites it):\n${firstDifference(expected, actual)}`);
    }
  });
}

test('snapshots are checked, not being rewritten (UPDATE_SNAPSHOTS is unset)', () => {
  assert.ok(!UPDATE, 'UPDATE_SNAPSHOTS=1 rewrites snapshots instead of checking them; review `git diff editors/tests/snapshots`, then rerun without it');
});

test('every snapshot has its sample', () => {
  const orphans = fs.readdirSync(SNAPSHOTS).filter((f) => f.endsWith('.snap') && !samples.includes(f.slice(0, -5)));
  assert.deepStrictEqual(orphans, [], 'snapshots without a sample');
});

// ---------------------------------------------------------------- the samples cover every construct

async function scopesIn(ext) {
  const seen = new Set();
  for (const s of samples.filter((f) => path.extname(f) === ext)) {
    for (const t of await tm.tokenize(SCOPE_OF_EXT[ext], fs.readFileSync(path.join(SAMPLES, s), 'utf8'))) {
      t.scopes.forEach((x) => seen.add(x));
    }
  }
  return seen;
}

/** Every scope a grammar file names (`name`, `contentName`, captures), split at blanks. */
function scopesNamedBy(grammarFile) {
  const out = new Set();
  (function walk(o) {
    if (Array.isArray(o)) return o.forEach(walk);
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if ((k === 'name' || k === 'contentName') && typeof v === 'string') v.split(/\s+/).forEach((x) => out.add(x));
      else walk(v);
    }
  })(JSON.parse(fs.readFileSync(grammarFile, 'utf8')).repository);
  return out;
}

for (const [ext, scopeName] of Object.entries(SCOPE_OF_EXT)) {
  test(`the ${ext} samples produce every scope ${scopeName} names (so the snapshots cover every construct)`, async () => {
    const seen = await scopesIn(ext);
    const missing = [...scopesNamedBy(tm.contributedGrammars()[scopeName])].filter((s) => !seen.has(s));
    assert.deepStrictEqual(missing, [], `scopes no ${ext} sample produces; add the construct to a sample`);
  });
}

test('the samples include the example from the language brief, verbatim constructs and all', () => {
  const text = fs.readFileSync(path.join(SAMPLES, 'example.lab'), 'utf8');
  for (const needle of ['param ts_key: secret string = env("TS_AUTHKEY")', 'node "gpu-${i}" {', '@waive(check: "power-budget"', 'content = <<-EOT']) {
    assert.ok(text.includes(needle), needle);
  }
});

// ---------------------------------------------------------------- targeted assertions: .lab

test('512MiB is one unit literal: number and suffix both carry the size-unit scope', async () => {
  const t = await lab('swap = 512MiB\n');
  const n = tokenAt(t, 1, '512');
  const u = tokenAt(t, 1, 'MiB');
  assertScope(n, 'constant.numeric.unit.size.lab');
  assertScope(u, 'constant.numeric.unit.size.lab');
  assertScope(u, 'keyword.other.unit.size.lab');
  assertNoScope(u, 'variable');
  assert.strictEqual(u.col, n.col + 3);
});

test('durations, power and percent get their own unit scopes; 1e9 and 0x1f are not units', async () => {
  const t = await lab('a = 250ms  b = 3kW  c = 85%  d = 1e9  e = 0x1f\n');
  assertScope(tokenAt(t, 1, 'ms'), 'constant.numeric.unit.duration.lab');
  assertScope(tokenAt(t, 1, 'kW'), 'constant.numeric.unit.power.lab');
  assertScope(tokenAt(t, 1, '%'), 'constant.numeric.unit.percent.lab');
  assertScope(tokenAt(t, 1, '1e9'), 'constant.numeric.float.lab');
  assertScope(tokenAt(t, 1, '0x1f'), 'constant.numeric.integer.hexadecimal.lab');
});

test('10.0.1.0/24 is one CIDR token and 10.0.1.5 one IPv4 token, not numbers', async () => {
  const t = await lab('cidr = 10.0.1.0/24\naddress = 10.0.1.5\n');
  const c = tokenAt(t, 1, '10.0.1.0/24');
  assertScope(c, 'constant.other.cidr.ipv4.lab');
  assertNoScope(c, 'constant.numeric');
  assertScope(tokenAt(t, 2, '10.0.1.5'), 'constant.other.ip-address.ipv4.lab');
});

test('IPv6 addresses and CIDRs are single tokens, and `name: value` is not IPv6', async () => {
  const t = await lab('a = fd00::1\nb = fd7a:115c:a1e0::/48\nc = f(dead: beef)\n');
  assertScope(tokenAt(t, 1, 'fd00::1'), 'constant.other.ip-address.ipv6.lab');
  assertScope(tokenAt(t, 2, 'fd7a:115c:a1e0::/48'), 'constant.other.cidr.ipv6.lab');
  assertScope(tokenAt(t, 3, 'dead'), 'variable.parameter.lab');
  assertScope(tokenAt(t, 3, 'beef'), 'variable.other.lab');
});

test('1..3 is integer, range operator, integer', async () => {
  const t = await lab('for i in 1..3 {\n}\n');
  assertScope(tokenAt(t, 1, '1'), 'constant.numeric.integer.decimal.lab');
  assertScope(tokenAt(t, 1, '..'), 'keyword.operator.range.lab');
  assertScope(tokenAt(t, 1, '3'), 'constant.numeric.integer.decimal.lab');
});

test('${ begins an interpolation whose expression is tokenised as code', async () => {
  const t = await lab('name = "gpu-${i + 1}.lab"\n');
  const open = tokenAt(t, 1, '${');
  assertScope(open, 'punctuation.section.interpolation.begin.lab');
  assertScope(open, 'string.quoted.double.lab');
  assertScope(tokenAt(t, 1, 'i'), 'meta.embedded.line.lab');
  assertScope(tokenAt(t, 1, 'i'), 'variable.other.lab');
  assertScope(tokenAt(t, 1, '+'), 'keyword.operator.arithmetic.lab');
  assertScope(tokenAt(t, 1, '1'), 'constant.numeric.integer.decimal.lab');
  assertScope(tokenAt(t, 1, '}'), 'punctuation.section.interpolation.end.lab');
  const rest = tokenAt(t, 1, '.lab');
  assertScope(rest, 'string.quoted.double.lab');
  assertNoScope(rest, 'meta.interpolation.lab');
});

test('a string nested in an interpolation closes only itself', async () => {
  const t = await lab('x = "a ${join(",", xs)} b"\ny = 1\n');
  assertScope(tokenAt(t, 1, ','), 'string.quoted.double.lab'); // the "," argument
  assertScope(tokenAt(t, 1, 'xs'), 'variable.other.lab');
  const tail = tokenAt(t, 1, ' b');
  assertScope(tail, 'string.quoted.double.lab');
  assertNoScope(tail, 'meta.embedded.line.lab');
  assertNoScope(tokenAt(t, 2, 'y'), 'string');
});

test('`$${` is text, not an interpolation (as in the lexer)', async () => {
  const t = await lab('x = "$${a}"\n');
  assert.ok(!t.some((k) => k.scopes.includes('meta.interpolation.lab')), 'no interpolation expected');
});

test('escapes in strings', async () => {
  const t = await lab('x = "a\\"b\\n"\n');
  assertScope(tokenAt(t, 1, '\\"'), 'constant.character.escape.lab');
  assertScope(tokenAt(t, 1, '\\n'), 'constant.character.escape.lab');
});

test('node in `node head {` is a block kind and head its label', async () => {
  const t = await lab('node head {\n  address = 10.0.1.10\n}\n');
  assertScope(tokenAt(t, 1, 'node'), 'entity.name.type.block.lab');
  assertScope(tokenAt(t, 1, 'head'), 'entity.name.label.lab');
  assertScope(tokenAt(t, 2, 'address'), 'entity.other.attribute-name.lab');
});

test('a string label carries the label scope and its interpolation', async () => {
  const t = await lab('node "gpu-${i}" {\n}\n');
  assertScope(tokenAt(t, 1, 'node'), 'entity.name.type.block.lab');
  assertScope(tokenAt(t, 1, 'gpu-'), 'entity.name.label.lab');
  assertScope(tokenAt(t, 1, 'i'), 'variable.other.lab');
});

test('gpu-01 is one token, `a - b` is subtraction', async () => {
  const t = await lab('peer = gpu-01\nd = a - b\nnode gpu-01 {\n}\n');
  assertScope(tokenAt(t, 1, 'gpu-01'), 'variable.other.lab');
  assertScope(tokenAt(t, 2, '-'), 'keyword.operator.arithmetic.lab');
  assertScope(tokenAt(t, 3, 'gpu-01'), 'entity.name.label.lab');
});

test('for and if headers are expressions: `nodes {` in a for header is no block kind', async () => {
  const t = await lab('for n in nodes if n.gpu {\n  x = 1\n}\nif enabled {\n}\n');
  assertScope(tokenAt(t, 1, 'for'), 'keyword.control.loop.for.lab');
  assertScope(tokenAt(t, 1, 'n'), 'entity.name.variable.loop.lab');
  assertScope(tokenAt(t, 1, 'nodes'), 'variable.other.lab');
  assertNoScope(tokenAt(t, 1, 'nodes'), 'entity.name.type.block.lab');
  assertScope(tokenAt(t, 1, 'gpu'), 'variable.other.member.lab');
  assertNoScope(tokenAt(t, 4, 'enabled'), 'entity.name.type.block.lab');
});

test('a block after an attribute on the same line: `count = n  gpu {`', async () => {
  const t = await lab('node a { count = n  gpu { model = H100 } }\n');
  assertScope(tokenAt(t, 1, 'n'), 'variable.other.lab');
  assertNoScope(tokenAt(t, 1, 'n'), 'entity.name.type.block.lab');
  assertScope(tokenAt(t, 1, 'gpu'), 'entity.name.type.block.lab');
});

test('attribute names are names before `=`, not before `==`', async () => {
  const t = await lab('ok = a == b\n');
  assertScope(tokenAt(t, 1, 'ok'), 'entity.other.attribute-name.lab');
  assertScope(tokenAt(t, 1, 'a'), 'variable.other.lab');
  assertScope(tokenAt(t, 1, '=='), 'keyword.operator.comparison.lab');
});

test('keywords, but not identifiers that merely start with one', async () => {
  const t = await lab('let x = for-each\nimport "std/nfs" as nfs\n');
  assertScope(tokenAt(t, 1, 'let'), 'storage.type.let.lab');
  assertScope(tokenAt(t, 1, 'for-each'), 'variable.other.lab');
  assertScope(tokenAt(t, 2, 'import'), 'keyword.control.import.lab');
  assertScope(tokenAt(t, 2, 'nfs'), 'entity.name.namespace.lab');
});

test('param with secret type and call default', async () => {
  const t = await lab('param ts_key: secret string = env("TS_AUTHKEY")\n');
  assertScope(tokenAt(t, 1, 'param'), 'storage.type.param.lab');
  assertScope(tokenAt(t, 1, 'ts_key'), 'entity.name.variable.param.lab');
  assertScope(tokenAt(t, 1, 'secret'), 'storage.modifier.secret.lab');
  assertScope(tokenAt(t, 1, 'string'), 'support.type.lab');
  assertScope(tokenAt(t, 1, 'env'), 'entity.name.function.lab');
});

test('doc comments are distinct from line comments; # and /* */ are comments', async () => {
  const t = await lab('/// doc\n// line\n# hash\n/* a\n b */ x = 1\n');
  assertScope(tokenAt(t, 1, '///'), 'comment.line.documentation.lab');
  assertScope(tokenAt(t, 2, '//'), 'comment.line.double-slash.lab');
  assertScope(tokenAt(t, 3, '#'), 'comment.line.number-sign.lab');
  assertScope(tokenAt(t, 4, ' a'), 'comment.block.lab');
  assertScope(tokenAt(t, 5, 'x'), 'entity.other.attribute-name.lab');
});

test('heredoc body is a string with interpolation; it ends at its own token', async () => {
  const t = await lab('content = <<-EOT\n    Welcome to ${node.name}\n    EOT\nmode = "0644"\n');
  assertScope(tokenAt(t, 1, 'EOT'), 'keyword.control.heredoc-token.lab');
  assertScope(tokenAt(t, 2, '    Welcome to '), 'string.unquoted.heredoc.lab');
  assertScope(tokenAt(t, 2, 'node'), 'meta.embedded.line.lab');
  assertScope(tokenAt(t, 3, 'EOT'), 'keyword.control.heredoc-token.lab');
  assertScope(tokenAt(t, 4, 'mode'), 'entity.other.attribute-name.lab');
  assertNoScope(tokenAt(t, 4, 'mode'), 'string');
});

test('annotations and named arguments', async () => {
  const t = await lab('@waive(check: "uid-mismatch", reason: "legacy NAS")\nuser alice {\n}\n');
  assertScope(tokenAt(t, 1, 'waive'), 'storage.type.annotation.lab');
  assertScope(tokenAt(t, 1, 'check'), 'variable.parameter.lab');
  assertScope(tokenAt(t, 1, 'reason'), 'variable.parameter.lab');
  assertScope(tokenAt(t, 2, 'user'), 'entity.name.type.block.lab');
});

test('comprehensions: list and map forms', async () => {
  const t = await lab('a = [for n in nodes : n.address if n.gpu]\nb = {for k, v in m : k => v}\nc = 1\n');
  assertScope(tokenAt(t, 1, 'for'), 'keyword.control.loop.for.lab');
  assertScope(tokenAt(t, 1, 'if'), 'keyword.control.conditional.if.lab');
  assertScope(tokenAt(t, 2, 'v'), 'entity.name.variable.loop.lab');
  assertScope(tokenAt(t, 2, '=>'), 'keyword.operator.arrow.lab');
  assertScope(tokenAt(t, 3, 'c'), 'entity.other.attribute-name.lab');
});

// ---------------------------------------------------------------- targeted assertions: plan

// The lines below are labc's own (compiler PlanRenderer); the samples are real plans (cli goldens).

test('plan: change lines: marker and address in the action colour, type, replace, needs', async () => {
  const t = await plan([
    '  +   node.mgmt-01.package["curl"] (package) (needs network, gpu)',
    '  -/+ node.gpu-1.user["alice"] (user) must be replaced',
    '  -   node.head.file["/root/a b.yaml"] (file) is no longer declared',
    '  ~   node.gpu-1.service["slurmd"] (service) restarts: node.gpu-1.file["/etc/slurm/slurm.conf"], node.gpu-1.file["/etc/slurm/gres.conf"] change',
  ].join('\n'));
  assertScope(tokenAt(t, 1, '+'), 'markup.inserted.create.labc-plan');
  assertScope(tokenAt(t, 1, 'node.mgmt-01.package['), 'markup.inserted.address.labc-plan');
  assertScope(tokenAt(t, 1, 'curl'), 'entity.name.address.labc-plan');
  assertScope(tokenAt(t, 1, 'package'), 'entity.name.type.labc-plan');
  assertScope(tokenAt(t, 1, 'needs'), 'keyword.other.needs.labc-plan');
  assertScope(tokenAt(t, 1, 'network, gpu'), 'constant.language.need.labc-plan');
  assertScope(tokenAt(t, 2, '-/+'), 'markup.changed.replace.labc-plan');
  assertScope(tokenAt(t, 2, 'must be replaced'), 'keyword.other.replace.labc-plan');
  assertScope(tokenAt(t, 3, '-'), 'markup.deleted.destroy.labc-plan');
  assertScope(tokenAt(t, 3, '/root/a b.yaml'), 'markup.deleted.address.labc-plan');
  assertScope(tokenAt(t, 3, 'is no longer declared'), 'keyword.other.destroy.labc-plan');
  assertScope(tokenAt(t, 4, 'restarts'), 'keyword.other.trigger.labc-plan');
  assertScope(tokenAt(t, 4, 'node.gpu-1.file["/etc/slurm/gres.conf"]'), 'entity.name.address.labc-plan');
});

test('plan: attribute lines: markers, old -> new, known after apply, secret, and the summary', async () => {
  const t = await plan([
    '      + address = "10.0.1.11"',
    '        tailnet_ip = (known after apply)',
    '      ~ uid = 1001 -> 2001',
    '      - env = { TS_AUTHKEY = (secret) }',
    'Plan: 3 to add, 1 to change, 0 to destroy.',
  ].join('\n'));
  assertScope(tokenAt(t, 1, '+'), 'markup.inserted.create.labc-plan');
  assertScope(tokenAt(t, 1, 'address'), 'variable.other.attribute.labc-plan');
  assertScope(tokenAt(t, 1, '10.0.1.11'), 'string.quoted.double.labc-plan');
  assertScope(tokenAt(t, 2, 'tailnet_ip'), 'variable.other.attribute.labc-plan');
  assertScope(tokenAt(t, 2, '(known after apply)'), 'constant.language.unknown.labc-plan');
  assertScope(tokenAt(t, 3, '~'), 'markup.changed.update.labc-plan');
  assertScope(tokenAt(t, 3, '->'), 'keyword.operator.arrow.labc-plan');
  assertScope(tokenAt(t, 3, '2001'), 'constant.numeric.labc-plan');
  assertScope(tokenAt(t, 4, '-'), 'markup.deleted.destroy.labc-plan');
  assertScope(tokenAt(t, 4, '(secret)'), 'constant.language.secret.labc-plan');
  assertScope(tokenAt(t, 5, '3'), 'constant.numeric.integer.labc-plan');
  assertScope(tokenAt(t, 5, 'to destroy'), 'markup.deleted.destroy.labc-plan');
});

test('plan: a content diff is coloured line by line and ends at the first line not indented ten', async () => {
  const t = await plan([
    '      ~ content:',
    '          @@ -1,2 +1,2 @@',
    '           same',
    '          -old',
    '          +new',
    '  ~   node.gpu-1.service["slurmd"] (service)',
    '      ~ reload_digest = "7e39" -> "a8dc"',
  ].join('\n'));
  assertScope(tokenAt(t, 1, 'content'), 'variable.other.attribute.labc-plan');
  assertScope(tokenAt(t, 2, '@@ -1,2 +1,2 @@'), 'meta.diff.range.unified.labc-plan');
  assertScope(tokenAt(t, 4, 'old'), 'markup.deleted.diff.labc-plan');
  assertScope(tokenAt(t, 5, 'new'), 'markup.inserted.diff.labc-plan');
  assertNoScope(tokenAt(t, 3, '           same'), 'markup');
  assertNoScope(tokenAt(t, 6, '~'), 'meta.diff.labc-plan');
  assertScope(tokenAt(t, 7, 'reload_digest'), 'variable.other.attribute.labc-plan');
});

test('plan: a heredoc value is text: YAML `- item` lines are no deletions', async () => {
  const t = await plan([
    '      + content = <<EOT',
    '            - item: one',
    '            + not: an insertion',
    '          EOT',
    '      + mode    = "0644"',
  ].join('\n'));
  assertScope(tokenAt(t, 2, '            - item: one'), 'string.unquoted.heredoc.labc-plan');
  assertNoScope(tokenAt(t, 2, '            - item: one'), 'markup');
  assertNoScope(tokenAt(t, 3, '            + not: an insertion'), 'markup');
  assertScope(tokenAt(t, 4, 'EOT'), 'keyword.control.heredoc-token.labc-plan');
  assertScope(tokenAt(t, 5, 'mode'), 'variable.other.attribute.labc-plan');
});

test('plan: title, state, group headers and the no-changes line', async () => {
  const t = await plan('labc plan for closet-cluster/cluster.lab\nstate: serial 1\n\n── cluster k3s ──\nNo changes. The cluster matches the configuration.\n');
  assertScope(tokenAt(t, 1, 'labc plan for'), 'keyword.other.plan.labc-plan');
  assertScope(tokenAt(t, 1, 'closet-cluster/cluster.lab'), 'string.unquoted.path.labc-plan');
  assertScope(tokenAt(t, 2, 'state:'), 'keyword.other.state.labc-plan');
  assertScope(tokenAt(t, 4, 'cluster'), 'storage.type.scope.labc-plan');
  assertScope(tokenAt(t, 4, 'k3s'), 'entity.name.section.labc-plan');
  assertScope(tokenAt(t, 5, 'No changes.'), 'keyword.other.plan.labc-plan');
});

// ---------------------------------------------------------------- the extension's wiring

const pkg = JSON.parse(fs.readFileSync(path.join(tm.VSCODE, 'package.json'), 'utf8'));

test('package.json: languages, grammars and configuration files are consistent', () => {
  const langs = Object.fromEntries(pkg.contributes.languages.map((l) => [l.id, l]));
  assert.deepStrictEqual(langs.lab.extensions, ['.lab']);
  assert.deepStrictEqual(langs['labc-plan'].extensions, ['.labplan']);
  for (const l of Object.values(langs)) {
    const conf = JSON.parse(fs.readFileSync(path.join(tm.VSCODE, l.configuration), 'utf8'));
    assert.ok(conf.comments, `${l.configuration} declares comments`);
    assert.ok(conf.brackets && conf.autoClosingPairs && conf.folding, `${l.configuration} declares brackets, auto-closing and folding`);
  }
  const want = { lab: 'source.lab', 'labc-plan': 'source.labc-plan' };
  for (const g of pkg.contributes.grammars) {
    assert.strictEqual(g.scopeName, want[g.language], `grammar for ${g.language}`);
    const raw = JSON.parse(fs.readFileSync(path.join(tm.VSCODE, g.path), 'utf8'));
    assert.strictEqual(raw.scopeName, g.scopeName, `${g.path} declares the scope package.json names`);
  }
  const labConf = JSON.parse(fs.readFileSync(path.join(tm.VSCODE, langs.lab.configuration), 'utf8'));
  assert.strictEqual(labConf.comments.lineComment, '//');
  assert.deepStrictEqual(labConf.comments.blockComment, ['/*', '*/']);
  const word = new RegExp(labConf.wordPattern);
  assert.strictEqual('x gpu-01 y'.match(new RegExp(labConf.wordPattern, 'g'))[1], 'gpu-01');
  assert.ok(word.test('512MiB'));
});

test('package.json: the language server is `labc lsp`, its path a setting, its client a dependency', () => {
  assert.strictEqual(pkg.main, './extension.js');
  assert.ok(fs.existsSync(path.join(tm.VSCODE, pkg.main)));
  assert.ok(pkg.activationEvents.includes('onLanguage:lab'));
  assert.ok(pkg.engines.vscode, 'engines.vscode');
  assert.ok(pkg.dependencies['vscode-languageclient'], 'vscode-languageclient is a dependency');
  assert.strictEqual(pkg.contributes.configuration.properties['labc.path'].default, 'labc');
});

/** Loads extension.js with `vscode` and `vscode-languageclient/node` replaced by recording fakes. */
function loadExtensionWithFakes(settings) {
  const log = [];
  const listeners = [];
  const fakeVscode = {
    workspace: {
      getConfiguration: (section) => ({ get: (key) => settings[`${section}.${key}`] }),
      createFileSystemWatcher: (glob) => ({ glob }),
      onDidChangeConfiguration: (fn) => { listeners.push(fn); return { dispose() {} }; },
    },
    window: { showErrorMessage: (m) => log.push(['error', m]) },
  };
  class LanguageClient {
    constructor(id, name, server, client) { this.server = server; this.client = client; log.push(['new', id, server, client]); }
    async start() { log.push(['start', this.server.command]); }
    async stop() { log.push(['stop', this.server.command]); }
  }
  const fakeClient = { LanguageClient, TransportKind: { stdio: 0, ipc: 1 } };
  const file = require.resolve(path.join(tm.VSCODE, 'extension.js'));
  delete require.cache[file];
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return fakeVscode;
    if (request === 'vscode-languageclient/node') return fakeClient;
    return load.call(this, request, ...rest);
  };
  try {
    return { ext: require(file), log, listeners };
  } finally {
    Module._load = load;
  }
}

test('extension.js launches `<labc.path> lsp` over stdio for lab documents, and restarts on a new path', async () => {
  const settings = { 'labc.path': '/opt/labc/bin/labc' };
  const { ext, log, listeners } = loadExtensionWithFakes(settings);
  const context = { subscriptions: [] };
  await ext.activate(context);
  const created = log.find((e) => e[0] === 'new');
  assert.ok(created, 'a LanguageClient was created');
  assert.deepStrictEqual(created[2], { command: '/opt/labc/bin/labc', args: ['lsp'], transport: 0 });
  assert.ok(created[3].documentSelector.some((d) => d.language === 'lab'));
  assert.deepStrictEqual(log.filter((e) => e[0] === 'start'), [['start', '/opt/labc/bin/labc']]);
  settings['labc.path'] = 'labc2';
  await listeners[0]({ affectsConfiguration: (k) => k === 'labc.path' });
  assert.deepStrictEqual(log.filter((e) => e[0] !== 'new').slice(1), [['stop', '/opt/labc/bin/labc'], ['start', 'labc2']]);
  await ext.deactivate();
  assert.deepStrictEqual(log[log.length - 1], ['stop', 'labc2']);
});

test('extension.js defaults to `labc` on the PATH', () => {
  const { ext } = loadExtensionWithFakes({});
  assert.strictEqual(ext.serverOptions({ get: () => undefined }).command, 'labc');
});

// ---------------------------------------------------------------- heredoc escapes (the table the compiler's test reads too)

const HEREDOC_TABLE = path.join(tm.EDITORS, 'tests', 'heredoc-escapes.tsv');
for (const row of fs.readFileSync(HEREDOC_TABLE, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))) {
  const [body, want] = row.split('\t');
  test(`heredoc escapes (editors/tests/heredoc-escapes.tsv): ${body}`, async () => {
    const tokens = await tm.tokenize('source.lab', `x = <<EOT\n${body}\nEOT\n`, { all: true });
    const got = [...body].map(() => '?');
    for (const t of tokens.filter((t) => t.line === 2)) {
      const k = t.scopes.some((s) => s.startsWith('meta.interpolation')) ? 'i'
        : t.scopes.some((s) => s.startsWith('constant.character.escape')) ? 'e' : 't';
      for (let c = t.col - 1; c < t.col - 1 + t.text.length; c++) got[c] = k;
    }
    assert.strictEqual(got.join(''), want, 'classes per character: t text, e escape, i interpolation');
  });
}

// ---------------------------------------------------------------- runner

(async () => {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    try {
      await t.fn();
      passed++;
      console.log(`ok - textmate: ${t.name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - textmate: ${t.name}\n  ${String(e.message || e).split('\n').join('\n  ')}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();
