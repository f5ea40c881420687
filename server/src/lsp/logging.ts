/**
 * Logs without document text. Everything logged goes to `window/logMessage`, which VS Code shows in
 * the output channel and keeps on disk, and a letter is a medical record: a log names the kind of a
 * problem and where it happened, never the content of a message or a value.
 */
import { combineFeatures, type Features, type RemoteConsole } from 'vscode-languageserver';

/**
 * What vscode-jsonrpc (10) logs about a message it cannot handle, with what it appends after the
 * kind: the whole message as JSON, the body of an error response, a handler's error message (which
 * may quote a value, as in "Cannot create property 'x' on string '…'"). Only the kind is kept.
 */
const FOREIGN_TEXT: readonly RegExp[] = [
  /^(Received message which is neither a response nor a notification message):/,
  /^(Received response message without id): Error is:/,
  /^(Notification handler '[^'\n]*' failed) with message:/,
  /^(Response handler '[^'\n]*' failed) with message:/,
  /^(Processing message queue failed):/,
  /^(Assertion failed):/,
];

/** `message` without the foreign text the library appends to it. */
export function withoutForeignText(message: string): string {
  for (const pattern of FOREIGN_TEXT) {
    const m = pattern.exec(message);
    if (m) return m[1];
  }
  return message;
}

/**
 * An error as the server logs it: its kind (TypeError, ...) and its stack frames, which name code.
 * The message is left out: it may quote a value from a document or a client's message.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return `a thrown ${err === null ? 'null' : typeof err}`;
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [err.name, ...frames].join('\n');
}

/** A console that passes every message through `withoutForeignText` (the library logs through it too). */
function contentFreeConsole(Base: new () => RemoteConsole): new () => RemoteConsole {
  return class extends Base {
    error(message: string): void {
      super.error(withoutForeignText(message));
    }
    warn(message: string): void {
      super.warn(withoutForeignText(message));
    }
    info(message: string): void {
      super.info(withoutForeignText(message));
    }
    log(message: string): void {
      super.log(withoutForeignText(message));
    }
    debug(message: string): void {
      super.debug(withoutForeignText(message));
    }
  };
}

/** `features` with the content-free console. */
export function withContentFreeLogs<C, T, Te, Cl, W, Wo, L, N>(features: Features<C, T, Te, Cl, W, Wo, L, N>): Features<C, T, Te, Cl, W, Wo, L, N> {
  return combineFeatures(features, { __brand: 'features', console: contentFreeConsole }) as Features<C, T, Te, Cl, W, Wo, L, N>;
}
