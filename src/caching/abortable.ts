/**
 * Settles with `shared`, or rejects with `signal.reason` as soon as this caller's signal aborts. Only
 * this caller's wait ends: `shared` goes on for the other callers waiting on it. The listener is
 * removed either way, so a long-lived signal collects nothing.
 */
export function abortable<T>(shared: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return shared;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
