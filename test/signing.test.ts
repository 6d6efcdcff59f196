// The SigV4 signature of rotateSecretAsync, recomputed independently here with node:crypto from the
// raw request a real node:http server received (no @smithy/signature-v4, no code of src/).
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IRotateSecretRequest } from '../src/index.node.js';
import { type CapturedRequest, header, headerMap, useCaptureClients, useCaptureServer } from './helpers/captureServer.js';

const server = useCaptureServer();

const ACCESS_KEY_ID = 'AKIDEXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const CREDENTIALS = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE/session+token==';
const NOW = new Date('2024-05-06T07:08:09.123Z');
const TOKEN = '0f8b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const SERVICE = 'secretsmanager';

/** Headers a signer must never sign: they are rewritten or dropped by proxies and transports. */
const NEVER_SIGNED = ['user-agent', 'connection', 'keep-alive', 'transfer-encoding', 'expect', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-connection', 'authorization'];

const FULL: IRotateSecretRequest = {
  SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf',
  RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:rotate-s',
  RotationRules: { Duration: '3h', ScheduleExpression: 'rate(10 days)' },
  ExternalSecretRotationMetadata: [{ Key: 'k', Value: 'v' }],
  ExternalSecretRotationRoleArn: 'arn:aws:iam::123456789012:role/partner-rotation',
  RotateImmediately: false,
};

const { client, capture } = useCaptureClients(server, { credentials: CREDENTIALS, now: NOW, token: TOKEN });

// ---- An independent SigV4 verifier --------------------------------------------------------------

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** `YYYYMMDDTHHMMSSZ` */
function amzDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

interface Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(request: CapturedRequest): Authorization {
  const value = header(request, 'authorization');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/.exec(value);
  if (!match) throw new Error(`not a SigV4 Authorization header: ${value}`);
  return { accessKeyId: match[1]!, date: match[2]!, region: match[3]!, service: match[4]!, signedHeaders: match[5]!.split(';'), signature: match[6]! };
}

/**
 * The signature a verifier computes for the request as received, for the given secret key, region
 * and date (taken from x-amz-date). Canonical headers are the ones SignedHeaders lists.
 */
function recomputeSignature(request: CapturedRequest, secretAccessKey: string, region: string): { signature: string; canonicalRequest: string; stringToSign: string } {
  const { signedHeaders } = parseAuthorization(request);
  const received = headerMap(request.rawHeaders);
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const values = received.get(name);
      if (values === undefined) throw new Error(`signed header ${name} is not on the wire`);
      return `${name}:${values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`;
    })
    .join('');
  const [path, query = ''] = request.url.split('?');
  const canonicalRequest = [request.method, path, query, canonicalHeaders, signedHeaders.join(';'), sha256Hex(request.body)].join('\n');
  const date = header(request, 'x-amz-date');
  const scope = `${date.slice(0, 8)}/${region}/${SERVICE}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${secretAccessKey}`, date.slice(0, 8));
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, SERVICE);
  const kSigning = hmac(kService, 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  return { signature, canonicalRequest, stringToSign };
}

/** Checks the scope and that the signature is the one recomputed here. */
function expectValidSignature(request: CapturedRequest, expected: { date: Date; region?: string; secretAccessKey?: string }): void {
  const region = expected.region ?? 'us-east-1';
  const auth = parseAuthorization(request);
  expect(header(request, 'x-amz-date')).toBe(amzDate(expected.date));
  expect({ accessKeyId: auth.accessKeyId, date: auth.date, region: auth.region, service: auth.service }).toEqual({
    accessKeyId: ACCESS_KEY_ID,
    date: amzDate(expected.date).slice(0, 8),
    region,
    service: SERVICE,
  });
  expect(auth.signature).toBe(recomputeSignature(request, expected.secretAccessKey ?? SECRET_ACCESS_KEY, region).signature);
}

// ---- Tests --------------------------------------------------------------------------------------

