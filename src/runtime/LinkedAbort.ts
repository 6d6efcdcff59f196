import { onAbort, ownAbortController } from './onAbort.js';

/**
 * An abort signal for one stage of a call (the whole call, or one attempt) that aborts when its parent
 * does, with the parent's reason, or when its own time runs out, with the reason `onTimeout` builds.
 * `dispose()` clears the timer and detaches from the parent, so a long-lived parent signal collects
 * no listeners and no timer outlives the stage.
 */
export class LinkedAbort {
  readonly #controller = ownAbortController();
  /** Read once: the controller's `signal` getter is not free, and every stage of an attempt asks for it. */
  readonly signal: AbortSignal = this.#controller.signal;
  readonly #stopWaiting: (() => void) | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(parent: AbortSignal | undefined, timeoutMs: number | undefined, onTimeout: () => unknown) {
    if (parent?.aborted) {
      this.#controller.abort(parent.reason);
      return;
    }
    this.#stopWaiting = parent && onAbort(parent, () => this.#controller.abort(parent.reason));
    if (timeoutMs !== undefined) {
      this.#timer = setTimeout(() => this.#controller.abort(onTimeout()), timeoutMs);
      // A pending call keeps the process alive through its socket; the timer alone should not.
      (this.#timer as { unref?: () => void }).unref?.();
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#stopWaiting?.();
  }
}
