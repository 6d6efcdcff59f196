import { ClientSignal } from './ClientSignal.js';

/** An abort signal from outside the client (an app's) or the client's own. */
export type AnySignal = AbortSignal | ClientSignal;

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
 * as the wait is over, so a long-lived signal keeps nothing. The client's own signals need no
 * EventTarget listener at all: they run their waiters themselves.
 */
export function onAbort(signal: AnySignal, callback: () => void): () => void {
  if (signal instanceof ClientSignal) return signal.wait(callback);
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
