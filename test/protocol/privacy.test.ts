/**
 * Privacy: letters are medical records.
 * (a) The bundled server opens no socket, sends no datagram and looks up no
 *     name while it analyses every corpus letter: it runs under a preload
 *     (support/no-network.cjs, `node --require`) that records such calls.
 * (b) No document text reaches the logs at the default log level: a marker
 *     string put into a letter never appears in window/logMessage, any other
 *     notification the server sends unasked, or stderr, also when requests fail
 *     inside the server's guard or the client sends malformed messages.
 * (c) The extension declares that it works in untrusted and virtual workspaces.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  CodeActionRequest,
  DocumentSymbolRequest,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import { CORPUS, corpusLetter, docUri, SEED_000, SEED_000_ITEMS } from './support/fixtures';
import { clientCapabilities, LspClient, REPO_ROOT, SERVER_PATH } from './support/lspClient';

const PRELOAD = path.join(__dirname, 'support', 'no-network.cjs');

interface NetworkRecord {
  loaded?: number;
  pid?: number;
  call?: string;
  detail?: string;
}

function readRecords(file: string): NetworkRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as NetworkRecord);
}

/** Runs `fn` with NODE_OPTIONS set so that every Node process started meanwhile loads the preload. */
async function withPreload<T>(log: string, fn: () => Promise<T>): Promise<T> {
  const saved = { options: process.env.NODE_OPTIONS, log: process.env.IMR_NETWORK_LOG };
  process.env.NODE_OPTIONS = `${saved.options ?? ''} --require ${PRELOAD}`.trim();
  process.env.IMR_NETWORK_LOG = log;
  try {
    return await fn();
  } finally {
    if (saved.options === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved.options;
    if (saved.log === undefined) delete process.env.IMR_NETWORK_LOG;
    else process.env.IMR_NETWORK_LOG = saved.log;
  }
}

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['seeds', 'letters', 'reading-order']) {
    for (const f of readdirSync(path.join(CORPUS, dir)).sort()) if (f.endsWith('.txt')) out.push(`${dir}/${f}`);
  }
  return out;
}

test('the network recorder records what it is meant to (control)', { timeout: 20_000 }, () => {
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'imr-net-')), 'calls.jsonl');
  const script = `
    const done = () => setTimeout(() => process.exit(0), 200);
    require('node:net').connect(9, '127.0.0.1').on('error', () => {});
    require('node:http').request('http://127.0.0.1:9/').on('error', () => {}).end();
    require('node:dns').lookup('localhost', () => {});
    fetch('http://127.0.0.1:9/').catch(() => {});
    const s = require('node:dgram').createSocket('udp4');
    s.send('x', 9, '127.0.0.1', () => { s.close(); done(); });`;
  const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', script], { env: { ...process.env, IMR_NETWORK_LOG: log }, encoding: 'utf8', timeout: 15_000 });
  assert.equal(r.status, 0, r.stderr);
  const calls = new Set(readRecords(log).map((x) => x.call));
  for (const c of ['net.Socket.connect', 'http.request', 'dns.lookup', 'fetch', 'dgram.Socket.send']) assert.ok(calls.has(c), `${c} was not recorded; got ${[...calls].join(', ')}`);
});

