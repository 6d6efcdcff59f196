// The slim path for bundle-sensitive apps: SecretsManagerCoreClient and one function per operation
// (rotateSecretAsync(client, request, abortSignal)). The same request on the wire as the method of
// SecretsManagerClient, the same response and errors; a clear error when the client is missing.
// test/bundle-budget.test.ts measures what it saves.
import { describe, expect, it } from 'vitest';
import * as web from '../src/index.js';
import * as node from '../src/index.node.js';
import {
  AmazonClientException,
  getSecretValueAsync,
  RotateSecretResponse,
  rotateSecretAsync,
  SecretsManagerClient,
  SecretsManagerCoreClient,
  type AmazonSecretsManagerConfig,
} from '../src/index.node.js';
import { CAPTURE_REQUEST_ID, header, useCaptureServer } from './helpers/captureServer.js';

const server = useCaptureServer();
const config = (): AmazonSecretsManagerConfig => ({
  region: 'us-east-1',
  serviceURL: server().url,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  clock: () => new Date('2024-05-06T07:08:09Z'),
  randomUUID: () => '00000000-0000-4000-8000-000000000000',
});

describe('SecretsManagerCoreClient with the per-operation functions', () => {
  it('sends what SecretsManagerClient.rotateSecretAsync sends, byte for byte, and answers the same typed response', async () => {
    const request = { SecretId: 'prod/db', RotationRules: { AutomaticallyAfterDays: 30 } };
    server().clear();
    const viaMethod = await new SecretsManagerClient(config()).rotateSecretAsync(request);
    const sentByMethod = server().only();
    server().clear();
    const viaFunction = await rotateSecretAsync(new SecretsManagerCoreClient(config()), request);
    const sentByFunction = server().only();
    expect(sentByFunction.body.toString()).toBe(sentByMethod.body.toString());
    expect(JSON.parse(sentByFunction.body.toString())).toEqual({ ...request, ClientRequestToken: '00000000-0000-4000-8000-000000000000' });
    for (const name of ['x-amz-target', 'authorization', 'x-amz-date', 'content-type']) expect(header(sentByFunction, name)).toBe(header(sentByMethod, name));
    expect(viaFunction).toBeInstanceOf(RotateSecretResponse);
    expect({ ...viaFunction }).toEqual({ ...viaMethod });
    expect(viaFunction.ResponseMetadata.RequestId).toBe(CAPTURE_REQUEST_ID);
  });

  it('takes a SecretsManagerClient as well', async () => {
    server().clear();
    const res = await rotateSecretAsync(new SecretsManagerClient(config()), { SecretId: 'prod/db' });
    expect(header(server().only(), 'x-amz-target')).toBe('secretsmanager.RotateSecret');
    expect(res.VersionId).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('sends each operation under its own target', async () => {
    server().clear();
    await getSecretValueAsync(new SecretsManagerCoreClient(config()), { SecretId: 'prod/db' }).catch(() => undefined);
    expect(header(server().only(), 'x-amz-target')).toBe('secretsmanager.GetSecretValue');
  });

  it('honours the abort signal: an aborted signal sends nothing and rejects with its reason', async () => {
    server().clear();
    const reason = new Error('stop');
    await expect(rotateSecretAsync(new SecretsManagerCoreClient(config()), { SecretId: 'prod/db' }, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(server().requests).toHaveLength(0);
  });

  it('refuses a call without a client with an AmazonClientException that says what to pass, sending nothing', async () => {
    server().clear();
    const call = (rotateSecretAsync as unknown as (request: unknown) => Promise<unknown>)({ SecretId: 'prod/db' });
    await expect(call).rejects.toBeInstanceOf(AmazonClientException);
    await expect(call).rejects.toThrow('RotateSecret needs the client that sends it as its first argument: rotateSecretAsync(client, request, abortSignal).');
    expect(server().requests).toHaveLength(0);
  });

  it('is exported by both entry points, with a function for every method of the client', () => {
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(Object.getPrototypeOf(new SecretsManagerClient({})))).filter((name) => name.endsWith('Async'));
    expect(methods).toHaveLength(23);
    for (const entry of [web, node] as Record<string, unknown>[]) {
      expect(typeof entry.SecretsManagerCoreClient).toBe('function');
      for (const method of methods) expect({ method, type: typeof entry[method] }).toEqual({ method, type: 'function' });
    }
  });
});
