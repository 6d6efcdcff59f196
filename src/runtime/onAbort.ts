/**
 * One `abort` listener per signal, however many calls wait on it. An app that shares one signal
 * (a shutdown signal, a request's signal) among many calls in flight would otherwise add a listener
 * per call and meet Node's MaxListenersExceededWarning at eleven. Each waiter is a callback in a set;
 * the signal carries a single listener that runs them, removed when the last waiter leaves.
 */
interface Waiters {
  readonly callbacks: Set<() => void>;
  readonly listener: () => void;
}

const bySignal = new WeakMap<AbortSignal, Waiters>();

/**
 * Runs `callback` once when `signal` aborts; returns the function that stops waiting. Call that as soon
 * as the wait is over, so a long-lived signal keeps nothing.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let waiters = bySignal.get(signal);
  if (waiters === undefined) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      bySignal.delete(signal);
      for (const waiter of callbacks) waiter();
    };
    waiters = { callbacks, listener };
    bySignal.set(signal, waiters);
    signal.addEventListener('abort', listener, { once: true });
  }
  const { callbacks, listener } = waiters;
  callbacks.add(callback);
  return () => {
    callbacks.delete(callback);
    if (callbacks.size === 0 && bySignal.get(signal)?.callbacks === callbacks) {
      bySignal.delete(signal);
      signal.removeEventListener('abort', listener);
    }
  };
}
