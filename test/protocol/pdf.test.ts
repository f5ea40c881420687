/**
 * PDF letters over the bundled server: `imr/pdfText` from disk and from base64 data, every kind
 * of bad input answered with its problem code (and the server still answering), the safe read
 * refusing links, pipes, folders and other schemes, and workspace symbols from a folder of PDFs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentSymbolRequest, WorkspaceSymbolRequest, type ClientCapabilities, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { parseDetermination } from '../../server/src/core';
import { PDF_TEXT_REQUEST, type PdfTextResult } from '../../server/src/lsp/pdfProtocol';
import { passwordProtectedPdf, pdfWithPages, textContent } from '../unit/support/pdfFiles';
import { CORPUS, corpusLetter, docUri } from './support/fixtures';
import { clientCapabilities, startClient, type LspClient } from './support/lspClient';

const PDFS = ['CM16-0229336', 'CM16-0224814', 'CM17-0007142'];
const corpusPdf = (name: string) => path.join(CORPUS, 'pdf', `${name}.pdf`);

function pdfText(client: LspClient, params: { uri: string; data?: string }): Promise<PdfTextResult> {
  return client.connection.sendRequest<PdfTextResult>(PDF_TEXT_REQUEST, params);
}

/** What a reader gets from a letter: its items' titles and outcomes, folded. */
function itemsOf(text: string): string[] {
  return parseDetermination(text).items.map((item) => `${item.shortTitle.replace(/\s+/g, ' ').trim()}: ${item.outcome ?? '-'}`);
}

function capabilities(): ClientCapabilities {
  const caps = clientCapabilities();
  caps.workspace = { ...caps.workspace, workspaceFolders: true, symbol: { dynamicRegistration: false } };
  return caps;
}

/** The bad inputs of the issue, each made here: what it is, its bytes, the problem expected. */
function badPdfs(): Array<{ name: string; bytes: Uint8Array; problem: string }> {
  const letter = new Uint8Array(readFileSync(corpusPdf('CM17-0007142')));
  const empty = Array.from({ length: 2 }, () => 'q Q');
  return [
    { name: 'encrypted.pdf', bytes: passwordProtectedPdf(), problem: 'encrypted' },
    { name: 'truncated.pdf', bytes: letter.slice(0, letter.length >> 1), problem: 'corrupt' },
    { name: 'scan.pdf', bytes: pdfWithPages(empty), problem: 'no-text' },
    { name: 'long.pdf', bytes: pdfWithPages(Array.from({ length: 201 }, (_, i) => textContent([`Page ${i + 1}`]))), problem: 'too-many-pages' },
    { name: 'notes.pdf', bytes: new TextEncoder().encode('Case Number: CM16-0224814\nNot a PDF at all.\n'), problem: 'not-pdf' },
  ];
}

