// What rotateSecretAsync puts on the wire: request line, headers and the exact JSON body bytes, as a
// real node:http server receives them from the default transport of the Node entry (NodeHttpHandler, on
// node:http), and, below, from UndiciHttpHandler.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type AmazonSecretsManagerConfig,
  ExternalSecretRotationMetadataItem,
  type IRotateSecretRequest,
  RotateSecretRequest,
  RotateSecretResponse,
  RotationRulesType,
  UndiciHttpHandler,
} from '../src/index.node.js';
import { CAPTURE_REQUEST_ID, canonicalWire, type CapturedRequest, header, headerMap, routedDispatcher, useCaptureClients, useCaptureServer } from './helpers/captureServer.js';

const server = useCaptureServer();

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const NOW = new Date('2024-05-06T07:08:09.123Z');
const TOKEN = '0f8b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const GOLDEN = fileURLToPath(new URL('./golden/RotateSecret.request.txt', import.meta.url));

const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:rotate-s';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/partner-rotation';

/** Every member set, with the caller's keys deliberately out of model order. */
function fullRequest(): IRotateSecretRequest {
  return {
    RotateImmediately: false,
    ExternalSecretRotationRoleArn: ROLE_ARN,
    ExternalSecretRotationMetadata: [
      { Value: 'v1', Key: 'k1' },
      { Key: 'k2', Value: 'v2' },
    ],
    RotationRules: { ScheduleExpression: 'rate(10 days)', Duration: '3h', AutomaticallyAfterDays: 30 },
    RotationLambdaARN: LAMBDA_ARN,
    SecretId: 's',
  };
}

/** fullRequest() as the body must carry it: model order (model/secretsmanager.json), the injected token second. */
const FULL_BODY =
  `{"SecretId":"s","ClientRequestToken":"${TOKEN}","RotationLambdaARN":"${LAMBDA_ARN}",` +
  `"RotationRules":{"AutomaticallyAfterDays":30,"Duration":"3h","ScheduleExpression":"rate(10 days)"},` +
  `"ExternalSecretRotationMetadata":[{"Key":"k1","Value":"v1"},{"Key":"k2","Value":"v2"}],` +
  `"ExternalSecretRotationRoleArn":"${ROLE_ARN}","RotateImmediately":false}`;

const { client, capture } = useCaptureClients(server, { credentials: CREDENTIALS, now: NOW, token: TOKEN });

async function bodyOf(request: IRotateSecretRequest, config?: AmazonSecretsManagerConfig): Promise<string> {
  return (await capture(request, config)).body.toString('utf8');
}

