/**
 * 9. didClose clears pushed diagnostics; shutdown + exit ends the process. The lifecycle as the
 * specification has it: requests before initialize are refused (ServerNotInitialized), and so are
 * a second initialize and every request after shutdown (InvalidRequest).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import {
  createProtocolConnection,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { codes, docUri, sample } from './support/fixtures';
import { clientCapabilities, REPO_ROOT, SERVER_PATH, startClient } from './support/lspClient';

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

/** The error a request was answered with (fails when it was answered with a result). */
async function errorOf(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  const outcome = await request.then(
    (result) => assert.fail(`answered with a result: ${JSON.stringify(result)}`),
    (err: unknown) => err,
  );
  assert.ok(outcome instanceof ResponseError, String(outcome));
  return outcome;
}

test('after shutdown every request is refused with InvalidRequest, a second shutdown too; exit then ends with 0', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  const uri = docUri('after-shutdown.txt');
  await client.open(uri, sample('drafting-problems.txt'));
  assert.equal((await client.pullDiagnostics(uri)).length, 3);
  await client.connection.sendRequest(ShutdownRequest.type);
  for (const request of [
    client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
    client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }),
    client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }),
    client.connection.sendRequest(ShutdownRequest.type),
  ]) {
    assert.equal((await errorOf(request)).code, ErrorCodes.InvalidRequest);
  }
  await client.connection.sendNotification(ExitNotification.type);
  assert.equal(await client.waitForExit(3_000), 0, client.describeServer());
});

test('a second initialize is refused and changes nothing: the first capabilities stay', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true, hierarchical: true }) });
  const uri = docUri('second-initialize.txt');
  await client.open(uri, sample('drafting-problems.txt'));
  const before = await client.documentSymbols(uri);
  const second = client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: clientCapabilities({ pull: false, hierarchical: false }),
    workspaceFolders: null,
  });
  assert.equal((await errorOf(second)).code, ErrorCodes.InvalidRequest);
  // Still hierarchical symbols and pulled diagnostics, as the first initialize asked.
  assert.deepEqual(await client.documentSymbols(uri), before);
  assert.equal((await client.pullDiagnostics(uri)).length, 3);
  assert.deepEqual(client.published, []);
  assert.equal(await client.shutdown(), 0);
});

test('a request before initialize is refused with ServerNotInitialized; initialize then works', { timeout: 10_000 }, async (t) => {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  t.after(() => connection.dispose());
  const early = connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: docUri('early.txt') } });
  assert.equal((await errorOf(early)).code, ErrorCodes.ServerNotInitialized);
  const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
  assert.ok(result.capabilities.documentSymbolProvider);
  await connection.sendRequest(ShutdownRequest.type);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0);
});
