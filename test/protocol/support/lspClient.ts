/**
 * A small LSP client for protocol tests: starts the bundled server
 * (dist/server.js --stdio) as a child process and speaks JSON-RPC to it over
 * its stdin/stdout with vscode-languageserver-protocol's own connection.
 *
 * - initializes with the client capabilities a test names;
 * - answers the server's requests (workspace/configuration with a configurable
 *   answer, null included; client/registerCapability; workspace/diagnostic/refresh;
 *   window/workDoneProgress/create) and records every request it received;
 * - collects textDocument/publishDiagnostics and window/logMessage notifications;
 *   `waitForDiagnostics` and `waitForServerRequest` resolve on the matching
 *   message (event-driven, with a timeout that reports what did arrive);
 * - shuts down with shutdown + exit and waits for the process to end; `kill()`
 *   is the last resort for an `after` hook when a test failed half-way.
 *
 * The server's stderr is captured and appended to every timeout/exit message.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  WorkspaceFoldersRequest,
  type ClientCapabilities,
  type ConfigurationItem,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type SymbolInformation,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The bundled server; IMR_LSP_SERVER may name another build (e.g. to check that these tests catch a broken one). */
export const SERVER_PATH = process.env.IMR_LSP_SERVER ? path.resolve(process.env.IMR_LSP_SERVER) : path.join(REPO_ROOT, 'dist', 'server.js');
export const LANGUAGE_ID = 'imr-determination';

/** Answer to one workspace/configuration item; a function sees the item (and may return a promise), anything else is returned as is. */
export type ConfigurationAnswer = unknown | ((item: ConfigurationItem) => unknown);

export interface StartOptions {
  capabilities: ClientCapabilities;
  /** What `workspace/configuration` answers for each item (default: `{}`, as VS Code does for an unset section). */
  configuration?: ConfigurationAnswer;
  /** Label for messages, e.g. "push client". */
  name?: string;
  /** Sent in `initialize` (default: none) and answered to `workspace/workspaceFolders`. */
  workspaceFolders?: WorkspaceFolder[];
  /** Sent in `initialize` as `initializationOptions` (default: none). */
  initializationOptions?: unknown;
}

export interface ReceivedRequest {
  method: string;
  params: unknown;
}

