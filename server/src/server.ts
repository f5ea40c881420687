/**
 * LSP wiring only: documents, capabilities, settings, and the feature modules
 * in lsp/ that register the handlers. Each handler finds the document, asks
 * the language service, and converts the answer to protocol types.
 */
import {
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type InitializeResult,
  type ServerCapabilities,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from './core';
import { pushedSection, settingsFromConfiguration, type ServerSettings } from './settings';
import type { Feature, FeatureHooks, ServerContext } from './lsp/context';
import type { WorkspaceFiles } from './lsp/workspaceFiles';
import { CLIENT_ANSWER_MS, within } from './lsp/clientAnswer';
import { answerRefusals } from './lsp/lifecycle';
import { describeError } from './lsp/logging';
import { workspaceSymbolFeature } from './lsp/workspaceSymbols';
import { documentSymbolFeature } from './lsp/symbols';
import { diagnosticFeature } from './lsp/diagnostics';
import { codeActionFeature } from './lsp/codeActions';
import { hoverFeature } from './lsp/hover';
import { foldingRangeFeature } from './lsp/folding';
import { selectionRangeFeature } from './lsp/selectionRanges';
import { codeLensFeature } from './lsp/codeLens';
import { documentLinkFeature } from './lsp/documentLinks';
import { completionFeature } from './lsp/completion';
import { semanticTokensFeature } from './lsp/semanticTokens';
import { letterSummaryFeature } from './lsp/letterSummary';
import { pdfTextFeature } from './lsp/pdfText';

const FEATURES: readonly Feature[] = [
  documentSymbolFeature,
  diagnosticFeature,
  codeActionFeature,
  hoverFeature,
  foldingRangeFeature,
  selectionRangeFeature,
  codeLensFeature,
  documentLinkFeature,
  workspaceSymbolFeature,
  completionFeature,
  semanticTokensFeature,
  letterSummaryFeature,
  pdfTextFeature,
];

/**
 * Serves LSP on `connection`, whatever its transport (nodeServer.ts: stdio, IPC or a socket;
 * browserServer.ts: a Web Worker). `files` gives the workspace index the disk, where there is one.
 */
/** Two features may both add to a section such as `workspace`: such sections are merged, not replaced. */
function mergeCapabilities(into: ServerCapabilities, add: ServerCapabilities): ServerCapabilities {
  const out: Record<string, unknown> = { ...into };
  for (const [key, value] of Object.entries(add)) {
    const prior = out[key];
    const mergeable = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    out[key] = mergeable(prior) && mergeable(value) ? { ...(prior as object), ...(value as object) } : value;
  }
  return out as ServerCapabilities;
}

/** The answer to a cancelled request, as the specification advises. */
const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');

/** A command name a client offers in `initializationOptions.suggestCommand` (a dotted identifier), else undefined. */
function suggestCommandOf(options: unknown): string | undefined {
  const named = typeof options === 'object' && options !== null ? (options as { suggestCommand?: unknown }).suggestCommand : undefined;
  return typeof named === 'string' && /^[\w.-]{1,100}$/.test(named) ? named : undefined;
}

export function startServer(connection: Connection, files?: WorkspaceFiles): void {
  const service = createLanguageService();
  const documents = new TextDocuments(TextDocument);
  let client: ClientCapabilities = {};
  let suggestCommand: string | undefined;
  let folders: WorkspaceFolder[] = [];
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  /** The settings of the last didChangeConfiguration, used only for clients without workspace/configuration. */
  let pushedSettings: unknown;
  let requestsRunning = 0;

  const ctx: ServerContext = {
    connection,
    documents,
    service,
    client: () => client,
    suggestCommand: () => suggestCommand,
    workspaceFolders: () => folders,
    files,
    settingsFor(uri) {
      // A client that cannot be asked (Neovim 0.7) may still push its settings with didChangeConfiguration.
      if (client.workspace?.configuration !== true) return Promise.resolve(settingsFromConfiguration(pushedSection(pushedSettings)));
      let s = settingsCache.get(uri);
      if (!s) {
        // A client that never answers gets the defaults after a while (kept until the settings change).
        const asked = connection.workspace.getConfiguration({ scopeUri: uri, section: 'imrDetermination' }) as Promise<unknown>;
        s = within(CLIENT_ANSWER_MS, asked, undefined).then(settingsFromConfiguration);
        settingsCache.set(uri, s);
      }
      return s;
    },
    guard(name, fallback, token, run) {
      if (token?.isCancellationRequested) return Promise.reject(cancelled());
      const answer = Promise.resolve()
        .then(run)
        .catch((err: unknown) => {
          connection.console.error(`${name} failed: ${describeError(err)}`);
          return fallback;
        });
      // Requests come with a token; background runs (pushes, the workspace index) without one.
      if (!token) return answer;
      // A cancelled request is answered at once, even while its run still waits (for settings from a
      // client that may never send them); what the run makes afterwards is dropped.
      requestsRunning++;
      let listener: Disposable | undefined;
      const cancellation = new Promise<never>((_, reject) => {
        listener = token.onCancellationRequested(() => reject(cancelled()));
      });
      return Promise.race([answer, cancellation]).finally(() => {
        listener?.dispose();
        requestsRunning--;
      });
    },
    busy: () => requestsRunning > 0,
  };

  connection.onInitialize((params): InitializeResult => {
    client = params.capabilities ?? {};
    suggestCommand = suggestCommandOf(params.initializationOptions);
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri.replace(/\/+$/, '').split('/').pop() ?? '' }] : []);
    const capabilities = FEATURES.map((f) => f.capabilities(client)).reduce(mergeCapabilities, {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    });
    return { capabilities, serverInfo: { name: 'imr-language-server', version: '0.1.0' } };
  });

  const hooks: FeatureHooks[] = [];
  for (const feature of FEATURES) {
    const h = feature.register(ctx);
    if (h) hooks.push(h);
  }

  connection.onDidChangeConfiguration((params) => {
    pushedSettings = params?.settings;
    settingsCache.clear();
    for (const h of hooks) h.onSettingsChanged?.();
  });
  connection.onInitialized(() => {
    for (const h of hooks) h.onInitialized?.();
  });
  connection.onDidChangeWatchedFiles((params) => {
    for (const h of hooks) h.onWatchedFilesChanged?.(params.changes);
  });
  documents.onDidClose((e) => {
    settingsCache.delete(e.document.uri);
    service.forget(e.document.uri);
  });

  answerRefusals(connection);
  documents.listen(connection);
  connection.listen();
}
