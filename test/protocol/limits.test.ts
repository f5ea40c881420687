/**
 * Limits over the protocol: a document above imrDetermination.maxDocumentSize
 * keeps its outline and gets one document-too-large notice instead of checks; a
 * document with NUL bytes gets one not-a-letter notice and no findings; a 5 MB
 * single line and a letter of 10,000 items are answered (times printed, not
 * asserted); cancelled diagnostic requests are answered with RequestCancelled before the rules run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import {
  CancellationTokenSource,
  CodeActionRequest,
  ConfigurationRequest,
  DiagnosticSeverity,
  DocumentDiagnosticRequest,
  FoldingRangeRequest,
  LSPErrorCodes,
  ResponseError,
  SemanticTokensRequest,
  SymbolKind,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import {
  assertRangeInDocument,
  assertSymbolTreeWellFormed,
  codes,
  corpusLetter,
  describeDiagnostics,
  docUri,
  ISSUES,
  messageOf,
  SEED_000,
  SEED_000_CODES,
} from './support/fixtures';
import { clientCapabilities, startClient } from './support/lspClient';
import { manyItemsLetter, singleLineText } from '../unit/support/limitTexts';

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const ms = (t0: number) => `${Math.round(performance.now() - t0)} ms`;

/** A cancelled request is answered with the RequestCancelled error (the specification's advice), not with a result. */
async function assertCancelled(reply: Promise<DocumentDiagnosticReport>): Promise<void> {
  const outcome = await reply.then(
    (report) => assert.fail(`a cancelled request was answered with a result: ${JSON.stringify(report)}`),
    (err: unknown) => err,
  );
  assert.ok(outcome instanceof ResponseError, String(outcome));
  assert.equal(outcome.code, LSPErrorCodes.RequestCancelled);
}

function assertNotice(diagnostics: Diagnostic[], code: string, what: string): Diagnostic {
  assert.equal(diagnostics.length, 1, `${what}: expected exactly one ${code} notice\n${describeDiagnostics(diagnostics)}`);
  const [d] = diagnostics;
  assert.equal(d.code, code, describeDiagnostics(diagnostics));
  assert.equal(d.severity, DiagnosticSeverity.Information);
  assert.equal(d.source, 'imr');
  return d;
}

