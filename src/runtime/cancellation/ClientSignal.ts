/**
 * The abort signal of one stage of a call (the whole call, one attempt), the client's own. An
 * AbortController on every attempt cost about 10 % of a call's CPU (an EventTarget to build, and its
 * garbage to collect, to guard a timer that almost never fires); this is a flag, a reason and a set of
 * callbacks that `abort()` runs. Code outside the client that takes a standard `AbortSignal` (fetch,
 * undici, an app's HTTP handler or sleep) gets one through {@link ClientSignal.abortSignal}, made at
 * its first use and aborted along with this one.
 */
export class ClientSignal {
  aborted = false;
  reason: unknown = undefined;
  readonly #waiters = new Set<() => void>();
  #controller: AbortController | undefined;

  /** A standard AbortSignal that follows this one: made once asked for, so that an attempt nobody outside watches never pays for it. */
  get abortSignal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    for (const waiter of this.#waiters) waiter();
    this.#waiters.clear();
  }

  /** Runs `callback` when the signal aborts (not if it already has); returns the function that stops waiting. */
  wait(callback: () => void): () => void {
    this.#waiters.add(callback);
    return () => this.#waiters.delete(callback);
  }
}

/** The key under which the client hands its own handlers its own signal: they need no standard one. */
export const CLIENT_SIGNAL = Symbol('amazon-secretsmanager.clientSignal');

/**
 * Marks a transport whose `handle` takes {@link CLIENT_SIGNAL} from its options and settles as soon as
 * that signal aborts; the mark is that `handle` method itself. The client waits on such a transport
 * alone; any other it races against the signal, so that a handler which ignores its signal cannot hold
 * a call open. A subclass that replaces `handle` no longer matches its mark, and is raced again.
 */
export const HONOURS_CLIENT_SIGNAL = Symbol('amazon-secretsmanager.honoursClientSignal');
