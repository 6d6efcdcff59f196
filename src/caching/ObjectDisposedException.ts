import { registerException } from './brand.js';

/**
 * Thrown by every call on a {@link SecretsManagerCache} after `destroy()`, and by the calls that were
 * waiting on a request when it was destroyed. Named after .NET's `System.ObjectDisposedException`,
 * what `SecretsManagerCache` throws there once disposed.
 */
export class ObjectDisposedException extends Error {
  static {
    registerException(this, 'ObjectDisposedException');
  }
  constructor() {
    super('The SecretsManagerCache was destroyed: create a new one.');
  }
}