test('no network call while every corpus letter is opened, outlined, checked and fixed', { timeout: 60_000 }, async (t) => {
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'imr-net-')), 'calls.jsonl');
  const files = corpusFiles();
  assert.ok(files.length > 50, `expected the corpus letters, found ${files.length}`);
  const { pull, push, pullPid, pushPid } = await withPreload(log, async () => {
    const pull = await LspClient.start({ name: 'pull', capabilities: clientCapabilities({ pull: true }) });
    t.after(() => pull.kill());
    const push = await LspClient.start({ name: 'push', capabilities: clientCapabilities({ pull: false, hierarchical: false }), configuration: null });
    t.after(() => push.kill());
    return { pull, push, pullPid: pull.pid, pushPid: push.pid };
  });
  let symbols = 0;
  let diagnostics = 0;
  let actions = 0;
  for (const name of files) {
    const text = corpusLetter(name);
    const uri = docUri(path.basename(name));
    await pull.open(uri, text);
    symbols += (await pull.documentSymbols(uri))?.length ?? 0;
    const found = await pull.pullDiagnostics(uri);
    diagnostics += found.length;
    if (found.length > 0) {
      const answer = (await pull.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: found[0].range,
        context: { diagnostics: found },
      })) as CodeAction[] | null;
      actions += answer?.length ?? 0;
    }
    await pull.close(uri);
    const pushUri = docUri(`push-${path.basename(name)}`);
    await push.open(pushUri, text);
    await push.waitForDiagnostics(pushUri, (p) => p.version === 1, 10_000);
    await push.documentSymbols(pushUri);
  }
  assert.ok(symbols > files.length && diagnostics > 0 && actions > 0, `the letters were analysed (${symbols} symbols, ${diagnostics} diagnostics, ${actions} code actions)`);
  assert.equal(await pull.shutdown(), 0);
  assert.equal(await push.shutdown(), 0);

  const records = readRecords(log);
  // The preload ran in both servers, so an empty record means no call, not no recorder.
  for (const pid of [pullPid, pushPid]) assert.ok(records.some((r) => r.loaded === pid), `the preload did not run in server ${pid}: ${JSON.stringify(records)}`);
  const calls = records.filter((r) => r.call !== undefined);
  assert.deepEqual(calls, [], `the server reached for the network:\n${calls.map((c) => JSON.stringify(c)).join('\n')}`);
  t.diagnostic(`${files.length} letters: ${symbols} top-level symbols, ${diagnostics} diagnostics, ${actions} code actions, 0 network calls`);
});

const MARKER = 'QZX-PRIVATE-7F3A91';

/** The seed letter with the marker in an item title, a rationale and the case summary. */
function markedLetter(): string {
  const text = corpusLetter(SEED_000);
  const marked = text
    .replace(SEED_000_ITEMS[0], `${SEED_000_ITEMS[0]} ${MARKER}`)
    .replace('Decision rationale:', `Decision rationale: ${MARKER} says`)
    .replace('The expert reviewer developed', `The expert reviewer ${MARKER} developed`);
  assert.equal(marked.split(MARKER).length - 1, 3, 'the fixture changed: the marker was not placed three times');
  return marked;
}

function findName(symbols: DocumentSymbol[], needle: string): boolean {
  return symbols.some((s) => s.name.includes(needle) || (s.detail ?? '').includes(needle) || findName(s.children ?? [], needle));
}

test('no document text in logs at the default log level, also when requests fail', { timeout: 30_000 }, async (t) => {
  const text = markedLetter();
  // trace.server off, as by default; the client also turns protocol tracing off.
  const client = await LspClient.start({ name: 'marker', capabilities: clientCapabilities({ pull: true }), configuration: { trace: { server: 'off' } } });
  t.after(() => client.kill());
  const unasked: Array<{ method: string; params: unknown }> = [];
  // Every notification without a handler of its own ($/logTrace, window/showMessage, telemetry/event, ...).
  // ProtocolConnection's type omits the star handler that its connection has.
  (client.connection as unknown as MessageConnection).onNotification((method: string, params: unknown) => {
    unasked.push({ method, params });
  });
  await client.connection.sendNotification('$/setTrace', { value: 'off' });

  const uri = docUri('marked.txt');
  await client.open(uri, text);
  const symbols = (await client.documentSymbols(uri)) as DocumentSymbol[];
  assert.ok(findName(symbols, MARKER), 'the marker should reach the outline: the marked text was analysed');
  const found: Diagnostic[] = await client.pullDiagnostics(uri);
  await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: found[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: found } });
  await client.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: `${MARKER}\n` }]);
  await client.pullDiagnostics(uri);

  // Requests that fail inside the guard: malformed parameters carrying the marker.
  await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: found[0].range, context: { diagnostics: null } } as never);
  await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: found[0].range,
    context: { diagnostics: [{ source: 'imr', code: 'chapter-mismatch', message: MARKER, range: { start: null, end: MARKER }, data: { marker: MARKER, citation: MARKER } }] },
  } as never).catch(() => undefined);
  await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: `file:///${MARKER}.txt` } });
  // A malformed open: the document's text is not even a string.
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: docUri('bad.txt'), languageId: 'imr-determination', version: 1, text: { marker: MARKER } } });
  await client.pullDiagnostics(uri);
  await client.close(uri);
  assert.equal(await client.shutdown(), 0);

  assert.ok(client.errorLogs().length > 0, 'the malformed requests should have failed inside the guard (and been logged)');
  const logged = [...client.logMessages.map((m) => m.message), ...unasked.map((n) => JSON.stringify(n)), client.stderr];
  const leaks = logged.filter((m) => m.includes(MARKER));
  assert.deepEqual(leaks, [], 'document text reached the logs');
  // Parts of the letter other than the marker must not be logged either.
  for (const phrase of ['Cervical Spine', 'MAXIMUS guideline', 'CLINICAL CASE SUMMARY']) {
    assert.ok(!logged.some((m) => m.includes(phrase)), `"${phrase}" from the letter reached the logs`);
  }
  t.diagnostic(`${client.logMessages.length} log messages (${client.errorLogs().length} errors), ${unasked.length} other notifications, ${client.stderr.length} characters of stderr: no document text`);
});

