// Which error does what in SecretsManagerCache, on errors the real client builds from real HTTP
// answers (a canned transport: everything from signing to parsing is the client's code), held to
// the client's own retry rules: whatever the client retries is never definitive for the cache, which
// then keeps serving what it holds. The cache reads errors through their public fields and brands
// only; these tests also prove that the brands it reads are the ones the client's classes carry.
import { describe, expect, it } from 'vitest';
import { isDefinitiveError, SecretsManagerCache } from '../src/caching/index.js';
import { SecretsManagerClient, type HttpHandler, type HttpRequest } from '../src/index.node.js';
import { retryKind } from '../src/runtime/retries/retryRules.js';
import { manualTime } from './helpers/secretsStub.js';

const json = (status: number, type: string, message: string) => ({
  statusCode: status,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' },
  body: JSON.stringify({ __type: type, message }),
});

/** The service's answers (codes from botocore's secretsmanager model and AWS's common errors) and what the cache must do with each. */
const CASES: { what: string; answer: () => { statusCode: number; headers: Record<string, string>; body: string } | Error; definitive: boolean }[] = [
  { what: '400 ThrottlingException', answer: () => json(400, 'ThrottlingException', 'Rate exceeded'), definitive: false },
  { what: '429 without a code', answer: () => ({ statusCode: 429, headers: {}, body: '' }), definitive: false },
  { what: '500 InternalServiceError', answer: () => json(500, 'InternalServiceError', 'internal error'), definitive: false },
  { what: '503 HTML from a proxy', answer: () => ({ statusCode: 503, headers: { 'content-type': 'text/html' }, body: '<html>Service Unavailable</html>' }), definitive: false },
  { what: '200 that is not JSON', answer: () => ({ statusCode: 200, headers: { 'content-type': 'text/html' }, body: '<html>captive portal</html>' }), definitive: false },
  { what: 'a connection reset', answer: () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), definitive: false },
  { what: '400 ExpiredTokenException', answer: () => json(400, 'ExpiredTokenException', 'The security token included in the request is expired'), definitive: false },
  { what: '400 ResourceNotFoundException', answer: () => json(400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret."), definitive: true },
  { what: '400 AccessDeniedException', answer: () => json(400, 'AccessDeniedException', 'User is not authorized'), definitive: true },
  { what: '400 DecryptionFailure', answer: () => json(400, 'DecryptionFailure', "Secrets Manager can't decrypt the protected secret text"), definitive: true },
  { what: '400 InvalidRequestException (marked for deletion)', answer: () => json(400, 'InvalidRequestException', 'You can’t perform this operation on the secret because it was marked for deletion.'), definitive: true },
  { what: '400 InvalidParameterException', answer: () => json(400, 'InvalidParameterException', 'Invalid parameter'), definitive: true },
];

/** A real client whose transport answers with `answer` once a value has been served (the first call succeeds). */
function client(answer: () => unknown) {
  let calls = 0;
  const httpHandler: HttpHandler = {
    async handle(_request: HttpRequest) {
      calls += 1;
      if (calls === 1) {
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ Name: 'db', VersionId: 'v1'.padEnd(32, '0'), SecretString: 'pw' }) } };
      }
      const canned = answer();
      if (canned instanceof Error) throw canned;
      return { response: canned as { statusCode: number; headers: Record<string, string>; body: string } };
    },
  };
  return new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, httpHandler, maxErrorRetry: 0 });
}

describe("the cache's reading of the client's errors", () => {
  for (const { what, answer, definitive } of CASES) {
    it(`${what}: ${definitive ? 'definitive (value dropped, error cached)' : 'not definitive (value kept, served stale)'}`, async () => {
      const { time, Clock, Random } = manualTime();
      const secrets = client(answer);
      const error = await secrets.getSecretValueAsync({ SecretId: 'db' }).then(() => secrets.getSecretValueAsync({ SecretId: 'db' })).then(
        () => expect.fail('the second call should fail'),
        (e: unknown) => e,
      );
      expect(isDefinitiveError(error)).toBe(definitive);
      // The client's own rule: what it retries is never definitive here.
      if (retryKind(error) !== undefined) expect(definitive).toBe(false);

      // And the cache, over the same kind of client, does what the table says.
      const cache = new SecretsManagerCache(client(answer), { Clock, Random });
      expect(await cache.getSecretString('db')).toBe('pw');
      time.now += 3_600_000;
      const outcome = await cache.getSecretString('db').catch((e: unknown) => e);
      // The cache's check is a DescribeSecret, whose model lists fewer errors: the class may differ, the code may not.
      if (definitive) expect(outcome).toMatchObject({ errorCode: (error as { errorCode?: string }).errorCode });
      else expect(outcome).toBe('pw');
    });
  }

  it('a RequestValidationException (nothing was sent) is definitive', async () => {
    const secrets = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const error = await secrets.getSecretValueAsync({ SecretId: '' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestValidationException' });
    expect(isDefinitiveError(error)).toBe(true);
  });

  it('the throttling codes the client retries are never definitive', async () => {
    const { THROTTLING_CODES } = await import('../src/runtime/retries/retryRules.js');
    for (const code of THROTTLING_CODES) {
      const secrets = client(() => json(400, code, 'slow down'));
      await secrets.getSecretValueAsync({ SecretId: 'db' });
      const thrown = await secrets.getSecretValueAsync({ SecretId: 'db' }).catch((e: unknown) => e);
      expect({ code, retried: retryKind(thrown), definitive: isDefinitiveError(thrown) }).toEqual({ code, retried: 'throttling', definitive: false });
    }
  });
});
