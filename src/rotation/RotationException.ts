import { hasBrand, registerException } from './brand.js';

/**
 * The base of every error the rotation helpers throw themselves (errors of the service calls they make
 * pass through unchanged: `ResourceNotFoundException` and the rest). A state of the secret that the
 * helpers refuse to work from, or a wait that ended without a finished rotation. Messages name versions
 * and labels, never a secret value.
 */
export class RotationException extends Error {
  static {
    registerException(this, 'RotationException');
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(this, value);
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True when `value` is a {@link RotationException} from any copy of this package. */
export function isRotationException(value: unknown): value is RotationException {
  return value instanceof RotationException;
}
