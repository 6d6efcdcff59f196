// Cancellation: .NET's CancellationToken is an AbortSignal here (`rotateSecretAsync(request, abortSignal)`).
// Every stage of a call is held open by a real node:http server (or a credentials provider, or a handler)
// that the test controls, then aborted; the call must reject promptly with exactly `signal.reason`, the
// server must see the connection go, and nothing (listener, timer, socket) may be left behind. Every
// transport of the package runs the same tests: node:http (the Node default), undici, and fetch (the web
// entry's default).
import { getEventListeners } from 'node:events';
import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AmazonClientException,
  AmazonUnmarshallingException,
  HttpRequestException,
  RequestValidationException,
  ResourceNotFoundException,
  RotateSecretResponse,
  SecretsManagerClient as NodeSecretsManagerClient,
  NodeHttpHandler,
  UndiciHttpHandler,
  type AwsCredentialIdentity,
  type ClientConfig,
  type HttpHandler,
  type IRotateSecretRequest,
} from '../src/index.node.js';
import { FetchHttpHandler, SecretsManagerClient as WebSecretsManagerClient } from '../src/index.js';
import { startControlledServer, type AutoResponder, type ControlledServer } from './helpers/controlledServer.js';
import { activeTimeouts, within } from './helpers/timing.js';

/** What the tests use of a client, whichever entry point built it. */
type Client = Pick<NodeSecretsManagerClient, 'rotateSecretAsync' | 'destroy'>;

interface Transport {
  readonly name: string;
  /** The entry point's client; without `httpHandler` it uses the transport under test. */
  readonly Client: new (config: ClientConfig) => Client;
  /** A fresh instance of the same transport, for tests that observe it. */
  readonly makeHandler: () => HttpHandler;
}

const transports: Transport[] = [
  { name: 'node:http (NodeHttpHandler, the Node default)', Client: NodeSecretsManagerClient, makeHandler: () => new NodeHttpHandler() },
  { name: 'undici (UndiciHttpHandler, index.node)', Client: NodeSecretsManagerClient, makeHandler: () => new UndiciHttpHandler() },
  { name: 'fetch (FetchHttpHandler, index)', Client: WebSecretsManagerClient, makeHandler: () => new FetchHttpHandler() },
];

const CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const REQUEST: IRotateSecretRequest = { SecretId: 'MySecret', RotateImmediately: false };
const ROTATED = JSON.stringify({
  ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-a1b2c3',
  Name: 'MySecret',
  VersionId: 'EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE',
});
const ok: AutoResponder = () => ({ status: 200, body: ROTATED });

/** How long "promptly" may take: far below any server or keep-alive timeout, far above scheduling noise. */
const PROMPTLY_MS = 1000;


/** The value `call` rejects with, within `ms`; fails the test if it resolves or stays pending. */
async function rejectionOf(call: Promise<unknown>, ms = PROMPTLY_MS): Promise<unknown> {
  const outcome = call.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  const settled = await within(outcome, ms, 'the aborted call');
  if ('resolved' in settled) throw new Error('the aborted call resolved instead of rejecting');
  return settled.error;
}

/** 'rejected', 'resolved' or 'pending' once the current macrotask and its microtasks are done. */
async function stateAfterOneTurn(promise: Promise<unknown>): Promise<'rejected' | 'resolved' | 'pending'> {
  const state = promise.then(
    () => 'resolved' as const,
    () => 'rejected' as const,
  );
  return Promise.race([state, nextMacrotask().then(() => 'pending' as const)]);
}

const abortListeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** One way of aborting: the signal to pass, what triggers the abort, and what its reason must be. */
interface Abort {
  readonly signal: AbortSignal;
  /** Aborts now (for a timeout signal: nothing, it fires by itself). */
  trigger(): void;
  checkReason(reason: unknown): void;
}

