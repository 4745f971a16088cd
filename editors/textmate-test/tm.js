// Loads the extension's TextMate grammars into the real vscode-textmate engine (with the
// real Oniguruma regex library, as VS Code does) and turns text into scope tokens.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const EDITORS = path.resolve(__dirname, '..');
const VSCODE = path.join(EDITORS, 'vscode');

/** The grammars as the extension contributes them: scopeName -> absolute path. */
function contributedGrammars() {
  const pkg = JSON.parse(fs.readFileSync(path.join(VSCODE, 'package.json'), 'utf8'));
  const out = {};
  for (const g of pkg.contributes.grammars) out[g.scopeName] = path.join(VSCODE, g.path);
  return out;
}

let registryPromise;
function registry() {
  if (!registryPromise) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }));
    const paths = contributedGrammars();
    registryPromise = Promise.resolve(new vsctm.Registry({
      onigLib,
      loadGrammar: async (scopeName) => {
        const p = paths[scopeName];
        if (!p) return null;
        return vsctm.parseRawGrammar(fs.readFileSync(p, 'utf8'), p);
      },
    }));
  }
  return registryPromise;
}

const grammars = new Map();
async function grammar(scopeName) {
  if (!grammars.has(scopeName)) {
    const g = await (await registry()).loadGrammar(scopeName);
    if (!g) throw new Error(`grammar ${scopeName} is not contributed by editors/vscode/package.json`);
    grammars.set(scopeName, g);
  }
  return grammars.get(scopeName);
}

/**
 * Tokens of `text`: {line, col (both 1-based), text, scopes (root scope left out)}.
 * Blank tokens that carry only structural `meta.*` scopes are left out: they say nothing
 * (`all: true` keeps them, for tests that class every character).
 */
async function tokenize(scopeName, text, { all = false } = {}) {
  const g = await grammar(scopeName);
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let stack = vsctm.INITIAL;
  const out = [];
  lines.forEach((line, i) => {
    const r = g.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const s = line.substring(t.startIndex, Math.min(t.endIndex, line.length));
      const scopes = t.scopes.slice(1);
      if (s === '' || (!all && s.trim() === '' && scopes.every((x) => x.startsWith('meta.')))) continue;
      out.push({ line: i + 1, col: t.startIndex + 1, text: s, scopes });
    }
    stack = r.ruleStack;
  });
  return out;
}

function snapshotText(tokens) {
  return tokens.map((t) => `${t.line}:${t.col} ${JSON.stringify(t.text)} ${t.scopes.join(' ') || '-'}`).join('\n') + '\n';
}

module.exports = { tokenize, snapshotText, contributedGrammars, EDITORS, VSCODE };
