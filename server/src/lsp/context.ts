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
  ServerCapabilities,
  TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core';
import type { ServerSettings } from '../settings';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: LanguageService;
  /** The client's capabilities (valid once the client has initialised). */
  client(): ClientCapabilities;
  settingsFor(uri: string): Promise<ServerSettings>;
  guard<T>(name: string, fallback: T, token: CancellationToken | undefined, run: () => T | Promise<T>): Promise<T>;
}

/** What a feature wants to hear about after registering. */
export interface FeatureHooks {
  /** Settings changed (the settings cache is already cleared). */
  onSettingsChanged?(): void;
}

/** One LSP feature: the capabilities it announces and the handlers it registers. */
export interface Feature {
  capabilities(client: ClientCapabilities): ServerCapabilities;
  register(ctx: ServerContext): FeatureHooks | void;
}
