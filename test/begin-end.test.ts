// The .NET 3.5 Begin/End pair: beginXxx(client, request, callback?, state?) returns an IAsyncResult
// handle, endXxx(handle) gives the response or throws the call's typed error; misuse is a clear
// InvalidOperationException, never a wrong answer. Generated for every operation of the official model.
import { describe, expect, it } from 'vitest';
import * as sdk from '../src/index.node.js';
import {
  beginGetSecretValue,
  beginRotateSecret,
  endGetSecretValue,
  endRotateSecret,
  type IAsyncResult,
  InvalidOperationException,
  RequestValidationException,
  ResourceNotFoundException,
  RotateSecretResponse,
} from '../src/index.node.js';
import { botocoreModel } from './helpers/botocore.js';
import { cannedClient } from './helpers/cannedResponse.js';

const ROTATED = { statusCode: 200, headers: { 'x-amzn-requestid': 'req-1' }, body: JSON.stringify({ ARN: 'arn:s', Name: 's', VersionId: 'v-1' }) };

/** The operation names of botocore's model of the service: the independent list every pair must cover. */
function officialOperations(): string[] {
  return Object.keys(botocoreModel().operations);
}

describe('beginRotateSecret / endRotateSecret', () => {
  it('returns a pending handle at once, then calls back once with it; endRotateSecret gives the response', async () => {
    const { client, requests } = cannedClient(ROTATED);
    const calls: IAsyncResult[] = [];
    let response: RotateSecretResponse | undefined;
    const state = { job: 42 };
    const handle = beginRotateSecret(
      client,
      { SecretId: 's' },
      (asyncResult) => {
        calls.push(asyncResult);
        response = endRotateSecret(asyncResult);
      },
      state,
    );
    expect(handle.isCompleted).toBe(false);
    expect(handle.completedSynchronously).toBe(false);
    expect(handle.asyncState).toBe(state);
    await handle.asyncWaitHandle;
    expect(handle.isCompleted).toBe(true);
    expect(calls).toEqual([handle]);
    expect(response).toBeInstanceOf(RotateSecretResponse);
    expect(response).toMatchObject({ VersionId: 'v-1', HttpStatusCode: 200, ResponseMetadata: { RequestId: 'req-1' } });
    expect(requests).toHaveLength(1);
  });

  it('works without a callback: await the wait handle, then end', async () => {
    const { client } = cannedClient(ROTATED);
    const handle = beginRotateSecret(client, { SecretId: 's' });
    await handle.asyncWaitHandle;
    expect(endRotateSecret(handle).VersionId).toBe('v-1');
  });

  it('throws the call\'s typed error from endRotateSecret, and the wait handle still resolves', async () => {
    const { client } = cannedClient({ statusCode: 400, body: JSON.stringify({ __type: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." }) });
    const handle = beginRotateSecret(client, { SecretId: 'missing' });
    await expect(handle.asyncWaitHandle).resolves.toBeUndefined();
    expect(() => endRotateSecret(handle)).toThrow(ResourceNotFoundException);
  });

  it('gives a request that breaks the model as RequestValidationException from end, not from begin', async () => {
    const { client, requests } = cannedClient(ROTATED);
    const handle = beginRotateSecret(client, {} as never);
    await handle.asyncWaitHandle;
    expect(() => endRotateSecret(handle)).toThrow(RequestValidationException);
    expect(requests).toHaveLength(0);
  });

  it('leaves no unhandled rejection when a failed call is never ended', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const { client } = cannedClient({ statusCode: 400, body: JSON.stringify({ __type: 'ResourceNotFoundException' }) });
      await beginRotateSecret(client, { SecretId: 'missing' }).asyncWaitHandle;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});

describe('misuse of endXxx: a clear InvalidOperationException', () => {
  it('before the call completed (not a wrong answer)', async () => {
    const { client } = cannedClient(ROTATED);
    const handle = beginRotateSecret(client, { SecretId: 's' });
    const error = (() => {
      try {
        endRotateSecret(handle);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toMatch(/before the RotateSecret call completed/);
    // The call itself goes on, and ends normally afterwards.
    await handle.asyncWaitHandle;
    expect(endRotateSecret(handle).VersionId).toBe('v-1');
  });

  it('called twice with the same handle', async () => {
    const { client } = cannedClient(ROTATED);
    const handle = beginRotateSecret(client, { SecretId: 's' });
    await handle.asyncWaitHandle;
    endRotateSecret(handle);
    expect(() => endRotateSecret(handle)).toThrow(/already called/);
    expect(() => endRotateSecret(handle)).toThrow(InvalidOperationException);
  });

  it('called with the handle of another operation', async () => {
    const { client } = cannedClient({ statusCode: 200, body: JSON.stringify({ Name: 's', SecretString: 'x' }) });
    const handle = beginGetSecretValue(client as sdk.SecretsManagerClient, { SecretId: 's' });
    await handle.asyncWaitHandle;
    expect(() => endRotateSecret(handle)).toThrow(/IAsyncResult of beginGetSecretValue; call endGetSecretValue/);
    // The misuse did not consume the outcome.
    expect(endGetSecretValue(handle).SecretString).toBe('x');
  });

  it('called with something that is not a handle of beginXxx', () => {
    const fake: IAsyncResult = { isCompleted: true, asyncState: undefined, asyncWaitHandle: Promise.resolve(), completedSynchronously: false };
    for (const value of [fake, undefined, null, {}]) {
      expect(() => endRotateSecret(value as IAsyncResult)).toThrow(InvalidOperationException);
    }
  });
});

describe('the pair for every operation', () => {
  it('exists for each operation of the official model, as free functions, and ends with what the Async method gave', async () => {
    const operations = officialOperations();
    expect(operations).toHaveLength(23);
    const exports = sdk as unknown as Record<string, unknown>;
    for (const name of operations) {
      const method = `${name[0]!.toLowerCase()}${name.slice(1)}Async`;
      const begin = exports[`begin${name}`] as (client: object, request: object, callback?: unknown, state?: unknown) => IAsyncResult;
      const end = exports[`end${name}`] as (asyncResult: IAsyncResult) => unknown;
      expect({ name, begin: typeof begin, end: typeof end }).toEqual({ name, begin: 'function', end: 'function' });
      const answer = { answer: name };
      const seen: unknown[] = [];
      // A stub with only this operation's method: the adapters use the public interface, nothing else.
      const handle = begin({ [method]: async (request: unknown) => (seen.push(request), answer) }, { marker: name }, undefined, name);
      expect(handle.asyncState).toBe(name);
      await handle.asyncWaitHandle;
      expect(end(handle)).toBe(answer);
      expect(seen).toEqual([{ marker: name }]);
    }
    // And the client itself carries no begin/end methods: they are not on every app's bundle.
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(Object.getPrototypeOf(new sdk.SecretsManagerClient({ region: 'us-east-1' })))).filter((n) => /^(begin|end)[A-Z]/.test(n))).toEqual([]);
  });

  it('catches a stub whose method throws instead of rejecting', async () => {
    const failure = new Error('sync throw');
    const handle = beginRotateSecret({ rotateSecretAsync: () => { throw failure; } }, { SecretId: 's' });
    await handle.asyncWaitHandle;
    expect(() => endRotateSecret(handle)).toThrow(failure);
  });
});