const byAbort = (): Abort => {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    trigger: () => controller.abort(),
    checkReason(reason) {
      expect(reason).toBeInstanceOf(DOMException);
      expect((reason as DOMException).name).toBe('AbortError');
    },
  };
};
const byTimeout = (): Abort => ({
  signal: AbortSignal.timeout(50),
  trigger: () => {},
  checkReason(reason) {
    expect(reason).toBeInstanceOf(DOMException);
    expect((reason as DOMException).name).toBe('TimeoutError');
  },
});
const byCustomReason = (): Abort => {
  const controller = new AbortController();
  const mine = new Error('mine');
  return {
    signal: controller.signal,
    trigger: () => controller.abort(mine),
    checkReason(reason) {
      expect(reason).toBe(mine);
    },
  };
};

const reasons: Array<[string, () => Abort]> = [
  ['ac.abort() rejects with an AbortError DOMException', byAbort],
  ['AbortSignal.timeout(50) rejects with a TimeoutError DOMException', byTimeout],
  ["ac.abort(new Error('mine')) rejects with that very object", byCustomReason],
];
/** The body-read stage starts at a moment only the test knows, so it is aborted by hand, not by a timer. */
const manualReasons = reasons.filter(([, make]) => make !== byTimeout);

/** Checks the rejection is the signal's reason itself: same object, not wrapped in an exception of ours. */
function expectRejectedWithReason(error: unknown, abort: Abort): void {
  expect(abort.signal.aborted).toBe(true);
  expect(error).toBe(abort.signal.reason);
  abort.checkReason(error);
  expect(error).not.toBeInstanceOf(AmazonClientException);
}

/** Wraps a real transport to tell when it has delivered the response headers (and so the body read begins). */
function observeHeaders(inner: HttpHandler): { handler: HttpHandler; headersDelivered: Promise<void> } {
  let delivered!: () => void;
  const headersDelivered = new Promise<void>((resolve) => (delivered = resolve));
  return {
    handler: {
      handle: (request, options) =>
        inner.handle(request, options).then((result) => {
          delivered();
          return result;
        }),
      destroy: () => inner.destroy?.(),
    },
    headersDelivered,
  };
}

