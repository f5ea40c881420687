/** 7. Settings from workspace/configuration (section imrDetermination), including a null answer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CancellationTokenSource,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  DiagnosticSeverity,
  DocumentDiagnosticRequest,
  LSPErrorCodes,
  ResponseError,
  type ConfigurationParams,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { codes, corpusLetter, describeDiagnostics, docUri, ofCode, sample, SEED_000, SEED_000_CODES, SEED_000_OTHER_CODES } from './support/fixtures';
import { clientCapabilities, startClient, type ConfigurationAnswer, type LspClient } from './support/lspClient';

async function seedDiagnostics(client: LspClient): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = docUri('seed-000.txt');
  await client.open(uri, corpusLetter(SEED_000));
  return { uri, diagnostics: await client.pullDiagnostics(uri) };
}

function pullClient(t: { after(fn: () => void): void }, configuration: ConfigurationAnswer): Promise<LspClient> {
  return startClient(t, { name: `configuration ${JSON.stringify(configuration)}`, capabilities: clientCapabilities({ pull: true }), configuration });
}

test('a null configuration answer gives the defaults, and the server asked for the imrDetermination section of the document', { timeout: 10_000 }, async (t) => {
  const client = await pullClient(t, null);
  const { uri, diagnostics } = await seedDiagnostics(client);
  assert.deepEqual(codes(diagnostics), SEED_000_CODES, describeDiagnostics(diagnostics));
  assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Warning), describeDiagnostics(diagnostics));
  const asked = client.requestsOf(ConfigurationRequest.method).map((r) => r.params as ConfigurationParams);
  assert.ok(asked.length >= 1, 'the server never sent workspace/configuration, so this test proves nothing about a null answer');
  assert.ok(
    asked.some((p) => p.items.some((i) => i.section === 'imrDetermination' && i.scopeUri === uri)),
    `configuration requests: ${JSON.stringify(asked)}`,
  );
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('chapterMismatch: ignore switches the check off', { timeout: 10_000 }, async (t) => {
  const client = await pullClient(t, { validate: { chapterMismatch: 'ignore' } });
  const { diagnostics } = await seedDiagnostics(client);
  assert.deepEqual(ofCode(diagnostics, 'chapter-mismatch'), [], describeDiagnostics(diagnostics));
  assert.deepEqual(codes(diagnostics), SEED_000_OTHER_CODES);
  assert.equal(await client.shutdown(), 0);
});

test('validate.enabled: false reports nothing at all, pulled or pushed', { timeout: 10_000 }, async (t) => {
  const configuration = { validate: { enabled: false } };
  const [pull, push] = await Promise.all([
    pullClient(t, configuration),
    startClient(t, { name: 'push, disabled', capabilities: clientCapabilities({ pull: false }), configuration }),
  ]);
  const { diagnostics } = await seedDiagnostics(pull);
  assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
  const drafting = docUri('drafting-problems.txt');
  await pull.open(drafting, sample('drafting-problems.txt'));
  assert.deepEqual(await pull.pullDiagnostics(drafting), []);

  await push.open(drafting, sample('drafting-problems.txt'), 1);
  const published = await push.waitForDiagnostics(drafting, (p) => p.version === 1);
  assert.deepEqual(published.diagnostics, [], describeDiagnostics(published.diagnostics));
  assert.deepEqual(await Promise.all([pull.shutdown(), push.shutdown()]), [0, 0]);
});

test('chapterMismatch: error reports at severity 1', { timeout: 10_000 }, async (t) => {
  const client = await pullClient(t, { validate: { chapterMismatch: 'error' } });
  const { diagnostics } = await seedDiagnostics(client);
  const mismatches = ofCode(diagnostics, 'chapter-mismatch');
  assert.equal(mismatches.length, 2, describeDiagnostics(diagnostics));
  for (const d of mismatches) assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(await client.shutdown(), 0);
});

test('invalid values and non-object answers fall back to the defaults', { timeout: 10_000 }, async (t) => {
  const answers: ConfigurationAnswer[] = [
    { validate: { chapterMismatch: 'loud', missingField: 42, enabled: 'no' } },
    'imr',
    [1, 2],
    { validate: null },
    17,
    // The client answers the request with an error.
    () => {
      throw new Error('no settings here');
    },
  ];
  const clients = await Promise.all(answers.map((a) => pullClient(t, a)));
  for (const client of clients) {
    const { diagnostics } = await seedDiagnostics(client);
    assert.deepEqual(codes(diagnostics), SEED_000_CODES, `${client.name}:\n${describeDiagnostics(diagnostics)}`);
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Warning), `${client.name}:\n${describeDiagnostics(diagnostics)}`);
  }
  assert.deepEqual(await Promise.all(clients.map((c) => c.shutdown())), clients.map(() => 0));
});

test('a client without workspace.configuration is never asked and gets the defaults', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true, configuration: false }), configuration: { validate: { enabled: false } } });
  const { diagnostics } = await seedDiagnostics(client);
  assert.deepEqual(codes(diagnostics), SEED_000_CODES, describeDiagnostics(diagnostics));
  assert.deepEqual(client.requestsOf(ConfigurationRequest.method), []);
  assert.equal(await client.shutdown(), 0);
});

test('didChangeConfiguration: pull clients get a refresh and the new level; push clients get new diagnostics', { timeout: 15_000 }, async (t) => {
  const [pull, push] = await Promise.all([
    pullClient(t, {}),
    startClient(t, { name: 'push', capabilities: clientCapabilities({ pull: false }), configuration: {} }),
  ]);
  const { uri } = await seedDiagnostics(pull);
  assert.ok(ofCode(await pull.pullDiagnostics(uri), 'chapter-mismatch').every((d) => d.severity === DiagnosticSeverity.Warning));

  pull.configuration = { validate: { chapterMismatch: 'error' } };
  const from = pull.serverRequests.length;
  await pull.changeConfiguration(null);
  await pull.waitForServerRequest(DiagnosticRefreshRequest.method, 5_000, from);
  const after = ofCode(await pull.pullDiagnostics(uri), 'chapter-mismatch');
  assert.equal(after.length, 2);
  assert.ok(after.every((d) => d.severity === DiagnosticSeverity.Error), `cached settings survived the change:\n${describeDiagnostics(after)}`);

  const pushed = docUri('seed-000.txt');
  await push.open(pushed, corpusLetter(SEED_000), 1);
  const before = await push.waitForDiagnostics(pushed, (p) => p.version === 1);
  assert.deepEqual(codes(before.diagnostics), SEED_000_CODES);
  push.configuration = { validate: { chapterMismatch: 'ignore' } };
  await push.changeConfiguration(null);
  const republished = await push.waitForDiagnostics(pushed, (p) => p.version === 1 && ofCode(p.diagnostics, 'chapter-mismatch').length === 0);
  assert.deepEqual(codes(republished.diagnostics), SEED_000_OTHER_CODES);
  assert.deepEqual(await Promise.all([pull.shutdown(), push.shutdown()]), [0, 0]);
});

/** A client that receives workspace/configuration and never answers it. */
const NEVER: ConfigurationAnswer = () => new Promise<never>(() => undefined);

