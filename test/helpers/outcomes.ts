// What a call came to, for tests that expect it to fail.
import { AmazonServiceException } from '../../src/index.node.js';

/** Resolves with what `promise` rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`expected the call to fail, but it resolved with ${JSON.stringify(value)}`);
}

/** Resolves with the service error `promise` rejects with; fails the test on anything else. */
export async function serviceFailure(promise: Promise<unknown>): Promise<AmazonServiceException> {
  const error = await rejectionOf(promise);
  if (!(error instanceof AmazonServiceException)) throw new Error(`expected a service error, got ${String(error)}`);
  return error;
}
