// The retry policy, rule by rule, through the real client (Node entry, default node:http transport)
// against a fault-injection server. Time is injected: `sleep` records each delay, moves the fake clock
// on by it and resolves at once; `random` is fixed (0.5 unless a test says otherwise), so every backoff
// is an exact number: floor(random * min(20000, base * 2^(retry-1))), base 100 ms, 1000 ms after
// throttling.
import { setTimeout as wait } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AmazonClientException,
  AmazonSecretsManagerException,
  AmazonServiceException,
  AmazonUnmarshallingException,
  HttpRequestException,
  InternalServiceErrorException,
  InvalidParameterException,
  InvalidRequestException,
  RequestTimeoutException,
  RequestValidationException,
  ResourceNotFoundException,
  type ClientConfig,
} from '../src/index.node.js';
import { parseAmzDate, rejectionOf, START, useFaultClients } from './helpers/faultClient.js';
import {
  awsError,
  delayed,
  hangUp,
  html502,
  httpDate,
  reply,
  resetMidBody,
  stallMidBody,
  staleKeepAlive,
  startFaultServer,
  success,
  successBody,
  tokenOf,
  type FaultServer,
  type Step,
} from './helpers/faultServer.js';

const REQUEST = { SecretId: 'MySecret', RotateImmediately: false };

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const makeClient = useFaultClients();
const client = (config: ClientConfig = {}) => makeClient(server.url, config);

/** A 500 whose request id tells the answers apart. */
const error500 = (n: number) => awsError(500, 'InternalFailure', `failure ${n}`, { 'x-amzn-RequestId': `req-${n}` });

