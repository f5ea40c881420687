/**
 * Clients that cannot answer workspace/configuration (Neovim 0.7 declares no such capability) push
 * their settings with workspace/didChangeConfiguration; the server applies the imrDetermination
 * part of them, nested or with VS Code's dotted keys, and falls back to the defaults on null.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigurationRequest } from 'vscode-languageserver-protocol/node';
import { codes, corpusLetter, describeDiagnostics, docUri, SEED_000, SEED_000_CODES, SEED_000_OTHER_CODES } from './support/fixtures';
import { clientCapabilities, startClient } from './support/lspClient';

test('settings pushed with didChangeConfiguration apply to a client without workspace/configuration', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true, configuration: false }) });
  const uri = docUri('pushed-settings.txt');
  await client.open(uri, corpusLetter(SEED_000));
  assert.deepEqual(codes(await client.pullDiagnostics(uri)), SEED_000_CODES, 'defaults before any settings');

  await client.changeConfiguration({ imrDetermination: { validate: { chapterMismatch: 'ignore' } } });
  let found = await client.pullDiagnostics(uri);
  assert.deepEqual(codes(found), SEED_000_OTHER_CODES, describeDiagnostics(found));

  await client.changeConfiguration({ 'imrDetermination.validate.chapterMismatch': 'ignore', 'imrDetermination.validate.mtusBasisContradiction': 'ignore' });
  assert.deepEqual(await client.pullDiagnostics(uri), [], 'dotted keys');

  await client.changeConfiguration({ 'imrDetermination.maxDocumentSize': 100 });
  found = await client.pullDiagnostics(uri);
  assert.deepEqual(codes(found), ['document-too-large'], describeDiagnostics(found));

  await client.changeConfiguration(null);
  assert.deepEqual(codes(await client.pullDiagnostics(uri)), SEED_000_CODES, 'null settings mean the defaults');
  assert.deepEqual(client.requestsOf(ConfigurationRequest.method), [], 'the server must not ask a client that cannot answer');
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a client that answers workspace/configuration is asked, whatever didChangeConfiguration carries', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }), configuration: {} });
  const uri = docUri('asked-settings.txt');
  await client.open(uri, corpusLetter(SEED_000));
  await client.changeConfiguration({ imrDetermination: { validate: { chapterMismatch: 'ignore' } } });
  // The answer to workspace/configuration ({}: defaults) wins over the pushed payload.
  assert.deepEqual(codes(await client.pullDiagnostics(uri)), SEED_000_CODES);
  assert.ok(client.requestsOf(ConfigurationRequest.method).length > 0);
  assert.equal(await client.shutdown(), 0);
});
