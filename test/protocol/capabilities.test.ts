/** 1. initialize: the capabilities the server announces depend on what the client declares. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocumentSyncKind, type InitializeResult, type TextDocumentSyncOptions } from 'vscode-languageserver-protocol/node';
import { clientCapabilities, startClient } from './support/lspClient';

function syncOptions(result: InitializeResult): TextDocumentSyncOptions {
  const sync = result.capabilities.textDocumentSync;
  assert.ok(sync !== undefined, 'textDocumentSync missing');
  return typeof sync === 'number' ? { change: sync, openClose: sync !== TextDocumentSyncKind.None } : sync;
}

test('initialize announces incremental sync, document symbols, and pull diagnostics only for pull clients', { timeout: 15_000 }, async (t) => {
  const [pull, push, bare, emptyDiagnostic] = await Promise.all([
    startClient(t, { name: 'pull', capabilities: clientCapabilities({ pull: true }) }),
    startClient(t, { name: 'push', capabilities: clientCapabilities({ pull: false }) }),
    startClient(t, { name: 'bare', capabilities: {} }),
    // `textDocument.diagnostic: {}` still declares pull support (all its properties are optional).
    startClient(t, { name: 'empty diagnostic', capabilities: { textDocument: { diagnostic: {} } } }),
  ]);

  for (const client of [pull, push, bare, emptyDiagnostic]) {
    const result = client.initializeResult!;
    const sync = syncOptions(result);
    assert.equal(sync.change, TextDocumentSyncKind.Incremental, `${client.name}: textDocumentSync.change`);
    assert.equal(sync.change, 2);
    assert.equal(sync.openClose, true, `${client.name}: textDocumentSync.openClose`);
    assert.ok(result.capabilities.documentSymbolProvider, `${client.name}: documentSymbolProvider missing`);
    assert.equal(result.serverInfo?.name, 'imr-language-server');
  }

  for (const client of [pull, emptyDiagnostic]) {
    const provider = client.initializeResult!.capabilities.diagnosticProvider;
    assert.ok(provider, `${client.name}: diagnosticProvider missing although the client declared textDocument.diagnostic`);
    assert.ok(!('id' in provider && 'documentSelector' in provider), 'expected static DiagnosticOptions, not registration options');
    assert.equal(provider.interFileDependencies, false);
    assert.equal(provider.workspaceDiagnostics, false);
  }
  for (const client of [push, bare]) {
    assert.equal(
      client.initializeResult!.capabilities.diagnosticProvider,
      undefined,
      `${client.name}: diagnosticProvider announced to a client without textDocument.diagnostic`,
    );
  }

  const codes = await Promise.all([pull, push, bare, emptyDiagnostic].map((c) => c.shutdown()));
  assert.deepEqual(codes, [0, 0, 0, 0]);
});
