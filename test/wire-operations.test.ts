// Golden wire tests for every operation of the official model (botocore's service-2.json):
// - the request: a realistic input (botocore's examples-1.json, else the shape file's example) as a real
//   node:http server receives it from the default transport, kept in test/golden/operations/<Op>.request.txt,
//   and its JSON body compared with what AWS's JavaScript client (@aws-sdk/client-secrets-manager) sends
//   for the same input;
// - one success answer (examples-1.json's output, else a realistic one written from AWS's API reference)
//   read into the typed model, compared with what AWS's JavaScript client reads from the same bytes;
// - each error the model declares for the operation, mapped to its .NET-named class.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as aws from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import * as sdk from '../src/index.node.js';
import { AmazonSecretsManagerException, AmazonWebServiceResponse, UndiciHttpHandler } from '../src/index.node.js';
import { botocoreExamples, botocoreModel } from './helpers/botocore.js';
import { cannedHandler, type CannedResponse } from './helpers/cannedResponse.js';
import { canonicalWire, headerMap, routedDispatcher, useCaptureClients, useCaptureServer } from './helpers/captureServer.js';

const model = botocoreModel();
const examples = botocoreExamples();
const shapeFile = JSON.parse(readFileSync(new URL('../model/secretsmanager.json', import.meta.url), 'utf8')) as { operations: Record<string, { example?: Record<string, unknown> }> };
const OPERATIONS = Object.keys(model.operations);

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const NOW = new Date('2024-05-06T07:08:09.123Z');
const TOKEN = '0f8b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestSecret-a1b2c3';

/**
 * Answers for the operations botocore has no example for, written from the API reference
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/): fractional epoch seconds, an
 * enum value, a nested list of structures.
 */
const WRITTEN_OUTPUTS: Record<string, Record<string, unknown>> = {
  BatchGetSecretValue: {
    SecretValues: [{ ARN, Name: 'MySecret1', VersionId: 'EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE', SecretString: '{"user":"diego"}', VersionStages: ['AWSCURRENT'], CreatedDate: 1.523477145713e9 }],
    Errors: [{ SecretId: 'MySecret2', ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." }],
    NextToken: 'next-page',
  },
  RemoveRegionsFromReplication: { ARN, ReplicationStatus: [{ Region: 'eu-west-1', KmsKeyId: 'alias/aws/secretsmanager', Status: 'InSync', StatusMessage: 'Replication succeeded', LastAccessedDate: 1.7e9 }] },
  ReplicateSecretToRegions: { ARN, ReplicationStatus: [{ Region: 'eu-west-3', KmsKeyId: 'alias/aws/secretsmanager', Status: 'InProgress', StatusMessage: 'Replication in progress', LastAccessedDate: 1.7000000005e9 }] },
  StopReplicationToReplica: { ARN: 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:MyTestSecret-1a2b3c' },
};

/** A client whose every call gets `answer`, without retries (an InternalServiceError would be retried). */
function cannedClient(answer: CannedResponse) {
  return { client: new sdk.SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: cannedHandler(answer), maxErrorRetry: 0 }) };
}

const lowerFirst = (name: string) => `${name[0]!.toLowerCase()}${name.slice(1)}`;
/** .NET's exception name for a wire code (api-facts: shape name + "Exception" unless it already ends so). */
const dotnetName = (code: string) => (code.endsWith('Exception') ? code : `${code}Exception`);
const tokenMember = (operation: string) =>
  Object.entries(model.shapes[model.operations[operation]!.input!.shape]!.members ?? {}).find(([, member]) => member.idempotencyToken)?.[0];

function inputOf(operation: string): Record<string, unknown> {
  return structuredClone(examples[operation]?.[0]?.input ?? shapeFile.operations[operation]!.example ?? {});
}

function outputOf(operation: string): Record<string, unknown> {
  return examples[operation]?.[0]?.output ?? WRITTEN_OUTPUTS[operation] ?? {};
}

/** Dates as ISO text, bytes as arrays, class instances as their own members: for comparing two clients' models. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return [...value];
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** What AWS's JavaScript client sends for `input` and reads from `answer`. */
async function officialClient(operation: string, input: Record<string, unknown>, answer: string): Promise<{ body: string; output: Record<string, unknown> }> {
  let body = '';
  const client = new aws.SecretsManagerClient({
    region: 'us-east-1',
    credentials: CREDENTIALS,
    requestHandler: {
      handle: async (request: { body: Uint8Array | string }) => {
        body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: Buffer.from(answer) } };
      },
    },
  });
  const Command = (aws as unknown as Record<string, new (input: unknown) => Parameters<typeof client.send>[0]>)[`${operation}Command`]!;
  const { $metadata: _metadata, ...output } = (await client.send(new Command(input))) as unknown as Record<string, unknown>;
  client.destroy();
  return { body, output };
}

const server = useCaptureServer();
const { client } = useCaptureClients(server, { credentials: CREDENTIALS, now: NOW, token: TOKEN });

describe('every operation of the official model is on the client', () => {
  it('has the 23 operations, each an xxxAsync method', () => {
    expect(OPERATIONS).toHaveLength(23);
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(Object.getPrototypeOf(client())));
    expect(OPERATIONS.map((name) => `${lowerFirst(name)}Async`).filter((method) => !methods.includes(method))).toEqual([]);
  });
});

