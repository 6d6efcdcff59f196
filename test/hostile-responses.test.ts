// The client survives whatever comes back: any status, any header object, any body bytes in any form a
// transport may deliver. A call ends in a RotateSecretResponse or in one of the SDK's own exceptions,
// never in a TypeError/SyntaxError/RangeError, a hang or an unhandled rejection. Then the classic broken
// answers one by one, each with its exact outcome.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AmazonClientException,
  AmazonSecretsManagerException,
  AmazonServiceException,
  AmazonUnmarshallingException,
  HttpRequestException,
  ResourceNotFoundException,
  RotateSecretResponse,
  SecretsManagerClient,
  type HttpResponse,
} from '../src/index.node.js';
import { BODY_FORMS, HOSTILE_CREDENTIALS, advancingClock, hostileClient, settleWithin, type HostileAnswer, type ScriptedHandler, type Settlement } from './helpers/hostileHandler.js';
import { startFloodServer, startRawServer } from './helpers/hostileServers.js';

const JSON_11 = 'application/x-amz-json-1.1';
const utf8 = (text: string) => new TextEncoder().encode(text);
/** Each property run must settle within this (real) time; instant sleep means a healthy run takes a millisecond. */
const RUN_BOUND_MS = 2_000;
/**
 * Fixed so that CI is reproducible; set FC_SEED to explore other cases locally. fast-check prints the
 * seed and the shrunk counterexample of a failure.
 */
const SEED = process.env.FC_SEED === undefined ? 20240102 : Number(process.env.FC_SEED);

// ---------------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------------

const ERROR_CODES = [
  'ResourceNotFoundException',
  'InvalidParameterException',
  'InvalidRequestException',
  'InternalServiceError',
  'ThrottlingException',
  'AccessDeniedException',
  'InvalidSignatureException',
  'RequestTimeTooSkewed',
  'SignatureDoesNotMatch',
  'aws.protocoltests.json#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/',
  'a#b#ResourceNotFoundException:c:d',
  '#',
  ':',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '',
];
/** Plausible, skewed, absurd and unreadable `Date` values, including both ends of what Date can hold. */
const DATES = [
  'Tue, 02 Jan 2024 03:04:05 GMT',
  'Tue, 02 Jan 2024 03:30:00 GMT',
  'Mon, 01 Jan 2024 03:04:05 GMT',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Fri, 31 Dec 9999 23:59:59 GMT',
  new Date(8.64e15).toUTCString(),
  new Date(-8.64e15).toUTCString(),
  '1',
  '-1',
  'garbage',
  'Tue, 32 Foo 2024 99:99:99 GMT',
];
const SPECIAL_HEADERS = [
  'x-amzn-RequestId',
  'x-amzn-request-id',
  'x-amz-request-id',
  'x-amzn-ErrorType',
  'x-amzn-error-message',
  'content-type',
  'content-length',
  'Date',
  'retry-after',
  'x-amz-retry-after',
  '__proto__',
  'constructor',
  'toString',
];

/** `name` with each letter in upper or lower case at random. */
const randomCase = (name: string) =>
  fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));
const headerValue: fc.Arbitrary<string | string[] | undefined> = fc.oneof(
  fc.constant(''),
  text,
  fc.constantFrom(...ERROR_CODES),
  fc.constantFrom(...DATES),
  fc.oneof(fc.nat(), fc.integer({ min: -5, max: 5 }), fc.constant(Number.MAX_SAFE_INTEGER)).map(String),
  fc.constantFrom('99999999999999999999999', '1e3', ' 7 ', 'NaN', '0x10'),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'v'.repeat(n)),
  fc.array(fc.oneof(text, fc.constantFrom(...ERROR_CODES), fc.constantFrom(...DATES)), { maxLength: 3 }),
  fc.constant(undefined),
);
const headerName = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL_HEADERS).chain(randomCase) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) });
const headers: fc.Arbitrary<HttpResponse['headers']> = fc.dictionary(headerName, headerValue, { maxKeys: 6 });

