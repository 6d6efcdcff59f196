import { hasBrand, registerException } from './brand.js';

/**
 * Thrown when an object of this package is used in a way its contract rules out, a bug in the calling
 * code rather than a failure: iterating a paginator a second time, or calling an `endXxx` function
 * before its call completed, twice, or with the handle of another operation. Nothing was sent for the
 * misuse. Mirrors .NET's `System.InvalidOperationException`, which the same misuses throw there.
 */
export class InvalidOperationException extends Error {
  static {
    registerException(this, 'InvalidOperationException');
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(this, value);
  }
}

/** True when `value` is an {@link InvalidOperationException} from any copy of this package. */
export function isInvalidOperationException(value: unknown): value is InvalidOperationException {
  return value instanceof InvalidOperationException;
}
