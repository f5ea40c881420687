/**
 * PDF letters in VS Code (desktop and web): a PDF opens as its text, a read-only virtual document
 * `imr-pdf:<the PDF's path>?<the PDF's URI>` (see server/src/lsp/pdfProtocol.ts) in the
 * `imr-determination` language, so the language client serves it like any letter.
 *
 * - The text comes from the language server (`imr/pdfText`): the desktop server reads a `file:`
 *   PDF from disk itself; for any other scheme, and always in the browser, this side reads the
 *   bytes with `vscode.workspace.fs` and sends them. PDF.js runs in the server only.
 * - A PDF without a readable text opens as a short explanation, left in plain text (the server
 *   would only report a letter without sections), with one information diagnostic of our own
 *   (`pdf-unreadable`) saying why: the reader sees the reason both in the editor and in Problems.
 * - Ways in: the command *Open as IMR Letter* (Explorer context menu on a `.pdf`, command
 *   palette with a file picker), *Open With…* (a custom editor that hands over to the text
 *   document and closes itself), and the workspace index: workspace symbols and the
 *   Determinations view name a PDF by its own URI, which this module turns into the text's URI.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, Middleware } from 'vscode-languageclient';
import { LANGUAGE_ID } from './contentDetector';
import {
  MAX_PDF_BYTES,
  PDF_DOCUMENT_SCHEME,
  PDF_TEXT_REQUEST,
  isPdfUri,
  pdfOfDocumentUri,
  type PdfTextParams,
  type PdfTextResult,
} from '../../server/src/lsp/pdfProtocol';

export const OPEN_PDF_COMMAND = 'imrDetermination.openPdfAsLetter';
/** The *Open With…* choice (package.json `customEditors`). */
export const PDF_EDITOR_VIEW_TYPE = 'imrDetermination.pdfAsLetter';
/** The code of the diagnostic on a PDF whose text cannot be read. */
export const PDF_UNREADABLE_CODE = 'pdf-unreadable';

export interface PdfLetterOptions {
  /** Whether this client reads the PDF itself and sends its bytes (else the server reads the file). */
  sendBytes(pdf: vscode.Uri): boolean;
}

/** The URI of a PDF's text document. The path keeps the PDF's name, which the editor tab shows. */
export function pdfDocumentUri(pdf: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PDF_DOCUMENT_SCHEME, path: pdf.path || '/document.pdf', query: pdf.toString() });
}

/** Where a location the server names should open: a PDF's text instead of the PDF. */
export function letterDocumentUri(uri: vscode.Uri): vscode.Uri {
  return isPdfUri(uri.toString()) ? pdfDocumentUri(uri) : uri;
}

/** The PDF behind a text document of ours, or undefined. */
function pdfOf(document: vscode.Uri): vscode.Uri | undefined {
  if (document.scheme !== PDF_DOCUMENT_SCHEME) return undefined;
  const real = pdfOfDocumentUri(document.toString());
  return real ? vscode.Uri.parse(real, true) : undefined;
}

/** Workspace symbols of PDF letters open the PDF's text, at the item (positions are in that text). */
export const pdfMiddleware: Middleware = {
  async provideWorkspaceSymbols(query, token, next) {
    const symbols = await next(query, token);
    for (const symbol of symbols ?? []) {
      if ('range' in symbol.location) symbol.location = new vscode.Location(letterDocumentUri(symbol.location.uri), symbol.location.range);
    }
    return symbols;
  },
};

