// No credential the client knows (the configured access key id, secret key and session token, and every
// set its provider returned) appears in an error it raises, in that error's cause chain as
// util.inspect prints it, in JSON.stringify of it, or in a line of its logger. A provider may quote a
// key in its own error: the one it returned before, echoed by a refresh that failed, or the output of
// a process it ran; a service may quote the session token (a signature error's canonical request).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type AwsCredentialIdentity, CredentialsException, type HttpHandler, type HttpRequest, type HttpResponse, SecretsManagerClient } from '../src/index.node.js';
import { countingHandler, rejection } from './helpers/countingHandler.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const MINUTE = 60_000;
const REDACTED = '***';

const ISSUED: AwsCredentialIdentity = {
  accessKeyId: 'ASIAFAKEKEYID0000001',
  secretAccessKey: 'fakeSecretKey/0000000000000000000000000001',
  sessionToken: 'FwoGZXIvYXdzEFAKE-session-token-000000000000000000000001',
};

/** A provider's own error class: its identity must survive, only its text is cleaned. */
class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Every way a user or a reporter turns the error into text. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    inspect: inspect(error, { depth: Infinity }),
    'inspect (showHidden)': inspect(error, { depth: Infinity, showHidden: true }),
    String: String(error),
    message: e.message,
    stack: String(e.stack),
    'JSON.stringify': JSON.stringify(error),
    'cause message': String((e.cause as Error | undefined)?.message),
    'cause stack': String((e.cause as Error | undefined)?.stack),
  };
}

function expectNone(texts: Record<string, string>, values: readonly string[]): void {
  const found = Object.entries(texts).flatMap(([where, text]) => values.filter((value) => text.includes(value)).map((value) => `${value} in ${where}`));
  expect(found).toEqual([]);
}

const VALUES = [ISSUED.accessKeyId, ISSUED.secretAccessKey, ISSUED.sessionToken!];

/** A client whose provider hands out ISSUED once (for an hour), then fails with `failure()` on the refresh. */
function refreshingClient(failure: () => unknown, lines: string[]) {
  let now = NOW;
  let calls = 0;
  const client = new SecretsManagerClient({
    region: 'us-east-1',
    httpHandler: countingHandler(),
    clock: () => new Date(now),
    logger: { info: (line: string) => lines.push(line) },
    credentials: async () => {
      calls += 1;
      if (calls === 1) return { ...ISSUED, expiration: new Date(now + 60 * MINUTE) };
      throw failure();
    },
  });
  return { client, later: () => (now += 56 * MINUTE) };
}

describe('a provider that fails on refresh, quoting the key it returned before', () => {
  it('the CredentialsException, its cause chain, and the log show none of the three values', async () => {
    const lines: string[] = [];
    const echoed = JSON.stringify({ Version: 1, AccessKeyId: ISSUED.accessKeyId, SecretAccessKey: ISSUED.secretAccessKey, SessionToken: ISSUED.sessionToken });
    const inner = new Error(`the broker still holds ${ISSUED.secretAccessKey}`);
    const failure = new ProviderError(`credential_process exited 1 after printing ${echoed}`, `stderr: ${echoed}`, { cause: inner });
    const { client, later } = refreshingClient(() => failure, lines);
    await client.rotateSecretAsync({ SecretId: 's' });
    later();
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));

    expect(error).toBeInstanceOf(CredentialsException);
    expectNone(renderings(error), VALUES);
    expectNone({ log: lines.join('\n') }, VALUES);
    // The cause is still the provider's own error, with its class and fields, its text cleaned.
    const cause = (error as Error).cause as ProviderError;
    expect(cause).toBe(failure);
    expect(cause).toBeInstanceOf(ProviderError);
    expect(cause.message).toContain(`"SecretAccessKey":"${REDACTED}"`);
    expect(cause.stderr).toContain(REDACTED);
    expect(cause.cause).toBe(inner);
    expect(inner.message).toBe(`the broker still holds ${REDACTED}`);
    expect(inspect(error, { depth: Infinity })).toContain(REDACTED);
  });

  it('an error frozen by its provider is replaced, where it hangs, by one with the redacted text', async () => {
    const failure = Object.freeze(new Error(`refresh failed for ${ISSUED.accessKeyId}:${ISSUED.secretAccessKey}`));
    const { client, later } = refreshingClient(() => failure, []);
    await client.rotateSecretAsync({ SecretId: 's' });
    later();
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(CredentialsException);
    expectNone(renderings(error), VALUES);
    expect(((error as Error).cause as Error).message).toBe(`refresh failed for ${REDACTED}:${REDACTED}`);
  });

  it('an AggregateError of a chain of providers: each of its errors is cleaned', async () => {
    const failure = new AggregateError([new Error(`first: ${ISSUED.sessionToken}`), new Error('second: nothing secret')], 'every provider failed');
    const { client, later } = refreshingClient(() => failure, []);
    await client.rotateSecretAsync({ SecretId: 's' });
    later();
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expectNone(renderings(error), VALUES);
    expect(inspect(error, { depth: Infinity })).toContain('second: nothing secret');
  });
});

/** A transport that answers every request with `status` and `body`. */
function answering(status: number, body: (request: HttpRequest) => string): HttpHandler {
  return {
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      return { response: { statusCode: status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-echo' }, body: new TextEncoder().encode(body(request)) } };
    },
  };
}

describe('configured credentials quoted back by a service', () => {
  it('a signature error whose message quotes the signed session token and key id shows neither', async () => {
    const lines: string[] = [];
    // What a service's SignatureDoesNotMatch can carry: the canonical request, signed headers and all.
    const handler = answering(403, (request) =>
      JSON.stringify({
        __type: 'IncompleteSignatureException',
        message: `The canonical string for this request should have been 'POST\n/\n\nx-amz-security-token:${request.headers['x-amz-security-token']}\n' for ${String(request.headers.authorization).slice(0, 60)}`,
      }),
    );
    const client = new SecretsManagerClient({ region: 'us-east-1', httpHandler: handler, credentials: ISSUED, maxErrorRetry: 0, logger: { info: (line: string) => lines.push(line) } });
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect((error as Error).message).toContain(REDACTED);
    expectNone(renderings(error), VALUES);
    expectNone({ log: lines.join('\n') }, VALUES);
  });
});
