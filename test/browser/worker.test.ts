/**
 * The web build of the language server (dist/browserServer.js) in a real browser: Debian's
 * Chromium, driven by playwright-core, loads test/browser/page.html from a server on 127.0.0.1;
 * the page starts the bundle in a Web Worker and speaks LSP to it over postMessage
 * (lsp-page.js). The tests open letters and ask for what an editor asks for: capabilities,
 * document symbols, pulled and pushed diagnostics after edits, workspace symbols and the
 * Determinations view's groups (open documents only: a worker has no file system).
 *
 *   npm run test:browser            (builds first)
 *   CHROMIUM=/path/to/chromium      another browser binary (default /usr/bin/chromium)
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import type { Diagnostic, DocumentSymbol, InitializeResult, SymbolInformation } from 'vscode-languageserver-protocol';
import { CORPUS, corpusLetter, messageOf, SECTION_NAMES, SEED_000, SEED_000_CODES, SEED_000_ITEMS } from '../protocol/support/fixtures';
import type { WorkspaceItemsResult } from '../../server/src/lsp/workspaceItemsProtocol';
import type { PdfTextResult } from '../../server/src/lsp/pdfProtocol';

const REPO = path.resolve(__dirname, '../..');
const BUNDLE = path.join(REPO, 'dist', 'browserServer.js');
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: path.join(__dirname, 'page.html'), type: 'text/html; charset=utf-8' },
  '/lsp-page.js': { file: path.join(__dirname, 'lsp-page.js'), type: 'text/javascript; charset=utf-8' },
  '/browserServer.js': { file: BUNDLE, type: 'text/javascript; charset=utf-8' },
};

/** The page's `window.lsp` (lsp-page.js), as seen from page.evaluate. */
interface PageLsp {
  notifications: Array<{ method: string; params: unknown }>;
  serverRequests: Array<{ method: string; params: unknown }>;
  workerErrors: string[];
  configuration: Record<string, unknown>;
  request(method: string, params: unknown): Promise<unknown>;
  notify(method: string, params: unknown): void;
  waitForNotification(method: string, test?: (params: unknown) => boolean, from?: number): Promise<unknown>;
}
declare const lsp: PageLsp;

let http: Server;
let base: string;
let browser: Browser;
let page: Page;
let profile: string;
const requested: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  if (!existsSync(BUNDLE)) assert.fail(`${BUNDLE} is missing: run \`npm run build\` (npm run test:browser does) first.`);
  http = createServer((req, res) => {
    const served = FILES[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!served) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': served.type, 'cache-control': 'no-store' }).end(readFileSync(served.file));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  ({ browser, profile } = await launchChromium('imr-browser-'));
  page = await browser.newPage();
  page.on('request', (r) => requested.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Loads the page afresh: a new worker, a new server. */
async function freshServer(): Promise<void> {
  await page.goto(`${base}/`);
  await page.waitForFunction(() => typeof (globalThis as { lsp?: unknown }).lsp === 'object');
}

function request<T>(method: string, params: unknown): Promise<T> {
  return page.evaluate(([m, p]) => lsp.request(m, p), [method, params] as const) as Promise<T>;
}

function notify(method: string, params: unknown): Promise<void> {
  return page.evaluate(([m, p]) => lsp.notify(m, p), [method, params] as const);
}

async function initialize(capabilities: unknown): Promise<InitializeResult> {
  const result = await request<InitializeResult>('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities });
  await notify('initialized', {});
  return result;
}

const PULL_CLIENT = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
  textDocument: {
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    diagnostic: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true },
  },
};
const PUSH_CLIENT = { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } };

const seed = corpusLetter(SEED_000);
const URI = 'file:///letters/seed.txt';

async function pull(uri: string): Promise<Diagnostic[]> {
  const report = await request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  return report.items;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

test('a pull client: capabilities, outline, diagnostics before and after an edit, workspace symbols', { timeout: 60_000 }, async () => {
  await freshServer();
  const init = await initialize(PULL_CLIENT);
  const caps = init.capabilities;
  assert.ok(caps.documentSymbolProvider, JSON.stringify(caps));
  assert.ok(caps.diagnosticProvider, 'pull diagnostics offered');
  assert.equal(caps.workspaceSymbolProvider, true);
  assert.equal(init.serverInfo?.name, 'imr-language-server');

  await notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'imr-determination', version: 1, text: seed } });
  const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
  const sections = symbols.filter((s) => (SECTION_NAMES as readonly string[]).includes(s.name));
  assert.deepEqual(sections.map((s) => s.name), [...SECTION_NAMES]);
  const items = (sections[2].children ?? []).map((s) => s.name);
  assert.deepEqual(items, SEED_000_ITEMS.map((title) => `Upheld · ${title}`));

  assert.deepEqual(codes(await pull(URI)), [...SEED_000_CODES].sort());

  // Delete the first "Decision rationale:" label: a missing-field warning appears.
  const lines = seed.split('\n');
  const line = lines.findIndex((l) => l.startsWith('Decision rationale:'));
  await notify('textDocument/didChange', {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 'Decision rationale:'.length } }, text: '' }],
  });
  const edited = await pull(URI);
  assert.ok(edited.some((d) => d.code === 'missing-field' && /Decision rationale/.test(messageOf(d))), JSON.stringify(codes(edited)));

  // Workspace symbols and the view's groups: the open letter (no file system in a worker).
  const found = await request<SymbolInformation[]>('workspace/symbol', { query: 'mrics' });
  assert.equal(found[0]?.name, 'MRI of The Cervical Spine: Upheld');
  assert.equal(found[0]?.location.uri, URI);
  assert.equal(found[0]?.containerName, 'seed.txt');
  const groups = await request<WorkspaceItemsResult>('imr/workspaceItems', { groupBy: 'kind' });
  assert.deepEqual(groups.groups?.map((g) => [g.label, g.count]), [['Imaging', 2], ['Other', 2]]);
  assert.equal(groups.letters, 1);

  // Closing the letter empties the index.
  await notify('textDocument/didClose', { textDocument: { uri: URI } });
  assert.deepEqual(await request<SymbolInformation[]>('workspace/symbol', { query: '' }), []);

  // No file watcher (nothing to watch) and no progress (nothing to scan) in a worker.
  const asked = await page.evaluate(() => lsp.serverRequests.map((r) => r.method));
  assert.ok(!asked.includes('client/registerCapability'), asked.join(', '));
  assert.ok(!asked.includes('window/workDoneProgress/create'), asked.join(', '));

  assert.equal(await request('shutdown', null), null);
  assert.deepEqual(await page.evaluate(() => lsp.workerErrors), []);
});