describe('retried: one failure, then success on the second attempt', () => {
  const THROTTLING_CODES = [
    'Throttling',
    'ThrottlingException',
    'ThrottledException',
    'RequestThrottledException',
    'TooManyRequestsException',
    'ProvisionedThroughputExceededException',
    'TransactionInProgressException',
    'RequestLimitExceeded',
    'BandwidthLimitExceeded',
    'LimitExceededException',
    'RequestThrottled',
    'SlowDown',
    'PriorRequestNotComplete',
    'EC2ThrottledException',
  ];
  const cases: Array<[string, Step, number]> = [
    ['HTTP 500 (no error code)', reply(500, '{}'), 50],
    ['HTTP 502 (no error code)', reply(502, '{}'), 50],
    ['HTTP 503 (empty body)', reply(503), 50],
    ['HTTP 504 (no error code)', reply(504, '{}'), 50],
    ['HTTP 429 (no error code) as throttling', reply(429, '{}'), 500],
    ...THROTTLING_CODES.map((code): [string, Step, number] => [`${code} (HTTP 400) as throttling`, awsError(400, code), 500]),
    ['InternalServiceError with HTTP 500', awsError(500, 'InternalServiceError'), 50],
    ['InternalServiceError with HTTP 400', awsError(400, 'InternalServiceError'), 50],
    ...['InternalFailure', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeoutException'].map((code): [string, Step, number] => [`${code} with HTTP 400`, awsError(400, code), 50]),
    ['an HTML 502 page from a proxy', html502(), 50],
    ['a connection reset mid-body of an error answer (HTTP 500)', resetMidBody(500, JSON.stringify({ __type: 'InternalFailure', message: 'x'.repeat(200) })), 50],
    ['a socket hang-up before any answer', hangUp(), 50],
  ];

  it.each(cases)('%s', async (_, failure, delay) => {
    server.script(failure);
    const { client: c, time } = client();
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(2);
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(delay);
    expect(time.delays).toEqual([delay]);
    expect(server.requests).toHaveLength(2);
    expect(response.VersionId).toBe(tokenOf(server.requests[0]!));
  });

  it('a stale keep-alive connection closed by the server (the retry goes out on a new connection)', async () => {
    server.script(staleKeepAlive());
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    // Idle for a moment, the socket is back in the agent's pool (right away it may still count as busy).
    await wait(20);
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(2);
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(50);
    expect(time.delays).toEqual([50]);
    const [first, dropped, retried] = server.requests;
    expect(server.requests).toHaveLength(3);
    // The second call's first attempt went out on the pooled socket and died there.
    expect(dropped!.socket).toBe(first!.socket);
    expect(retried!.socket).not.toBe(first!.socket);
    expect(tokenOf(retried!)).toBe(tokenOf(dropped!));
  });

  it('a refused connection', async () => {
    const { client: c, time } = client();
    await server.refuse();
    // The server listens again while the client waits to retry.
    time.onSleep = () => server.accept();
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(2);
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(50);
    expect(time.delays).toEqual([50]);
    // The refused attempt never reached the server.
    expect(server.requests).toHaveLength(1);
  });
});

describe('not retried: exactly one request', () => {
  const cases: Array<[string, Step, abstract new (...args: never[]) => Error, string | undefined]> = [
    ['ResourceNotFoundException (HTTP 400)', awsError(400, 'ResourceNotFoundException'), ResourceNotFoundException, 'ResourceNotFoundException'],
    ['ResourceNotFoundException even with HTTP 500', awsError(500, 'ResourceNotFoundException'), ResourceNotFoundException, 'ResourceNotFoundException'],
    ['InvalidParameterException (HTTP 400)', awsError(400, 'InvalidParameterException'), InvalidParameterException, 'InvalidParameterException'],
    ['InvalidParameterException even with HTTP 500', awsError(500, 'InvalidParameterException'), InvalidParameterException, 'InvalidParameterException'],
    ['InvalidRequestException (HTTP 400)', awsError(400, 'InvalidRequestException'), InvalidRequestException, 'InvalidRequestException'],
    ['InvalidRequestException even with HTTP 503', awsError(503, 'InvalidRequestException'), InvalidRequestException, 'InvalidRequestException'],
    ['AccessDeniedException (HTTP 400)', awsError(400, 'AccessDeniedException'), AmazonSecretsManagerException, 'AccessDeniedException'],
    ['an unknown client error (HTTP 400)', awsError(400, 'ValidationException'), AmazonSecretsManagerException, 'ValidationException'],
    [
      'an XML error of Type Sender, even with HTTP 503',
      reply(503, '<ErrorResponse><Error><Type>Sender</Type><Code>MalformedQueryString</Code><Message>no</Message></Error></ErrorResponse>', { 'content-type': 'text/xml' }),
      AmazonSecretsManagerException,
      'MalformedQueryString',
    ],
    ['HTTP 501', reply(501, '{}'), AmazonSecretsManagerException, undefined],
    ['HTTP 404 with an HTML page', reply(404, '<html>Not Found</html>', { 'content-type': 'text/html' }), AmazonSecretsManagerException, undefined],
  ];

  it.each(cases)('%s', async (_, failure, ErrorClass, code) => {
    server.otherwise(failure);
    const { client: c, time } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as AmazonServiceException).errorCode).toBe(code);
    expect((error as AmazonServiceException).attempts).toBe(1);
    expect((error as AmazonServiceException).totalRetryDelay).toBe(0);
    expect(time.delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('an error answer whose body is over the 8 MiB limit (HttpRequestException, not transient)', async () => {
    server.otherwise(reply(500, Buffer.alloc(8 * 1024 * 1024 + 1, 0x20), { 'content-type': 'application/x-amz-json-1.1' }));
    const { client: c, time } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(HttpRequestException);
    expect((error as HttpRequestException).transient).toBe(false);
    expect((error as HttpRequestException).attempts).toBe(1);
    expect(time.delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('a request that fails validation: nothing is sent at all', async () => {
    const { client: c, time } = client();
    const error = await rejectionOf(c.rotateSecretAsync({ SecretId: '' }));
    expect(error).toBeInstanceOf(RequestValidationException);
    expect((error as AmazonClientException).attempts).toBe(0);
    expect(time.delays).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('attempts', () => {
  it('makes 3 attempts by default, then throws the last error with attempts 3 and the delays slept', async () => {
    server.script(error500(1), error500(2), error500(3), success());
    const { client: c, time } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(AmazonSecretsManagerException);
    expect((error as AmazonServiceException).requestId).toBe('req-3');
    expect((error as AmazonServiceException).message).toBe('failure 3');
    expect((error as AmazonServiceException).attempts).toBe(3);
    expect((error as AmazonServiceException).totalRetryDelay).toBe(150);
    expect(time.delays).toEqual([50, 100]);
    expect(server.requests).toHaveLength(3);
  });

  it('a transport failure on every attempt gives HttpRequestException with attempts 3', async () => {
    server.otherwise(hangUp());
    const { client: c } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(HttpRequestException);
    expect((error as HttpRequestException).attempts).toBe(3);
    expect((error as HttpRequestException).totalRetryDelay).toBe(150);
    expect(server.requests).toHaveLength(3);
  });

  it('maxErrorRetry: 0 turns retries off', async () => {
    server.otherwise(error500(1));
    const { client: c, time } = client({ maxErrorRetry: 0 });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect((error as AmazonServiceException).attempts).toBe(1);
    expect(time.delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['amz-sdk-request']).toBe('attempt=1; max=1');
  });

  it('maxErrorRetry: 5 makes 6 attempts', async () => {
    server.otherwise(error500(1));
    const { client: c, time } = client({ maxErrorRetry: 5 });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect((error as AmazonServiceException).attempts).toBe(6);
    expect((error as AmazonServiceException).totalRetryDelay).toBe(50 + 100 + 200 + 400 + 800);
    expect(time.delays).toEqual([50, 100, 200, 400, 800]);
    expect(server.requests.map((r) => r.headers['amz-sdk-request'])).toEqual([1, 2, 3, 4, 5, 6].map((n) => `attempt=${n}; max=6`));
  });

  it('maxErrorRetry: 5 stops at the first success', async () => {
    server.script(error500(1), error500(2), error500(3));
    const { client: c } = client({ maxErrorRetry: 5 });
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(4);
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(350);
    expect(server.requests).toHaveLength(4);
  });
});

describe('backoff', () => {
  it('transient errors: random 0.5 gives 50, 100 ms', async () => {
    server.otherwise(reply(503));
    const { client: c, time } = client();
    await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(time.delays).toEqual([50, 100]);
  });

  it('throttling errors: random 0.5 gives 500, 1000 ms', async () => {
    server.otherwise(awsError(400, 'ThrottlingException', 'Rate exceeded'));
    const { client: c, time } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect((error as AmazonServiceException).errorCode).toBe('ThrottlingException');
    expect((error as AmazonServiceException).totalRetryDelay).toBe(1500);
    expect(time.delays).toEqual([500, 1000]);
  });

  it('full jitter: each retry draws its own random number', async () => {
    server.otherwise(reply(503));
    const draws = [0.1, 0.9, 0];
    const { client: c, time } = client({ random: () => draws.shift()!, maxErrorRetry: 3 });
    await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(time.delays).toEqual([10, 180, 0]);
    expect(draws).toEqual([]);
  });

  it('the exponential growth stops at 20 s (maxErrorRetry 10, random near 1)', async () => {
    server.otherwise(reply(503));
    const { client: c, time } = client({ maxErrorRetry: 10, random: () => 0.9999 });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(time.delays).toEqual([99, 199, 399, 799, 1599, 3199, 6399, 12798, 19998, 19998]);
    expect((error as AmazonServiceException).totalRetryDelay).toBe(time.delays.reduce((a, b) => a + b));
    expect((error as AmazonServiceException).attempts).toBe(11);
  });

  it('throttling backoff stops at 20 s too', async () => {
    server.otherwise(awsError(400, 'ThrottlingException'));
    const { client: c, time } = client({ maxErrorRetry: 7, random: () => 0.9999 });
    await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(time.delays).toEqual([999, 1999, 3999, 7999, 15998, 19998, 19998]);
  });
});

describe('Retry-After hints', () => {
  it('Retry-After in seconds stretches the wait', async () => {
    server.script(reply(503, '', { 'retry-after': '3' }));
    const { client: c, time } = client();
    const response = await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([3000]);
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(3000);
  });

  it('Retry-After as an HTTP date is measured against the client clock', async () => {
    server.script(reply(503, '', { 'retry-after': httpDate(START + 7000) }));
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([7000]);
  });

  it('an HTTP date already past leaves the backoff as it is', async () => {
    server.script(reply(503, '', { 'retry-after': httpDate(START - 60_000) }));
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([50]);
  });

  it('x-amz-retry-after in milliseconds', async () => {
    server.script(awsError(400, 'ThrottlingException', 'slow down', { 'x-amz-retry-after': '1234' }));
    const { client: c, time } = client();
    const response = await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([1234]);
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(1234);
  });

  it('x-amz-retry-after wins over Retry-After', async () => {
    server.script(reply(503, '', { 'x-amz-retry-after': '750', 'retry-after': '9' }));
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([750]);
  });

  it('a hint shorter than the backoff does not shorten it', async () => {
    server.script(awsError(400, 'ThrottlingException', 'slow down', { 'x-amz-retry-after': '10' }));
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([500]);
  });

  it.each([
    ['Retry-After: 3600', { 'retry-after': '3600' }],
    ['x-amz-retry-after: 86400000', { 'x-amz-retry-after': '86400000' }],
    ['Retry-After: a date a day ahead', { 'retry-after': httpDate(START + 86_400_000) }],
  ])('a huge hint (%s) is capped at 20 s', async (_, headers) => {
    server.script(reply(503, '', headers));
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([20_000]);
  });

  it('an unreadable hint is ignored', async () => {
    server.script(reply(503, '', { 'retry-after': 'soon', 'x-amz-retry-after': '-5' }));
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([50]);
  });

  it('a hint on an error that is not retried changes nothing', async () => {
    server.script(awsError(400, 'ResourceNotFoundException', 'gone', { 'retry-after': '1' }));
    const { client: c, time } = client();
    await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(time.delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('every attempt', () => {
  it('carries the same body and ClientRequestToken, and the same invocation id', async () => {
    server.script(reply(503), reply(503));
    const { client: c } = client();
    const response = await c.rotateSecretAsync(REQUEST);
    const [a, b, d] = server.requests;
    expect(server.requests).toHaveLength(3);
    expect(b!.body.equals(a!.body)).toBe(true);
    expect(d!.body.equals(a!.body)).toBe(true);
    // The token was drawn first, the invocation id second.
    expect(tokenOf(a!)).toBe('00000000-0000-4000-8000-000000000001');
    expect(response.VersionId).toBe('00000000-0000-4000-8000-000000000001');
    expect(server.requests.map((r) => r.headers['amz-sdk-invocation-id'])).toEqual(Array(3).fill('00000000-0000-4000-8000-000000000002'));
    expect(server.requests.map((r) => r.headers['amz-sdk-request'])).toEqual(['attempt=1; max=3', 'attempt=2; max=3', 'attempt=3; max=3']);
  });

  it("the caller's own ClientRequestToken is kept across attempts", async () => {
    server.script(reply(500));
    const { client: c } = client();
    const token = 'my-own-token-0123456789abcdef0123456789';
    const response = await c.rotateSecretAsync({ ...REQUEST, ClientRequestToken: token });
    expect(server.requests.map(tokenOf)).toEqual([token, token]);
    expect(response.VersionId).toBe(token);
  });

  it('each call has an invocation id of its own', async () => {
    const { client: c } = client();
    await c.rotateSecretAsync(REQUEST);
    await c.rotateSecretAsync(REQUEST);
    const ids = server.requests.map((r) => r.headers['amz-sdk-invocation-id']);
    expect(ids[0]).not.toBe(ids[1]);
    expect(server.requests.map((r) => r.headers['amz-sdk-request'])).toEqual(['attempt=1; max=3', 'attempt=1; max=3']);
  });

  it('is signed afresh: a new x-amz-date from the clock at that moment', async () => {
    server.script(reply(503, '', { 'retry-after': '2' }), reply(503, '', { 'retry-after': '5' }));
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([2000, 5000]);
    expect(server.requests.map((r) => parseAmzDate(r.headers['x-amz-date']))).toEqual([START, START + 2000, START + 7000]);
    const signatures = new Set(server.requests.map((r) => r.headers.authorization));
    expect(signatures.size).toBe(3);
  });
});

describe('retry quota', () => {
  it('500 tokens at 5 a retry: after 100 retries failures are no longer retried; first-try successes refund 1, a retried success what its retry took', async () => {
    server.otherwise(error500(0));
    const { client: c } = client();
    const failing = async (expectedRequests: number) => {
      const before = server.requests.length;
      const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
      expect(server.requests.length - before).toBe(expectedRequests);
      expect((error as AmazonServiceException).attempts).toBe(expectedRequests);
    };
    // 50 calls of 3 attempts: 100 retries, 500 tokens.
    for (let call = 0; call < 50; call += 1) await failing(3);
    expect(server.requests).toHaveLength(150);
    // The bucket is empty: the next failure is returned at once.
    await failing(1);

    server.otherwise(success());
    for (let call = 0; call < 4; call += 1) await c.rotateSecretAsync(REQUEST);
    server.otherwise(error500(0));
    // 4 tokens: still not enough for a retry.
    await failing(1);

    server.script(success());
    await c.rotateSecretAsync(REQUEST); // 5 tokens
    server.script(error500(1), success());
    const retried = await c.rotateSecretAsync(REQUEST); // takes 5, gives the 5 back
    expect(retried.ResponseMetadata.Attempts).toBe(2);
    await failing(2); // takes the 5 for one retry, then the bucket is empty
    await failing(1);
  });

  it('a retry after a timed-out attempt takes 10 tokens', async () => {
    server.otherwise(error500(0));
    // 300 ms: none of the quick 500s below may time out, even on a loaded machine.
    const { client: c } = client({ timeout: 300 });
    // 49 calls of 3 attempts: 98 retries, 490 tokens; 10 are left.
    for (let call = 0; call < 49; call += 1) await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(server.requests).toHaveLength(147);
    server.otherwise(delayed(1000, success()));
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(RequestTimeoutException);
    // The first timeout's retry took the last 10 tokens; at 5 a retry there would have been a third attempt.
    expect((error as RequestTimeoutException).attempts).toBe(2);
    expect(server.requests).toHaveLength(149);
  });

  it('each client has a quota of its own', async () => {
    server.otherwise(error500(0));
    const { client: drained } = client();
    for (let call = 0; call < 51; call += 1) await rejectionOf(drained.rotateSecretAsync(REQUEST));
    const before = server.requests.length;
    const error = await rejectionOf(client().client.rotateSecretAsync(REQUEST));
    expect((error as AmazonServiceException).attempts).toBe(3);
    expect(server.requests.length - before).toBe(3);
  });
});

describe('adaptive retry mode', () => {
  it('after a throttling answer the rate limiter makes the client wait (through its sleep) before sending', async () => {
    server.script(awsError(400, 'ThrottlingException'));
    const { client: c, time } = client({ retryMode: 'adaptive' });
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(2);
    // 500 ms of backoff, then the limiter: the throttle came at a measured rate of 0, so the send rate
    // is the 0.5/s floor; in 0.5 s the bucket earned 0.25 tokens and waits (1 - 0.25) / 0.5 = 1.5 s for one.
    expect(time.delays).toEqual([500, 1500]);
    // Only the backoff counts as retry delay.
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(500);
    expect(server.requests).toHaveLength(2);
    // The success at t = 2 s measured 2 requests in 2 s (0.8 smoothed) and lets the rate grow along the
    // cubic curve to 0.4 * 2^3 = 3.2, capped at twice the measured rate: 1.6/s; the bucket is empty, so
    // the next call waits 1 / 1.6 s.
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toHaveLength(3);
    expect(time.delays[2]).toBeCloseTo(625, 6);
  });

  it('before any throttling answer adaptive mode sends without waiting', async () => {
    server.script(reply(503));
    const { client: c, time } = client({ retryMode: 'adaptive' });
    await c.rotateSecretAsync(REQUEST);
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([50]);
  });

  it('a rate limiter that cannot be loaded fails the call with an AmazonClientException, sends nothing, and is loaded again by the next call', async () => {
    // What a web app meets when the limiter's chunk cannot be fetched (offline, or replaced by a newer deployment).
    vi.doMock('../src/runtime/retries/ClientRateLimiter.js', () => {
      throw new TypeError('Failed to fetch dynamically imported module: /assets/ClientRateLimiter-XYZ.js');
    });
    const { client: c } = client({ retryMode: 'adaptive' });
    try {
      const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
      expect(error).toBeInstanceOf(AmazonClientException);
      // vitest wraps the factory's error in its own; the browser test sees the real loader's message.
      expect((error as Error).message).toMatch(/^The client could not load its adaptive rate limiter, which it imports at first use: \S/);
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect((error as AmazonClientException).attempts).toBe(0);
      expect(server.requests).toHaveLength(0);
    } finally {
      vi.doUnmock('../src/runtime/retries/ClientRateLimiter.js');
    }
    server.script(reply(200, '{}'));
    expect((await c.rotateSecretAsync(REQUEST)).ResponseMetadata.Attempts).toBe(1);
  });

  it('standard mode never waits beyond the backoff', async () => {
    server.script(awsError(400, 'ThrottlingException'));
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    await c.rotateSecretAsync(REQUEST);
    expect(time.delays).toEqual([500]);
  });
});

describe('errors carry their retry metadata', () => {
  it('a retried InternalServiceError keeps its class', async () => {
    server.otherwise(awsError(500, 'InternalServiceError'));
    const { client: c } = client({ maxErrorRetry: 1 });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(InternalServiceErrorException);
    expect((error as AmazonServiceException).attempts).toBe(2);
    expect((error as AmazonServiceException).totalRetryDelay).toBe(50);
  });

  it('an unreadable success gives AmazonUnmarshallingException with attempts 1', async () => {
    server.otherwise(reply(200, 'not json'));
    const { client: c } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(AmazonUnmarshallingException);
    expect((error as AmazonServiceException).attempts).toBe(1);
  });
});

// The service answered 2xx: it has acted. A retry of a write would apply it again or, for RotateSecret with
// the same token while that rotation runs, fail with InvalidRequestException for a rotation that
// succeeded. The official client (@aws-sdk/client-secrets-manager 3.1164.0) does not retry a 2xx body that
// does not parse (its deserializer's error carries $metadata.httpStatusCode 200, which no retry rule
// takes as transient); it does retry a 2xx body cut off by a reset (its ECONNRESET is in
// NODEJS_NETWORK_ERROR_CODES of @smithy/service-error-classification). This client retries neither.
describe('not retried: a 2xx whose body cannot be read', () => {
  const ANSWERED = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'req-answered' };
  const cases: Array<[string, Step, ClientConfig, string]> = [
    ['a body that is not JSON', reply(200, '<html><body>Welcome</body></html>', { ...ANSWERED, 'content-type': 'text/html' }), {}, 'body is not JSON'],
    ['truncated JSON', reply(200, '{"ARN":"arn:aws:secretsmanager:us-east', ANSWERED), {}, 'body is not JSON'],
    ['a member of the wrong type', reply(200, '{"ARN":42}', ANSWERED), {}, 'member ARN is not a string'],
    ['a connection reset mid-body', resetMidBody(200, successBody, ANSWERED), {}, 'body could not be read'],
    ['a body that stops halfway until the attempt times out', stallMidBody(200, successBody, ANSWERED), { timeout: 300 }, 'body could not be read'],
    ['a body over the 8 MiB limit', reply(200, Buffer.alloc(8 * 1024 * 1024 + 1, 0x20), ANSWERED), {}, 'body could not be read'],
  ];

  it.each(cases)('%s: AmazonUnmarshallingException after one request, saying it may have been applied', async (_, answer, config, why) => {
    server.script(answer);
    const { client: c, time } = client(config);
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(AmazonUnmarshallingException);
    const e = error as AmazonUnmarshallingException;
    expect(e).toMatchObject({ statusCode: 200, requestId: 'req-answered', attempts: 1, totalRetryDelay: 0 });
    expect(e.message).toContain(why);
    expect(e.message).toContain('may have been applied');
    expect(e.retryable).toBe(false);
    expect(time.delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('the cause of a body cut off is kept: the transport error, or the attempt timeout', async () => {
    server.script(resetMidBody(200, successBody, ANSWERED), stallMidBody(200, successBody, ANSWERED));
    const { client: c } = client({ timeout: 300 });
    const reset = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect((reset as Error).cause).toBeInstanceOf(Error);
    const stalled = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect((stalled as Error).cause).toBeInstanceOf(RequestTimeoutException);
    expect(((stalled as Error).cause as RequestTimeoutException).scope).toBe('attempt');
  });

  it("the caller's abort during the body read is still the caller's reason", async () => {
    server.script(stallMidBody(200, successBody, ANSWERED));
    const { client: c } = client();
    const controller = new AbortController();
    const pending = rejectionOf(c.rotateSecretAsync(REQUEST, controller.signal));
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    await wait(50);
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await pending).toBe(reason);
  });
});

// .NET's AmazonServiceException.Retryable: here, whether this client's retry policy retries the error
// (whether or not attempts were left to do it).
describe('retryable: whether the client would retry the error', () => {
  it.each<[string, Step, boolean]>([
    ['InternalFailure (HTTP 500)', awsError(500, 'InternalFailure'), true],
    ['ThrottlingException', awsError(400, 'ThrottlingException'), true],
    ['HTTP 503 without a body', reply(503), true],
    ['ResourceNotFoundException', awsError(400, 'ResourceNotFoundException'), false],
    ['InvalidRequestException even with HTTP 503', awsError(503, 'InvalidRequestException'), false],
    ['HTTP 501', reply(501, '{}'), false],
  ])('%s: retryable %s', async (_, answer, retryable) => {
    server.otherwise(answer);
    const { client: c } = client({ maxErrorRetry: 0 });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(AmazonServiceException);
    expect((error as AmazonServiceException).retryable).toBe(retryable);
  });

  it('on client exceptions too: a transport failure is, a request that fails validation is not', async () => {
    server.otherwise(hangUp());
    const { client: c } = client({ maxErrorRetry: 0 });
    const transport = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(transport).toBeInstanceOf(HttpRequestException);
    expect((transport as HttpRequestException).retryable).toBe(true);
    const invalid = await rejectionOf(c.rotateSecretAsync({ SecretId: '' }));
    expect(invalid).toBeInstanceOf(RequestValidationException);
    expect((invalid as RequestValidationException).retryable).toBe(false);
  });

  it('an exception made by hand says false until the client has judged it', () => {
    expect(new InternalServiceErrorException('x', { statusCode: 500 }).retryable).toBe(false);
  });
});
