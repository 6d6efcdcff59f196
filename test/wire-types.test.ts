// The wire types, both directions: timestamps (epoch seconds, with fractions) are Date, blobs (base64)
// are Uint8Array, enums take values the service adds later, idempotency tokens are filled on every
// operation that has one (found in botocore's model) and kept across retries, and a response member
// the model does not know is ignored.
import { readFileSync } from 'node:fs';
import * as aws from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { type HttpRequest, SecretsManagerClient } from '../src/index.node.js';
import { botocoreModel } from './helpers/botocore.js';
import { cannedHandler, type CannedAnswer } from './helpers/cannedResponse.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const model = botocoreModel();
const shapeFile = JSON.parse(readFileSync(new URL('../model/secretsmanager.json', import.meta.url), 'utf8')) as { operations: Record<string, { example?: Record<string, unknown> }> };

function client(answer: CannedAnswer, config: ConstructorParameters<typeof SecretsManagerClient>[0] = {}) {
  const handler = cannedHandler(answer);
  return { client: new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: handler, sleep: async () => {}, ...config }), requests: handler.requests };
}

const body = (request: HttpRequest) => JSON.parse(String(request.body)) as Record<string, unknown>;

describe('timestamps', () => {
  it('reads fractional epoch seconds as a Date to the millisecond (1.523477145713E9 is 2018-04-11T20:05:45.713Z, as JS v3 reads it)', async () => {
    const { client: c } = client({ statusCode: 200, body: '{"Name":"s","CreatedDate":1.523477145713E9}' });
    const response = await c.getSecretValueAsync({ SecretId: 's' });
    expect(response.CreatedDate).toBeInstanceOf(Date);
    expect(response.CreatedDate!.toISOString()).toBe('2018-04-11T20:05:45.713Z');
  });

  it('reads whole seconds, epoch seconds in a string, and nested timestamps in lists', async () => {
    const { client: c } = client({
      statusCode: 200,
      body: JSON.stringify({ DeletedDate: 1700000000, LastChangedDate: '1524085349.095', ReplicationStatus: [{ Region: 'eu-west-1', LastAccessedDate: 1.7000000005e9 }] }),
    });
    const response = await c.describeSecretAsync({ SecretId: 's' });
    expect(response.DeletedDate!.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(response.LastChangedDate!.toISOString()).toBe('2018-04-18T21:02:29.095Z');
    expect(response.ReplicationStatus![0]!.LastAccessedDate!.toISOString()).toBe('2023-11-14T22:13:20.500Z');
  });
});

describe('blobs', () => {
  const BYTES = new Uint8Array([0, 1, 2, 250, 255, 0x80]);

  it('sends a Uint8Array as base64, as AWS\'s JavaScript client does', async () => {
    const { client: c, requests } = client({ statusCode: 200, body: '{}' });
    await c.createSecretAsync({ Name: 'n', SecretBinary: BYTES, ClientRequestToken: 'EXAMPLE1-90ab-cdef-fedc-ba987SECRET1' });
    let official = '';
    const js = new aws.SecretsManagerClient({
      region: 'us-east-1',
      credentials: CREDENTIALS,
      requestHandler: {
        handle: async (request: { body: Uint8Array }) => {
          official = new TextDecoder().decode(request.body);
          return { response: { statusCode: 200, headers: {}, body: Buffer.from('{}') } };
        },
      },
    });
    await js.send(new aws.CreateSecretCommand({ Name: 'n', SecretBinary: BYTES, ClientRequestToken: 'EXAMPLE1-90ab-cdef-fedc-ba987SECRET1' }));
    js.destroy();
    expect(body(requests[0]!).SecretBinary).toBe(Buffer.from(BYTES).toString('base64'));
    expect(body(requests[0]!)).toEqual(JSON.parse(official));
  });

  it('reads base64 as a Uint8Array, byte for byte', async () => {
    const { client: c } = client({ statusCode: 200, body: JSON.stringify({ SecretBinary: Buffer.from(BYTES).toString('base64') }) });
    const response = await c.getSecretValueAsync({ SecretId: 's' });
    expect(response.SecretBinary).toBeInstanceOf(Uint8Array);
    expect([...response.SecretBinary!]).toEqual([...BYTES]);
  });
});

describe('enums', () => {
  it('sends a value the model does not list (a later one) as it is, and reads one as it is', async () => {
    const { client: c, requests } = client({ statusCode: 200, body: JSON.stringify({ SecretList: [], ReplicationStatus: [{ Region: 'eu-west-1', Status: 'Paused' }] }) });
    await c.listSecretsAsync({ SortOrder: 'shuffled', SortBy: 'size', Filters: [{ Key: 'owning-team', Values: ['db'] }] });
    expect(body(requests[0]!)).toEqual({ SortOrder: 'shuffled', SortBy: 'size', Filters: [{ Key: 'owning-team', Values: ['db'] }] });
    const { client: d } = client({ statusCode: 200, body: JSON.stringify({ ReplicationStatus: [{ Region: 'eu-west-1', Status: 'Paused' }] }) });
    expect((await d.describeSecretAsync({ SecretId: 's' })).ReplicationStatus![0]!.Status).toBe('Paused');
  });
});

describe('idempotency tokens', () => {
  const withToken = Object.entries(model.operations)
    .filter(([, operation]) => Object.values(model.shapes[operation.input!.shape]!.members ?? {}).some((member) => member.idempotencyToken))
    .map(([name]) => name);
  const requests: Record<string, Record<string, unknown>> = {
    CreateSecret: { Name: 'n', SecretString: 'v' },
    PutSecretValue: { SecretId: 's', SecretString: 'v' },
    RotateSecret: { SecretId: 's' },
    UpdateSecret: { SecretId: 's', Description: 'd' },
  };

  it('are the members botocore marks: ClientRequestToken of CreateSecret, PutSecretValue, RotateSecret, UpdateSecret', () => {
    expect(withToken.sort()).toEqual(Object.keys(requests));
  });

  it.each(Object.keys(requests))('%s: a UUID v4 fills an unset token, the same on every retry of the call, a new one for the next call', async (operation) => {
    let answered = 0;
    const { client: c, requests: sent } = client(() => (++answered % 3 === 0 ? { statusCode: 200, body: '{}' } : { statusCode: 500, body: '{"__type":"InternalServiceError"}' }), { maxErrorRetry: 2 });
    const method = `${operation[0]!.toLowerCase()}${operation.slice(1)}Async`;
    const call = () => (c as unknown as Record<string, (request: unknown) => Promise<unknown>>)[method]!(requests[operation]);
    await call();
    await call();
    const tokens = sent.map((request) => body(request).ClientRequestToken as string);
    expect(tokens).toHaveLength(6);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(tokens.slice(0, 3)).size).toBe(1);
    expect(new Set(tokens.slice(3)).size).toBe(1);
    expect(tokens[0]).not.toBe(tokens[3]);
    expect(requests[operation]).not.toHaveProperty('ClientRequestToken');
  });
});

describe('a response member the model does not know', () => {
  it.each(Object.keys(model.operations))('%s: is ignored, never an error', async (operation) => {
    const { client: c } = client({ statusCode: 200, body: JSON.stringify({ AddedInTheFuture: { nested: [1, 'two', null] }, AlsoNew: 'x' }) });
    const method = `${operation[0]!.toLowerCase()}${operation.slice(1)}Async`;
    const input = shapeFile.operations[operation]!.example ?? {};
    const response = (await (c as unknown as Record<string, (request: unknown) => Promise<Record<string, unknown>>>)[method]!(input).catch((error: unknown) => error)) as Record<string, unknown>;
    expect(response).not.toBeInstanceOf(Error);
    expect(response).not.toHaveProperty('AddedInTheFuture');
    expect(response).not.toHaveProperty('AlsoNew');
  });
});
