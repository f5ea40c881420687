/** 7. Settings from workspace/configuration (section imrDetermination), including a null answer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigurationRequest, DiagnosticRefreshRequest, DiagnosticSeverity, type ConfigurationParams, type Diagnostic } from 'vscode-languageserver-protocol/node';
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
