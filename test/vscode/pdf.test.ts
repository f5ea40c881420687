/**
 * PDF letters as VS Code's API sees them: the command opens a corpus PDF as a read-only text
 * document in the letter language, with the outline and diagnostics of its text; a file named
 * .pdf that is not one opens as an explanation with one information diagnostic; workspace
 * symbols of the PDF open its text at the item.
 *
 * The workspace (test/vscode/fixtures.mjs) holds CM17-0002106.pdf (three Upheld items; its text
 * has two chapter-mismatch warnings, at 50:56 and 67:56) and scan-notes.pdf (a text note).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';

const LANGUAGE_ID = 'imr-determination';
const OPEN_PDF_COMMAND = 'imrDetermination.openPdfAsLetter';
const PDF = 'CM17-0002106.pdf';
const NOT_PDF = 'scan-notes.pdf';
const ITEMS = ['Upheld · MRI of the left shoulder', 'Upheld · MRI of the cervical spine', 'Upheld · CT scan of the head'];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(100);
  }
}

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code ?? '');

async function openPdf(name: string): Promise<vscode.TextDocument> {
  const opened = await vscode.commands.executeCommand<vscode.TextDocument[]>(OPEN_PDF_COMMAND, fileUri(name));
  assert.equal(opened?.length, 1, 'the command opened one document');
  return opened[0];
}

test('Open as IMR Letter: a corpus PDF opens in the letter language, named after the PDF, with its outline and diagnostics', async () => {
  const doc = await openPdf(PDF);
  assert.equal(doc.uri.scheme, 'imr-pdf');
  assert.ok(doc.uri.path.endsWith(`/${PDF}`), `the document is named after the PDF: ${doc.uri.path}`);
  assert.equal(vscode.Uri.parse(doc.uri.query).toString(), fileUri(PDF).toString(), 'the query names the PDF');
  const editor = await waitFor('an editor of the PDF text', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString()));
  assert.equal(editor.document.languageId, LANGUAGE_ID);
  assert.match(editor.document.lineAt(0).text, /Case Number:\s+CM17-0002106/);

  // Read-only for the user (the e2e run types into it); the API can still edit any document, so that is not tried here.

  const symbols = await waitFor('the outline of the PDF text', async () => {
    const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri);
    return s && s.length >= 3 ? s : undefined;
  });
  const issues = symbols.find((s) => s.name === 'IMR ISSUES, DECISIONS AND RATIONALES');
  assert.ok(issues, symbols.map((s) => s.name).join(', '));
  assert.deepEqual(issues.children.map((c) => c.name), ITEMS);

  const diagnostics = await waitFor('the chapter-mismatch warnings of the PDF text', () => {
    const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'chapter-mismatch');
    return ds.length === 2 ? ds : undefined;
  }, 20_000);
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`).sort(), ['50:56', '67:56']);
  assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
});

test('Open as IMR Letter: a file named .pdf that is not a PDF opens as an explanation with one information diagnostic', async () => {
  const doc = await openPdf(NOT_PDF);
  assert.notEqual(doc.languageId, LANGUAGE_ID, 'the explanation is not a letter');
  assert.match(doc.getText(), /not a PDF/);
  const ds = await waitFor('the pdf-unreadable diagnostic', () => {
    const found = vscode.languages.getDiagnostics(doc.uri);
    return found.length > 0 ? found : undefined;
  });
  assert.deepEqual(ds.map((d) => [codeOf(d), d.severity]), [['pdf-unreadable', vscode.DiagnosticSeverity.Information]]);
  assert.match(ds[0].message, /not a PDF/);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('workspace symbols of a PDF letter open its text at the item', async () => {
  const found = await waitFor('workspace symbols of the PDF letter', async () => {
    const s = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'CT scan of the head')) ?? [];
    return s.find((x) => x.location.uri.query.endsWith(PDF) || x.location.uri.path.endsWith(PDF));
  }, 20_000);
  assert.equal(found.location.uri.scheme, 'imr-pdf', `the symbol opens the PDF's text: ${found.location.uri.toString()}`);
  assert.equal(found.containerName, 'CM17-0002106');
  const doc = await vscode.workspace.openTextDocument(found.location.uri);
  assert.ok(doc.getText(found.location.range).startsWith('CT scan of the head'), doc.getText(found.location.range));
});