test('a client that never answers workspace/configuration gets diagnostics with the defaults after a while, pulled or pushed', { timeout: 30_000 }, async (t) => {
  const pull = await startClient(t, { name: 'silent pull', capabilities: clientCapabilities({ pull: true }), configuration: NEVER });
  const push = await startClient(t, { name: 'silent push', capabilities: clientCapabilities({ pull: false }), configuration: NEVER });
  const uri = docUri('silent.txt');
  const text = corpusLetter(SEED_000);
  await pull.open(uri, text);
  await push.open(uri, text);
  const [pulled, pushed] = await Promise.all([pull.pullDiagnostics(uri, 20_000), push.waitForDiagnostics(uri, (p) => p.version === 1, 20_000)]);
  assert.deepEqual(codes(pulled), SEED_000_CODES, describeDiagnostics(pulled));
  assert.deepEqual(codes(pushed.diagnostics), SEED_000_CODES, describeDiagnostics(pushed.diagnostics));
  assert.ok(pull.requestsOf(ConfigurationRequest.method).length >= 1, 'the server never asked, so this proves nothing');
  // The defaults are kept for the document: the next pull is answered at once.
  const started = Date.now();
  assert.deepEqual(codes(await pull.pullDiagnostics(uri, 20_000)), SEED_000_CODES);
  assert.ok(Date.now() - started < 2_000, `the second pull took ${Date.now() - started} ms`);
  assert.deepEqual([...pull.errorLogs(), ...push.errorLogs()], []);
  assert.deepEqual(await Promise.all([pull.shutdown(), push.shutdown()]), [0, 0]);
});

test('a pull cancelled while the server waits for settings that never come is answered at once with RequestCancelled', { timeout: 30_000 }, async (t) => {
  const client = await startClient(t, { name: 'silent, cancelling', capabilities: clientCapabilities({ pull: true }), configuration: NEVER });
  const uri = docUri('silent-cancel.txt');
  const asked = client.serverRequests.length;
  await client.open(uri, corpusLetter(SEED_000));
  const source = new CancellationTokenSource();
  const reply = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token);
  await client.waitForServerRequest(ConfigurationRequest.method, 5_000, asked);
  const cancelled = Date.now();
  source.cancel();
  const error = await Promise.race([
    reply.then(
      (report) => assert.fail(`a cancelled pull was answered with a result: ${JSON.stringify(report)}`),
      (err: unknown) => err,
    ),
    new Promise((resolve) => setTimeout(() => resolve('no answer'), 2_000)),
  ]);
  assert.ok(error instanceof ResponseError, `the cancelled pull got ${String(error)} within 2 s of the cancellation\n${client.describeServer()}`);
  assert.equal(error.code, LSPErrorCodes.RequestCancelled);
  assert.ok(Date.now() - cancelled < 2_000);
  // The document is still checked, with the defaults, once the server stops waiting.
  assert.deepEqual(codes(await client.pullDiagnostics(uri, 20_000)), SEED_000_CODES);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});