describe('SigV4 signature of rotateSecretAsync, recomputed with node:crypto', () => {
  it('signs a minimal request with the signature a verifier recomputes from the raw request', async () => {
    const req = await capture({ SecretId: 's' });
    expect(req.url).toBe('/');
    const { canonicalRequest, stringToSign } = recomputeSignature(req, SECRET_ACCESS_KEY, 'us-east-1');
    expect(canonicalRequest.split('\n').slice(0, 3)).toEqual(['POST', '/', '']);
    expect(canonicalRequest.endsWith(`\n${sha256Hex(Buffer.from(`{"SecretId":"s","ClientRequestToken":"${TOKEN}"}`, 'utf8'))}`)).toBe(true);
    expect(stringToSign.split('\n').slice(0, 3)).toEqual(['AWS4-HMAC-SHA256', '20240506T070809Z', '20240506/us-east-1/secretsmanager/aws4_request']);
    expectValidSignature(req, { date: NOW });
    expect(header(req, 'authorization')).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240506\/us-east-1\/secretsmanager\/aws4_request, SignedHeaders=/);
  });

  it('signs a request with every member set and a session token', async () => {
    const req = await capture(FULL, { credentials: { ...CREDENTIALS, sessionToken: SESSION_TOKEN } });
    expect(header(req, 'x-amz-security-token')).toBe(SESSION_TOKEN);
    expect(parseAuthorization(req).signedHeaders).toContain('x-amz-security-token');
    expectValidSignature(req, { date: NOW });
  });

  it('is rejected by the verifier when the body, a signed header or the key differs (the check can fail)', async () => {
    const req = await capture({ SecretId: 's' });
    const { signature } = parseAuthorization(req);
    const tamperedBody: CapturedRequest = { ...req, body: Buffer.from(req.body.toString('utf8').replace('"s"', '"t"'), 'utf8') };
    expect(recomputeSignature(tamperedBody, SECRET_ACCESS_KEY, 'us-east-1').signature).not.toBe(signature);
    const tamperedTarget: CapturedRequest = {
      ...req,
      rawHeaders: req.rawHeaders.map((v, i) => (i > 0 && req.rawHeaders[i - 1]!.toLowerCase() === 'x-amz-target' ? 'secretsmanager.DeleteSecret' : v)),
    };
    expect(recomputeSignature(tamperedTarget, SECRET_ACCESS_KEY, 'us-east-1').signature).not.toBe(signature);
    expect(recomputeSignature(req, 'another-secret-key', 'us-east-1').signature).not.toBe(signature);
    expect(recomputeSignature(req, SECRET_ACCESS_KEY, 'us-west-2').signature).not.toBe(signature);
  });

  it('matches the signature of the golden wire file (test/golden/RotateSecret.request.txt)', () => {
    const text = readFileSync(new URL('./golden/RotateSecret.request.txt', import.meta.url), 'utf8');
    const blank = text.indexOf('\n\n');
    const [requestLine, ...headerLines] = text.slice(0, blank).split('\n');
    const [method, url] = requestLine!.split(' ');
    const rawHeaders = headerLines.flatMap((line) => {
      const colon = line.indexOf(': ');
      return [line.slice(0, colon), line.slice(colon + 2)];
    });
    // The file ends with one newline after the body.
    const golden: CapturedRequest = { method: method!, url: url!, rawHeaders, body: Buffer.from(text.slice(blank + 2, -1), 'utf8') };
    expectValidSignature(golden, { date: NOW });
  });
});

describe('SigV4 signed headers', () => {
  it('signs host, content-type, x-amz-date and x-amz-target, each present once on the wire, listed sorted', async () => {
    const req = await capture({ SecretId: 's' });
    const { signedHeaders } = parseAuthorization(req);
    expect(signedHeaders).toEqual(expect.arrayContaining(['host', 'content-type', 'x-amz-date', 'x-amz-target']));
    expect(signedHeaders).toEqual([...signedHeaders].sort());
    expect(signedHeaders).toEqual(signedHeaders.map((name) => name.toLowerCase()));
    const received = headerMap(req.rawHeaders);
    for (const name of signedHeaders) expect(received.get(name), `signed header ${name} on the wire`).toHaveLength(1);
    expect(signedHeaders).not.toContain('x-amz-security-token');
  });

  it('never signs user-agent, connection, keep-alive, transfer-encoding, expect or other hop-by-hop headers', async () => {
    for (const credentials of [CREDENTIALS, { ...CREDENTIALS, sessionToken: SESSION_TOKEN }]) {
      const { signedHeaders } = parseAuthorization(await capture(FULL, { credentials }));
      for (const name of NEVER_SIGNED) expect(signedHeaders, `${name} must not be signed`).not.toContain(name);
      expect(signedHeaders.filter((name) => name.startsWith('proxy-'))).toEqual([]);
    }
  });

  it('sends no x-amz-content-sha256 header, so a verifier re-hashes the body', async () => {
    const req = await capture(FULL);
    expect(headerMap(req.rawHeaders).has('x-amz-content-sha256')).toBe(false);
    expect(parseAuthorization(req).signedHeaders).not.toContain('x-amz-content-sha256');
  });
});

