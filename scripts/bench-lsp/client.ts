/**
 * A minimal LSP client for `npm run bench:lsp`: spawns one server over stdio, initializes it
 * with pull diagnostics (no push), answers every request a server sends (configuration,
 * markdown/parse, markdown/fs/*, refresh, registration), keeps the text of its open documents
 * so that `markdown/parse` can be answered, and bounds every wait.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type ConfigurationItem,
  type InitializeResult,
  type ProtocolConnection,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const WAIT_MS = 120_000;

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  languageId: string;
  /** Document URIs end with this (e.g. `.imr.txt`, `.md`). */
  extension: string;
  /** Answer to one workspace/configuration item. */
  configuration?: (item: ConfigurationItem) => unknown;
  /** Sent once after `initialized` in didChangeConfiguration (the markdown server reads its settings only from there). */
  settings?: unknown;
  initializationOptions?: unknown;
  /** Answer to markdown/parse: tokens for a text. */
  parse?: (text: string) => unknown;
}

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, diagnostics: { refreshSupport: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
    documentSymbol: { dynamicRegistration: false, hierarchicalDocumentSymbolSupport: true },
    // Pull diagnostics only: the markdown server has no push mode, so every server is asked the same way.
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
  },
};

/** Requests a server may send to this client; each is answered (see `answer`). */
const SERVER_REQUESTS = [
  'workspace/configuration',
  'workspace/workspaceFolders',
  'workspace/diagnostic/refresh',
  'workspace/semanticTokens/refresh',
  'workspace/codeLens/refresh',
  'workspace/inlayHint/refresh',
  'client/registerCapability',
  'client/unregisterCapability',
  'window/workDoneProgress/create',
  'window/showMessageRequest',
  'markdown/parse',
  'markdown/fs/readFile',
  'markdown/fs/readDirectory',
  'markdown/fs/stat',
  'markdown/fs/watcher/create',
  'markdown/fs/watcher/delete',
  'markdown/findMarkdownFilesInWorkspace',
];

export class BenchClient {
  readonly connection: ProtocolConnection;
  stderr = '';
  initializeResult: InitializeResult | undefined;
  /** Requests the server sent, by method. */
  readonly serverRequests = new Map<string, number>();
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly docs = new Map<string, TextDocument>();
  private exited = false;
  private readonly exitPromise: Promise<void>;

  constructor(readonly spec: ServerSpec) {
    this.child = spawn(spec.command, spec.args, { cwd: spec.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (c: string) => {
      if (this.stderr.length < 20_000) this.stderr += c;
    });
    this.child.stdin.on('error', () => undefined);
    this.exitPromise = new Promise((resolve) => this.child.on('exit', () => {
      this.exited = true;
      resolve();
    }));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    for (const method of SERVER_REQUESTS) {
      this.connection.onRequest(method, (params: unknown) => {
        this.serverRequests.set(method, (this.serverRequests.get(method) ?? 0) + 1);
        return this.answer(method, params);
      });
    }
    this.connection.onError(([error]) => {
      this.stderr += `\n[client] ${error.message}`;
    });
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  private answer(method: string, params: unknown): unknown {
    const p = params as Record<string, unknown> | undefined;
    switch (method) {
      case 'workspace/configuration': {
        const items = (p?.items as ConfigurationItem[] | undefined) ?? [];
        return items.map((item) => (this.spec.configuration ? this.spec.configuration(item) : null));
      }
      case 'markdown/parse': {
        const uri = String(p?.uri);
        const text = typeof p?.text === 'string' ? p.text : this.docs.get(uri)?.getText() ?? '';
        return this.spec.parse ? this.spec.parse(text) : [];
      }
      case 'markdown/findMarkdownFilesInWorkspace':
      case 'markdown/fs/readDirectory':
        return [];
      case 'markdown/fs/readFile':
        return [];
      case 'workspace/workspaceFolders':
        return null;
      default:
        // fs/stat (no such file), watchers, refresh, registerCapability, workDoneProgress/create ...
        return null;
    }
  }

  async start(): Promise<void> {
    this.initializeResult = await this.within('initialize', this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'imr-bench-lsp', version: '1' },
      rootUri: null,
      capabilities: CAPABILITIES,
      workspaceFolders: null,
      initializationOptions: this.spec.initializationOptions,
    }));
    await this.connection.sendNotification(InitializedNotification.type, {});
    if (this.spec.settings !== undefined) {
      await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: this.spec.settings });
    }
  }

  private get incremental(): boolean {
    const sync = this.initializeResult?.capabilities.textDocumentSync;
    const kind = typeof sync === 'number' ? sync : sync?.change;
    return kind === TextDocumentSyncKind.Incremental;
  }

  async open(uri: string, text: string): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, this.spec.languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: this.spec.languageId, version: 1, text } });
  }

  /** Replaces `range` by `text` (sent incrementally when the server syncs incrementally, else as full text). */
  async edit(uri: string, range: Range, text: string): Promise<void> {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const version = doc.version + 1;
    const updated = TextDocument.update(doc, [{ range, text }], version);
    this.docs.set(uri, updated);
    const contentChanges = this.incremental ? [{ range, text }] : [{ text: updated.getText() }];
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** textDocument/diagnostic; returns the number of items. */
  async diagnostics(uri: string): Promise<number> {
    const report = await this.within(`diagnostic ${uri}`, this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
    return report.kind === 'full' ? report.items.length : -1;
  }

  /** textDocument/documentSymbol; returns the number of top-level symbols. */
  async symbols(uri: string): Promise<number> {
    const result = await this.within(`documentSymbol ${uri}`, this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
    return result?.length ?? 0;
  }

  /** Peak resident set size of the server process (VmHWM), in bytes; NaN when unreadable. */
  peakRss(): number {
    try {
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async stop(): Promise<void> {
    try {
      if (!this.exited) {
        await this.within('shutdown', this.connection.sendRequest(ShutdownRequest.type), 10_000);
        await this.connection.sendNotification(ExitNotification.type);
        await this.within('exit', this.exitPromise, 10_000);
      }
    } catch {
      // reported by kill below
    } finally {
      this.kill();
    }
  }

  kill(): void {
    try {
      this.connection.dispose();
    } catch {
      // already disposed
    }
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private within<T>(what: string, promise: Promise<T>, ms = WAIT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.spec.name}: ${what}: no answer within ${ms} ms\n${this.stderr.slice(-2000)}`)), ms);
      void this.exitPromise.then(() => {
        if (promise === (this.exitPromise as Promise<unknown>)) return;
        clearTimeout(timer);
        reject(new Error(`${this.spec.name}: ${what}: the server exited\n${this.stderr.slice(-2000)}`));
      });
      promise.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(new Error(`${this.spec.name}: ${what} failed: ${e instanceof Error ? e.message : String(e)}`));
        },
      );
    });
  }
}
