/** 9. didClose clears pushed diagnostics; shutdown + exit ends the process. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codes, docUri, sample } from './support/fixtures';
import { clientCapabilities, startClient } from './support/lspClient';

test('didClose (push mode) publishes an empty list for that uri, and nothing stale afterwards', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: false }) });
  const uri = docUri('drafting-problems.txt');
  await client.open(uri, sample('drafting-problems.txt'), 1);
  const opened = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.equal(opened.diagnostics.length, 3);

  const before = client.published.length;
  await client.close(uri);
  const cleared = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  assert.deepEqual(cleared.diagnostics, []);
  assert.ok(client.published.indexOf(cleared) >= before, 'the empty list must come after the close');

  // Open and close at once, inside the server's debounce: the pending run must not publish after the close.
  const quick = docUri('quick.txt');
  await client.open(quick, sample('drafting-problems.txt'), 1);
  await client.close(quick);
  await client.waitForDiagnostics(quick, (p) => p.diagnostics.length === 0);
  // Barrier: a document opened later is analysed after anything still pending for `quick`.
  const barrier = docUri('barrier.txt');
  await client.open(barrier, sample('chapter-mismatch.txt'), 1);
  const b = await client.waitForDiagnostics(barrier, (p) => p.version === 1);
  assert.deepEqual(codes(b.diagnostics), ['chapter-mismatch', 'chapter-mismatch']);
  // (Had the debounce fired before the close arrived, diagnostics may precede the empty list, never follow it.)
  const forQuick = client.published.filter((p) => p.uri === quick).map((p) => p.diagnostics.length);
  assert.equal(forQuick.at(-1), 0, `a closed document got diagnostics published after its close: ${JSON.stringify(forQuick)}`);
  assert.ok(forQuick.indexOf(0) === forQuick.length - 1, `a closed document got diagnostics published after its close: ${JSON.stringify(forQuick)}`);

  // Reopening a closed uri at version 1 with other text is analysed afresh, not served from a stale cache.
  await client.open(uri, sample('clean-2017-layout.txt'), 1);
  const reopened = await client.waitForDiagnostics(uri, (p) => p.version === 1 && client.published.indexOf(p) > client.published.indexOf(cleared));
  assert.deepEqual(reopened.diagnostics, [], 'the reopened document still shows the old text\'s diagnostics');

  assert.equal(await client.shutdown(), 0);
});

test('didClose (pull mode): nothing is pushed; a pull on the closed uri is empty; reopening is analysed afresh', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  const uri = docUri('drafting-problems.txt');
  await client.open(uri, sample('drafting-problems.txt'), 1);
  assert.equal((await client.pullDiagnostics(uri)).length, 3);
  await client.close(uri);
  assert.deepEqual(await client.pullDiagnostics(uri), []);
  await client.open(uri, sample('clean-2017-layout.txt'), 1);
  assert.deepEqual(await client.pullDiagnostics(uri), []);
  assert.equal((await client.documentSymbols(uri))?.length, 4, 'header + three sections of the clean letter');
  assert.deepEqual(client.published, []);
  assert.equal(await client.shutdown(), 0);
});

test('shutdown then exit: the process ends with code 0 within a few seconds', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities() });
  const uri = docUri('open-at-shutdown.txt');
  await client.open(uri, sample('drafting-problems.txt'));
  const started = Date.now();
  const code = await client.shutdown(3_000);
  assert.equal(code, 0, client.describeServer());
  assert.ok(Date.now() - started < 3_000);
  assert.equal(client.alive, false);
});

test('exit without shutdown: the process ends with code 1', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities() });
  assert.equal(await client.exitWithoutShutdown(3_000), 1, client.describeServer());
});

test('the client goes away (stdin closed): the server does not linger', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities() });
  client.closeInput();
  const code = await client.waitForExit(3_000);
  assert.notEqual(code, null, 'the server was killed by a signal instead of exiting');
});
