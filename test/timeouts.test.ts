// Timeouts and the caller's abort in the retry loop, through the real client (default node:http transport) against the
// fault server: the per-attempt `timeout` (retried), the call's `totalTimeout` (not retried), and the
// caller's own signal (never retried, rejects with `signal.reason`). Backoff uses the injected sleep
// except where the real default sleep is the subject; the only real waits are the short timeouts.
import { createHook } from 'node:async_hooks';
import { setTimeout as wait } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AmazonClientException, AmazonUnmarshallingException, RequestTimeoutException, type ClientConfig } from '../src/index.node.js';
import { sleep as defaultSleep, type Sleep } from '../src/runtime/retries/sleep.js';
import { rejectionOf, useFaultClients } from './helpers/faultClient.js';
import { awsError, delayed, reply, stallMidBody, startFaultServer, success, type FaultServer } from './helpers/faultServer.js';
import { activeTimeouts, within } from './helpers/timing.js';

const REQUEST = { SecretId: 'MySecret' };
/** Far longer than any timeout here: the server "hangs". */
const SLOW = 1000;

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
  // The transport is loaded at the first request; keep that cost out of the timed tests.
  const warm = makeClient(server.url);
  await warm.client.rotateSecretAsync(REQUEST);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const makeClient = useFaultClients();
const client = (config: ClientConfig = {}) => makeClient(server.url, config);


/** A wrapper of the real default sleep that tells when the client starts waiting. */
function observedSleep(): { sleep: Sleep; started: Promise<number> } {
  let started!: (ms: number) => void;
  const promise = new Promise<number>((resolve) => (started = resolve));
  return {
    sleep: (ms, signal) => {
      started(ms);
      return defaultSleep(ms, signal);
    },
    started: promise,
  };
}

