/**
 * Diagnostics: pulled (textDocument/diagnostic) by clients that support it,
 * pushed (publishDiagnostics) to those that do not, such as Neovim 0.7, eglot
 * and Vim ALE. Pushes are coalesced over bursts of edits and published only
 * for the version they were computed for.
 */
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core';
import { documentNotice, type Notice } from '../core/limits';
import type { ServerSettings } from '../settings';
import type { Feature, ServerContext } from './context';

const SEVERITIES: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * How long a push waits for more edits before analysing: nothing for a letter (analysed in about a
 * millisecond, so waiting would only make the reader wait), growing with the text up to 50 ms for a
 * megabyte and more, where an analysis costs more than the pause between two keystrokes.
 */
export function pushDelayMs(textLength: number): number {
  return Math.min(50, Math.floor(textLength / 20_000));
}

export function toDiagnostic(uri: string, f: Finding): Diagnostic {
  const d: Diagnostic = { range: f.range, severity: SEVERITIES[f.severity], code: f.code, source: 'imr', message: f.message };
  if (f.related) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  if (f.data !== undefined) d.data = f.data;
  return d;
}

function noticeDiagnostic(n: Notice): Diagnostic {
  return { range: n.range, severity: DiagnosticSeverity.Information, code: n.code, source: 'imr', message: n.message };
}

const pulls = (ctx: ServerContext) => ctx.client().textDocument?.diagnostic !== undefined;

/**
 * One turn of the event loop, so that messages which arrived meanwhile ($/cancelRequest, didChange)
 * are read. Node has setImmediate; a Web Worker (the browser server) has only timers.
 */
const yieldTurn: (resume: () => void) => void = typeof setImmediate === 'function' ? (resume) => setImmediate(resume) : (resume) => setTimeout(resume, 0);
const nextTurn = (): Promise<void> => new Promise((resolve) => yieldTurn(resolve));

/**
 * The diagnostics of a document in phases: the limits (size, NUL bytes), which
 * need no parse; the parse; the rules. Between parse and rules `stop` is asked
 * whether the answer is still wanted (undefined when not). A document changed
 * in the meantime is analysed again, so the answer is for one text.
 */
async function diagnosticsFor(ctx: ServerContext, doc: TextDocument, settings: ServerSettings, stop: () => boolean): Promise<Diagnostic[] | undefined> {
  for (;;) {
    // The text itself, not the version number, tells whether the document changed: a client may send a number again.
    const text = doc.getText();
    const notice = documentNotice(text, settings.maxDocumentSize);
    if (notice) return [noticeDiagnostic(notice)];
    ctx.service.analyse(doc);
    await nextTurn();
    if (stop()) return undefined;
    if (doc.getText() === text) return ctx.service.diagnostics(doc, settings).map((f) => toDiagnostic(doc.uri, f));
  }
}

function pusher(ctx: ServerContext, documents: TextDocuments<TextDocument>) {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const schedule = (uri: string): void => {
    const prior = pending.get(uri);
    if (prior) clearTimeout(prior);
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        const current = documents.get(uri);
        if (!current) return;
        // The document object is updated in place by later edits: remember which version this run is for.
        const version = current.version;
        void ctx
          .guard('diagnostics', undefined as Diagnostic[] | undefined, undefined, async () => {
            const settings = await ctx.settingsFor(uri);
            const now = documents.get(uri);
            // A newer version has its own run scheduled; a closed document gets nothing.
            const stale = () => documents.get(uri) !== now || now?.version !== version;
            if (!now || stale()) return undefined;
            return diagnosticsFor(ctx, now, settings, stale);
          })
          .then((diagnostics) => {
            if (diagnostics) ctx.connection.sendDiagnostics({ uri, version, diagnostics });
          });
      }, pushDelayMs(documents.get(uri)?.getText().length ?? 0)),
    );
  };
  const cancel = (uri: string): void => {
    const prior = pending.get(uri);
    if (prior) clearTimeout(prior);
    pending.delete(uri);
  };
  return { schedule, cancel };
}

export const diagnosticFeature: Feature = {
  capabilities: (client) =>
    client.textDocument?.diagnostic !== undefined
      ? { diagnosticProvider: { identifier: 'imr', interFileDependencies: false, workspaceDiagnostics: false } }
      : {},
  register(ctx) {
    const { documents, connection } = ctx;
    const p = pusher(ctx, documents);
    documents.onDidOpen((e) => {
      if (!pulls(ctx)) p.schedule(e.document.uri);
      // A pull for the document follows at once: its settings (a round trip to the client) are asked for now.
      else void ctx.settingsFor(e.document.uri);
      // The parse needs no settings (the outline makes it whatever the size): it runs on the next
      // turn, once the settings request is on its way, while the client answers it.
      const doc = e.document;
      yieldTurn(() => {
        void ctx.guard('analysis', undefined, undefined, () => {
          if (documents.get(doc.uri) === doc) ctx.service.analyse(doc);
        });
      });
    });
    documents.onDidChangeContent((e) => {
      if (!pulls(ctx)) p.schedule(e.document.uri);
    });
    documents.onDidClose((e) => {
      p.cancel(e.document.uri);
      if (!pulls(ctx)) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    connection.languages.diagnostics.on((params, token) =>
      ctx.guard('diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, token, async () => {
        const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
        const doc = documents.get(params.textDocument.uri);
        if (!doc) return empty;
        const settings = await ctx.settingsFor(doc.uri);
        // Settings may have taken a round trip to the client: the request may have been cancelled meanwhile.
        if (token.isCancellationRequested) return empty;
        const items = await diagnosticsFor(ctx, doc, settings, () => token.isCancellationRequested);
        return items ? ({ kind: DocumentDiagnosticReportKind.Full, items } satisfies DocumentDiagnosticReport) : empty;
      }),
    );
    return {
      onSettingsChanged() {
        if (pulls(ctx)) connection.languages.diagnostics.refresh();
        else documents.all().forEach((d) => p.schedule(d.uri));
      },
    };
  },
};
