// Clock-skew correction, through the real client (default node:http transport) against a fault server that plays a service
// whose clock differs from the client's injected one: it rejects a request whose x-amz-date is more
// than 5 minutes off its own time (as SigV4 does) with a signature error and a `Date` header, and
// accepts the others. The client must take the service's time from the `Date`, re-sign and retry once
// at once, and sign later calls with the corrected time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AmazonSecretsManagerException, ResourceNotFoundException, type AmazonServiceException, type ClientConfig } from '../src/index.node.js';
import { parseAmzDate, rejectionOf, START, useFaultClients } from './helpers/faultClient.js';
import { awsError, delayed, reply, startFaultServer, success, type Behaviour, type FaultServer, type ReceivedRequest, type Reply } from './helpers/faultServer.js';

const REQUEST = { SecretId: 'MySecret' };
const MINUTE = 60_000;
/** SigV4's window: a request dated further than this from the service's time is rejected. */
const SIGV4_WINDOW = 5 * MINUTE;

let server: FaultServer;
beforeAll(async () => {
  // The server's own clock (for `dateSkewMinutes`) reads the client's fake START.
  server = await startFaultServer({ clock: () => START });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const makeClient = useFaultClients();
const client = (config: ClientConfig = {}) => makeClient(server.url, config);

const amzDates = () => server.requests.map((r) => parseAmzDate(r.headers['x-amz-date']));
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');

/** What Secrets Manager answers to a request dated outside SigV4's window. */
const invalidSignature = (serverTime: number, requestTime: number): Reply =>
  awsError(400, 'InvalidSignatureException', `Signature expired: ${stamp(requestTime)} is now earlier than ${stamp(serverTime - SIGV4_WINDOW)} (${stamp(serverTime)} - 5 min.)`);

/** The signature errors that report a skewed clock, as services send them. */
const REJECTIONS: Array<[string, (serverTime: number, requestTime: number) => Reply]> = [
  ['InvalidSignatureException (400 JSON)', invalidSignature],
  ['RequestTimeTooSkewed (403 JSON)', () => awsError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.')],
  [
    'SignatureDoesNotMatch (403 XML, as moto sends it)',
    () =>
      reply(
        403,
        '<?xml version="1.0" encoding="utf-8"?>\n<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.</Message><Type>Sender</Type></Error></Errors></ErrorResponse>',
        { 'content-type': 'application/xml', 'x-amzn-ErrorType': 'SignatureDoesNotMatch' },
      ),
  ],
  ['RequestExpired (400 JSON)', () => awsError(400, 'RequestExpired', 'Request has expired.')],
  ['RequestInTheFuture (400 JSON)', () => awsError(400, 'RequestInTheFuture', 'Request is in the future.')],
  ['AuthFailure (401 JSON)', () => awsError(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials.')],
];

/**
 * A service whose clock reads `serverTime()`: a request dated within SigV4's 5 minutes of it succeeds,
 * any other gets `rejection` with the service's `Date`.
 */
function serviceAt(serverTime: () => number, rejection: (serverTime: number, requestTime: number) => Reply): (request: ReceivedRequest) => Behaviour {
  return (request): Behaviour => {
    const now = serverTime();
    const requestTime = parseAmzDate(request.headers['x-amz-date']);
    return Math.abs(requestTime - now) <= SIGV4_WINDOW ? success() : { ...rejection(now, requestTime), date: new Date(now) };
  };
}

describe('a service clock 15 minutes off', () => {
  it.each(REJECTIONS)('%s: the call is re-signed with the service time and succeeds on attempt 2, without backoff', async (_, rejection) => {
    const serverTime = START + 15 * MINUTE;
    server.otherwise(serviceAt(() => serverTime, rejection));
    const { client: c, time } = client();
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(2);
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(0);
    expect(time.delays).toEqual([]);
    const [first, second] = amzDates();
    expect(first).toBe(START);
    expect(Math.abs(second! - serverTime)).toBeLessThanOrEqual(2000);
    // Same call, same token, same invocation id.
    expect(server.requests[1]!.body.equals(server.requests[0]!.body)).toBe(true);
    expect(server.requests[1]!.headers['amz-sdk-invocation-id']).toBe(server.requests[0]!.headers['amz-sdk-invocation-id']);
    expect(server.requests[1]!.headers['amz-sdk-request']).toBe('attempt=2; max=3');

    // The correction is the client's: the next call is signed with the service's time at once.
    server.reset();
    server.otherwise(serviceAt(() => serverTime, rejection));
    const next = await c.rotateSecretAsync(REQUEST);
    expect(next.ResponseMetadata.Attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(Math.abs(amzDates()[0]! - serverTime)).toBeLessThanOrEqual(2000);
  });

  it('a service clock behind the client is corrected the other way', async () => {
    const serverTime = START - 15 * MINUTE;
    server.otherwise(serviceAt(() => serverTime, invalidSignature));
    const { client: c } = client();
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(2);
    expect(Math.abs(amzDates()[1]! - serverTime)).toBeLessThanOrEqual(2000);
  });

  it('the correction follows the client clock as it moves on', async () => {
    const skew = 15 * MINUTE;
    const { client: c, time } = client();
    server.otherwise(serviceAt(() => time.now + skew, invalidSignature));
    await c.rotateSecretAsync(REQUEST);
    time.now += 3 * MINUTE;
    await c.rotateSecretAsync(REQUEST);
    expect(server.requests).toHaveLength(3);
    expect(Math.abs(amzDates()[2]! - (START + 3 * MINUTE + skew))).toBeLessThanOrEqual(2000);
  });

  it('with maxErrorRetry 0 the call is not retried, but the next call is signed with the corrected time', async () => {
    const serverTime = START + 15 * MINUTE;
    server.otherwise(serviceAt(() => serverTime, invalidSignature));
    const { client: c } = client({ maxErrorRetry: 0 });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect((error as AmazonServiceException).errorCode).toBe('InvalidSignatureException');
    expect((error as AmazonServiceException).attempts).toBe(1);
    const next = await c.rotateSecretAsync(REQUEST);
    expect(next.ResponseMetadata.Attempts).toBe(1);
    expect(Math.abs(amzDates()[1]! - serverTime)).toBeLessThanOrEqual(2000);
  });
});

describe('after a correction', () => {
  it('a Retry-After date (service time) is read against the corrected clock', async () => {
    const serverTime = START + 15 * MINUTE;
    const service = serviceAt(() => serverTime, invalidSignature);
    // Corrected by the first call; the second gets a 503 asking to come back in 7 s, by the service's clock.
    server.script(service, service, reply(503, '', { 'retry-after': new Date(serverTime + 7000).toUTCString() }, { date: new Date(serverTime) }));
    const { client: c, time } = client();
    await c.rotateSecretAsync(REQUEST);
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(2);
    // Against the uncorrected clock the date is 15 min 7 s away, and the wait would be the 20 s cap.
    expect(time.delays).toEqual([7000]);
  });
});

describe('not corrected', () => {
  it.each([
    ['2 minutes ahead', 2 * MINUTE],
    ['3 min 59 s ahead', 4 * MINUTE - 1000],
    ['3 min 59 s behind', -(4 * MINUTE - 1000)],
  ])('a service clock %s (under the 4-minute threshold): the error is returned after 1 attempt', async (_, skew) => {
    // The signature is rejected for some other reason; the Date is close to the client's.
    server.otherwise(awsError(400, 'InvalidSignatureException', 'The request signature we calculated does not match.', {}, { dateSkewMinutes: skew / MINUTE }));
    const { client: c, time } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(AmazonSecretsManagerException);
    expect((error as AmazonServiceException).errorCode).toBe('InvalidSignatureException');
    expect((error as AmazonServiceException).attempts).toBe(1);
    expect(time.delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
    // No offset was kept: the next call is dated by the client's own clock.
    await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(amzDates()[1]).toBe(START);
  });

  it('4 min 1 s is over the threshold and is corrected', async () => {
    const serverTime = START + 4 * MINUTE + 1000;
    // This service rejects every request dated more than 2 minutes off.
    server.otherwise((request) => {
      const requestTime = parseAmzDate(request.headers['x-amz-date']);
      return Math.abs(requestTime - serverTime) <= 2 * MINUTE ? success() : { ...invalidSignature(serverTime, requestTime), date: new Date(serverTime) };
    });
    const { client: c } = client();
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(2);
  });

  it('a signature error without a Date header is not retried', async () => {
    server.otherwise((request) => ({ ...invalidSignature(START + 15 * MINUTE, parseAmzDate(request.headers['x-amz-date'])), date: null }));
    const { client: c } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect((error as AmazonServiceException).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['x-amz-date']).toBe(stamp(START));
  });

  it('an error that is not about the signature is no sign of skew, whatever its Date', async () => {
    server.otherwise(awsError(400, 'ResourceNotFoundException', 'no such secret', {}, { date: new Date(START + 15 * MINUTE) }));
    const { client: c } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as AmazonServiceException).attempts).toBe(1);
    await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(amzDates()).toEqual([START, START]);
  });
});

describe('once per call', () => {
  it('a service that keeps rejecting with an ever-moving Date gets one skew retry, then the error', async () => {
    let answers = 0;
    // Each answer's Date is 15 minutes further on: the corrected time is never right.
    server.otherwise((request) => {
      answers += 1;
      const serverTime = START + answers * 15 * MINUTE;
      return { ...invalidSignature(serverTime, parseAmzDate(request.headers['x-amz-date'])), date: new Date(serverTime) };
    });
    const { client: c, time } = client();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect((error as AmazonServiceException).errorCode).toBe('InvalidSignatureException');
    expect((error as AmazonServiceException).attempts).toBe(2);
    expect((error as AmazonServiceException).totalRetryDelay).toBe(0);
    expect(time.delays).toEqual([]);
    expect(server.requests).toHaveLength(2);
    expect(amzDates()).toEqual([START, START + 15 * MINUTE]);
  });

  it('after the skew retry the rest of the retry policy still applies', async () => {
    const serverTime = START + 15 * MINUTE;
    const service = serviceAt(() => serverTime, invalidSignature);
    server.script(service, awsError(500, 'InternalServiceError'));
    server.otherwise(service);
    const { client: c, time } = client();
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(3);
    expect(time.delays).toHaveLength(1);
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(time.delays[0]);
  });
});

// AWS's SDKs set the offset to the measured difference (server time minus local time), they never add
// to it: aws-sdk-js-v3 packages/core/src/submodules/httpAuthSchemes/utils/getUpdatedSystemClockOffset.ts
// (`return serverTime - timeResponseReceived`), and .NET's CorrectClockSkew.
describe('calls in flight together', () => {
  it.each([2, 3, 5])('%i concurrent calls against a service 10 minutes ahead are each corrected to the same offset, and all succeed', async (calls) => {
    const serverTime = START + 10 * MINUTE;
    // Held back a little, so that every first attempt is signed before any rejection comes back.
    const service = serviceAt(() => serverTime, invalidSignature);
    server.otherwise((request) => delayed(30, service(request)));
    const { client: c } = client();
    const responses = await Promise.all(Array.from({ length: calls }, () => c.rotateSecretAsync(REQUEST)));
    for (const response of responses) expect(response.ResponseMetadata.Attempts).toBe(2);
    const dates = amzDates();
    expect(dates).toHaveLength(2 * calls);
    expect(dates.slice(0, calls)).toEqual(Array(calls).fill(START));
    for (const retried of dates.slice(calls)) expect(Math.abs(retried - serverTime)).toBeLessThanOrEqual(2000);

    // The offset is the service's 10 minutes, not their sum: the next call goes through at once.
    server.reset();
    server.otherwise(service);
    const next = await c.rotateSecretAsync(REQUEST);
    expect(next.ResponseMetadata.Attempts).toBe(1);
    expect(Math.abs(amzDates()[0]! - serverTime)).toBeLessThanOrEqual(2000);
  });

  it('a service clock corrected back later: the offset returns to zero, concurrent calls included', async () => {
    let serverTime = START + 10 * MINUTE;
    const service = serviceAt(() => serverTime, invalidSignature);
    server.otherwise((request) => delayed(30, service(request)));
    const { client: c } = client();
    await Promise.all([c.rotateSecretAsync(REQUEST), c.rotateSecretAsync(REQUEST), c.rotateSecretAsync(REQUEST)]);

    // The service's clock is set right: requests dated 10 minutes ahead are now the ones refused.
    serverTime = START;
    server.reset();
    server.otherwise((request) => delayed(30, service(request)));
    const responses = await Promise.all([c.rotateSecretAsync(REQUEST), c.rotateSecretAsync(REQUEST), c.rotateSecretAsync(REQUEST)]);
    for (const response of responses) expect(response.ResponseMetadata.Attempts).toBe(2);
    for (const retried of amzDates().slice(3)) expect(retried).toBe(START);

    server.reset();
    server.otherwise(service);
    const next = await c.rotateSecretAsync(REQUEST);
    expect(next.ResponseMetadata.Attempts).toBe(1);
    expect(amzDates()).toEqual([START]);
  });
});

describe('correctClockSkew: false (.NET CorrectForClockSkew = false)', () => {
  it('a skew error is returned as it is, not retried, and later calls are still signed with the client clock', async () => {
    const serverTime = START + 15 * MINUTE;
    server.otherwise(serviceAt(() => serverTime, invalidSignature));
    const { client: c, time } = client({ correctClockSkew: false });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect((error as AmazonServiceException).errorCode).toBe('InvalidSignatureException');
    expect((error as AmazonServiceException).attempts).toBe(1);
    expect(time.delays).toEqual([]);
    await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(amzDates()).toEqual([START, START]);
  });

  it('is checked at construction: a non-boolean is refused, naming the option', () => {
    expect(() => client({ correctClockSkew: 'no' as unknown as boolean })).toThrow(/correctClockSkew/);
  });
});
