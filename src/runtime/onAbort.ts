/**
 * One `abort` listener per signal, however many calls wait on it. An app that shares one signal
 * (a shutdown signal, a request's signal) among many calls in flight would otherwise add a listener
 * per call and meet Node's MaxListenersExceededWarning at eleven. Each waiter is a callback in a set;
 * the signal carries a single listener that runs them, removed when the last waiter leaves.
 *
 * The client's own signals (see {@link ownAbortController}) need no listener at all: whoever aborts
 * them runs their waiters directly, which spares an EventTarget listener per attempt on the hot path.
 */
interface Waiters {
  readonly callbacks: Set<() => void>;
  /** The EventTarget listener; none for the client's own signals. */
  readonly listener: (() => void) | undefined;
}

const bySignal = new WeakMap<AbortSignal, Waiters>();

function run(signal: AbortSignal, waiters: Waiters): void {
  bySignal.delete(signal);
  for (const waiter of waiters.callbacks) waiter();
}

/**
 * Runs `callback` once when `signal` aborts; returns the function that stops waiting. Call that as soon
 * as the wait is over, so a long-lived signal keeps nothing.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let waiters = bySignal.get(signal);
  if (waiters === undefined) {
    const callbacks = new Set<() => void>();
    const listener = () => run(signal, created);
    const created: Waiters = { callbacks, listener };
    waiters = created;
    bySignal.set(signal, waiters);
    signal.addEventListener('abort', listener, { once: true });
  }
  const { callbacks, listener } = waiters;
  callbacks.add(callback);
  return () => {
    callbacks.delete(callback);
    if (callbacks.size === 0 && listener !== undefined && bySignal.get(signal)?.callbacks === callbacks) {
      bySignal.delete(signal);
      signal.removeEventListener('abort', listener);
    }
  };
}

/**
 * An AbortController of the client's own, whose waiters run when `abort` is called on the returned
 * function rather than through an event listener. Its signal behaves as any other for everyone else.
 */
export function ownAbortController(): { readonly signal: AbortSignal; abort(reason: unknown): void } {
  const controller = new AbortController();
  const signal = controller.signal;
  const waiters: Waiters = { callbacks: new Set(), listener: undefined };
  bySignal.set(signal, waiters);
  return {
    signal,
    abort(reason) {
      if (signal.aborted) return;
      controller.abort(reason);
      run(signal, waiters);
    },
  };
}