const status = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 100, max: 599 }) },
  { weight: 2, arbitrary: fc.integer({ min: 200, max: 299 }) },
  { weight: 2, arbitrary: fc.constantFrom(200, 201, 204, 400, 403, 404, 429, 500, 501, 502, 503, 504) },
  { weight: 1, arbitrary: fc.constantFrom(0, 99, 600, 999) },
);

/** A JSON value of any type, codes included, to put where a string is expected. */
const anyJson = fc.oneof(fc.constantFrom(...ERROR_CODES), text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const errorObject = fc.record({ __type: anyJson, code: anyJson, Code: anyJson, message: anyJson, Message: anyJson }, { requiredKeys: [] });
const resultObject = fc.record({ ARN: fc.oneof(text, anyJson), Name: fc.oneof(text, anyJson), VersionId: fc.oneof(text, anyJson), Extra: anyJson }, { requiredKeys: [] });
const validResult = fc.record({ ARN: text, Name: text, VersionId: text }, { requiredKeys: [] });
const jsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  errorObject.map((v) => JSON.stringify(v)),
  resultObject.map((v) => JSON.stringify(v)),
  validResult.map((v) => JSON.stringify(v)),
);
const xmlText = fc
  .record({
    type: fc.constantFrom('Sender', 'Receiver', 'Other', ''),
    code: fc.oneof(fc.constantFrom(...ERROR_CODES), text),
    message: fc.oneof(text, fc.constantFrom('&amp;lt;', '&#99999999999;', '&#x110000;', '&#xD800;', '&#0;', '&bogus;', '<![CDATA[x]]>')),
    requestId: text,
    cut: fc.option(fc.nat({ max: 200 }), { nil: undefined }),
  })
  .map(({ type, code, message, requestId, cut }) => {
    const xml = `<?xml version="1.0"?><ErrorResponse><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return cut === undefined ? xml : xml.slice(0, cut);
  });
const bodyBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 256 }),
  jsonText.map(utf8),
  // Truncated JSON.
  jsonText.chain((t) => fc.nat({ max: t.length }).map((n) => utf8(t.slice(0, n)))),
  // Invalid UTF-8 spliced into JSON: a stray continuation byte, an overlong form, a lone lead byte.
  fc.tuple(jsonText, fc.nat(), fc.constantFrom([0xff], [0xc0, 0xaf], [0xe2, 0x82], [0x80], [0xed, 0xa0, 0x80])).map(([t, at, bad]) => {
    const bytes = utf8(t);
    const i = bytes.length === 0 ? 0 : at % bytes.length;
    return new Uint8Array([...bytes.subarray(0, i), ...bad, ...bytes.subarray(i)]);
  }),
  xmlText.map(utf8),
  fc.constantFrom('', ' ', '\n', '<html><body><h1>502 Bad Gateway</h1></body></html>', '{"__type":', '[', '"', 'null', 'true', '1e999', '-0').map(utf8),
  // Deep nesting.
  fc.integer({ min: 1, max: 20_000 }).map((n) => utf8(`${'{"ARN":'.repeat(n)}1${'}'.repeat(n)}`)),
);

const anyAnswer: fc.Arbitrary<HostileAnswer> = fc.record({
  status,
  headers,
  body: bodyBytes,
  form: fc.constantFrom(...BODY_FORMS),
  chunkSize: fc.integer({ min: 1, max: 64 }),
  failAfterChunks: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat({ max: 4 }) }),
});
/** A rejected signature with a `Date` of any kind: the path that moves the client's clock. */
const signatureError: fc.Arbitrary<HostileAnswer> = fc
  .record({
    status: fc.constantFrom(400, 403),
    code: fc.constantFrom('InvalidSignatureException', 'RequestTimeTooSkewed', 'SignatureDoesNotMatch', 'RequestExpired', 'AuthFailure'),
    date: fc.oneof(fc.constantFrom(...DATES), text),
    dateName: randomCase('date'),
  })
  .map(({ status, code, date, dateName }) => ({ status, headers: { 'content-type': JSON_11, [dateName]: date }, body: utf8(JSON.stringify({ __type: code, message: 'Signature expired' })), form: 'bytes' as const }));
const answer = fc.oneof({ weight: 9, arbitrary: anyAnswer }, { weight: 1, arbitrary: signatureError });

// ---------------------------------------------------------------------------------------------------------
// The property: what an outcome may be
// ---------------------------------------------------------------------------------------------------------

const describeValue = (value: unknown) => (value instanceof Error ? `${value.constructor.name}: ${value.message.slice(0, 300)}\n${value.stack?.split('\n').slice(1, 6).join('\n')}` : String(value));

/** Fails unless the settlement is one the client may produce for this script and what the handler saw. */
function checkOutcome(settlement: Settlement, script: readonly HostileAnswer[], handler: ScriptedHandler, maxAttempts: number, sleeps: readonly number[]): void {
  if (settlement.status === 'hung') throw new Error(`the call neither resolved nor rejected within ${RUN_BOUND_MS} ms`);
  const attempts = handler.requests.length;
  const last = script[Math.min(attempts, script.length) - 1]!;

  // What it settled with.
  if (settlement.status === 'resolved') {
    expect(settlement.value).toBeInstanceOf(RotateSecretResponse);
    const r = settlement.value as RotateSecretResponse;
    expect(last.status >= 200 && last.status < 300, `success from HTTP ${last.status}`).toBe(true);
    expect(r.HttpStatusCode).toBe(last.status);
    expect(r.ResponseMetadata.Attempts, 'ResponseMetadata.Attempts against the requests sent').toBe(attempts);
    for (const member of [r.ARN, r.Name, r.VersionId]) expect(['string', 'undefined']).toContain(typeof member);
  } else {
    const error = settlement.error;
    if (!(error instanceof AmazonServiceException || error instanceof AmazonClientException)) throw new Error(`the call rejected with something that is not an SDK exception: ${describeValue(error)}`);
    expect(error).toBeInstanceOf(Error);
    expect(typeof error.message === 'string' && error.message.length > 0).toBe(true);
    if (error instanceof AmazonServiceException) {
      expect(error.statusCode).toBe(last.status);
      const success = last.status >= 200 && last.status < 300;
      expect(success, `${error.name} from HTTP ${last.status}`).toBe(error instanceof AmazonUnmarshallingException);
    } else {
      // The only client-side failure a response can cause is a transport one: a body that broke off (then
      // the cause is exactly the scripted fault) or one the client refused (no cause, not transient).
      if (!(error instanceof HttpRequestException)) throw new Error(`unexpected client exception: ${describeValue(error)}`);
      if (error.cause === undefined) expect(error.transient).toBe(false);
      else if (!handler.faults.includes(error.cause as never)) throw new Error(`an HttpRequestException whose cause is not the scripted fault: ${describeValue(error.cause)}`);
    }
    expect(error.attempts, 'the exception\'s attempts against the requests sent').toBe(attempts);
  }

  // How it got there: every request a well-formed SigV4 request of this call (same body, attempt
  // numbers in order), and a wait before each retry except one right after a clock-skew correction.
  expect(attempts).toBeGreaterThanOrEqual(1);
  expect(attempts).toBeLessThanOrEqual(maxAttempts);
  handler.requests.forEach((request, i) => {
    expect(request.headers['x-amz-date'], `attempt ${i + 1} x-amz-date`).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers['amz-sdk-request']).toBe(`attempt=${i + 1}; max=${maxAttempts}`);
    expect(request.body).toBe(handler.requests[0]!.body);
  });
  expect(sleeps.length, 'waits between attempts').toBeLessThan(attempts);
  for (const ms of sleeps) expect(ms >= 0 && ms <= 20_000, `slept ${ms} ms`).toBe(true);
}

describe('any response at all', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    // Give stray promises a turn of the event loop to surface.
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled.map(describeValue)).toEqual([]);
  });

  it('ends in a RotateSecretResponse or an SDK exception after exactly one attempt with maxErrorRetry 0', async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        const { client, handler, sleeps } = hostileClient([a], { maxErrorRetry: 0 });
        const settlement = await settleWithin(client.rotateSecretAsync({ SecretId: 'MySecret' }), RUN_BOUND_MS);
        checkOutcome(settlement, [a], handler, 1, sleeps);
        expect(handler.requests).toHaveLength(1);
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('ends in a RotateSecretResponse or an SDK exception within three attempts when retries are on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 3 }), async (script) => {
        const { client, handler, sleeps } = hostileClient(script);
        const settlement = await settleWithin(client.rotateSecretAsync({ SecretId: 'MySecret' }), RUN_BOUND_MS);
        checkOutcome(settlement, script, handler, 3, sleeps);
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Enumerated broken answers
// ---------------------------------------------------------------------------------------------------------

const json = (status: number, body: string | Uint8Array, extra: HttpResponse['headers'] = {}): HostileAnswer => ({
  status,
  headers: { 'content-type': JSON_11, 'x-amzn-requestid': 'req-hostile', ...extra },
  body: typeof body === 'string' ? utf8(body) : body,
  form: 'bytes',
});

async function failure(promise: Promise<unknown>): Promise<AmazonServiceException & AmazonClientException> {
  const settlement = await settleWithin(promise, RUN_BOUND_MS);
  if (settlement.status !== 'rejected') throw new Error(`expected the call to fail, got ${settlement.status}`);
  return settlement.error as AmazonServiceException & AmazonClientException;
}

const PROXY_MESSAGE = 'the answer may come from a proxy or load balancer rather than the service.';

describe('broken answers, one by one', () => {
  it('an empty 500 is a service error without a code, retried until the attempts run out', async () => {
    const { client, handler } = hostileClient([json(500, '')]);
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error.name).toBe('AmazonSecretsManagerException');
    expect(error).toMatchObject({ errorCode: undefined, statusCode: 500, requestId: 'req-hostile', attempts: 3 });
    expect(error.message).toBe(`RotateSecret failed with HTTP 500 and a body that is empty (${JSON_11}, 0 bytes); ${PROXY_MESSAGE}`);
    expect(handler.requests).toHaveLength(3);
  });

  it('truncated JSON with 400 is a service error that says the body is not JSON, and is not retried', async () => {
    const body = '{"__type":"ResourceNotFoundException","Message":"Secrets Manager can\'t find the specified se';
    const { client, handler } = hostileClient([json(400, body)]);
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error.name).toBe('AmazonSecretsManagerException');
    expect(error).toMatchObject({ errorCode: undefined, statusCode: 400, requestId: 'req-hostile', attempts: 1 });
    expect(error.message).toBe(`RotateSecret failed with HTTP 400 and a body that is not JSON (${JSON_11}, ${utf8(body).length} bytes); ${PROXY_MESSAGE}`);
    expect(handler.requests).toHaveLength(1);
  });

  it('truncated JSON with 200 is an AmazonUnmarshallingException, not retried: the service has acted', async () => {
    const { client, handler } = hostileClient([json(200, '{"ARN":"arn:aws:secretsmanager:us-east-1:1234')]);
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error).toBeInstanceOf(AmazonUnmarshallingException);
    expect(error).toMatchObject({ statusCode: 200, requestId: 'req-hostile', attempts: 1 });
    expect(error.message).toBe('RotateSecret was answered with HTTP 200 but its response body is not JSON; the operation may have been applied, so it was not retried.');
    // No cause: the JSON parser's message quotes the body, where a secret can be (test/sensitive-members.test.ts).
    expect(error.cause).toBeUndefined();
    expect(handler.requests).toHaveLength(1);
  });

  it('a 200 whose body is not UTF-8 is an AmazonUnmarshallingException', async () => {
    const body = new Uint8Array([...utf8('{"Name":"caf'), 0xe9, ...utf8('"}')]);
    const { client, handler } = hostileClient([json(200, body)], { maxErrorRetry: 0 });
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error).toBeInstanceOf(AmazonUnmarshallingException);
    expect(error).toMatchObject({ statusCode: 200, requestId: 'req-hostile', attempts: 1 });
    expect(error.message).toBe('RotateSecret was answered with HTTP 200 but its response body is not JSON; the operation may have been applied, so it was not retried.');
    expect(handler.requests).toHaveLength(1);
  });

  it('a 400 whose body is not UTF-8 still gives the typed error, the bad byte replaced', async () => {
    const body = new Uint8Array([...utf8('{"__type":"ResourceNotFoundException","Message":"caf'), 0xe9, ...utf8('"}')]);
    const { client } = hostileClient([json(400, body)], { maxErrorRetry: 0 });
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ errorCode: 'ResourceNotFoundException', statusCode: 400, message: 'caf\uFFFD' });
  });

  it("an HTML 502 from a proxy is a service error without a code that says so, and is retried", async () => {
    const html = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>\r\n';
    const { client, handler } = hostileClient([{ status: 502, headers: { 'content-type': 'text/html', server: 'awselb/2.0' }, body: utf8(html), form: 'string' }]);
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error.name).toBe('AmazonSecretsManagerException');
    expect(error).toMatchObject({ errorCode: undefined, statusCode: 502, requestId: undefined, attempts: 3 });
    expect(error.message).toBe(`RotateSecret failed with HTTP 502 and no error message; ${PROXY_MESSAGE}`);
    expect(handler.requests).toHaveLength(3);
  });

  describe.each(['[]', '[{"__type":"ResourceNotFoundException"}]', '42', '"ResourceNotFoundException"', 'null'])('JSON that is not an object: %s', (body) => {
    it('with 200 is an AmazonUnmarshallingException', async () => {
      const { client } = hostileClient([json(200, body)], { maxErrorRetry: 0 });
      const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
      expect(error).toBeInstanceOf(AmazonUnmarshallingException);
      expect(error.message).toBe('RotateSecret was answered with HTTP 200 but its response body is JSON but not an object; the operation may have been applied, so it was not retried.');
    });

    it('with 400 is a service error without a code that says so', async () => {
      const { client } = hostileClient([json(400, body)], { maxErrorRetry: 0 });
      const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
      expect(error.name).toBe('AmazonSecretsManagerException');
      expect(error).toMatchObject({ errorCode: undefined, statusCode: 400 });
      expect(error.message).toBe(`RotateSecret failed with HTTP 400 and a body that is JSON but not an object (${JSON_11}, ${body.length} bytes); ${PROXY_MESSAGE}`);
    });
  });

  it.each(['', '{}', '{"Unrelated":true,"ARN":null}'])('a 200 lacking every modelled member (%j) is a response with those members unset', async (body) => {
    const { client } = hostileClient([json(200, body)], { maxErrorRetry: 0 });
    const res = await client.rotateSecretAsync({ SecretId: 'MySecret' });
    expect(res).toBeInstanceOf(RotateSecretResponse);
    expect([res.ARN, res.Name, res.VersionId]).toEqual([undefined, undefined, undefined]);
    expect(res).toMatchObject({ HttpStatusCode: 200, ContentLength: body.length });
    expect(res.ResponseMetadata).toMatchObject({ RequestId: 'req-hostile', Attempts: 1 });
    expect(Object.keys(res)).not.toContain('Unrelated');
  });

  it('a 200 with a member of the wrong type is an AmazonUnmarshallingException after one attempt with maxErrorRetry 0', async () => {
    const { client, handler } = hostileClient([json(200, '{"ARN":42,"Name":"s"}')], { maxErrorRetry: 0 });
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error).toBeInstanceOf(AmazonUnmarshallingException);
    expect(error).toMatchObject({ statusCode: 200, requestId: 'req-hostile', attempts: 1 });
    expect(error.message).toBe('RotateSecret was answered with HTTP 200 but its response member ARN is not a string; the operation may have been applied, so it was not retried.');
    expect(handler.requests).toHaveLength(1);
  });

  it('a 200 with a member of the wrong type is not retried, even with retries left: the service has acted', async () => {
    const { client, handler, sleeps } = hostileClient([json(200, '{"ARN":42,"Name":"s"}'), json(200, '{"Name":"s"}')]);
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error).toBeInstanceOf(AmazonUnmarshallingException);
    expect(error.attempts).toBe(1);
    expect(sleeps).toHaveLength(0);
    expect(handler.requests).toHaveLength(1);
  });

  it.each([0, 99, 600, 999])('a status outside 100–599 (%i) is a service error with that status, not retried', async (code) => {
    const { client, handler } = hostileClient([json(code, '{"__type":"ResourceNotFoundException","Message":"gone"}')]);
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ statusCode: code, message: 'gone', attempts: 1 });
    expect(handler.requests).toHaveLength(1);
  });

  it('a 20 MiB body with 200 is refused, naming the limit, and the read stops early: an answer that could not be read, not retried', async () => {
    const total = 20 * 1024 * 1024;
    const server = await startFloodServer(total);
    const client = new SecretsManagerClient({ region: 'us-east-1', serviceURL: server.url, credentials: HOSTILE_CREDENTIALS, clock: advancingClock() });
    try {
      const started = performance.now();
      const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(AmazonUnmarshallingException);
      expect(error.message).toContain('but its response body could not be read; the operation may have been applied');
      expect(error.cause).toBeInstanceOf(HttpRequestException);
      expect((error.cause as Error).message).toBe('The response body is larger than 8388608 bytes, far beyond any answer of this service; it was not read further.');
      expect(error.cause).toMatchObject({ transient: false });
      expect(error.attempts).toBe(1);
      // The client closed the connection: the server never got to write the whole body.
      const { written, finished } = await server.closed;
      expect(finished).toBe(false);
      expect(written).toBeLessThan(16 * 1024 * 1024);
      expect(server.requests).toBe(1);
      console.log(`20 MiB body refused after ${elapsed.toFixed(0)} ms; the server had written ${(written / 2 ** 20).toFixed(1)} MiB when the socket closed`);
      expect(elapsed).toBeLessThan(2_000);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('header names in odd casing are still read', async () => {
    const { client } = hostileClient([
      { status: 400, headers: { 'CONTENT-TYPE': JSON_11, 'X-AMZN-REQUESTID': 'req-odd', 'X-Amzn-ErrorType': 'ResourceNotFoundException:http://internal.amazon.com/' }, body: utf8('{}'), form: 'bytes' },
      { status: 200, headers: { 'Content-Type': JSON_11, 'X-AMZN-REQUESTID': 'req-odd-2', 'CONTENT-LENGTH': '12' }, body: utf8('{"Name":"s"}'), form: 'bytes' },
    ]);
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ errorCode: 'ResourceNotFoundException', requestId: 'req-odd' });
    const res = await client.rotateSecretAsync({ SecretId: 'MySecret' });
    expect(res).toMatchObject({ Name: 's', ContentLength: 12 });
    expect(res.ResponseMetadata.RequestId).toBe('req-odd-2');
  });

  it('duplicate headers delivered as arrays are read by their first value, as .NET reads them', async () => {
    const { client } = hostileClient([
      {
        status: 400,
        headers: { 'content-type': [JSON_11, JSON_11], 'x-amzn-requestid': ['req-first', 'req-second'], 'x-amzn-errortype': ['ResourceNotFoundException', 'ResourceNotFoundException'] },
        body: utf8(''),
        form: 'bytes',
      },
    ]);
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ errorCode: 'ResourceNotFoundException', requestId: 'req-first', statusCode: 400 });
  });

  it('duplicate headers from a real server through the default transport give the typed error', async () => {
    const response = [
      'HTTP/1.1 400 Bad Request',
      `Content-Type: ${JSON_11}`,
      'x-amzn-RequestId: req-first',
      'x-amzn-RequestId: req-second',
      'X-Amzn-ErrorType: ResourceNotFoundException',
      'x-amzn-errortype: ResourceNotFoundException',
      'Content-Length: 2',
      '',
      '{}',
    ].join('\r\n');
    const server = await startRawServer(response);
    const client = new SecretsManagerClient({ region: 'us-east-1', serviceURL: server.url, credentials: HOSTILE_CREDENTIALS, maxErrorRetry: 0 });
    try {
      const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error).toMatchObject({ errorCode: 'ResourceNotFoundException', requestId: 'req-first' });
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it.each([
    ['HTTP/1.1 503', 'no reason phrase'],
    ['HTTP/1.1 503 ', 'an empty reason phrase'],
  ])('a status line with %j (%s) is read by its code', async (statusLine) => {
    const errorServer = await startRawServer(`${statusLine}\r\nContent-Length: 0\r\n\r\n`);
    const body = '{"Name":"s","VersionId":"EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE"}';
    const okServer = await startRawServer(`${statusLine.replace('503', '200')}\r\nContent-Type: ${JSON_11}\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    const failing = new SecretsManagerClient({ region: 'us-east-1', serviceURL: errorServer.url, credentials: HOSTILE_CREDENTIALS, maxErrorRetry: 0 });
    const succeeding = new SecretsManagerClient({ region: 'us-east-1', serviceURL: okServer.url, credentials: HOSTILE_CREDENTIALS });
    try {
      const error = await failure(failing.rotateSecretAsync({ SecretId: 'MySecret' }));
      expect(error.name).toBe('AmazonSecretsManagerException');
      expect(error).toMatchObject({ statusCode: 503, errorCode: undefined });
      expect(error.message).toBe(`RotateSecret failed with HTTP 503 and a body that is empty (0 bytes); ${PROXY_MESSAGE}`);
      const res = await succeeding.rotateSecretAsync({ SecretId: 'MySecret' });
      expect(res).toMatchObject({ Name: 's', HttpStatusCode: 200, ResponseMetadata: { Attempts: 1 } });
    } finally {
      failing.destroy();
      succeeding.destroy();
      await errorServer.close();
      await okServer.close();
    }
  });

  it('a signature error dated beyond year 9999 neither breaks the call nor later calls of the client', async () => {
    const farFuture = new Date(8.64e15).toUTCString(); // "Sat, 13 Sep 275760 00:00:00 GMT", the last date Date can hold
    const { client, handler } = hostileClient((attempt) =>
      attempt === 1
        ? json(400, '{"__type":"InvalidSignatureException","message":"Signature expired"}', { date: farFuture })
        : json(200, '{"Name":"s"}'),
    );
    const error = await failure(client.rotateSecretAsync({ SecretId: 'MySecret' }));
    // Not a clock skew the client can correct: the service's own error, after one attempt.
    expect(error).toBeInstanceOf(AmazonSecretsManagerException);
    expect(error).toMatchObject({ errorCode: 'InvalidSignatureException', statusCode: 400, attempts: 1 });
    const res = await client.rotateSecretAsync({ SecretId: 'MySecret' });
    expect(res).toMatchObject({ Name: 's' });
    for (const request of handler.requests) expect(request.headers['x-amz-date']).toMatch(/^2024\d{4}T\d{6}Z$/);
  });
});
