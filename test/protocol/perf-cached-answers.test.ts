/**
 * Answers the server keeps per document version: the outline asked for twice is the same, a new
 * version gets a new one, and an open document edited while requests are answered still reaches
 * workspace/symbol (the index waits for requests, never forever).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkspaceSymbolRequest, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { corpusLetter, docUri, SEED_000 } from './support/fixtures';
import { clientCapabilities, startClient } from './support/lspClient';

test('the outline of one version is answered the same twice; an edit gives the edited outline', async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ hierarchical: true }) });
  const text = corpusLetter(SEED_000);
  const uri = docUri('perf-cached.txt');
  await client.open(uri, text);
  const first = (await client.documentSymbols(uri)) as DocumentSymbol[];
  const again = (await client.documentSymbols(uri)) as DocumentSymbol[];
  assert.ok(first.length > 0);
  assert.deepEqual(again, first);
  // Two blank lines at the top move every symbol down by two lines.
  await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' }]);
  const edited = (await client.documentSymbols(uri)) as DocumentSymbol[];
  assert.equal(edited.length, first.length);
  const shift = (s: DocumentSymbol): DocumentSymbol => ({
    ...s,
    range: { start: { ...s.range.start, line: s.range.start.line + 2 }, end: { ...s.range.end, line: s.range.end.line + 2 } },
    selectionRange: { start: { ...s.selectionRange.start, line: s.selectionRange.start.line + 2 }, end: { ...s.selectionRange.end, line: s.selectionRange.end.line + 2 } },
    children: s.children?.map(shift),
  });
  assert.deepEqual(edited, first.map(shift));
  await client.shutdown();
});

test('an open document edited between requests is found by workspace/symbol', async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ hierarchical: true }) });
  const uri = docUri('perf-indexed.txt');
  await client.open(uri, corpusLetter(SEED_000));
  await client.pullDiagnostics(uri);
  await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
  // Requests keep coming for a while: the index waits, then catches up (workspace/symbol also brings it up to date).
  for (let i = 0; i < 5; i++) await client.documentSymbols(uri);
  const answer = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
  assert.ok(Array.isArray(answer) && answer.some((s) => 'location' in s && s.location.uri === uri), 'the open document is indexed');
  await client.shutdown();
});
