// What a call came to, for tests that expect it to fail.

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