test('above imrDetermination.maxDocumentSize: the outline, and one document-too-large notice naming the size and the setting', { timeout: 20_000 }, async (t) => {
  const text = corpusLetter(SEED_000);
  const bytes = Buffer.byteLength(text, 'utf8');
  const limited = await startClient(t, { name: 'limited', capabilities: clientCapabilities({ pull: true }), configuration: { maxDocumentSize: bytes - 1 } });
  const usual = await startClient(t, { name: 'usual', capabilities: clientCapabilities({ pull: true }) });
  const uri = docUri('seed-limited.txt');
  await limited.open(uri, text);
  await usual.open(uri, text);

  const notice = assertNotice(await limited.pullDiagnostics(uri), 'document-too-large', 'one byte over the limit');
  const message = messageOf(notice);
  assert.ok(message.includes(`${grouped(bytes)} bytes`), `the message should name the size (${grouped(bytes)} bytes): ${message}`);
  assert.ok(message.includes('imrDetermination.maxDocumentSize'), `the message should name the setting: ${message}`);
  assert.match(message, /reduced outline/, 'the message should say that the outline is reduced');
  assertRangeInDocument(text, notice.range, 'notice');
  // The same letter is checked as usual without the limit. Above it the outline is reduced: the
  // sections and items of the full outline, without the fields; folds and tokens without fields and citations.
  assert.deepEqual(codes(await usual.pullDiagnostics(uri)), SEED_000_CODES);
  const full = (await usual.documentSymbols(uri)) as DocumentSymbol[];
  const reduced = (await limited.documentSymbols(uri)) as DocumentSymbol[];
  const withoutFields = (symbols: DocumentSymbol[]): DocumentSymbol[] =>
    symbols.map((s) => ({ ...s, children: s.kind === SymbolKind.Field ? [] : withoutFields((s.children ?? []).filter((c) => c.kind !== SymbolKind.Field)) }));
  assert.ok(JSON.stringify(full).includes(`"kind":${SymbolKind.Field}`), 'the fixture changed: no field symbols in the full outline');
  assert.ok(!JSON.stringify(reduced).includes(`"kind":${SymbolKind.Field}`), 'field symbols in the reduced outline');
  assert.deepEqual(reduced, withoutFields(full));
  const folds = async (c: typeof usual) => (await c.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) ?? [];
  const tokens = async (c: typeof usual) => (await c.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))?.data ?? [];
  const [fullFolds, reducedFolds] = [await folds(usual), await folds(limited)];
  assert.ok(reducedFolds.length > 0 && reducedFolds.length < fullFolds.length, `folds: ${reducedFolds.length} reduced, ${fullFolds.length} in full`);
  assert.ok(reducedFolds.every((f) => fullFolds.some((g) => g.startLine === f.startLine)), 'a reduced fold the full answer does not have');
  const [fullTokens, reducedTokens] = [await tokens(usual), await tokens(limited)];
  assert.ok(reducedTokens.length > 0 && reducedTokens.length < fullTokens.length, `tokens: ${reducedTokens.length / 5} reduced, ${fullTokens.length / 5} in full`);
  // No quick fix for the notice.
  const actions = (await limited.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: notice.range, context: { diagnostics: [notice] } })) as CodeAction[];
  assert.deepEqual(actions, []);

  // At exactly the limit the letter is checked, and its answers are the full ones.
  const exact = await startClient(t, { name: 'exact', capabilities: clientCapabilities({ pull: true }), configuration: { maxDocumentSize: bytes } });
  await exact.open(uri, text);
  assert.deepEqual(codes(await exact.pullDiagnostics(uri)), SEED_000_CODES);
  assert.deepEqual(await exact.documentSymbols(uri), full);
  assert.deepEqual(await folds(exact), fullFolds);
  assert.deepEqual(await tokens(exact), fullTokens);

  // A pushing client (as Neovim 0.7) gets the same notice.
  const push = await startClient(t, { name: 'push', capabilities: clientCapabilities({ pull: false }), configuration: { maxDocumentSize: 100 } });
  await push.open(uri, text);
  const published = await push.waitForDiagnostics(uri, (p) => p.version === 1);
  assertNotice(published.diagnostics, 'document-too-large', 'pushed');
  for (const c of [limited, usual, exact, push]) assert.deepEqual(c.errorLogs(), []);
  assert.deepEqual(await Promise.all([limited, usual, exact, push].map((c) => c.shutdown())), [0, 0, 0, 0]);
});

test('a letter with NUL bytes: one not-a-letter notice instead of findings, and findings again once the NULs are gone', { timeout: 20_000 }, async (t) => {
  const letter = corpusLetter(SEED_000);
  const at = letter.indexOf('CLINICAL CASE SUMMARY');
  const text = `${letter.slice(0, at)}\u0000\u0000${letter.slice(at)}`;
  for (const pull of [true, false]) {
    // The push client answers workspace/configuration with null, as Neovim and eglot do.
    const client = await startClient(t, { name: pull ? 'pull' : 'push', capabilities: clientCapabilities({ pull }), configuration: pull ? {} : null });
    const uri = docUri(`nul-${pull}.txt`);
    await client.open(uri, text);
    const diagnostics = pull ? await client.pullDiagnostics(uri) : (await client.waitForDiagnostics(uri, (p) => p.version === 1)).diagnostics;
    const notice = assertNotice(diagnostics, 'not-a-letter', pull ? 'pulled' : 'pushed');
    assert.match(messageOf(notice), /NUL/);
    const symbols = (await client.documentSymbols(uri)) as DocumentSymbol[];
    assertSymbolTreeWellFormed(text, symbols);

    // Delete the two NULs: the letter is checked again.
    const line = text.slice(0, at).split(/\r\n|\r|\n/).length - 1;
    const column = at - (text.lastIndexOf('\n', at - 1) + 1);
    const version = await client.change(uri, [{ range: { start: { line, character: column }, end: { line, character: column + 2 } }, text: '' }]);
    const after = pull ? await client.pullDiagnostics(uri) : (await client.waitForDiagnostics(uri, (p) => p.version === version)).diagnostics;
    assert.deepEqual(codes(after), SEED_000_CODES, describeDiagnostics(after));
    assert.deepEqual(client.errorLogs(), []);
    assert.equal(await client.shutdown(), 0);
  }
});