describe('per-attempt timeout', () => {
  it('an attempt slower than `timeout` is cut off and retried: success on attempt 2, the first connection closed', async () => {
    server.script(delayed(SLOW, success()));
    // 300 ms: ample for the second attempt's quick answer even on a loaded machine.
    const { client: c, time } = client({ timeout: 300 });
    const started = Date.now();
    const response = await c.rotateSecretAsync(REQUEST);
    const elapsed = Date.now() - started;
    expect(response.ResponseMetadata.Attempts).toBe(2);
    // A timed-out attempt backs off as a transient failure: floor(0.5 × 100).
    expect(response.ResponseMetadata.TotalRetryDelay).toBe(50);
    expect(time.delays).toEqual([50]);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(SLOW);
    const [first, second] = server.requests;
    await within(first!.closed, 2000, 'the timed-out attempt’s connection');
    expect(second!.socket).not.toBe(first!.socket);
    expect(second!.body.equals(first!.body)).toBe(true);
  });

  it('every attempt timing out gives RequestTimeoutException, scope "attempt", with attempts 3', async () => {
    server.otherwise(delayed(SLOW, success()));
    const { client: c } = client({ timeout: 150 });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(RequestTimeoutException);
    expect(error).toBeInstanceOf(AmazonClientException);
    expect((error as RequestTimeoutException).scope).toBe('attempt');
    expect((error as RequestTimeoutException).timeout).toBe(150);
    expect((error as RequestTimeoutException).attempts).toBe(3);
    expect((error as RequestTimeoutException).totalRetryDelay).toBe(150);
    // Normally 3; on a heavily loaded machine an attempt may be cut off before its request got through.
    expect(server.requests.length).toBeLessThanOrEqual(3);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('the timeout covers reading the body too: an error answer whose body never ends is cut off and retried', async () => {
    // Headers at once, the body read hangs. A 5xx: the service has not acted, so the retry is safe.
    server.script(stallMidBody(503, '{"__type":"ServiceUnavailable","message":"' + 'x'.repeat(200) + '"}'), success());
    const { client: c } = client({ timeout: 300 });
    const response = await c.rotateSecretAsync(REQUEST);
    expect(response.ResponseMetadata.Attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    await within(server.requests[0]!.closed, 2000, 'the stalled answer’s connection');
  });

  it('a 200 whose body never ends is cut off by the timeout and not retried: the service has acted', async () => {
    server.script(stallMidBody(), success());
    const { client: c } = client({ timeout: 300 });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(AmazonUnmarshallingException);
    expect((error as AmazonUnmarshallingException).cause).toBeInstanceOf(RequestTimeoutException);
    expect(server.requests).toHaveLength(1);
    await within(server.requests[0]!.closed, 2000, 'the stalled answer’s connection');
  });
});

describe('per-attempt timeout and the adaptive rate limiter', () => {
  it("the rate limiter's wait before sending is not counted in the attempt's timeout", async () => {
    server.script(awsError(400, 'ThrottlingException'));
    // Real clock and sleep. After the throttle the send rate is the 0.5/s floor with an empty bucket, so
    // attempt 2 waits ~2 s for a send token before it can send. That wait is bounded by the call (here
    // its 700 ms deadline), not by the 250 ms an attempt's HTTP exchange may take: a timeout there would
    // "retry" an attempt that sent nothing, and restart the wait.
    const { client: c } = client({ retryMode: 'adaptive', timeout: 250, totalTimeout: 700, random: () => 0, clock: undefined, sleep: undefined });
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(error).toBeInstanceOf(RequestTimeoutException);
    expect(server.requests).toHaveLength(1);
    expect((error as RequestTimeoutException).scope).toBe('total');
    expect((error as RequestTimeoutException).attempts).toBe(2);
  });
});

describe('totalTimeout', () => {
  it('fires during an attempt: scope "total", not retried further, nothing more sent after it fired', async () => {
    server.otherwise(delayed(SLOW, success()));
    // Attempt 1 times out at 150 ms; attempt 2 is in flight when the call's 270 ms run out.
    const { client: c } = client({ timeout: 150, totalTimeout: 270, maxErrorRetry: 5 });
    const started = Date.now();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(Date.now() - started).toBeLessThan(SLOW);
    expect(error).toBeInstanceOf(RequestTimeoutException);
    expect((error as RequestTimeoutException).scope).toBe('total');
    expect((error as RequestTimeoutException).timeout).toBe(270);
    // Attempt 2's own timeout (at 300 ms or later) cannot come first.
    expect((error as RequestTimeoutException).attempts).toBe(2);
    // Were the loop to go on, attempt 3 would go out at once (the backoff sleep is injected). Attempt 2's
    // request may or may not have reached the server before the deadline cut it, on a loaded machine.
    await wait(150);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
    expect(server.requests.length).toBeLessThanOrEqual(2);
    await Promise.all(server.requests.map((r) => within(r.closed, 2000, 'a cut-off attempt’s connection')));
  });

  it('fires during the backoff wait (the real default sleep): the wait is cut short', async () => {
    server.otherwise(reply(503, '', { 'x-amz-retry-after': '5000' }));
    const { client: c } = client({ totalTimeout: 300, sleep: undefined });
    const started = Date.now();
    const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(RequestTimeoutException);
    expect((error as RequestTimeoutException).scope).toBe('total');
    expect((error as RequestTimeoutException).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe("the caller's abort", () => {
  it('during the backoff wait (the real default sleep): rejects promptly with signal.reason, one request, nothing sent later', async () => {
    server.otherwise(reply(503, '', { 'x-amz-retry-after': '400' }));
    const observed = observedSleep();
    const { client: c } = client({ sleep: observed.sleep });
    const controller = new AbortController();
    const reason = new Error('the caller gave up');
    const call = rejectionOf(c.rotateSecretAsync(REQUEST, controller.signal));
    expect(await observed.started).toBe(400);
    const abortedAt = Date.now();
    controller.abort(reason);
    // Well before the 400 ms wait would have ended.
    const error = await within(call, 250, 'the aborted call');
    expect(Date.now() - abortedAt).toBeLessThan(250);
    expect(error).toBe(reason);
    expect(server.requests).toHaveLength(1);
    // Past the moment the wait would have ended: still nothing more.
    await wait(Math.max(0, abortedAt + 450 - Date.now()));
    expect(server.requests).toHaveLength(1);
  });

  it('ac.abort() during the wait rejects with the AbortError DOMException itself', async () => {
    server.otherwise(reply(503, '', { 'x-amz-retry-after': '400' }));
    const observed = observedSleep();
    const { client: c } = client({ sleep: observed.sleep });
    const controller = new AbortController();
    const call = rejectionOf(c.rotateSecretAsync(REQUEST, controller.signal));
    await observed.started;
    controller.abort();
    const error = await within(call, 300, 'the aborted call');
    expect(error).toBe(controller.signal.reason);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('AbortSignal.timeout() as the signal gives its TimeoutError DOMException, not a RequestTimeoutException, and is not retried', async () => {
    server.otherwise(delayed(SLOW, success()));
    const { client: c, time } = client({ timeout: 500 });
    const signal = AbortSignal.timeout(200);
    const error = await within(rejectionOf(c.rotateSecretAsync(REQUEST, signal)), 1500, 'the call under AbortSignal.timeout(200)');
    expect(error).toBe(signal.reason);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(error).not.toBeInstanceOf(RequestTimeoutException);
    expect(time.delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
    await wait(150);
    expect(server.requests).toHaveLength(1);
  });

  it('an abort while an attempt is in flight is not retried', async () => {
    server.otherwise(delayed(SLOW, success()));
    const { client: c, time } = client();
    const controller = new AbortController();
    const call = rejectionOf(c.rotateSecretAsync(REQUEST, controller.signal));
    await server.received(1);
    controller.abort();
    const error = await within(call, 1000, 'the aborted call');
    expect((error as DOMException).name).toBe('AbortError');
    expect(time.delays).toEqual([]);
    await within(server.requests[0]!.closed, 2000, 'the aborted attempt’s connection');
    await wait(50);
    expect(server.requests).toHaveLength(1);
  });
});

describe('no timers left behind', () => {

  /**
   * Every `setTimeout` created while `run` runs, with its delay. Node marks a timer `_destroyed` once
   * it has fired or been cleared; the client's own timers are unref'd, so they never show in
   * `getActiveResourcesInfo()` and are tracked here instead.
   */
  async function timersCreatedBy(run: () => Promise<unknown>): Promise<Array<{ ms: number; done: () => boolean }>> {
    const timers: Array<{ ms: number; done: () => boolean }> = [];
    const hook = createHook({
      init(_id, type, _trigger, resource) {
        if (type !== 'Timeout') return;
        const timer = resource as { _idleTimeout: number; _destroyed?: boolean };
        timers.push({ ms: timer._idleTimeout, done: () => timer._destroyed === true });
      },
    }).enable();
    try {
      await run();
    } finally {
      hook.disable();
    }
    return timers;
  }

  it('after a call whose attempts timed out and failed, with the real sleep', async () => {
    server.script(delayed(SLOW, success()), reply(503), reply(503));
    const { client: c } = client({ timeout: 137, totalTimeout: 4999, sleep: undefined });
    const before = activeTimeouts();
    const timers = await timersCreatedBy(async () => {
      const error = await rejectionOf(c.rotateSecretAsync(REQUEST));
      expect((error as AmazonClientException).attempts).toBe(3);
    });
    await wait(0);
    expect(activeTimeouts()).toBeLessThanOrEqual(before);
    // Three attempt timers (one fired, two cleared), the call's deadline (cleared), two backoff waits (fired).
    expect(timers.filter((t) => t.ms === 137)).toHaveLength(3);
    expect(timers.filter((t) => t.ms === 4999)).toHaveLength(1);
    expect(timers.filter((t) => (t.ms === 137 || t.ms === 4999) && !t.done())).toEqual([]);
  });

  it('after the deadline cut a backoff wait short', async () => {
    server.otherwise(reply(503, '', { 'x-amz-retry-after': '5000' }));
    const { client: c } = client({ totalTimeout: 311, timeout: 3001, sleep: undefined });
    const before = activeTimeouts();
    const timers = await timersCreatedBy(() => rejectionOf(c.rotateSecretAsync(REQUEST)));
    await wait(0);
    expect(activeTimeouts()).toBeLessThanOrEqual(before);
    const ours = timers.filter((t) => t.ms === 5000 || t.ms === 311 || t.ms === 3001);
    // The deadline (fired), the one attempt's timer (cleared), the backoff wait (cleared by the deadline).
    expect(ours.map((t) => t.ms).sort((a, b) => a - b)).toEqual([311, 3001, 5000]);
    expect(ours.filter((t) => !t.done())).toEqual([]);
  });
});
