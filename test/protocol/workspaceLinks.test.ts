/**
 * The workspace index over an untrusted repository: symbolic links (to a folder outside, to a
 * file outside, to the parent, to the folder itself), paths through links, events for paths
 * outside the folder, named pipes, and folders whose names end in `.txt`. Every input is made
 * here, in a private temporary folder that holds the workspace and an "outside" folder beside
 * it, so a link that is followed finds a letter of its own instead of the whole disk.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, WorkspaceSymbolRequest, type ClientCapabilities, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { corpusLetter } from './support/fixtures';
import { clientCapabilities, startClient, type LspClient } from './support/lspClient';

/** The workspace's own letter, and the letters that must never be listed. */
const MINE = 'letters/CM16-0249320.txt';
const OUTSIDE = 'letters/CM16-0236380.txt';
const MOVED_IN = 'letters/CM16-0231884.txt';

interface Layout {
  base: string;
  ws: string;
  outside: string;
  wsUri: string;
  file(rel: string): string;
  uri(rel: string): string;
}

/** base/ws (the workspace folder, one letter) and base/outside (a letter the index must not reach). */
function makeLayout(t: { after(fn: () => void): void }): Layout {
  const base = mkdtempSync(path.join(tmpdir(), 'imr-links-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const ws = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  writeFileSync(path.join(ws, 'mine.txt'), corpusLetter(MINE));
  writeFileSync(path.join(outside, 'secret.txt'), corpusLetter(OUTSIDE));
  const file = (rel: string) => path.join(ws, rel);
  return { base, ws, outside, wsUri: pathToFileURL(ws).href, file, uri: (rel) => pathToFileURL(file(rel)).href };
}

function capabilities(): ClientCapabilities {
  const caps = clientCapabilities();
  caps.workspace = { ...caps.workspace, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, symbol: { dynamicRegistration: false } };
  return caps;
}

async function start(t: Parameters<typeof startClient>[0], layout: Layout): Promise<LspClient> {
  return startClient(t, { capabilities: capabilities(), configuration: {}, workspaceFolders: [{ uri: layout.wsUri, name: 'ws' }] });
}

/** workspace/symbol for everything, or 'blocked' when the server does not answer within 8 s. */
async function allSymbols(client: LspClient): Promise<SymbolInformation[] | 'blocked'> {
  let timer: NodeJS.Timeout | undefined;
  const blocked = new Promise<'blocked'>((resolve) => (timer = setTimeout(() => resolve('blocked'), 8_000)));
  try {
    const answer = await Promise.race([client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' }), blocked]);
    if (answer === 'blocked') return answer;
    assert.ok(Array.isArray(answer), `workspace/symbol answered ${JSON.stringify(answer)}`);
    return answer as SymbolInformation[];
  } finally {
    clearTimeout(timer);
  }
}

/** Each symbol as `name @ path relative to the workspace`, sorted: a letter listed twice shows twice. */
async function listed(client: LspClient, layout: Layout): Promise<string[]> {
  const symbols = await allSymbols(client);
  assert.notEqual(symbols, 'blocked', `workspace/symbol was not answered\n${client.describeServer()}`);
  return (symbols as SymbolInformation[])
    .map((s) => `${s.name} @ ${path.relative(layout.ws, decodeURIComponent(new URL(s.location.uri).pathname))}`)
    .sort();
}

async function events(client: LspClient, changes: Array<{ uri: string; type: FileChangeType }>): Promise<void> {
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
}

const ONLY_MINE = ['CM16-0249320 @ mine.txt', 'Left knee MRI without contrast: Upheld @ mine.txt'];

test('a created link to a folder outside (`ln -s <outside> rootlink`) is not followed', { timeout: 30_000 }, async (t) => {
  const layout = makeLayout(t);
  const client = await start(t, layout);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  symlinkSync(layout.outside, layout.file('rootlink'), 'dir');
  await events(client, [{ uri: layout.uri('rootlink'), type: FileChangeType.Created }]);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  // A rescan (settings changed) skips it too.
  await client.changeConfiguration({ files: { exclude: {} } });
  assert.deepEqual(await listed(client, layout), ONLY_MINE, 'after a rescan');
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a created link named like a letter, pointing at a letter outside, is not read', { timeout: 30_000 }, async (t) => {
  const layout = makeLayout(t);
  const client = await start(t, layout);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  symlinkSync(path.join(layout.outside, 'secret.txt'), layout.file('stolen.txt'), 'file');
  await events(client, [
    { uri: layout.uri('stolen.txt'), type: FileChangeType.Created },
    { uri: layout.uri('stolen.txt'), type: FileChangeType.Changed },
  ]);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('an event for a file whose parent folder is a link is not read', { timeout: 30_000 }, async (t) => {
  const layout = makeLayout(t);
  // The link is there from the start: the first scan skips it, the event names a file behind it.
  symlinkSync(layout.outside, layout.file('rootlink'), 'dir');
  const client = await start(t, layout);
  assert.deepEqual(await listed(client, layout), ONLY_MINE, 'the first scan');
  await events(client, [{ uri: layout.uri('rootlink/secret.txt'), type: FileChangeType.Created }]);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('an event for a path outside the folder, also one spelled inside it with `..`, is ignored', { timeout: 30_000 }, async (t) => {
  const layout = makeLayout(t);
  const client = await start(t, layout);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  await events(client, [
    { uri: pathToFileURL(path.join(layout.outside, 'secret.txt')).href, type: FileChangeType.Created },
    { uri: `${layout.wsUri}/../outside/secret.txt`, type: FileChangeType.Created },
    { uri: `${layout.wsUri}/%2E%2E/outside/secret.txt`, type: FileChangeType.Changed },
  ]);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('links to the parent (`ln -s .. up`) and to the folder itself (`ln -s . self`): every letter once, nothing from above', { timeout: 30_000 }, async (t) => {
  const layout = makeLayout(t);
  const client = await start(t, layout);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);

  symlinkSync('..', layout.file('up'), 'dir');
  symlinkSync('.', layout.file('self'), 'dir');
  // A real folder moved in that holds a link to the parent of its own.
  mkdirSync(layout.file('nested'));
  symlinkSync('../..', layout.file('nested/top'), 'dir');
  await events(client, [
    { uri: layout.uri('up'), type: FileChangeType.Created },
    { uri: layout.uri('self'), type: FileChangeType.Created },
    { uri: layout.uri('nested'), type: FileChangeType.Created },
    { uri: layout.uri('self/mine.txt'), type: FileChangeType.Created },
    { uri: layout.uri('up/ws/mine.txt'), type: FileChangeType.Changed },
  ]);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a named pipe called *.txt, created with an event or inside a created folder or behind a link, does not block the index', { timeout: 30_000 }, async (t) => {
  const layout = makeLayout(t);
  const mkfifo = (p: string) => {
    const made = spawnSync('mkfifo', [p]);
    assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
  };
  const client = await start(t, layout);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);

  mkfifo(layout.file('pipe.txt'));
  mkdirSync(layout.file('pipes.txt'));
  mkfifo(layout.file('pipes.txt/inner.txt'));
  mkfifo(path.join(layout.outside, 'far.txt'));
  symlinkSync(path.join(layout.outside, 'far.txt'), layout.file('far.txt'));
  await events(client, [
    { uri: layout.uri('pipe.txt'), type: FileChangeType.Created },
    { uri: layout.uri('pipes.txt'), type: FileChangeType.Created },
    { uri: layout.uri('pipes.txt/inner.txt'), type: FileChangeType.Created },
    { uri: layout.uri('far.txt'), type: FileChangeType.Created },
  ]);
  // Answered at once: a read of a pipe waits for a writer, and the whole index with it.
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  assert.equal(await client.shutdown(), 0);
});

const OLD_LETTER = ['CM16-0236380 @ old.txt/kept.txt', 'CT scan of the thoracic spine: Upheld @ old.txt/kept.txt', 'Cervical CT scan: Upheld @ old.txt/kept.txt', 'TOC to ortho spine surgeon eval and treatment: Upheld @ old.txt/kept.txt'];

test('a folder whose name ends in .txt, created (moved in) with a letter inside: the letter is indexed', { timeout: 30_000 }, async (t) => {
  const layout = makeLayout(t);
  const client = await start(t, layout);
  assert.deepEqual(await listed(client, layout), ONLY_MINE, 'the first scan, done before the folder exists');
  // One event for the folder, none for the letter (one level further down) inside.
  mkdirSync(layout.file('more.txt/inner'), { recursive: true });
  writeFileSync(layout.file('more.txt/inner/moved.txt'), corpusLetter(MOVED_IN));
  await events(client, [{ uri: layout.uri('more.txt'), type: FileChangeType.Created }]);
  assert.deepEqual(await listed(client, layout), [...ONLY_MINE, 'CM16-0231884 @ more.txt/inner/moved.txt', 'Comprehensive psychological testing: Upheld @ more.txt/inner/moved.txt'].sort());
  // Deleted again.
  rmSync(layout.file('more.txt'), { recursive: true });
  await events(client, [{ uri: layout.uri('more.txt'), type: FileChangeType.Deleted }]);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a folder whose name ends in .txt, deleted: its letters are dropped; a changed event for it is harmless', { timeout: 30_000 }, async (t) => {
  const layout = makeLayout(t);
  // Present from the start (the first scan finds it).
  mkdirSync(layout.file('old.txt'));
  writeFileSync(layout.file('old.txt/kept.txt'), corpusLetter(OUTSIDE));
  const client = await start(t, layout);
  assert.deepEqual(await listed(client, layout), [...ONLY_MINE, ...OLD_LETTER].sort());
  await events(client, [{ uri: layout.uri('old.txt'), type: FileChangeType.Changed }]);
  assert.deepEqual(await listed(client, layout), [...ONLY_MINE, ...OLD_LETTER].sort(), 'a changed event for a folder');
  rmSync(layout.file('old.txt'), { recursive: true });
  await events(client, [{ uri: layout.uri('old.txt'), type: FileChangeType.Deleted }]);
  assert.deepEqual(await listed(client, layout), ONLY_MINE);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});
