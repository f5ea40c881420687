/**
 * LSP wiring only: documents, capabilities, settings, and the feature modules
 * in lsp/ that register the handlers. Each handler finds the document, asks
 * the language service, and converts the answer to protocol types.
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from './core';
import { pushedSection, settingsFromConfiguration, type ServerSettings } from './settings';
import type { Feature, FeatureHooks, ServerContext } from './lsp/context';
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

const FEATURES: readonly Feature[] = [
  documentSymbolFeature,
  diagnosticFeature,
  codeActionFeature,
  hoverFeature,
  foldingRangeFeature,
  selectionRangeFeature,
  codeLensFeature,
  documentLinkFeature,
  completionFeature,
  semanticTokensFeature,
  letterSummaryFeature,
];

export function startServer(connection: Connection): void {
  const service = createLanguageService();
  const documents = new TextDocuments(TextDocument);
  let client: ClientCapabilities = {};
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  /** The settings of the last didChangeConfiguration, used only for clients without workspace/configuration. */
  let pushedSettings: unknown;

  const ctx: ServerContext = {
    connection,
    documents,
    service,
    client: () => client,
    settingsFor(uri) {
      // A client that cannot be asked (Neovim 0.7) may still push its settings with didChangeConfiguration.
      if (client.workspace?.configuration !== true) return Promise.resolve(settingsFromConfiguration(pushedSection(pushedSettings)));
      let s = settingsCache.get(uri);
      if (!s) {
        s = connection.workspace
          .getConfiguration({ scopeUri: uri, section: 'imrDetermination' })
          .then(settingsFromConfiguration, () => settingsFromConfiguration(undefined));
        settingsCache.set(uri, s);
      }
      return s;
    },
    guard(name, fallback, token, run) {
      if (token?.isCancellationRequested) return Promise.resolve(fallback);
      return Promise.resolve()
        .then(run)
        .catch((err: unknown) => {
          // The stack names code, never document text.
          connection.console.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          return fallback;
        });
    },
  };

  connection.onInitialize((params): InitializeResult => {
    client = params.capabilities ?? {};
    const capabilities = Object.assign(
      { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      ...FEATURES.map((f) => f.capabilities(client)),
    );
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
  documents.onDidClose((e) => {
    settingsCache.delete(e.document.uri);
    service.forget(e.document.uri);
  });

  documents.listen(connection);
  connection.listen();
}

// Started as a program (not imported by a test): connect over whatever transport the arguments name
// (--stdio, --node-ipc, --socket=N), and keep running whatever a stray error does.
if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (err) => connection.console.error(`Uncaught exception: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
  startServer(connection);
}
