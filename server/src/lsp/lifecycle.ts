/**
 * The lifecycle the specification gives a server, which vscode-languageserver leaves to it: before
 * `initialize`, requests are refused with ServerNotInitialized and notifications dropped (`exit`
 * aside); `initialize` is accepted once; after `shutdown`, every request is refused with
 * InvalidRequest. The check runs before the library sees a message, because the library acts on a
 * second `initialize` itself (it hands the new client capabilities to its parts) before any handler
 * of ours could refuse it.
 */
import {
  ErrorCodes,
  ExitNotification,
  InitializeRequest,
  Message,
  ResponseError,
  ShutdownRequest,
  type Connection,
  type ConnectionOptions,
} from 'vscode-languageserver';

/**
 * A refused request is handed on under this method, with the error as its parameters: the handler
 * registered for it answers with that error, so the response goes out the connection's usual way.
 */
const REFUSED = 'imr/$refused';

interface Refusal {
  code: number;
  message: string;
}

/** The connection options that enforce the lifecycle; each connection gets its own. */
export function lifecycleOptions(): ConnectionOptions {
  let phase: 'new' | 'running' | 'shut down' = 'new';
  const refuse = (message: Message & { id: number | string | null }, refusal: Refusal): Message =>
    ({ jsonrpc: message.jsonrpc, id: message.id, method: REFUSED, params: refusal }) as Message;
  return {
    messageStrategy: {
      handleMessage(message, next) {
        if (Message.isRequest(message)) {
          if (phase === 'new' && message.method !== InitializeRequest.method) {
            return next(refuse(message, { code: ErrorCodes.ServerNotInitialized, message: 'The server is not initialized yet.' }));
          }
          if (phase !== 'new' && message.method === InitializeRequest.method) {
            return next(refuse(message, { code: ErrorCodes.InvalidRequest, message: 'The server is already initialized.' }));
          }
          if (phase === 'shut down') {
            return next(refuse(message, { code: ErrorCodes.InvalidRequest, message: 'The server is shut down.' }));
          }
          if (message.method === InitializeRequest.method) phase = 'running';
          else if (message.method === ShutdownRequest.method) phase = 'shut down';
        } else if (Message.isNotification(message) && phase === 'new' && message.method !== ExitNotification.method) {
          return;
        }
        return next(message);
      },
    },
  };
}

/** Answers the requests `lifecycleOptions` refused. */
export function answerRefusals(connection: Connection): void {
  connection.onRequest(REFUSED, (refusal: Refusal) => new ResponseError(refusal.code, refusal.message));
}