describe.each(transports)('cancellation with $name', (transport) => {
  let server: ControlledServer;
  const clients: Client[] = [];

  const handlers: HttpHandler[] = [];

  /** A client on the transport under test (a handler of its own, closed after the test), or on `config.httpHandler`. */
  function client(config: Partial<ClientConfig> = {}): Client {
    const handler = transport.makeHandler();
    handlers.push(handler);
    const created = new transport.Client({ region: 'us-east-1', serviceURL: server.url, credentials: CREDENTIALS, httpHandler: handler, ...config });
    clients.push(created);
    return created;
  }

  beforeAll(async () => {
    // One completed call first, so that loading the transport (undici's import, fetch's lazy set-up)
    // does not eat into the 50 ms of the timeout tests.
    const warm = await startControlledServer();
    warm.autoRespond(ok);
    const warmHandler = transport.makeHandler();
    const warmClient = new transport.Client({ region: 'us-east-1', serviceURL: warm.url, credentials: CREDENTIALS, httpHandler: warmHandler });
    await warmClient.rotateSecretAsync(REQUEST);
    warmClient.destroy();
    warmHandler.destroy?.();
    await warm.close();
  });

  beforeEach(async () => {
    server = await startControlledServer();
  });

  afterEach(async () => {
    for (const created of clients.splice(0)) created.destroy();
    for (const handler of handlers.splice(0)) handler.destroy?.();
    await server.close();
  });

  describe('an already-aborted signal', () => {
    it.each([
      ['AbortSignal.abort()', () => AbortSignal.abort()],
      ["AbortSignal.abort(new Error('mine'))", () => AbortSignal.abort(new Error('mine'))],
    ])('%s rejects at once with signal.reason and sends nothing', async (_, make) => {
      const signal = make();
      let providerCalls = 0;
      const call = client({
        credentials: async () => {
          providerCalls += 1;
          return CREDENTIALS;
        },
      }).rotateSecretAsync(REQUEST, signal);
      expect(await stateAfterOneTurn(call)).toBe('rejected');
      await expect(call).rejects.toBe(signal.reason);
      expect(providerCalls).toBe(0);
      await sleep(20);
      expect(server.requests).toBe(0);
      expect(server.connections).toBe(0);
    });

    it('wins over validation: an invalid request rejects with signal.reason, not a RequestValidationException', async () => {
      const invalid = [{} as IRotateSecretRequest, { SecretId: '' }, { SecretId: 42 } as unknown as IRotateSecretRequest];
      const c = client();
      for (const request of invalid) {
        // Without a signal each of these fails validation, so the abort below is what decides.
        await expect(c.rotateSecretAsync(request)).rejects.toBeInstanceOf(RequestValidationException);
        const signal = AbortSignal.abort(new Error('mine'));
        await expect(c.rotateSecretAsync(request, signal)).rejects.toBe(signal.reason);
      }
      expect(server.requests).toBe(0);
    });
  });

  describe('aborting while the credentials provider is pending', () => {
    it.each(reasons)('%s promptly, and nothing is sent after the provider resolves', async (_, make) => {
      let release!: (credentials: AwsCredentialIdentity) => void;
      let providerCalls = 0;
      const c = client({
        credentials: () => {
          providerCalls += 1;
          return new Promise<AwsCredentialIdentity>((resolve) => (release = resolve));
        },
      });
      const abort = make();
      // Observed at once: with AbortSignal.timeout the call may reject while the test is still waiting below.
      const rejected = rejectionOf(c.rotateSecretAsync(REQUEST, abort.signal));
      // The first call reads the environment's settings before it asks for credentials.
      await vi.waitFor(() => expect(providerCalls).toBe(1));
      abort.trigger();
      expectRejectedWithReason(await rejected, abort);
      expect(server.requests).toBe(0);

      // The provider answers late: the aborted call must not go on, and the client stays usable.
      release(CREDENTIALS);
      server.autoRespond(ok);
      await expect(c.rotateSecretAsync(REQUEST)).resolves.toBeInstanceOf(RotateSecretResponse);
      await sleep(20);
      expect(server.requests).toBe(1);
      expect(providerCalls).toBe(1);
    });
  });

  describe('aborting after the request is sent, before the response headers', () => {
    it.each(reasons)('%s promptly, and the server sees the request and its connection close', async (_, make) => {
      const abort = make();
      const call = client().rotateSecretAsync(REQUEST, abort.signal);
      const exchange = await within(server.nextExchange(), PROMPTLY_MS, 'the server receiving the request');
      expect(JSON.parse(exchange.body)).toMatchObject({ SecretId: 'MySecret' });
      expect(abort.signal.aborted).toBe(false);
      abort.trigger();
      expectRejectedWithReason(await rejectionOf(call), abort);
      await within(exchange.torn, PROMPTLY_MS, 'the server seeing the response torn down');
      await within(exchange.socketClosed, PROMPTLY_MS, 'the server seeing the connection close');
      expect(server.requests).toBe(1);
    });
  });

  describe('aborting after the headers, during the body read', () => {
    it.each(manualReasons)('%s promptly, and the connection is closed', async (_, make) => {
      const observed = observeHeaders(transport.makeHandler());
      const abort = make();
      const call = client({ httpHandler: observed.handler }).rotateSecretAsync(REQUEST, abort.signal);
      const exchange = await within(server.nextExchange(), PROMPTLY_MS, 'the server receiving the request');
      exchange.res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(Buffer.byteLength(ROTATED)) });
      exchange.res.write(ROTATED.slice(0, ROTATED.length >> 1));
      await within(observed.headersDelivered, PROMPTLY_MS, 'the transport delivering the headers');
      await nextMacrotask();
      expect(await stateAfterOneTurn(call)).toBe('pending');
      abort.trigger();
      expectRejectedWithReason(await rejectionOf(call), abort);
      await within(exchange.torn, PROMPTLY_MS, 'the server seeing the half-sent response torn down');
      await within(exchange.socketClosed, PROMPTLY_MS, 'the server seeing the connection close');
    });
  });

  describe('a custom httpHandler that ignores the signal and never settles', () => {
    it.each(reasons)('%s promptly all the same', async (_, make) => {
      const handed: Array<AbortSignal | undefined> = [];
      const c = client({
        httpHandler: {
          handle: (_request, options) => {
            handed.push(options?.abortSignal);
            return new Promise(() => {});
          },
        },
      });
      const abort = make();
      const call = c.rotateSecretAsync(REQUEST, abort.signal);
      await within(
        (async () => {
          while (handed.length === 0) await nextMacrotask();
        })(),
        PROMPTLY_MS,
        'the handler being called',
      );
      abort.trigger();
      expectRejectedWithReason(await rejectionOf(call), abort);
      // The handler was given a signal that follows the caller's, even if it chose to ignore it.
      expect(handed).toHaveLength(1);
      expect(handed[0]?.aborted).toBe(true);
      expect(server.requests).toBe(0);
    });
  });

  describe('a subclass of NodeHttpHandler whose handle() ignores the signal and never settles', () => {
    it.each(reasons)('%s promptly all the same: the client races it again', async (_, make) => {
      let called = false;
      class Stalling extends NodeHttpHandler {
        override handle(): Promise<never> {
          called = true;
          return new Promise(() => {});
        }
      }
      const c = client({ httpHandler: new Stalling() });
      const abort = make();
      const call = c.rotateSecretAsync(REQUEST, abort.signal);
      await within(
        (async () => {
          while (!called) await nextMacrotask();
        })(),
        PROMPTLY_MS,
        'the handler being called',
      );
      abort.trigger();
      expectRejectedWithReason(await rejectionOf(call), abort);
    });
  });

  describe('nothing is left behind', () => {
    it('a long-lived signal that is never aborted has no abort listeners left after 200 completed calls and 30 failed ones', async () => {
      const longLived = new AbortController();
      server.autoRespond((body) => {
        const { SecretId } = JSON.parse(body) as { SecretId: string };
        if (SecretId === 'missing') return { status: 400, body: JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such secret' }) };
        if (SecretId === 'hang-up') return 'hang-up';
        if (SecretId === 'garbled') return { status: 200, body: '{"ARN": ' };
        return { status: 200, body: ROTATED };
      });
      const c = client();
      for (let i = 0; i < 200; i += 1) {
        await expect(c.rotateSecretAsync(REQUEST, longLived.signal)).resolves.toBeInstanceOf(RotateSecretResponse);
        if (i % 20 === 0) {
          await expect(c.rotateSecretAsync({ SecretId: 'missing' }, longLived.signal)).rejects.toBeInstanceOf(ResourceNotFoundException);
          await expect(c.rotateSecretAsync({ SecretId: 'hang-up' }, longLived.signal)).rejects.toBeInstanceOf(HttpRequestException);
          await expect(c.rotateSecretAsync({ SecretId: 'garbled' }, longLived.signal)).rejects.toBeInstanceOf(AmazonUnmarshallingException);
        }
      }
      // Some transports drop their listener when the body stream closes, a tick after the last byte.
      await nextMacrotask();
      expect(abortListeners(longLived.signal)).toBe(0);
      expect(longLived.signal.aborted).toBe(false);
    });

    it('after aborted calls (before headers and mid-body) the server sees every connection closed', async () => {
      const c = client();
      const beforeHeaders = new AbortController();
      const midBody = new AbortController();
      const calls = [
        ...Array.from({ length: 3 }, () => c.rotateSecretAsync(REQUEST, beforeHeaders.signal)),
        ...Array.from({ length: 3 }, () => c.rotateSecretAsync(REQUEST, midBody.signal)),
      ];
      const exchanges = await within(Promise.all(calls.map(() => server.nextExchange())), PROMPTLY_MS, 'the server receiving all six requests');
      expect(server.connections).toBe(6);
      // Which exchange belongs to which call does not matter: answer half of them partway, then abort both groups.
      for (const exchange of exchanges.slice(3)) {
        exchange.res.writeHead(200, { 'content-length': String(Buffer.byteLength(ROTATED)) });
        exchange.res.write(ROTATED.slice(0, 10));
      }
      await sleep(20);
      beforeHeaders.abort();
      midBody.abort();
      for (const call of calls) expect(await rejectionOf(call)).toBeInstanceOf(DOMException);
      await within(Promise.all(exchanges.map((exchange) => exchange.torn)), PROMPTLY_MS, 'the server seeing all six responses torn down');
      await within(server.allSocketsClosed(), PROMPTLY_MS, 'the server seeing all six connections close');
      expect(server.openSockets()).toBe(0);
      expect(abortListeners(beforeHeaders.signal) + abortListeners(midBody.signal)).toBe(0);
    });

    it('completed, aborted and timed-out calls leave no active Timeout behind', async () => {
      const before = activeTimeouts();
      const c = client();

      server.autoRespond(ok);
      await c.rotateSecretAsync(REQUEST);
      server.autoRespond(undefined);

      const aborted = new AbortController();
      const abortedCall = c.rotateSecretAsync(REQUEST, aborted.signal);
      await server.nextExchange();
      aborted.abort();
      await rejectionOf(abortedCall);

      const timedOut = AbortSignal.timeout(50);
      const timedOutCall = c.rotateSecretAsync(REQUEST, timedOut);
      await server.nextExchange();
      expect((await rejectionOf(timedOutCall)) as DOMException).toHaveProperty('name', 'TimeoutError');

      c.destroy();
      await nextMacrotask();
      expect(activeTimeouts()).toBeLessThanOrEqual(before);
    });

    it('a call that completed ignores a later abort of its signal: no unhandled rejection, no listener', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        server.autoRespond((body) =>
          (JSON.parse(body) as { SecretId: string }).SecretId === 'missing'
            ? { status: 400, body: JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such secret' }) }
            : { status: 200, body: ROTATED },
        );
        const c = client();
        const succeeded = new AbortController();
        const failed = new AbortController();
        await expect(c.rotateSecretAsync(REQUEST, succeeded.signal)).resolves.toBeInstanceOf(RotateSecretResponse);
        await expect(c.rotateSecretAsync({ SecretId: 'missing' }, failed.signal)).rejects.toBeInstanceOf(ResourceNotFoundException);
        await nextMacrotask();
        const leftListeners = abortListeners(succeeded.signal) + abortListeners(failed.signal);
        succeeded.abort();
        failed.abort(new Error('too late'));
        await sleep(20);
        await nextMacrotask();
        expect(unhandled).toEqual([]);
        expect(leftListeners).toBe(0);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });
});

describe('destroy() with the Node default transport', () => {
  let server: ControlledServer;

  beforeEach(async () => {
    server = await startControlledServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('closes the keep-alive pool: every server-side connection closes', async () => {
    server.autoRespond(ok);
    const c = new NodeSecretsManagerClient({ region: 'us-east-1', serviceURL: server.url, credentials: CREDENTIALS });
    await Promise.all([c.rotateSecretAsync(REQUEST), c.rotateSecretAsync(REQUEST), c.rotateSecretAsync(REQUEST)]);
    expect(server.connections).toBe(3);
    await sleep(20);
    // Keep-alive: the connections outlive the calls until the client lets them go.
    expect(server.openSockets()).toBe(3);
    c.destroy();
    await within(server.allSocketsClosed(), PROMPTLY_MS, 'the server seeing the pooled connections close');
    expect(server.openSockets()).toBe(0);
  });
});