/** Binary to base64 in slices (a spread of a whole PDF would overflow the call stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

type Problem = Extract<PdfTextResult, { problem: string }>;

/** Provides the texts, keeps the diagnostics of unreadable PDFs, and switches readable ones to the letter language. */
class PdfLetters implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('imr-pdf');
  /** Text documents whose PDF was read (by URI): these are letters. */
  private readonly readable = new Set<string>();
  /** Documents this module switched to the letter language: one seen in another language again was switched back by hand. */
  private readonly switched = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly options: PdfLetterOptions,
  ) {
    this.subscriptions.push(
      this.diagnostics,
      vscode.workspace.onDidOpenTextDocument((doc) => void this.switchLanguage(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)),
    );
    // Documents restored with the window were opened before this module existed.
    for (const doc of vscode.workspace.textDocuments) void this.switchLanguage(doc);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const pdf = pdfOf(uri);
    const result: PdfTextResult = pdf ? await this.read(pdf) : { problem: 'unreadable', message: 'This document names no PDF.' };
    const key = uri.toString();
    if ('text' in result) {
      this.readable.add(key);
      this.diagnostics.delete(uri);
      return result.text;
    }
    this.readable.delete(key);
    const text = explanation(pdf ? fileName(pdf) : 'this document', result);
    this.diagnostics.set(uri, [problemDiagnostic(result)]);
    return text;
  }

  private async read(pdf: vscode.Uri): Promise<PdfTextResult> {
    const params: PdfTextParams = { uri: pdf.toString() };
    if (this.options.sendBytes(pdf)) {
      try {
        const { size } = await vscode.workspace.fs.stat(pdf);
        if (size > MAX_PDF_BYTES) return { problem: 'unreadable', message: `The PDF is larger than ${MAX_PDF_BYTES / (1024 * 1024)} MB; it was not read.` };
        params.data = toBase64(await vscode.workspace.fs.readFile(pdf));
      } catch (err) {
        return { problem: 'unreadable', message: `The PDF could not be read (${err instanceof vscode.FileSystemError ? err.code : 'error'}).` };
      }
    }
    try {
      // Starts the server when no letter has yet; waits for a start under way.
      await this.client.start();
      return await this.client.sendRequest<PdfTextResult>(PDF_TEXT_REQUEST, params);
    } catch {
      return { problem: 'unreadable', message: 'The IMR Determinations language server is not running (see its output channel), so the PDF could not be read.' };
    }
  }

  /** A readable PDF's text is a letter: in the letter language, unless the user chose another. */
  async switchLanguage(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
    const key = doc.uri.toString();
    if (doc.uri.scheme !== PDF_DOCUMENT_SCHEME || doc.languageId === LANGUAGE_ID || !this.readable.has(key) || this.switched.has(key)) return doc;
    this.switched.add(key);
    try {
      return await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    } catch {
      this.switched.delete(key); // closed meanwhile
      return doc;
    }
  }

  /**
   * A language change closes and reopens the document at once; one still closed a moment later
   * was really closed: forget it, so that opening it again (from a symbol, the view) reads the PDF
   * again and switches it again.
   */
  private closed(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== PDF_DOCUMENT_SCHEME) return;
    const key = doc.uri.toString();
    setTimeout(() => {
      if (vscode.workspace.textDocuments.some((open) => open.uri.toString() === key)) return;
      this.switched.delete(key);
      this.readable.delete(key);
      this.diagnostics.delete(doc.uri);
    }, 0);
  }

  /** Opens the PDF's text in an editor; resolves to the document shown. */
  async open(pdf: vscode.Uri, viewColumn?: vscode.ViewColumn): Promise<vscode.TextDocument> {
    const uri = pdfDocumentUri(pdf);
    // Opened again, the PDF is read again (it may have changed on disk since).
    this.switched.delete(uri.toString());
    let doc = await vscode.workspace.openTextDocument(uri);
    doc = await this.switchLanguage(doc);
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn });
    return doc;
  }
}

/** What an unreadable PDF's document says. */
function explanation(name: string, problem: Problem): string {
  return `${name} cannot be opened as an IMR determination letter.\n\n${problem.message}\n`;
}

function problemDiagnostic(problem: Problem): vscode.Diagnostic {
  const line = 2; // the message's line in explanation()
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, problem.message.length), problem.message, vscode.DiagnosticSeverity.Information);
  diagnostic.source = 'imr';
  diagnostic.code = PDF_UNREADABLE_CODE;
  return diagnostic;
}

/**
 * *Open With… → IMR Letter*: VS Code offers custom editors there. This one hands over at once to
 * the PDF's text document, in the same editor group, and closes its own (empty) tab.
 */
class OpenWithProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly letters: PdfLetters) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>Opening the PDF as an IMR letter…</p></body></html>`;
    try {
      await this.letters.open(document.uri, panel.viewColumn);
    } finally {
      const tab = vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === PDF_EDITOR_VIEW_TYPE && t.input.uri.toString() === document.uri.toString());
      if (tab) await vscode.window.tabGroups.close(tab, true);
      else panel.dispose();
    }
  }
}

/** Registers the text provider, the command, the *Open With…* editor; returns the command's function (for tests). */
export function registerPdfLetters(context: vscode.ExtensionContext, client: BaseLanguageClient, options: PdfLetterOptions): void {
  const letters = new PdfLetters(client, options);
  context.subscriptions.push(
    letters,
    vscode.workspace.registerTextDocumentContentProvider(PDF_DOCUMENT_SCHEME, letters),
    vscode.window.registerCustomEditorProvider(PDF_EDITOR_VIEW_TYPE, new OpenWithProvider(letters), { supportsMultipleEditorsPerDocument: true }),
    // From the Explorer: the file right-clicked, and the others selected with it. From the palette: a picker.
    vscode.commands.registerCommand(OPEN_PDF_COMMAND, async (resource?: unknown, selected?: unknown): Promise<vscode.TextDocument[]> => {
      const given = (Array.isArray(selected) && selected.length > 0 ? selected : [resource]).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
      let pdfs = given.filter((u) => isPdfUri(u.toString()));
      if (given.length > 0 && pdfs.length === 0) {
        void vscode.window.showInformationMessage('Open as IMR Letter opens PDF files (.pdf).');
        return [];
      }
      if (pdfs.length === 0) {
        pdfs =
          (await vscode.window.showOpenDialog({
            title: 'Open a PDF as an IMR Letter',
            openLabel: 'Open as IMR Letter',
            canSelectMany: true,
            filters: { 'PDF letters': ['pdf'] },
            defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
          })) ?? [];
      }
      const opened: vscode.TextDocument[] = [];
      for (const pdf of pdfs) opened.push(await letters.open(pdf));
      return opened;
    }),
  );
}