test('a push client: diagnostics published after open and after an edit, settings honoured', { timeout: 60_000 }, async () => {
  await freshServer();
  await page.evaluate(() => {
    lsp.configuration.imrDetermination = { validate: { chapterMismatch: 'ignore' } };
  });
  const init = await initialize(PUSH_CLIENT);
  assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a push client');

  await notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'imr-determination', version: 1, text: seed } });
  const first = (await page.evaluate(
    (uri) => lsp.waitForNotification('textDocument/publishDiagnostics', (p) => (p as { uri: string; version?: number }).uri === uri && (p as { version?: number }).version === 1),
    URI,
  )) as { diagnostics: Diagnostic[] };
  assert.deepEqual(codes(first.diagnostics), SEED_000_CODES.filter((c) => c !== 'chapter-mismatch').sort(), 'chapter-mismatch set to ignore');

  const outcome = seed.split('\n').findIndex((l) => l.startsWith('MRI of The Cervical Spine:'));
  const col = seed.split('\n')[outcome].indexOf('Upheld');
  await notify('textDocument/didChange', {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [{ range: { start: { line: outcome, character: col }, end: { line: outcome, character: col + 'Upheld'.length } }, text: 'Overturned' }],
  });
  const second = (await page.evaluate(
    (uri) => lsp.waitForNotification('textDocument/publishDiagnostics', (p) => (p as { uri: string }).uri === uri && (p as { version?: number }).version === 2),
    URI,
  )) as { diagnostics: Diagnostic[] };
  assert.ok(codes(second.diagnostics).includes('outcome-contradiction'), JSON.stringify(codes(second.diagnostics)));

  // The server's log messages never carry the letter's text.
  const logs = await page.evaluate(() => lsp.notifications.filter((n) => n.method === 'window/logMessage').map((n) => JSON.stringify(n.params)));
  const phrase = 'Nerve Conduction Velocity';
  assert.ok(logs.every((l) => !l.includes(phrase)), logs.join('\n'));
  assert.deepEqual(await page.evaluate(() => lsp.workerErrors), []);
});

test('PDF letters in the worker: imr/pdfText from base64 data, the text opened as imr-pdf: stands in for the PDF in workspace symbols', { timeout: 60_000 }, async () => {
  await freshServer();
  await initialize(PULL_CLIENT);
  const name = 'CM16-0229336';
  const pdf = `file:///letters/${name}.pdf`;
  const data = readFileSync(path.join(CORPUS, 'pdf', `${name}.pdf`)).toString('base64');
  const answer = await request<PdfTextResult>('imr/pdfText', { uri: pdf, data });
  assert.ok('text' in answer, JSON.stringify(answer).slice(0, 300));
  assert.match(answer.text, new RegExp(`Case Number:\\s+${name}`));
  // Without the bytes a worker has nothing to read.
  const none = await request<PdfTextResult>('imr/pdfText', { uri: pdf });
  assert.equal('problem' in none && none.problem, 'unreadable');
  const bad = await request<PdfTextResult>('imr/pdfText', { uri: 'file:///letters/scan.pdf', data: Buffer.from('%PDF-1.4\nnothing else').toString('base64') });
  assert.equal('problem' in bad && bad.problem, 'corrupt');

  // The text as VS Code for the Web opens it: the index names the PDF, not the virtual document.
  const doc = `imr-pdf:/letters/${name}.pdf?${encodeURIComponent(pdf)}`;
  await notify('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'imr-determination', version: 1, text: answer.text } });
  const found = await request<SymbolInformation[]>('workspace/symbol', { query: name });
  assert.equal(found[0]?.name, name);
  assert.equal(found[0]?.location.uri, pdf);
  await notify('textDocument/didClose', { textDocument: { uri: doc } });
  assert.deepEqual(await request<SymbolInformation[]>('workspace/symbol', { query: '' }), []);
  assert.deepEqual(await page.evaluate(() => lsp.workerErrors), []);
});

test('the page and its worker fetched nothing but the three files from 127.0.0.1, and raised no errors', () => {
  const foreign = requested.filter((u) => !u.startsWith(`${base}/`));
  assert.deepEqual(foreign, []);
  const paths = new Set(requested.map((u) => new URL(u).pathname));
  assert.deepEqual([...paths].sort(), ['/', '/browserServer.js', '/lsp-page.js']);
  assert.deepEqual(pageErrors, []);
});
