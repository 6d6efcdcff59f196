import { onAbort, type AnySignal } from './onAbort.js';

/**
 * Settles with `promise`, or rejects with `signal.reason` as soon as the signal aborts, whichever
 * comes first. The wait on the signal ends either way, so a long-lived signal collects nothing.
 * A caller's handler that ignores the signal therefore cannot hold the call open.
 */
export function abortable<T>(promise: Promise<T>, signal: AnySignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(signal.reason));
    promise.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}
