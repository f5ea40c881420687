/**
 * workspace/symbol and imr/workspaceItems over the bundled server, on a workspace folder of
 * letters on disk: the background index (with progress), files.exclude, file events, open
 * documents standing in for their files, and the grouped items of the Determinations view.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  RegistrationRequest,
  SymbolKind,
  WorkspaceSymbolRequest,
  type ClientCapabilities,
  type ConfigurationItem,
  type RegistrationParams,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { corpusLetter, SEED_000, textIn } from './support/fixtures';
import { clientCapabilities, startClient, type LspClient } from './support/lspClient';
import type { WorkspaceItemsResult } from '../../server/src/lsp/workspaceItemsProtocol';

const SEED_ITEMS = [
  'MRI of The Cervical Spine: Upheld',
  'MRI of The Lumbar Spine: Upheld',
  'Electromyography (EMG) of The Bilateral Upper Extremities: Upheld',
  'Nerve Conduction Velocity (NCV) of The Bilateral Upper Extremities: Upheld',
];

/**
 * A workspace folder: four letters that count (one in a nested folder, one with a space and
 * parentheses in its name), and files that must not: an excluded folder, .git, a note, a file
 * with NUL bytes, and a letter-like file above the size limit.
 */
function makeWorkspace(): { root: string; uri: string; file: (rel: string) => string; fileUri: (rel: string) => string } {
  const root = mkdtempSync(path.join(tmpdir(), 'imr-ws-'));
  const file = (rel: string) => path.join(root, rel);
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(file(rel)), { recursive: true });
    writeFileSync(file(rel), text);
  };
  put('seed.txt', corpusLetter(SEED_000));
  put('letters/CM16-0249320.txt', corpusLetter('letters/CM16-0249320.txt'));
  put('letters/deep/CM16-0236380.txt', corpusLetter('letters/CM16-0236380.txt'));
  put('letter (copy).txt', corpusLetter('letters/CM16-0234202.txt'));
  put('excluded/CM16-0224814.txt', corpusLetter('letters/CM16-0224814.txt'));
  put('.git/CM16-0237163.txt', corpusLetter('letters/CM16-0237163.txt'));
  put('note.txt', 'Groceries: milk, bread.\nNothing here is a determination letter.\n');
  put('binary.txt', `CLINICAL CASE SUMMARY\u0000MAXIMUS guideline:\u0000`);
  put('big.txt', corpusLetter(SEED_000).repeat(Math.ceil((6 * 1024 * 1024) / corpusLetter(SEED_000).length)));
  // The server spells URIs as VS Code does: parentheses percent-encoded.
  const fileUri = (rel: string) => pathToFileURL(file(rel)).href.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return { root, uri: pathToFileURL(root).href, file, fileUri };
}

function capabilities(opts: { watch?: boolean; folders?: boolean } = {}): ClientCapabilities {
  const caps = clientCapabilities();
  caps.workspace = {
    ...caps.workspace,
    workspaceFolders: opts.folders ?? true,
    didChangeWatchedFiles: { dynamicRegistration: opts.watch ?? true },
    symbol: { dynamicRegistration: false },
  };
  caps.window = { workDoneProgress: true };
  return caps;
}

/** files.exclude as VS Code would answer it, plus a folder of our own; the imrDetermination section as `{}`. */
function configuration(item: ConfigurationItem): unknown {
  return item.section === 'files.exclude' ? { '**/.git': true, '**/excluded': true, '**/*.log': true } : {};
}

async function symbols(client: LspClient, query: string): Promise<SymbolInformation[]> {
  const answer = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query });
  assert.ok(Array.isArray(answer), `workspace/symbol answered ${JSON.stringify(answer)}\n${client.describeServer()}`);
  return answer as SymbolInformation[];
}

function workspaceItems(client: LspClient, params: { groupBy: string; group?: string }): Promise<WorkspaceItemsResult> {
  return client.connection.sendRequest<WorkspaceItemsResult>('imr/workspaceItems', params);
}

async function fileEvents(client: LspClient, changes: Array<{ uri: string; type: FileChangeType }>): Promise<void> {
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
}