/** Capabilities of a modern client: hierarchical symbols, pull diagnostics, configuration requests. */
export function clientCapabilities(opts: { hierarchical?: boolean; pull?: boolean; configuration?: boolean } = {}): ClientCapabilities {
  const { hierarchical = true, pull = true, configuration = true } = opts;
  const caps: ClientCapabilities = {
    workspace: {
      configuration,
      didChangeConfiguration: { dynamicRegistration: true },
      diagnostics: { refreshSupport: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
      documentSymbol: {
        dynamicRegistration: false,
        hierarchicalDocumentSymbolSupport: hierarchical,
      },
      publishDiagnostics: { relatedInformation: true, versionSupport: true },
    },
  };
  if (pull) caps.textDocument!.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
  return caps;
}

export class LspClient {
  readonly name: string;
  readonly connection: ProtocolConnection;
  /** Everything the server wrote to stderr so far. */
  stderr = '';
  /** Every window/logMessage the server sent. */
  readonly logMessages: LogMessageParams[] = [];
  /** Every request the server sent to this client, in order. */
  readonly serverRequests: ReceivedRequest[] = [];
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  initializeResult: InitializeResult | undefined;
  /** Every work-done progress value ($/progress) the server sent, in order, with its token. */
  readonly progress: Array<{ token: string | number; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }> = [];
  /** The answer to workspace/configuration; may be changed by a test at any time. */
  configuration: ConfigurationAnswer;

  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exitPromise: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly versions = new Map<string, number>();

  private constructor(options: StartOptions) {
    this.name = options.name ?? 'client';
    this.configuration = options.configuration ?? {};
    if (!existsSync(SERVER_PATH)) {
      throw new Error(`${SERVER_PATH} does not exist: run \`npm run build\` before the protocol tests.`);
    }
    this.child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    // Writing to a server that died must not crash the test process; the exit is reported instead.
    this.child.stdin.on('error', () => undefined);
    this.exitPromise = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve(this.exited);
        this.notifyListeners();
      });
    });

    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.record(ConfigurationRequest.method, params);
      const answer = this.configuration;
      // A function may answer asynchronously (a promise), e.g. to hold the server in the middle of a request.
      return Promise.all(params.items.map((item) => (typeof answer === 'function' ? (answer as (i: ConfigurationItem) => unknown)(item) : answer))) as never;
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.record(RegistrationRequest.method, params);
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.record(DiagnosticRefreshRequest.method, undefined);
    });
    this.connection.onRequest(WorkspaceFoldersRequest.type, () => {
      this.record(WorkspaceFoldersRequest.method, undefined);
      return options.workspaceFolders ?? null;
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      // Listening before answering: the server sends the first progress value only after the answer.
      this.connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
        this.progress.push({ token: params.token, value });
        this.notifyListeners();
      });
      this.record(WorkDoneProgressCreateRequest.method, params);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.notifyListeners();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logMessages.push(params);
    });
    this.connection.onError(([error]) => {
      this.stderr += `\n[client] connection error: ${error.message}`;
    });
    this.connection.listen();
  }

  /** Spawns the server and runs initialize + initialized. */
  static async start(options: StartOptions): Promise<LspClient> {
    const client = new LspClient(options);
    try {
      client.initializeResult = await client.within(
        10_000,
        'initialize',
        client.connection.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          clientInfo: { name: 'imr-protocol-tests', version: '1' },
          rootUri: null,
          capabilities: options.capabilities,
          workspaceFolders: options.workspaceFolders ?? null,
          initializationOptions: options.initializationOptions,
        }),
      );
      await client.connection.sendNotification(InitializedNotification.type, {});
    } catch (err) {
      client.kill();
      throw err;
    }
    return client;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.exited === undefined;
  }

  /** Appended to failure messages: what the server said on stderr and in log messages. */
  describeServer(): string {
    const logs = this.logMessages.map((m) => `  [log ${m.type}] ${m.message}`).join('\n');
    const state = this.exited ? `exited (code ${this.exited.code}, signal ${this.exited.signal})` : 'running';
    return `server (${this.name}) is ${state}\n--- server stderr ---\n${this.stderr || '(empty)'}\n--- server log messages ---\n${logs || '(none)'}`;
  }

  /** Log messages of type Error (1): the server's request guard reports swallowed exceptions this way. */
  errorLogs(): string[] {
    return this.logMessages.filter((m) => m.type === 1).map((m) => m.message);
  }

  // ---- documents ----

  async open(uri: string, text: string, version = 1, languageId = LANGUAGE_ID): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Sends didChange with the next version (or the given one); returns the version sent. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[], version?: number): Promise<number> {
    const next = version ?? (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, next);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next }, contentChanges: changes });
    return next;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  // ---- requests ----

  documentSymbols(uri: string, timeoutMs = 10_000): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.within(timeoutMs, `documentSymbol ${uri}`, this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
  }

  /** textDocument/diagnostic; fails unless the report is a full one. */
  async pullDiagnostics(uri: string, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const report: DocumentDiagnosticReport = await this.within(
      timeoutMs,
      `textDocument/diagnostic ${uri}`,
      this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }),
    );
    if (report.kind !== 'full') throw new Error(`expected a full diagnostic report for ${uri}, got ${JSON.stringify(report)}`);
    return report.items;
  }

  // ---- waiting ----

  /**
   * Resolves with the first publishDiagnostics for `uri` that satisfies `predicate`,
   * looking at the latest one already received and then at every new one.
   * Predicates should check `version` when an older notification could also match.
   */
  waitForDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 5_000): Promise<PublishDiagnosticsParams> {
    let seen = this.lastIndexFor(uri);
    const latest = seen >= 0 ? this.published[seen] : undefined;
    if (latest && predicate(latest)) return Promise.resolve(latest);
    seen = this.published.length;
    return this.waitFor(timeoutMs, () => {
      for (; seen < this.published.length; seen++) {
        const p = this.published[seen];
        if (p.uri === uri && predicate(p)) return p;
      }
      return undefined;
    }, () => {
      const got = this.published.filter((p) => p.uri === uri).map((p) => `  version ${p.version}: [${p.diagnostics.map((d) => d.code).join(', ')}]`);
      return `no matching publishDiagnostics for ${uri}; received:\n${got.join('\n') || '  (none)'}`;
    });
  }

  /** Resolves with the first request of `method` the server sends from now on (or already sent after index `from`). */
  waitForServerRequest(method: string, timeoutMs = 5_000, from = this.serverRequests.length): Promise<ReceivedRequest> {
    let seen = from;
    return this.waitFor(timeoutMs, () => {
      for (; seen < this.serverRequests.length; seen++) if (this.serverRequests[seen].method === method) return this.serverRequests[seen];
      return undefined;
    }, () => `the server sent no ${method} request; it sent: ${this.serverRequests.map((r) => r.method).join(', ') || '(nothing)'}`);
  }

  /** Resolves with the first progress value of kind `kind` ('begin', 'report', 'end') from index `from` on. */
  waitForProgress(kind: 'begin' | 'report' | 'end', timeoutMs = 5_000, from = 0): Promise<{ token: string | number; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }> {
    let seen = from;
    return this.waitFor(timeoutMs, () => {
      for (; seen < this.progress.length; seen++) if (this.progress[seen].value.kind === kind) return this.progress[seen];
      return undefined;
    }, () => `no $/progress "${kind}" from the server; got: ${this.progress.map((p) => p.value.kind).join(', ') || '(nothing)'}`);
  }

  requestsOf(method: string): ReceivedRequest[] {
    return this.serverRequests.filter((r) => r.method === method);
  }

  // ---- ending ----

  /** shutdown + exit; resolves with the exit code once the process has ended (rejects after `timeoutMs`). */
  async shutdown(timeoutMs = 5_000): Promise<number | null> {
    if (this.alive) {
      await this.within(timeoutMs, 'shutdown', this.connection.sendRequest(ShutdownRequest.type));
      await this.connection.sendNotification(ExitNotification.type);
    }
    return this.waitForExit(timeoutMs);
  }

  /** Sends only `exit` (no shutdown first). */
  async exitWithoutShutdown(timeoutMs = 5_000): Promise<number | null> {
    await this.connection.sendNotification(ExitNotification.type);
    return this.waitForExit(timeoutMs);
  }

  /** Closes the server's stdin, as when the client process dies without saying goodbye. */
  closeInput(): void {
    this.child.stdin.end();
  }

  async waitForExit(timeoutMs = 5_000): Promise<number | null> {
    const { code } = await this.within(timeoutMs, 'process exit', this.exitPromise);
    this.connection.dispose();
    return code;
  }

  /** Ends the process if it still runs (for `after` hooks); never throws. */
  kill(): void {
    try {
      this.connection.dispose();
    } catch {
      // already disposed
    }
    if (this.alive) this.child.kill('SIGKILL');
  }

  // ---- internals ----

  private record(method: string, params: unknown): void {
    this.serverRequests.push({ method, params });
    this.notifyListeners();
  }

  private lastIndexFor(uri: string): number {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return i;
    return -1;
  }

  private notifyListeners(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Re-checks `probe` on every incoming message; rejects on timeout or when the server exits first. */
  private waitFor<T>(timeoutMs: number, probe: () => T | undefined, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      const check = (): void => {
        const hit = probe();
        if (hit !== undefined) {
          done();
          resolve(hit);
        } else if (!this.alive) {
          done();
          reject(new Error(`${describe()}\n(the server exited first)\n${this.describeServer()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}\n${this.describeServer()}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** Races a promise against a timeout and the server's death, with the server's output in the error. */
  private within<T>(timeoutMs: number, what: string, promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms\n${this.describeServer()}`)), timeoutMs);
      if (promise !== (this.exitPromise as Promise<unknown>)) {
        // A request to a server that died is never answered: fail at once instead of at the timeout.
        void this.exitPromise.then(() => {
          clearTimeout(timer);
          reject(new Error(`${what}: the server exited before answering\n${this.describeServer()}`));
        });
      }
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(new Error(`${what} failed: ${err instanceof Error ? err.message : String(err)}\n${this.describeServer()}`));
        },
      );
    });
  }
}

/** Starts a client and registers a kill in the test's `after` hook, in case the test ends before shutting it down. */
export async function startClient(t: { after(fn: () => void): void }, options: StartOptions): Promise<LspClient> {
  const client = await LspClient.start(options);
  t.after(() => client.kill());
  return client;
}