test('malformed JSON and frames carrying document text are not echoed to logs or stderr', { timeout: 15_000 }, async () => {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdin.write(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}, ${MARKER}`));
  child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: MARKER } })));
  child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: `imr/${MARKER}`, params: { text: MARKER } })));
  await new Promise((r) => setTimeout(r, 500));
  child.stdin.end();
  const code = await exited;
  assert.notEqual(code, null, 'the server should end by itself when its input closes');
  // Responses may name the unknown method (the client's own words); logs and stderr name no text.
  const logs = stdout
    .split(/Content-Length: \d+\r\n\r\n/)
    .filter((m) => m.includes('"window/logMessage"') || m.includes('"$/logTrace"') || m.includes('"window/showMessage"'));
  assert.deepEqual(logs.filter((m) => m.includes(MARKER)), [], 'a log message carries the marker');
  assert.ok(!stderr.includes(MARKER), `stderr carries the marker:\n${stderr}`);
});

test('malformed messages after initialize: their kind is logged, never their content', { timeout: 15_000 }, async () => {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const send = (message: unknown) => {
    const body = JSON.stringify(message);
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const uri = docUri('malformed.txt');
  const text = `CLINICAL CASE SUMMARY\nThe injured worker ${MARKER} has pain.\n`;
  send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'imr-determination', version: 1, text } } });
  // Neither a request, a notification nor a response: the library logged it whole, as JSON.
  send({ jsonrpc: '2.0', params: { textDocument: { uri, text } } });
  // An error response without an id: the library logged its body.
  send({ jsonrpc: '2.0', id: null, error: { code: -32603, message: text, data: { text } } });
  // A change with a broken range, one that is not a list, an open with parameters by position.
  send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: null }, text }] } });
  send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: 3 }, contentChanges: { text } } });
  send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: [{ textDocument: { uri, languageId: 'imr-determination', version: 1, text } }] });
  send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
  send({ jsonrpc: '2.0', method: 'exit' });
  assert.equal(await exited, 0, stderr);
  const logs = stdout
    .split(/Content-Length: \d+\r\n\r\n/)
    .filter((m) => m.includes('"window/logMessage"') || m.includes('"$/logTrace"') || m.includes('"window/showMessage"'));
  assert.ok(logs.length >= 4, `each malformed message should be logged by its kind:\n${logs.join('\n')}`);
  assert.deepEqual(logs.filter((m) => m.includes(MARKER) || m.includes('injured worker')), [], 'a log message carries document text');
  assert.ok(!stderr.includes(MARKER), `stderr carries the marker:\n${stderr}`);
});

test('package.json declares support for untrusted and virtual workspaces', () => {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    capabilities?: { untrustedWorkspaces?: { supported?: unknown }; virtualWorkspaces?: unknown };
  };
  assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
  assert.equal(pkg.capabilities?.virtualWorkspaces, true);
});