test('workspace/symbol: the letters of the folder, indexed in the background with progress, files.exclude respected', { timeout: 30_000 }, async (t) => {
  const ws = makeWorkspace();
  t.after(() => rmSync(ws.root, { recursive: true, force: true }));
  const client = await startClient(t, { capabilities: capabilities(), configuration, workspaceFolders: [{ uri: ws.uri, name: 'letters' }] });
  assert.equal(client.initializeResult?.capabilities.workspaceSymbolProvider, true);

  const all = await symbols(client, '');
  const byUri = new Map<string, string[]>();
  for (const s of all) byUri.set(s.location.uri, [...(byUri.get(s.location.uri) ?? []), s.name]);
  assert.deepEqual(
    [...byUri.keys()].sort(),
    [ws.fileUri('letter (copy).txt'), ws.fileUri('letters/CM16-0249320.txt'), ws.fileUri('letters/deep/CM16-0236380.txt'), ws.fileUri('seed.txt')].sort(),
    'exactly the four letters: not the excluded folder, .git, the note, the NUL file or the 6 MB file',
  );
  assert.deepEqual(byUri.get(ws.fileUri('seed.txt'))?.sort(), [...SEED_ITEMS].sort(), 'the seed letter has no case number: its four items');
  assert.deepEqual(byUri.get(ws.fileUri('letters/CM16-0249320.txt'))?.sort(), ['CM16-0249320', 'Left knee MRI without contrast: Upheld']);
  assert.equal(all.length, 12, all.map((s) => s.name).join(' | '));

  // Containers: the case number for items, the file name for a letter without one and for case numbers.
  const knee = all.find((s) => s.name === 'Left knee MRI without contrast: Upheld')!;
  assert.equal(knee.containerName, 'CM16-0249320');
  assert.equal(knee.kind, SymbolKind.Class);
  const caseNumber = all.find((s) => s.name === 'CM16-0249320')!;
  assert.equal(caseNumber.containerName, 'CM16-0249320.txt');
  assert.equal(caseNumber.kind, SymbolKind.File);
  assert.ok(all.filter((s) => s.location.uri === ws.fileUri('seed.txt')).every((s) => s.containerName === 'seed.txt'));
  // Locations select the title (or the case number) in the file as it is on disk.
  assert.equal(textIn(corpusLetter('letters/CM16-0249320.txt'), knee.location.range), 'Left knee MRI without contrast');
  assert.equal(textIn(corpusLetter('letters/CM16-0249320.txt'), caseNumber.location.range), 'CM16-0249320');
  const cervical = all.find((s) => s.name === SEED_ITEMS[0])!;
  assert.equal(textIn(corpusLetter(SEED_000), cervical.location.range), 'MRI of The Cervical Spine');

  // Progress: created, begun, ended.
  assert.equal(client.requestsOf('window/workDoneProgress/create').length, 1);
  const begin = await client.waitForProgress('begin');
  const end = await client.waitForProgress('end');
  assert.equal(begin.token, end.token);
  assert.match(JSON.stringify(begin.value), /Indexing determination letters/);
  // files.exclude asked for the folder; the watcher registered for .txt files.
  const asked = client.requestsOf('workspace/configuration').flatMap((r) => (r.params as { items: ConfigurationItem[] }).items);
  assert.ok(asked.some((i) => i.section === 'files.exclude' && i.scopeUri === ws.uri), JSON.stringify(asked));
  const registrations = client.requestsOf(RegistrationRequest.method).flatMap((r) => (r.params as RegistrationParams).registrations);
  const watcher = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.ok(watcher, JSON.stringify(registrations));
  assert.ok(JSON.stringify(watcher.registerOptions).includes('**/*.txt'));
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('workspace/symbol: fuzzy queries, best match first', { timeout: 30_000 }, async (t) => {
  const ws = makeWorkspace();
  t.after(() => rmSync(ws.root, { recursive: true, force: true }));
  const client = await startClient(t, { capabilities: capabilities(), configuration, workspaceFolders: [{ uri: ws.uri, name: 'letters' }] });

  const names = async (q: string) => (await symbols(client, q)).map((s) => s.name);
  assert.equal((await names('mricerv'))[0], SEED_ITEMS[0]);
  assert.equal((await names('MRI lumbar'))[0], SEED_ITEMS[1]);
  assert.equal((await names('knee'))[0], 'Left knee MRI without contrast: Upheld');
  assert.equal((await names('norco'))[0], 'Norco 10/325mg #35: Upheld');
  assert.equal((await names('0236380'))[0], 'CM16-0236380');
  // Subsequences: letters in order, anywhere; out of order, nothing.
  assert.ok((await names('ncvbue')).includes(SEED_ITEMS[3]));
  assert.deepEqual(await names('zzqx'), []);
  // Through the container: case number digits, then a word of the title.
  assert.ok((await names('0236380 thoracic')).some((n) => n.startsWith('CT scan of the thoracic spine')));
  assert.equal(await client.shutdown(), 0);
});

test('file events: created, changed and deleted letters and folders; an open document stands in for its file', { timeout: 30_000 }, async (t) => {
  const ws = makeWorkspace();
  t.after(() => rmSync(ws.root, { recursive: true, force: true }));
  const client = await startClient(t, { capabilities: capabilities(), configuration, workspaceFolders: [{ uri: ws.uri, name: 'letters' }] });
  let changedNotices = 0;
  const noticed = new Promise<void>((resolve) =>
    client.connection.onNotification('imr/workspaceItemsChanged', () => {
      changedNotices++;
      resolve();
    }),
  );
  const named = async (q: string) => (await symbols(client, q)).map((s) => `${s.name} @ ${path.basename(decodeURIComponent(s.location.uri))}`);
  assert.equal((await symbols(client, '')).length, 12);

  // Created.
  const letter = corpusLetter('letters/CM16-0231706.txt').replace(/CM16-0231706/g, 'CM99-0000042');
  writeFileSync(ws.file('new.txt'), letter);
  await fileEvents(client, [{ uri: ws.fileUri('new.txt'), type: FileChangeType.Created }]);
  assert.deepEqual(await named('CM99-0000042'), ['CM99-0000042 @ new.txt', 'Chiropractic physiotherapy treatment 6 visits: Upheld @ new.txt']);

  // Changed (a new title, and the file size changes with it).
  const renamed = letter.replace('request, Chiropractic physiotherapy treatment 6 visits is: Upheld', 'request, Aquatic therapy twelve visits is: Upheld');
  assert.notEqual(renamed, letter);
  writeFileSync(ws.file('new.txt'), renamed);
  await fileEvents(client, [{ uri: ws.fileUri('new.txt'), type: FileChangeType.Changed }]);
  assert.deepEqual(await named('CM99-0000042'), ['CM99-0000042 @ new.txt', 'Aquatic therapy twelve visits: Upheld @ new.txt']);
  assert.deepEqual(await named('Chiropractic physiotherapy'), []);

  // Deleted.
  rmSync(ws.file('new.txt'));
  await fileEvents(client, [{ uri: ws.fileUri('new.txt'), type: FileChangeType.Deleted }]);
  assert.deepEqual(await named('CM99-0000042'), []);

  // A folder moved in brings no event per file; a folder deleted neither.
  mkdirSync(ws.file('batch/inner'), { recursive: true });
  writeFileSync(ws.file('batch/inner/a.txt'), corpusLetter('letters/CM16-0236906.txt'));
  writeFileSync(ws.file('batch/b.txt'), corpusLetter('letters/CM16-0231884.txt'));
  await fileEvents(client, [{ uri: ws.fileUri('batch'), type: FileChangeType.Created }]);
  assert.deepEqual((await named('Electroencephalogram')).sort(), ['Electroencephalogram: Upheld @ a.txt']);
  assert.deepEqual(await named('psychological testing'), ['Comprehensive psychological testing: Upheld @ b.txt']);
  rmSync(ws.file('batch'), { recursive: true });
  await fileEvents(client, [{ uri: ws.fileUri('batch'), type: FileChangeType.Deleted }]);
  assert.deepEqual(await named('Electroencephalogram'), []);
  assert.deepEqual(await named('psychological testing'), []);

  // An event for an excluded file changes nothing.
  writeFileSync(ws.file('excluded/late.txt'), corpusLetter('letters/CM16-0236906.txt'));
  await fileEvents(client, [{ uri: ws.fileUri('excluded/late.txt'), type: FileChangeType.Created }]);
  assert.deepEqual(await named('Electroencephalogram'), []);

  // An open document (with the client's own spelling of the URI) replaces its file; closing brings the file back.
  const seedText = corpusLetter(SEED_000);
  const clientUri = pathToFileURL(ws.file('seed.txt')).href;
  await client.open(clientUri, seedText.replace('MRI of The Cervical Spine: Upheld', 'MRI of The Cervical Spine: Overturned'));
  const whileOpen = await named('cervical spine');
  assert.ok(whileOpen.includes('MRI of The Cervical Spine: Overturned @ seed.txt'), whileOpen.join(' | '));
  assert.ok(!whileOpen.includes('MRI of The Cervical Spine: Upheld @ seed.txt'), 'the disk version is hidden while the document is open');
  await client.change(clientUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
  await client.close(clientUri);
  const afterClose = await named('cervical spine');
  assert.ok(afterClose.includes('MRI of The Cervical Spine: Upheld @ seed.txt'), afterClose.join(' | '));
  assert.ok(!afterClose.some((n) => n.includes('Overturned')));

  // The view hears about the changes (throttled: at least one notification, not one per change).
  await noticed;
  assert.ok(changedNotices >= 1);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a changed files.exclude and changed workspace folders re-index', { timeout: 30_000 }, async (t) => {
  const ws = makeWorkspace();
  const other = makeWorkspace();
  t.after(() => {
    rmSync(ws.root, { recursive: true, force: true });
    rmSync(other.root, { recursive: true, force: true });
  });
  let exclude: Record<string, boolean> = { '**/.git': true, '**/excluded': true };
  const client = await startClient(t, {
    capabilities: capabilities(),
    configuration: (item: ConfigurationItem) => (item.section === 'files.exclude' ? exclude : {}),
    workspaceFolders: [{ uri: ws.uri, name: 'letters' }],
  });
  const letterFiles = async () => [...new Set((await symbols(client, '')).map((s) => path.basename(decodeURIComponent(s.location.uri))))].sort();
  assert.deepEqual(await letterFiles(), ['CM16-0236380.txt', 'CM16-0249320.txt', 'letter (copy).txt', 'seed.txt']);

  exclude = { '**/.git': true, letters: true };
  await client.changeConfiguration({ files: { exclude } });
  assert.deepEqual(await letterFiles(), ['CM16-0224814.txt', 'letter (copy).txt', 'seed.txt'], 'letters/ excluded now, excluded/ no longer');

  await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
    event: { added: [{ uri: other.uri, name: 'other' }], removed: [{ uri: ws.uri, name: 'letters' }] },
  });
  const uris = (await symbols(client, '')).map((s) => s.location.uri);
  assert.ok(uris.length > 0 && uris.every((u) => u.startsWith(`${other.uri}/`)), uris.join(', '));
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('imr/workspaceItems: groups with counts by outcome, region and kind; the items of a group', { timeout: 30_000 }, async (t) => {
  const ws = makeWorkspace();
  t.after(() => rmSync(ws.root, { recursive: true, force: true }));
  const client = await startClient(t, { capabilities: capabilities(), configuration, workspaceFolders: [{ uri: ws.uri, name: 'letters' }] });

  const byOutcome = await workspaceItems(client, { groupBy: 'outcome' });
  assert.equal(byOutcome.letters, 4);
  assert.equal(byOutcome.items, 9);
  assert.deepEqual(byOutcome.groups, [{ id: 'Upheld', label: 'Upheld', count: 9 }]);

  const byKind = await workspaceItems(client, { groupBy: 'kind' });
  assert.deepEqual(
    byKind.groups?.map((g) => [g.label, g.count]),
    [['Imaging', 5], ['Medication', 1], ['Other', 3]],
  );
  const byRegion = await workspaceItems(client, { groupBy: 'region' });
  const regionCounts = Object.fromEntries(byRegion.groups!.map((g) => [g.label, g.count]));
  assert.equal(regionCounts['Knee'], 1);
  assert.equal(regionCounts['Upper extremities'], 2);

  const imaging = await workspaceItems(client, { groupBy: 'kind', group: 'imaging' });
  assert.deepEqual(
    imaging.groupItems?.map((i) => `${i.letter}: ${i.title}: ${i.outcome}`),
    [
      'CM16-0236380: Cervical CT scan: Upheld',
      'CM16-0236380: CT scan of the thoracic spine: Upheld',
      'CM16-0249320: Left knee MRI without contrast: Upheld',
      'seed.txt: MRI of The Cervical Spine: Upheld',
      'seed.txt: MRI of The Lumbar Spine: Upheld',
    ],
    'by letter (case number or file name), then in letter order',
  );
  const knee = imaging.groupItems!.find((i) => i.title === 'Left knee MRI without contrast')!;
  assert.equal(knee.uri, ws.fileUri('letters/CM16-0249320.txt'));
  assert.equal(knee.outcome, 'Upheld');
  assert.equal(textIn(corpusLetter('letters/CM16-0249320.txt'), knee.range), 'Left knee MRI without contrast');

  // Unknown groupings fall back to outcome; unknown groups are empty.
  assert.deepEqual((await workspaceItems(client, { groupBy: 'colour' })).groups, byOutcome.groups);
  assert.deepEqual((await workspaceItems(client, { groupBy: 'kind', group: 'nothing' })).groupItems, []);
  assert.equal(await client.shutdown(), 0);
});

test('a named pipe called *.txt is neither read (which would block) nor indexed, at a scan or after an event', { timeout: 30_000 }, async (t) => {
  const ws = makeWorkspace();
  t.after(() => rmSync(ws.root, { recursive: true, force: true }));
  const made = spawnSync('mkfifo', [ws.file('pipe.txt')]);
  assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
  const client = await startClient(t, { capabilities: capabilities(), configuration, workspaceFolders: [{ uri: ws.uri, name: 'letters' }] });
  assert.equal((await symbols(client, '')).length, 12);
  await fileEvents(client, [{ uri: ws.fileUri('pipe.txt'), type: FileChangeType.Changed }]);
  // Answered at once: a read of the pipe would wait for a writer, and the index with it.
  const answer = await Promise.race([symbols(client, ''), new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 8_000))]);
  assert.notEqual(answer, 'blocked', 'workspace/symbol waited on the pipe');
  assert.equal((answer as SymbolInformation[]).length, 12);
  assert.equal(await client.shutdown(), 0);
});

test('without workspace folders, file watching or configuration: open documents only, nothing registered', { timeout: 30_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ configuration: false }) });
  assert.deepEqual(await symbols(client, ''), []);
  const uri = 'untitled:Untitled-1';
  await client.open(uri, corpusLetter('letters/CM16-0249320.txt'));
  const found = await symbols(client, 'knee');
  assert.deepEqual(found.map((s) => [s.name, s.location.uri, s.containerName]), [['Left knee MRI without contrast: Upheld', uri, 'CM16-0249320']]);
  await client.close(uri);
  assert.deepEqual(await symbols(client, ''), []);
  assert.equal(client.requestsOf(RegistrationRequest.method).length, 0);
  assert.equal(client.requestsOf('window/workDoneProgress/create').length, 0);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a large open document (indexed in the background only after a pause in editing) is searched at once after an edit', { timeout: 30_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ configuration: false }) });
  const uri = 'untitled:Untitled-large';
  const letter = corpusLetter('letters/CM16-0249320.txt');
  // Over a million characters: the letter, then filler lines that hold no item.
  const filler = 'This line is filler text of the clinical summary with nothing to index.\n'.repeat(Math.ceil(1_100_000 / 74));
  await client.open(uri, letter + filler);
  assert.deepEqual((await symbols(client, 'knee')).map((s) => s.name), ['Left knee MRI without contrast: Upheld']);
  // Rename the item by an edit; the answer right after it (well inside the background pause) has the new name.
  const line = letter.split(/\r?\n/).findIndex((l) => l.includes('Left knee MRI without contrast'));
  const character = letter.split(/\r?\n/)[line].indexOf('Left');
  await client.change(uri, [{ range: { start: { line, character }, end: { line, character: character + 4 } }, text: 'Right' }], 2);
  assert.deepEqual((await symbols(client, 'knee')).map((s) => s.name), ['Right knee MRI without contrast: Upheld']);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a client that answers files.exclude with null gets the default exclusions (.git)', { timeout: 30_000 }, async (t) => {
  const ws = makeWorkspace();
  t.after(() => rmSync(ws.root, { recursive: true, force: true }));
  const client = await startClient(t, {
    capabilities: capabilities({ watch: false, folders: false }),
    configuration: () => null,
    workspaceFolders: [{ uri: ws.uri, name: 'letters' }],
  });
  const uris = new Set((await symbols(client, '')).map((s) => path.relative(ws.root, decodeURIComponent(new URL(s.location.uri).pathname))));
  assert.ok(uris.has('excluded/CM16-0224814.txt'), 'not excluded without the setting');
  assert.ok(![...uris].some((u) => u.startsWith('.git')), [...uris].join(', '));
  assert.equal(client.requestsOf(RegistrationRequest.method).length, 0, 'no watcher without dynamic registration');
  assert.equal(await client.shutdown(), 0);
});