test('imr/pdfText: a corpus PDF from disk and from base64 data reads as the letter of its .txt', { timeout: 60_000 }, async (t) => {
  const client = await startClient(t, { capabilities: capabilities(), name: 'pdf client' });
  const name = PDFS[0];
  const fromDisk = await pdfText(client, { uri: pathToFileURL(corpusPdf(name)).href });
  assert.ok('text' in fromDisk, JSON.stringify(fromDisk));
  assert.ok(fromDisk.pages >= 1 && fromDisk.pageStarts.length === fromDisk.pages && fromDisk.pageStarts[0] === 0, JSON.stringify(fromDisk.pageStarts));
  const expected = itemsOf(corpusLetter(`letters/${name}.txt`));
  assert.ok(expected.length > 0);
  assert.deepEqual(itemsOf(fromDisk.text), expected);

  // The web client's way: the bytes in the request, whatever the URI's scheme.
  const data = readFileSync(corpusPdf(name)).toString('base64');
  const fromData = await pdfText(client, { uri: `vscode-vfs://github/letters/${name}.pdf`, data });
  assert.ok('text' in fromData, JSON.stringify(fromData));
  assert.equal(fromData.text, fromDisk.text, 'the same bytes give the same text');

  // The text opened as a document gets the outline of a letter.
  const uri = docUri(`${name}.pdf.txt`);
  await client.open(uri, fromDisk.text);
  const outline = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  assert.ok(Array.isArray(outline) && outline.length >= 3, JSON.stringify(outline));
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('imr/pdfText: each bad input gives its problem and a message, from disk and as data; the server stays up', { timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-pdf-bad-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const client = await startClient(t, { capabilities: capabilities(), name: 'pdf client', workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bad' }] });
  for (const bad of badPdfs()) {
    writeFileSync(path.join(dir, bad.name), bad.bytes);
    for (const params of [{ uri: pathToFileURL(path.join(dir, bad.name)).href }, { uri: `untitled:${bad.name}`, data: Buffer.from(bad.bytes).toString('base64') }]) {
      const answer = await pdfText(client, params);
      assert.ok('problem' in answer, `${bad.name}: ${JSON.stringify(answer).slice(0, 200)}`);
      assert.equal(answer.problem, bad.problem, `${bad.name}: ${answer.message}`);
      assert.ok(answer.message.length > 10 && !answer.message.includes(dir), `${bad.name}: ${answer.message}`);
    }
  }
  const scan = await pdfText(client, { uri: pathToFileURL(path.join(dir, 'scan.pdf')).href });
  assert.match('message' in scan ? scan.message : '', /OCR/);
  // Data that is not base64 at all.
  const garbage = await pdfText(client, { uri: 'untitled:x.pdf', data: '%%% not base64 %%%' });
  assert.equal('problem' in garbage && garbage.problem, 'unreadable');
  // Still alive and answering.
  assert.ok(client.alive);
  const good = await pdfText(client, { uri: pathToFileURL(corpusPdf(PDFS[1])).href });
  assert.ok('text' in good);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('imr/pdfText from disk: links, pipes, folders, missing files, paths through a link and other schemes are unreadable', { timeout: 60_000 }, async (t) => {
  const base = mkdtempSync(path.join(tmpdir(), 'imr-pdf-safe-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const ws = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  mkdirSync(path.join(ws, 'folder.pdf'), { recursive: true });
  mkdirSync(outside);
  copyFileSync(corpusPdf(PDFS[0]), path.join(outside, 'secret.pdf'));
  copyFileSync(corpusPdf(PDFS[0]), path.join(ws, 'real.pdf'));
  symlinkSync(path.join(outside, 'secret.pdf'), path.join(ws, 'link.pdf'), 'file');
  symlinkSync(outside, path.join(ws, 'out'), 'dir');
  assert.equal(spawnSync('mkfifo', [path.join(ws, 'pipe.pdf')]).status, 0, 'mkfifo');
  const uri = (rel: string) => pathToFileURL(path.join(ws, rel)).href;
  const client = await startClient(t, { capabilities: capabilities(), name: 'pdf client', workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }] });

  assert.ok('text' in (await pdfText(client, { uri: uri('real.pdf') })), 'a regular file of the workspace is read');
  for (const [what, target] of [
    ['a symbolic link to a file outside', uri('link.pdf')],
    ['a path through a linked folder', uri('out/secret.pdf')],
    ['a named pipe (not waited on)', uri('pipe.pdf')],
    ['a folder named .pdf', uri('folder.pdf')],
    ['a missing file', uri('missing.pdf')],
    ['a URI of another scheme without data', 'https://example.invalid/letter.pdf'],
    ['an untitled URI without data', 'untitled:Untitled-1'],
  ]) {
    const answer = await pdfText(client, { uri: target });
    assert.ok('problem' in answer && answer.problem === 'unreadable', `${what}: ${JSON.stringify(answer).slice(0, 200)}`);
    assert.ok(!answer.message.includes(base), `${what}: the message names no path: ${answer.message}`);
  }
  // A request without params is answered too.
  const none = await client.connection.sendRequest<PdfTextResult>(PDF_TEXT_REQUEST, {});
  assert.equal('problem' in none && none.problem, 'unreadable');
  assert.ok(client.alive);
  assert.equal(await client.shutdown(), 0);
});

test('workspace symbols from a folder of PDFs: their items with the PDFs\' URIs; bad PDFs skipped with one log line per kind, no path', { timeout: 90_000 }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-pdf-ws-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'nested'));
  copyFileSync(corpusPdf(PDFS[0]), path.join(dir, `${PDFS[0]}.pdf`));
  copyFileSync(corpusPdf(PDFS[1]), path.join(dir, `${PDFS[1]}.pdf`));
  copyFileSync(corpusPdf(PDFS[2]), path.join(dir, 'nested', `${PDFS[2]}.PDF`));
  for (const bad of badPdfs()) writeFileSync(path.join(dir, bad.name), bad.bytes);
  writeFileSync(path.join(dir, 'also-encrypted.pdf'), passwordProtectedPdf());
  const client = await startClient(t, {
    capabilities: capabilities(),
    name: 'pdf workspace client',
    configuration: () => ({}),
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'pdfs' }],
  });
  const all = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' })) as SymbolInformation[];
  const uris = [...new Set(all.map((s) => s.location.uri))].sort();
  const fileUri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;
  assert.deepEqual(uris, [fileUri(`${PDFS[0]}.pdf`), fileUri(`${PDFS[1]}.pdf`), fileUri(`nested/${PDFS[2]}.PDF`)].sort());
  for (const [i, rel] of [`${PDFS[0]}.pdf`, `${PDFS[1]}.pdf`, `nested/${PDFS[2]}.PDF`].entries()) {
    const name = PDFS[i];
    const fromPdf = all.filter((s) => s.location.uri === fileUri(rel));
    assert.ok(fromPdf.some((s) => s.name === name), `${name}: its case number`);
    const expected = itemsOf(corpusLetter(`letters/${name}.txt`));
    assert.equal(fromPdf.filter((s) => s.name !== name).length, expected.length, `${name}: one symbol per item`);
    // Ranges are in the extracted text, the text an editor opens for the PDF.
    const opened = await pdfText(client, { uri: fileUri(rel) });
    assert.ok('text' in opened);
    const lines = opened.text.split('\n');
    const caseSymbol = fromPdf.find((s) => s.name === name)!;
    const { start, end } = caseSymbol.location.range;
    assert.equal(lines[start.line].slice(start.character, end.character), name);
  }
  // One log line per kind of problem, never a path.
  const logs = client.logMessages.map((m) => m.message);
  const skipped = logs.filter((m) => /skipped a PDF/.test(m));
  assert.deepEqual(skipped.map((m) => /\(([\w-]+)\)/.exec(m)?.[1]).sort(), ['corrupt', 'encrypted', 'no-text', 'not-pdf', 'too-many-pages']);
  assert.ok(logs.every((m) => !m.includes(dir)), logs.join('\n'));
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});