function signedHeaders(request: CapturedRequest): string[] {
  const match = /SignedHeaders=([^,\s]+)/.exec(header(request, 'authorization'));
  expect(match, 'Authorization has a SignedHeaders list').not.toBeNull();
  return match![1]!.split(';');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('rotateSecretAsync on the wire: request line and headers', () => {
  it('sends POST / with the awsJson1_1 content type, the RotateSecret target and the host of serviceURL', async () => {
    const res = await client().rotateSecretAsync({ SecretId: 's' });
    const req = server().only();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/');
    expect(header(req, 'content-type')).toBe('application/x-amz-json-1.1');
    expect(header(req, 'x-amz-target')).toBe('secretsmanager.RotateSecret');
    expect(header(req, 'host')).toBe(`127.0.0.1:${server().port}`);
    // The server's answer came back through the same exchange.
    expect(res).toBeInstanceOf(RotateSecretResponse);
    expect(res.VersionId).toBe(TOKEN);
    expect(res.ResponseMetadata.RequestId).toBe(CAPTURE_REQUEST_ID);
  });

  it('dates the request with the injected clock in x-amz-date', async () => {
    const req = await capture({ SecretId: 's' });
    expect(header(req, 'x-amz-date')).toBe('20240506T070809Z');
  });

  it('names amazon-secretsmanager/<package version> in x-amz-user-agent', async () => {
    const req = await capture({ SecretId: 's' });
    const agent = header(req, 'x-amz-user-agent');
    expect(agent.split(' ')).toContain(`amazon-secretsmanager/${PACKAGE_VERSION}`);
    expect(agent).toMatch(/^amazon-secretsmanager\/\d+\.\d+\.\d+\S* /);
  });

  it('sends every header once, with a Content-Length equal to the body length in bytes', async () => {
    const req = await capture({ SecretId: 'prod/données/秘密' });
    for (const [name, values] of headerMap(req.rawHeaders)) expect(values, `header ${name}`).toHaveLength(1);
    expect(Number(header(req, 'content-length'))).toBe(req.body.length);
    expect(req.body.length).toBeGreaterThan(req.body.toString('utf8').length);
  });
});

describe('rotateSecretAsync on the wire: the JSON body', () => {
  it('sends only SecretId and the generated ClientRequestToken for a minimal request', async () => {
    expect(await bodyOf({ SecretId: 's' })).toBe(`{"SecretId":"s","ClientRequestToken":"${TOKEN}"}`);
  });

  it('generates a fresh lower-case UUID v4 token per call with the default randomUUID', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = JSON.parse(await bodyOf({ SecretId: 's' }, { randomUUID: undefined })) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['SecretId', 'ClientRequestToken']);
      tokens.push(body.ClientRequestToken as string);
    }
    for (const token of tokens) {
      expect(token).toHaveLength(36);
      expect(token).toMatch(UUID_V4);
    }
    expect(new Set(tokens).size).toBe(3);
  });

  it('leaves an unset RotateImmediately out of the body (never sends false for it)', async () => {
    const body = await bodyOf({ SecretId: 's', RotationRules: { AutomaticallyAfterDays: 7 } });
    expect(body).not.toContain('RotateImmediately');
    expect(body).toBe(`{"SecretId":"s","ClientRequestToken":"${TOKEN}","RotationRules":{"AutomaticallyAfterDays":7}}`);
  });

  it('sends an explicit RotateImmediately: false, and an explicit true', async () => {
    expect(await bodyOf({ SecretId: 's', RotateImmediately: false })).toBe(`{"SecretId":"s","ClientRequestToken":"${TOKEN}","RotateImmediately":false}`);
    expect(await bodyOf({ SecretId: 's', RotateImmediately: true })).toBe(`{"SecretId":"s","ClientRequestToken":"${TOKEN}","RotateImmediately":true}`);
  });

  it('nests RotationRules as an object with its members in model order', async () => {
    const body = await bodyOf({ SecretId: 's', RotationRules: { ScheduleExpression: 'cron(0 16 1,15 * ? *)', Duration: '2h' } });
    expect(body).toBe(`{"SecretId":"s","ClientRequestToken":"${TOKEN}","RotationRules":{"Duration":"2h","ScheduleExpression":"cron(0 16 1,15 * ? *)"}}`);
  });

  it('sends ExternalSecretRotationMetadata as a list of {Key, Value} objects in the caller\'s order', async () => {
    const body = await bodyOf({
      SecretId: 's',
      ExternalSecretRotationMetadata: [
        { Value: 'b', Key: 'z' },
        { Key: 'a', Value: 'c' },
      ],
    });
    expect(body).toBe(`{"SecretId":"s","ClientRequestToken":"${TOKEN}","ExternalSecretRotationMetadata":[{"Key":"z","Value":"b"},{"Key":"a","Value":"c"}]}`);
  });

  it('leaves null members out, and fills a null ClientRequestToken like an unset one', async () => {
    const request = {
      SecretId: 's',
      ClientRequestToken: null,
      RotationLambdaARN: null,
      RotationRules: { AutomaticallyAfterDays: null, Duration: '3h', ScheduleExpression: null },
      ExternalSecretRotationMetadata: null,
      ExternalSecretRotationRoleArn: null,
      RotateImmediately: null,
    } as unknown as IRotateSecretRequest;
    expect(await bodyOf(request)).toBe(`{"SecretId":"s","ClientRequestToken":"${TOKEN}","RotationRules":{"Duration":"3h"}}`);
  });

  it('sends an explicit ClientRequestToken unchanged and does not generate one', async () => {
    let generated = 0;
    const token = 'My-Own.Token_0123456789abcdefABCDEF';
    const body = await bodyOf({ SecretId: 's', ClientRequestToken: token }, { randomUUID: () => `${++generated}`.padStart(36, '0') });
    expect(body).toBe(`{"SecretId":"s","ClientRequestToken":"${token}"}`);
    // One UUID is still drawn: the amz-sdk-invocation-id header's, never the body's.
    expect(generated).toBe(1);
  });

  it('writes a full request byte for byte, members in model order whatever the caller\'s key order', async () => {
    const req = await capture(fullRequest());
    expect(req.body.equals(Buffer.from(FULL_BODY, 'utf8'))).toBe(true);
    expect(req.body.toString('utf8')).toBe(FULL_BODY);
  });

  it('does not mutate the caller\'s request (no token written back)', async () => {
    const request = fullRequest();
    const before = structuredClone(request);
    await client().rotateSecretAsync(request);
    expect(request).toEqual(before);
    expect(Object.hasOwn(request, 'ClientRequestToken')).toBe(false);

    // A deeply frozen request is accepted as it is: nothing tries to write into it.
    const frozen = deepFreeze(fullRequest());
    server().clear();
    await client().rotateSecretAsync(frozen);
    expect(server().only().body.toString('utf8')).toBe(FULL_BODY);
  });

  it('gives the identical body for a RotateSecretRequest instance and the equivalent plain object', async () => {
    const instance = new RotateSecretRequest({
      SecretId: 's',
      RotationLambdaARN: LAMBDA_ARN,
      RotationRules: new RotationRulesType({ AutomaticallyAfterDays: 30, Duration: '3h', ScheduleExpression: 'rate(10 days)' }),
      ExternalSecretRotationMetadata: [new ExternalSecretRotationMetadataItem({ Key: 'k1', Value: 'v1' }), new ExternalSecretRotationMetadataItem({ Key: 'k2', Value: 'v2' })],
      ExternalSecretRotationRoleArn: ROLE_ARN,
      RotateImmediately: false,
    });
    const fromInstance = (await capture(instance)).body;
    const fromPlain = (await capture(fullRequest())).body;
    expect(fromInstance.equals(fromPlain)).toBe(true);
    expect(fromInstance.toString('utf8')).toBe(FULL_BODY);
  });
});

