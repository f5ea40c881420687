/**
 * What every LSP feature module gets: the connection, the open documents, the
 * language service, the client's capabilities, settings, and `guard`, which
 * runs a handler so that a failure is logged and answered with a fallback
 * instead of ending the process.
 */
import type {
  CancellationToken,
  ClientCapabilities,
  Connection,
  FileEvent,
  ServerCapabilities,
  TextDocuments,
  WorkspaceFolder,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core';
import type { ServerSettings } from '../settings';
import type { WorkspaceFiles } from './workspaceFiles';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: LanguageService;
  /** The client's capabilities (valid once the client has initialised). */
  client(): ClientCapabilities;
  /**
   * The client's command that opens completion suggestions, when it named one in its
   * `initializationOptions` (`{ "suggestCommand": "editor.action.triggerSuggest" }`, as VS Code's
   * client does): LSP has no request for it, and a client asked to run a command it does not know
   * would send it back to the server.
   */
  suggestCommand(): string | undefined;
  /** The workspace folders the client named when initialising (its root URI when it named no folders). */
  workspaceFolders(): readonly WorkspaceFolder[];
  /** Files on disk, for servers that have them (the Node server; not the browser one). */
  readonly files?: WorkspaceFiles;
  /** The document's settings (asked once; the defaults when the client cannot be asked or does not answer in time). */
  settingsFor(uri: string): Promise<ServerSettings>;
  /**
   * Runs a handler: a failure is logged and answered with `fallback`. With a token (a request), a
   * cancellation is answered at once by rejecting with the RequestCancelled error, which the
   * connection sends as the response.
   */
  guard<T>(name: string, fallback: T, token: CancellationToken | undefined, run: () => T | Promise<T>): Promise<T>;
  /** Whether a request (a guarded run with a cancellation token) is being answered: background work can wait. */
  busy(): boolean;
}

/** What a feature wants to hear about after registering. */
export interface FeatureHooks {
  /** Settings changed (the settings cache is already cleared). */
  onSettingsChanged?(): void;
  /** The client sent `initialized`: it now answers requests and accepts registrations. */
  onInitialized?(): void;
  /** workspace/didChangeWatchedFiles. */
  onWatchedFilesChanged?(changes: FileEvent[]): void;
}

/** One LSP feature: the capabilities it announces and the handlers it registers. */
export interface Feature {
  capabilities(client: ClientCapabilities): ServerCapabilities;
  register(ctx: ServerContext): FeatureHooks | void;
}
