/**
 * The language server in a browser Web Worker (dist/browserServer.js), for VS Code
 * for the Web and any page that talks LSP to a worker over postMessage. Same
 * features as the Node server; without a file system, the workspace index
 * holds the open documents only.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from './server';
import { lifecycleOptions } from './lsp/lifecycle';
import { describeError, withContentFreeLogs } from './lsp/logging';

/** The part of a worker's global scope used here (typed locally: the project compiles without DOM types). */
interface WorkerScope {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: { error?: unknown; reason?: unknown }) => void): void;
}

/** Messages from the page arrive on the worker's global scope, and answers are posted to it. */
const port = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const worker = globalThis as unknown as WorkerScope;

const connection = createConnection(withContentFreeLogs(ProposedFeatures.all), new BrowserMessageReader(port), new BrowserMessageWriter(port), lifecycleOptions());
worker.addEventListener('error', (event) => connection.console.error(`Uncaught error: ${describeError(event.error)}`));
worker.addEventListener('unhandledrejection', (event) => connection.console.error(`Unhandled rejection: ${describeError(event.reason)}`));
startServer(connection);
