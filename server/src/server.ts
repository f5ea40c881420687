/**
 * LSP wiring only: documents, capabilities, settings and handlers. Each
 * handler finds the document, asks the language service, and converts the
 * answer to protocol types. Every request is guarded so that a failure in one
 * feature is logged and answered with an empty result instead of ending the
 * process.
 */
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, quickFixes, type Finding, type OutlineSymbol, type ValidationSettings } from './core';
import { settingsFromConfiguration } from './settings';

const SYMBOL_KINDS: Record<OutlineSymbol['kind'], SymbolKind> = {
  namespace: SymbolKind.Namespace,
  module: SymbolKind.Module,
  class: SymbolKind.Class,
  field: SymbolKind.Field,
  property: SymbolKind.Property,
  key: SymbolKind.Key,
  event: SymbolKind.Event,
};

const SEVERITIES: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KINDS[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toDocumentSymbol),
  };
}

/** For clients without hierarchical symbols: the same tree, flattened in document order. */
function toSymbolInformation(uri: string, symbols: OutlineSymbol[], container?: string, out: SymbolInformation[] = []): SymbolInformation[] {
  for (const s of symbols) {
    const info: SymbolInformation = { name: s.name, kind: SYMBOL_KINDS[s.kind], location: { uri, range: s.range } };
    if (container) info.containerName = container;
    out.push(info);
    toSymbolInformation(uri, s.children, s.name, out);
  }
  return out;
}

function toDiagnostic(uri: string, f: Finding): Diagnostic {
  const d: Diagnostic = { range: f.range, severity: SEVERITIES[f.severity], code: f.code, source: 'imr', message: f.message };
  if (f.related) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  if (f.data !== undefined) d.data = f.data;
  return d;
}

export function startServer(connection: Connection): void {
  const service = createLanguageService();
  const documents = new TextDocuments(TextDocument);
  let hierarchicalSymbols = false;
  let pullDiagnostics = false;
  let configurationRequests = false;
  const settingsCache = new Map<string, Promise<ValidationSettings>>();

  /** Runs a request handler; an exception is logged (without document text) and answered with the fallback. */
  const guard = <T>(name: string, fallback: T, token: CancellationToken | undefined, run: () => T | Promise<T>): Promise<T> => {
    if (token?.isCancellationRequested) return Promise.resolve(fallback);
    return Promise.resolve()
      .then(run)
      .catch((err: unknown) => {
        connection.console.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return fallback;
      });
  };

  const settingsFor = (uri: string): Promise<ValidationSettings> => {
    if (!configurationRequests) return Promise.resolve(settingsFromConfiguration(undefined));
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'imrDetermination' })
        .then(settingsFromConfiguration, () => settingsFromConfiguration(undefined));
      settingsCache.set(uri, s);
    }
    return s;
  };

  const diagnosticsFor = async (doc: TextDocument): Promise<Diagnostic[]> => {
    const settings = await settingsFor(doc.uri);
    return service.diagnostics(doc, settings).map((f) => toDiagnostic(doc.uri, f));
  };

  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const push = (doc: TextDocument): void => {
    const prior = pending.get(doc.uri);
    if (prior) clearTimeout(prior);
    // Coalesce bursts of edits; the analysis itself is cached per version.
    pending.set(
      doc.uri,
      setTimeout(() => {
        pending.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (!current) return;
        // The document object is updated in place by later edits: remember which version this run is for.
        const version = current.version;
        void guard('diagnostics', undefined as Diagnostic[] | undefined, undefined, async () => {
          const settings = await settingsFor(doc.uri);
          const now = documents.get(doc.uri);
          // A newer version has its own run scheduled; a closed document gets nothing.
          if (!now || now.version !== version) return undefined;
          return service.diagnostics(now, settings).map((f) => toDiagnostic(doc.uri, f));
        }).then((diagnostics) => {
          if (diagnostics) connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
        });
      }, 50),
    );
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
    configurationRequests = caps.workspace?.configuration === true;
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'IMR Determination' },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'imr-language-server', version: '0.1.0' },
    };
    if (pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: 'imr', interFileDependencies: false, workspaceDiagnostics: false };
    }
    return result;
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
    else documents.all().forEach(push);
  });

  documents.onDidOpen((e) => {
    if (!pullDiagnostics) push(e.document);
  });
  documents.onDidChangeContent((e) => {
    if (!pullDiagnostics) push(e.document);
  });
  documents.onDidClose((e) => {
    const prior = pending.get(e.document.uri);
    if (prior) clearTimeout(prior);
    pending.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    service.forget(e.document.uri);
    if (!pullDiagnostics) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDocumentSymbol((params, token) =>
    guard('documentSymbol', [] as DocumentSymbol[] | SymbolInformation[], token, () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const symbols = service.documentSymbols(doc);
      return hierarchicalSymbols ? symbols.map(toDocumentSymbol) : toSymbolInformation(doc.uri, symbols);
    }),
  );

  connection.onCodeAction((params, token) =>
    guard('codeAction', [] as CodeAction[], token, () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const analysis = service.analyse(doc);
      const actions: CodeAction[] = [];
      for (const d of params.context.diagnostics) {
        if (d.source !== 'imr' || typeof d.code !== 'string') continue;
        for (const fix of quickFixes(analysis, { code: d.code, range: d.range, data: d.data })) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: fix.preferred,
            edit: { changes: { [doc.uri]: fix.edits } },
          });
        }
      }
      return actions;
    }),
  );

  connection.languages.diagnostics.on((params, token) =>
    guard('diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, token, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      return { kind: DocumentDiagnosticReportKind.Full, items: await diagnosticsFor(doc) };
    }),
  );

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