describe.each(OPERATIONS)('%s on the wire', (operation) => {
  it('sends the golden request, with the JSON body AWS\'s JavaScript client sends for the same input', async () => {
    const input = inputOf(operation);
    // The real regional host (a fixed signature), routed to the capture server: undici's real bytes.
    const dispatcher = routedDispatcher(server().port);
    try {
      const created = client({ serviceURL: undefined, region: 'us-west-2', httpHandler: new UndiciHttpHandler({ dispatcher }) });
      await (created as unknown as Record<string, (request: unknown) => Promise<unknown>>)[`${lowerFirst(operation)}Async`]!(input);
    } finally {
      await dispatcher.close();
    }
    const request = server().only();
    expect(headerMap(request.rawHeaders).get('x-amz-target')).toEqual([`secretsmanager.${operation}`]);

    // The official client generates its own idempotency token; it is given ours, as ours generated it.
    const token = tokenMember(operation);
    const official = await officialClient(operation, token && input[token] === undefined ? { ...input, [token]: TOKEN } : input, '{}');
    // Compared as JSON: the two write members in the order of their own models (botocore's and Smithy's
    // differ for ValidateResourcePolicy), and the order of an object's members means nothing in JSON.
    expect(JSON.parse(request.body.toString('utf8'))).toEqual(JSON.parse(official.body));
    if (token) expect(JSON.parse(request.body.toString('utf8'))[token]).toBe(input[token] ?? TOKEN);

    const golden = fileURLToPath(new URL(`./golden/operations/${operation}.request.txt`, import.meta.url));
    const actual = canonicalWire(request);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, actual, 'utf8');
    }
    if (!existsSync(golden)) expect.fail(`${golden} does not exist: create it with UPDATE_GOLDEN=1 npx vitest run test/wire-operations.test.ts, review it, commit it.`);
    expect(actual, 'the wire request differs from the golden file; if intended, rerun with UPDATE_GOLDEN=1 and review the diff').toBe(readFileSync(golden, 'utf8'));
  });

  it('reads a success answer into its typed response as AWS\'s JavaScript client reads it', async () => {
    const answer = JSON.stringify(outputOf(operation));
    const { client: canned } = cannedClient({ statusCode: 200, headers: { 'x-amzn-requestid': 'req-1', 'content-length': String(Buffer.byteLength(answer)) }, body: answer });
    const response = (await (canned as unknown as Record<string, (request: unknown) => Promise<unknown>>)[`${lowerFirst(operation)}Async`]!(inputOf(operation))) as AmazonWebServiceResponse &
      Record<string, unknown>;
    const Response = (sdk as unknown as Record<string, new () => unknown>)[`${operation}Response`]!;
    expect(response).toBeInstanceOf(Response);
    expect(response).toBeInstanceOf(AmazonWebServiceResponse);
    expect(response.HttpStatusCode).toBe(200);
    expect(response.ContentLength).toBe(Buffer.byteLength(answer));
    expect(response.ResponseMetadata.RequestId).toBe('req-1');
    const { HttpStatusCode: _status, ContentLength: _length, ResponseMetadata: _metadata, ...members } = response;
    const official = await officialClient(operation, inputOf(operation), answer);
    expect(plain(members)).toEqual(plain(official.output));
  });

  it.each((model.operations[operation]!.errors ?? []).map((error) => error.shape))('maps the declared error %s to its .NET-named class', async (code) => {
    const { client: canned } = cannedClient({ statusCode: 400, headers: { 'x-amzn-requestid': 'req-err' }, body: JSON.stringify({ __type: code, Message: `${code} happened` }) });
    const error = await (canned as unknown as Record<string, (request: unknown) => Promise<unknown>>)[`${lowerFirst(operation)}Async`]!(inputOf(operation)).catch((caught: unknown) => caught);
    const Class = (sdk as unknown as Record<string, new () => unknown>)[dotnetName(code)]!;
    expect(typeof Class).toBe('function');
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(AmazonSecretsManagerException);
    expect(error).toMatchObject({ name: dotnetName(code), errorCode: code, message: `${code} happened`, statusCode: 400, requestId: 'req-err', errorType: code === 'InternalServiceError' ? 'Receiver' : 'Sender' });
    const guard = (sdk as unknown as Record<string, (value: unknown) => boolean>)[`is${operation}Error`]!;
    expect(guard(error)).toBe(true);
  });

  it('gives a code the operation does not declare as AmazonSecretsManagerException, outside its error union', async () => {
    const { client: canned } = cannedClient({ statusCode: 400, body: JSON.stringify({ __type: 'AccessDeniedException', Message: 'denied' }) });
    const error = await (canned as unknown as Record<string, (request: unknown) => Promise<unknown>>)[`${lowerFirst(operation)}Async`]!(inputOf(operation)).catch((caught: unknown) => caught);
    expect(Object.getPrototypeOf(error)).toBe(AmazonSecretsManagerException.prototype);
    expect((sdk as unknown as Record<string, (value: unknown) => boolean>)[`is${operation}Error`]!(error)).toBe(false);
  });
});