describe('rotateSecretAsync on the wire: the golden request', () => {
  it('matches test/golden/RotateSecret.request.txt (fixed input, clock, token and credentials, the real regional host)', async () => {
    // The request is addressed to the real endpoint (fixed host, so a fixed signature) and routed to the
    // capture server by an undici dispatcher: these are undici's real wire bytes.
    const dispatcher = routedDispatcher(server().port);
    try {
      await client({ serviceURL: undefined, httpHandler: new UndiciHttpHandler({ dispatcher }) }).rotateSecretAsync({
        SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf',
        RotationRules: { ScheduleExpression: 'cron(0 16 1,15 * ? *)', Duration: '2h' },
        ExternalSecretRotationMetadata: [{ Key: 'partner', Value: 'données/秘密' }],
        RotateImmediately: false,
      });
    } finally {
      await dispatcher.close();
    }
    const actual = canonicalWire(server().only());
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, actual, 'utf8');
    }
    if (!existsSync(GOLDEN)) {
      expect.fail(`The golden file ${GOLDEN} does not exist. Create it with \`UPDATE_GOLDEN=1 npx vitest run test/wire.test.ts\`, review it, and commit it.`);
    }
    expect(actual, 'the wire request differs from the golden file; if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff').toBe(
      readFileSync(GOLDEN, 'utf8'),
    );
  });
});

describe('rotateSecretAsync on the wire: X-Amz-Security-Token', () => {
  it('sends and signs X-Amz-Security-Token when the credentials carry a session token', async () => {
    const req = await capture({ SecretId: 's' }, { credentials: { ...CREDENTIALS, sessionToken: 'FQoGZXIvYXdzEXAMPLE//token+=' } });
    expect(header(req, 'x-amz-security-token')).toBe('FQoGZXIvYXdzEXAMPLE//token+=');
    expect(signedHeaders(req)).toContain('x-amz-security-token');
  });

  it('sends no X-Amz-Security-Token when the credentials carry none', async () => {
    for (const credentials of [CREDENTIALS, { ...CREDENTIALS, sessionToken: undefined }]) {
      const req = await capture({ SecretId: 's' }, { credentials });
      expect(headerMap(req.rawHeaders).has('x-amz-security-token')).toBe(false);
      expect(signedHeaders(req)).not.toContain('x-amz-security-token');
    }
  });
});
