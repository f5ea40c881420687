/**
 * The VS Code side: switches plain-text documents that are determination letters
 * to the `imr-determination` language, and runs the language server for them.
 * All language features live in the server; this file only wires them up.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { ContentDetector, LANGUAGE_ID } from './contentDetector';
import { registerDeterminationsView, type DeterminationsProvider } from './determinationsView';
import { registerCopySummaryCommand } from './copySummary';
import { registerStatisticsView } from './statisticsView';
import { pdfMiddleware, registerPdfLetters } from './pdfLetters';
import { ENGINE_OPTIONS as SERVER_ENGINE_OPTIONS } from '../../server/src/engineOptions';

/** Settings namespace, and the client id (so `imrDetermination.trace.server` applies). */
const SECTION = 'imrDetermination';
const DISPLAY_NAME = 'IMR Determinations';

export interface ExtensionApi {
  readonly languageClient: LanguageClient;
  /** The Determinations view's data (for tests). */
  readonly determinations: DeterminationsProvider;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const languageClient = createClient(context);
  client = languageClient;
  context.subscriptions.push(languageClient);

  // Activation also happens for every plain-text file, so the server process
  // starts only once a letter is actually open.
  let startRequested = false;
  const startFor = (doc: vscode.TextDocument): void => {
    if (startRequested || doc.languageId !== LANGUAGE_ID) return;
    startRequested = true;
    // A failed start is already reported by the client in its output channel.
    languageClient.start().catch(() => undefined);
  };
  vscode.workspace.textDocuments.forEach(startFor);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startFor));

  context.subscriptions.push(new ContentDetector((message) => languageClient.info(message, undefined, false)));
  const determinations = registerDeterminationsView(context, languageClient);
  registerCopySummaryCommand(context, languageClient);
  registerStatisticsView(context, languageClient, determinations);
  // The server reads a PDF on this machine's disk itself; one from another file system
  // (a remote or virtual workspace) is read here and sent.
  registerPdfLetters(context, languageClient, { sendBytes: (pdf) => pdf.scheme !== 'file' });

  return { languageClient, determinations };
}

export function deactivate(): Thenable<void> | undefined {
  if (!client || !client.needsStop()) return undefined;
  // Stopping a client that is still starting rejects; the host ends the server process anyway.
  return client.stop().catch(() => undefined);
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // V8 options that make a fresh server's first letter cheaper (server/src/engineOptions.ts, which
    // sets the same outside VS Code, where they cannot be changed once the server runs).
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_ENGINE_OPTIONS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_ENGINE_OPTIONS, '--nolazy', '--inspect=6010'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    // Every scheme, so untitled buffers and virtual workspaces get features too.
    documentSelector: [{ language: LANGUAGE_ID }],
    // files.exclude too: the server's workspace index respects it.
    synchronize: { configurationSection: [SECTION, 'files.exclude'] },
    outputChannelName: DISPLAY_NAME,
    // After a completion ends in "Section(s): ", the server asks the editor to open the section names.
    initializationOptions: { suggestCommand: 'editor.action.triggerSuggest' },
    // Workspace symbols of PDF letters open the PDF's text.
    middleware: pdfMiddleware,
  };
  return new LanguageClient(SECTION, DISPLAY_NAME, serverOptions, clientOptions);
}
