/**
 * Waiting for the client: a request the server sends (workspace/configuration, a progress token)
 * may never be answered by a client that does not implement it properly, and nothing may wait on
 * it for ever. Protocol-free, like the rest of the timing.
 */

/** A client that does not answer a progress or configuration request within this time gets none / the defaults. */
export const CLIENT_ANSWER_MS = 5_000;

/** The promise's value, or `fallback` when it fails or has not settled within `ms`. */
export function within<T>(ms: number, promise: Promise<T>, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}
