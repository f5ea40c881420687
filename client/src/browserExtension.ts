/**
 * The extension in VS Code for the Web (package.json `browser`): the same
 * content detection and Determinations view as the desktop extension, with the
 * language server in a Web Worker (dist/browserServer.js) instead of a Node
 * process. There is no file system there, so the workspace index holds the
 * letters that are open.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { ContentDetector, LANGUAGE_ID } from './contentDetector';
import { registerDeterminationsView } from './determinationsView';
import { registerCopySummaryCommand } from './copySummary';
import { registerStatisticsView } from './statisticsView';
import { pdfMiddleware, registerPdfLetters } from './pdfLetters';

/** Settings namespace, and the client id (so `imrDetermination.trace.server` applies). */
const SECTION = 'imrDetermination';
const DISPLAY_NAME = 'IMR Determinations';

/** The web extension host's Worker constructor (typed here: the project compiles without DOM types). */
const WebWorker = (globalThis as unknown as { Worker: new (url: string, options?: { name?: string }) => unknown }).Worker;

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): { readonly languageClient: LanguageClient } {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browserServer.js');
  // A new worker for every start, so that a restart after a crash does not talk to the dead one.
  const serverOptions = (() =>
    Promise.resolve(new WebWorker(serverMain.toString(true), { name: 'IMR Determinations language server' }))) as ConstructorParameters<typeof LanguageClient>[2];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: SECTION },
    outputChannelName: DISPLAY_NAME,
    // After a completion ends in "Section(s): ", the server asks the editor to open the section names.
    initializationOptions: { suggestCommand: 'editor.action.triggerSuggest' },
    // Workspace symbols of PDF letters open the PDF's text.
    middleware: pdfMiddleware,
  };
  const languageClient = new LanguageClient(SECTION, DISPLAY_NAME, serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(languageClient);

  // The worker starts for the first letter (or when the Determinations view asks).
  const startFor = (doc: vscode.TextDocument): void => {
    if (doc.languageId === LANGUAGE_ID && languageClient.needsStart()) languageClient.start().catch(() => undefined);
  };
  vscode.workspace.textDocuments.forEach(startFor);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startFor));
  context.subscriptions.push(new ContentDetector((message) => languageClient.info(message, undefined, false)));
  const determinations = registerDeterminationsView(context, languageClient);
  registerCopySummaryCommand(context, languageClient);
  registerStatisticsView(context, languageClient, determinations);
  // The worker has no file system: the PDF's bytes are read here and sent with the request.
  registerPdfLetters(context, languageClient, { sendBytes: () => true });
  return { languageClient };
}

export function deactivate(): Thenable<void> | undefined {
  if (!client || !client.needsStop()) return undefined;
  return client.stop().catch(() => undefined);
}