describe('SigV4 date and scope', () => {
  it.each([
    ['ahead', 20],
    ['behind', -20],
  ])('signs with the injected clock when it is 20 minutes %s of the system clock', async (_label, minutes) => {
    const offset = minutes * 60_000;
    // Every reading of the clock: the client also reads it to time the attempt, possibly a second later.
    const readings: number[] = [];
    const before = Date.now();
    const req = await capture({ SecretId: 's' }, { clock: () => new Date(readings[readings.push(Date.now() + offset) - 1]!) });
    const after = Date.now();
    const sent = Date.parse(header(req, 'x-amz-date').replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(sent).toBeGreaterThanOrEqual(Math.floor((before + offset) / 1000) * 1000);
    expect(sent).toBeLessThanOrEqual(after + offset);
    expect(readings.map((reading) => Math.floor(reading / 1000) * 1000)).toContain(sent);
    expectValidSignature(req, { date: new Date(sent) });
  });

  it('dates the scope from the injected clock across midnight UTC', async () => {
    // 23:50 plus 20 minutes: the signing day is the next day.
    const skewed = new Date(Date.UTC(2024, 1, 29, 23, 50) + 20 * 60_000);
    const req = await capture({ SecretId: 's' }, { clock: () => skewed });
    expect(header(req, 'x-amz-date')).toBe('20240301T001000Z');
    expect(parseAuthorization(req).date).toBe('20240301');
    expectValidSignature(req, { date: skewed });
  });

  it('signs two calls on different days with different scopes (the same client, no stale signing key)', async () => {
    let now = new Date('2024-05-06T23:59:59Z');
    const same = client({ clock: () => now });
    await same.rotateSecretAsync({ SecretId: 's' });
    now = new Date('2024-05-07T00:00:01Z');
    await same.rotateSecretAsync({ SecretId: 's' });
    const [first, second] = server().requests;
    expect(server().requests).toHaveLength(2);
    expect(parseAuthorization(first!).date).toBe('20240506');
    expect(parseAuthorization(second!).date).toBe('20240507');
    expectValidSignature(first!, { date: new Date('2024-05-06T23:59:59Z') });
    expectValidSignature(second!, { date: new Date('2024-05-07T00:00:01Z') });
  });
});

describe('SigV4 region', () => {
  it('signs for the client region when authenticationRegion is not set', async () => {
    const req = await capture({ SecretId: 's' }, { region: 'eu-central-1' });
    expectValidSignature(req, { date: NOW, region: 'eu-central-1' });
  });

  it('signs for authenticationRegion when it is set, overriding the client region', async () => {
    const req = await capture({ SecretId: 's' }, { region: 'us-east-1', authenticationRegion: 'eu-west-1' });
    expect(parseAuthorization(req).region).toBe('eu-west-1');
    expectValidSignature(req, { date: NOW, region: 'eu-west-1' });
    expect(parseAuthorization(req).signature).not.toBe(recomputeSignature(req, SECRET_ACCESS_KEY, 'us-east-1').signature);
  });
});

describe('SigV4 over non-ASCII bodies', () => {
  it('signs the SHA-256 of the UTF-8 bytes of a body with a non-ASCII SecretId', async () => {
    const secretId = 'prod/données/秘密';
    const req = await capture({ SecretId: secretId, ExternalSecretRotationMetadata: [{ Key: 'clé', Value: '🔑 ключ' }] });
    const expectedBody = `{"SecretId":"${secretId}","ClientRequestToken":"${TOKEN}","ExternalSecretRotationMetadata":[{"Key":"clé","Value":"🔑 ключ"}]}`;
    expect(req.body.equals(Buffer.from(expectedBody, 'utf8'))).toBe(true);
    expect(Number(header(req, 'content-length'))).toBe(Buffer.byteLength(expectedBody, 'utf8'));
    expectValidSignature(req, { date: NOW });
    // A signer that hashed UTF-16 code units as Latin-1 (or any other encoding) would not match.
    const latin1: CapturedRequest = { ...req, body: Buffer.from(expectedBody, 'latin1') };
    expect(recomputeSignature(latin1, SECRET_ACCESS_KEY, 'us-east-1').signature).not.toBe(parseAuthorization(req).signature);
  });
});
