// Starts `labc lsp` (JSON-RPC over stdio) as the language server for .lab files.
// Highlighting needs none of this: the grammars are declared in package.json.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** The server's launch description, from the `labc.path` setting. */
function serverOptions(config) {
  const command = (config.get('path') || 'labc').trim() || 'labc';
  return { command, args: ['lsp'], transport: TransportKind.stdio };
}

function clientOptions() {
  return {
    documentSelector: [{ scheme: 'file', language: 'lab' }, { scheme: 'untitled', language: 'lab' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.lab') },
  };
}

async function start() {
  const config = vscode.workspace.getConfiguration('labc');
  if (config.get('lsp.enabled') === false) return;
  client = new LanguageClient('labc', 'labc', serverOptions(config), clientOptions());
  try {
    await client.start();
  } catch (e) {
    const path = serverOptions(config).command;
    vscode.window.showErrorMessage(`labc: could not start \`${path} lsp\` (${e.message}); set labc.path to the labc executable.`);
  }
}

async function stop() {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('labc.path') || e.affectsConfiguration('labc.lsp.enabled')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, serverOptions };
