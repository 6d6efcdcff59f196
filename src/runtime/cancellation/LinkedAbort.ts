import { ClientSignal } from './ClientSignal.js';
import { onAbort, type AnySignal } from './onAbort.js';

/**
 * An abort signal for one stage of a call (the whole call, or one attempt) that aborts when its parent
 * does, with the parent's reason, or when its own time runs out, with the reason `onTimeout` builds.
 * `dispose()` clears the timer and detaches from the parent, so a long-lived parent signal collects
 * no listeners and no timer outlives the stage.
 */
export class LinkedAbort {
  readonly signal = new ClientSignal();
  readonly #stopWaiting: (() => void) | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(parent: AnySignal | undefined, timeoutMs: number | undefined, onTimeout: () => unknown) {
    if (parent?.aborted) {
      this.signal.abort(parent.reason);
      return;
    }
    this.#stopWaiting = parent && onAbort(parent, () => this.signal.abort(parent.reason));
    if (timeoutMs !== undefined) {
      this.#timer = setTimeout(() => this.signal.abort(onTimeout()), timeoutMs);
      // A pending call keeps the process alive through its socket; the timer alone should not.
      (this.#timer as { unref?: () => void }).unref?.();
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#stopWaiting?.();
  }
}
