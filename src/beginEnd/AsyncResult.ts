import { InvalidOperationException } from '../runtime/errors/InvalidOperationException.js';

/**
 * The status of a call started by a `beginXxx` function. Mirrors .NET's `System.IAsyncResult`; the
 * wait handle is a promise, since JavaScript cannot block a thread on it.
 */
export interface IAsyncResult {
  /** True once the call has succeeded or failed; `endXxx` may be called from then on. */
  readonly isCompleted: boolean;
  /** The `state` given to `beginXxx`, unchanged. */
  readonly asyncState: unknown;
  /** Settles (never rejects) when the call completes, whatever its outcome: `await` it, then call `endXxx`. */
  readonly asyncWaitHandle: Promise<void>;
  /** Always false: the call completes after `beginXxx` has returned. */
  readonly completedSynchronously: false;
}

/** Called once, when the call completes, with the call's handle (.NET's `AsyncCallback`). */
export type AsyncCallback = (asyncResult: IAsyncResult) => void;

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * The handle `beginXxx` returns. A failure is kept for `endXxx` to throw, never left as a rejected
 * promise: a caller who never calls `endXxx` gets no unhandled rejection.
 */
export class AsyncResult implements IAsyncResult {
  readonly asyncState: unknown;
  readonly asyncWaitHandle: Promise<void>;
  readonly completedSynchronously = false as const;
  readonly #operation: string;
  #outcome: Outcome | undefined;
  #ended = false;

  /** @internal Made by the generated `beginXxx` functions. */
  constructor(operation: string, call: () => Promise<unknown>, callback: AsyncCallback | undefined, state: unknown) {
    this.#operation = operation;
    this.asyncState = state;
    // A stub whose method throws instead of rejecting is caught the same way.
    this.asyncWaitHandle = new Promise<unknown>((resolve) => resolve(call())).then(
      (value) => this.#complete({ ok: true, value }, callback),
      (error: unknown) => this.#complete({ ok: false, error }, callback),
    );
  }

  get isCompleted(): boolean {
    return this.#outcome !== undefined;
  }

  #complete(outcome: Outcome, callback: AsyncCallback | undefined): void {
    this.#outcome = outcome;
    if (callback === undefined) return;
    try {
      callback(this);
    } catch (error) {
      // As an exception thrown in a .NET AsyncCallback: reported as uncaught, never swallowed, and
      // never turned into the outcome that endXxx gives.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  /**
   * The outcome of the call behind `asyncResult`, for the generated `endXxx` of `operation`: its response,
   * or its error thrown. Misuse throws {@link InvalidOperationException}.
   * @internal
   */
  static end<Response>(operation: string, asyncResult: IAsyncResult): Response {
    const what = `end${operation}`;
    if (!(typeof asyncResult === 'object' && asyncResult !== null && #outcome in asyncResult)) {
      throw new InvalidOperationException(`${what} needs the IAsyncResult that begin${operation} returned.`);
    }
    if (asyncResult.#operation !== operation) {
      throw new InvalidOperationException(`${what} was given the IAsyncResult of begin${asyncResult.#operation}; call end${asyncResult.#operation} with it.`);
    }
    const outcome = asyncResult.#outcome;
    if (outcome === undefined) {
      throw new InvalidOperationException(`${what} was called before the ${operation} call completed: call it from the callback, or after awaiting asyncResult.asyncWaitHandle.`);
    }
    if (asyncResult.#ended) throw new InvalidOperationException(`${what} was already called with this IAsyncResult; each call's outcome is handed out once.`);
    asyncResult.#ended = true;
    if (!outcome.ok) throw outcome.error;
    return outcome.value as Response;
  }
}