test('a 5 MB single line, under the default limit and above it', { timeout: 120_000 }, async (t) => {
  const text = singleLineText(5 * 1024 * 1024);
  assert.ok(!text.includes('\n'));
  for (const [name, configuration] of [
    ['default limit (5,000,000 bytes)', {}],
    ['limit raised to 10,000,000 bytes', { maxDocumentSize: 10_000_000 }],
  ] as const) {
    const client = await startClient(t, { name, capabilities: clientCapabilities({ pull: true }), configuration });
    const uri = docUri('one-line.txt');
    const t0 = performance.now();
    await client.open(uri, text);
    const symbols = await client.documentSymbols(uri, 60_000);
    const outlined = ms(t0);
    const t1 = performance.now();
    const diagnostics = await client.pullDiagnostics(uri, 60_000);
    const checked = ms(t1);
    assert.ok(Array.isArray(symbols));
    for (const d of diagnostics) assertRangeInDocument(text, d.range, `${d.code}`);
    if (name.startsWith('default')) assertNotice(diagnostics, 'document-too-large', name);
    else assert.ok(!diagnostics.some((d) => d.code === 'document-too-large'), describeDiagnostics(diagnostics));
    assert.deepEqual(client.errorLogs(), []);
    assert.equal(await client.shutdown(), 0);
    t.diagnostic(`5 MB single line, ${name}: open + outline ${outlined}, diagnostics ${checked} (${diagnostics.length} diagnostics: ${[...new Set(codes(diagnostics))].join(', ') || 'none'})`);
  }
});


test('a letter with 10,000 items', { timeout: 120_000 }, async (t) => {
  const text = manyItemsLetter(10_000);
  for (const pull of [true, false]) {
    const client = await startClient(t, { name: pull ? 'pull' : 'push', capabilities: clientCapabilities({ pull }) });
    const uri = docUri(`many-${pull}.txt`);
    const t0 = performance.now();
    await client.open(uri, text);
    const symbols = (await client.documentSymbols(uri, 60_000)) as DocumentSymbol[];
    const outlined = ms(t0);
    const issues = symbols.find((s) => s.name === ISSUES);
    assert.equal(issues?.children?.length, 10_000, 'every item in the outline');
    const t1 = performance.now();
    const diagnostics = pull ? await client.pullDiagnostics(uri, 60_000) : (await client.waitForDiagnostics(uri, (p) => p.version === 1, 60_000)).diagnostics;
    const checked = ms(t1);
    for (const d of diagnostics) assertRangeInDocument(text, d.range, `${d.code}`);
    assert.deepEqual(client.errorLogs(), []);
    assert.equal(await client.shutdown(), 0);
    t.diagnostic(
      `10,000 items (${grouped(Buffer.byteLength(text))} bytes), ${pull ? 'pulled' : 'pushed'}: open + outline ${outlined}, diagnostics ${checked} (${diagnostics.length} diagnostics)`,
    );
  }
});

test('a diagnostic request cancelled while the server waits for settings is answered with RequestCancelled', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  client.configuration = () => held.then(() => ({}));
  const uri = docUri('cancel-settings.txt');
  await client.open(uri, corpusLetter(SEED_000));
  const asked = client.serverRequests.length;
  const source = new CancellationTokenSource();
  const reply = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token);
  await client.waitForServerRequest(ConfigurationRequest.method, 5_000, asked);
  source.cancel(); // $/cancelRequest goes out before the settings answer below
  release();
  await assertCancelled(reply);
  // Not cancelled, the same request finds the letter's problems.
  assert.deepEqual(codes(await client.pullDiagnostics(uri)), SEED_000_CODES);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a diagnostic request cancelled at once on a large letter is answered with RequestCancelled, the next one in full', { timeout: 30_000 }, async (t) => {
  // No configuration requests: nothing to wait for but the parse, between which and the rules the token is checked.
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true, configuration: false }) });
  const letter = corpusLetter(SEED_000);
  const text = letter.repeat(Math.ceil((2 * 1024 * 1024) / letter.length));
  const uri = docUri('cancel-big.txt');
  await client.open(uri, text);
  const source = new CancellationTokenSource();
  source.cancel();
  await assertCancelled(client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token));
  const full = await client.pullDiagnostics(uri, 30_000);
  assert.ok(full.length >= SEED_000_CODES.length, describeDiagnostics(full.slice(0, 10)));
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});
