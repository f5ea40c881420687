/**
 * The language server as a Node program (dist/server.js): started by the VS Code
 * client over IPC, or by other editors as `imr-language-server --stdio`. It
 * connects over whatever transport the arguments name (--stdio, --node-ipc,
 * --socket=N), keeps running whatever a stray error does, and gives the
 * workspace index the file system.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { nodeWorkspaceFiles } from './nodeFiles';
import { lifecycleOptions } from './lsp/lifecycle';
import { describeError, withContentFreeLogs } from './lsp/logging';
import { setEngineOptions } from './engineOptions';

setEngineOptions();

const connection = createConnection(withContentFreeLogs(ProposedFeatures.all), lifecycleOptions());
process.on('uncaughtException', (err) => connection.console.error(`Uncaught exception: ${describeError(err)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describeError(reason)}`));
startServer(connection, nodeWorkspaceFiles);