/** Rejects when `promise` has not settled after `ms`, naming what was awaited. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

test('a files.exclude pattern that backtracked as a regular expression does not stall the server', { timeout: 60_000 }, async (t) => {
  const ws = makeWorkspace();
  t.after(() => rmSync(ws.root, { recursive: true, force: true }));
  const as = 'a'.repeat(60);
  writeFileSync(ws.file(`${as}.txt`), corpusLetter('letters/CM16-0231706.txt'));
  mkdirSync(ws.file(`${as}b`));
  writeFileSync(ws.file(`${as}b/inside.txt`), corpusLetter('letters/CM16-0236906.txt'));
  const exclude = { '**/.git': true, '**/excluded': true, '**/*a*a*a*a*a*a*a*a*a*b': true };
  const client = await startClient(t, {
    capabilities: capabilities(),
    configuration: (item: ConfigurationItem) => (item.section === 'files.exclude' ? exclude : {}),
    workspaceFolders: [{ uri: ws.uri, name: 'letters' }],
  });
  // Earlier versions took minutes over the 60-a name; the generous deadline only keeps a failure from hanging.
  const answer = await within(30_000, 'workspace/symbol', symbols(client, ''));
  const files = [...new Set(answer.map((s) => path.basename(decodeURIComponent(s.location.uri))))].sort();
  assert.deepEqual(files, [`${as}.txt`, 'CM16-0236380.txt', 'CM16-0249320.txt', 'letter (copy).txt', 'seed.txt'].sort(), 'the folder ending in b is excluded, the file is not');
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('files.exclude: patterns over the length and count caps are not applied, and the log says so without naming them', { timeout: 30_000 }, async (t) => {
  const ws = makeWorkspace();
  t.after(() => rmSync(ws.root, { recursive: true, force: true }));
  const exclude: Record<string, boolean> = { '**/.git': true, [`**/secret-${'x'.repeat(1000)}`]: true };
  for (let k = 0; k < 199; k++) exclude[`**/unused-${k}`] = true;
  exclude['**/excluded'] = true; // the 201st pattern switched on: not applied
  const client = await startClient(t, {
    capabilities: capabilities(),
    configuration: (item: ConfigurationItem) => (item.section === 'files.exclude' ? exclude : {}),
    workspaceFolders: [{ uri: ws.uri, name: 'letters' }],
  });
  const files = [...new Set((await symbols(client, '')).map((s) => path.basename(decodeURIComponent(s.location.uri))))].sort();
  assert.deepEqual(files, ['CM16-0224814.txt', 'CM16-0236380.txt', 'CM16-0249320.txt', 'letter (copy).txt', 'seed.txt'], 'excluded/ is read: its pattern came too late');
  const logs = client.logMessages.map((m) => m.message);
  assert.ok(logs.includes('Workspace index: files.exclude: 1 pattern longer than 1000 characters not applied.'), client.describeServer());
  assert.ok(logs.includes('Workspace index: files.exclude: more than 200 patterns; the 1 after the first 200 not applied.'), client.describeServer());
  assert.ok(!logs.some((m) => m.includes('secret') || m.includes('unused') || m.includes('**/')), logs.join('\n'));
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});
