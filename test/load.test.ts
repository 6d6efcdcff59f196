// Under load, against a real server on 127.0.0.1 that fails a share of requests at random (seeded, so a
// run is reproducible): every call settles exactly once, with exactly the outcome the retry rules give for
// what the server answered; no call is sent more than three times or applied twice; and nothing leaks:
// sockets, timers, listeners on the caller's signal, heap.
import { getEventListeners, setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerClient as WebSecretsManagerClient } from '../src/index.js';
import { SecretsManagerClient, type RotateSecretResponse } from '../src/index.node.js';
import { OUTCOMES, RECORDED_ATTEMPTS, activeResources, plannedOutcome, settledHeap, startLoadServer, tokenOf, type LoadServer, type Outcome } from './helpers/loadServer.js';

const SEED = 0x5eed2024;
const CONCURRENCY = 64;
const MAX_ATTEMPTS = 3;
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const MiB = 1024 * 1024;

/** What a call came to, as a small number, so that 10,000 of them fit in typed arrays allocated up front. */
const KINDS = ['unsettled', 'RotateSecretResponse', 'InternalServiceErrorException', 'AmazonSecretsManagerException', 'ResourceNotFoundException', 'HttpRequestException', 'other'] as const;
type Kind = (typeof KINDS)[number];
/** The exception a call ends with when its last attempt got this answer. */
const FINAL_KIND: Readonly<Record<Outcome, Kind>> = {
  success: 'RotateSecretResponse',
  error500: 'InternalServiceErrorException',
  empty503: 'AmazonSecretsManagerException',
  notFound: 'ResourceNotFoundException',
  destroy: 'HttpRequestException',
};

/** Per-call results: how often it settled, how, after how many attempts. */
class Results {
  readonly settled: Uint8Array;
  readonly kind: Uint8Array;
  readonly attempts: Uint8Array;
  /** The first few surprises (wrong VersionId, an exception of another class), for the failure message. */
  readonly surprises: string[] = [];

  constructor(readonly size: number) {
    this.settled = new Uint8Array(size);
    this.kind = new Uint8Array(size);
    this.attempts = new Uint8Array(size);
  }

  record(call: number, response: RotateSecretResponse | undefined, error: unknown): void {
    this.settled[call] = Math.min(255, this.settled[call]! + 1);
    if (response !== undefined) {
      this.kind[call] = KINDS.indexOf('RotateSecretResponse');
      this.attempts[call] = response.ResponseMetadata.Attempts;
      if (response.VersionId !== tokenOf(call) && this.surprises.length < 5) this.surprises.push(`call ${call}: VersionId ${response.VersionId}`);
      return;
    }
    const name = (error as Error)?.name;
    const kind = (KINDS as readonly string[]).includes(name) && name !== 'unsettled' && name !== 'RotateSecretResponse' ? (name as Kind) : 'other';
    this.kind[call] = KINDS.indexOf(kind);
    this.attempts[call] = (error as { attempts?: number }).attempts ?? 0;
    if (kind === 'other' && this.surprises.length < 5) this.surprises.push(`call ${call}: ${String((error as Error)?.stack ?? error)}`);
  }
}

type Rotator = { rotateSecretAsync(request: { SecretId: string; ClientRequestToken: string }, signal?: AbortSignal): Promise<RotateSecretResponse> };

/**
 * One AbortSignal that the caller passes to every call, as an app passes its shutdown signal. Each call in
 * flight holds a listener on it (removed when the call ends), so 64 in flight hold 64: past Node 20's
 * warning threshold of 10 for any EventTarget. Node 22 and later no longer warn for AbortSignal
 * (nodejs/node#55816); here the cap is raised as the warning suggests, and the test counts the
 * listeners itself: never more than the calls in flight, none afterwards.
 */
function callerSignal(): AbortController {
  const caller = new AbortController();
  setMaxListeners(4 * CONCURRENCY, caller.signal);
  return caller;
}

/** Calls `from` to `to - 1`, at most CONCURRENCY in flight, every one with the caller's `signal`. */
async function drive(client: Rotator, from: number, to: number, results: Results, signal: AbortSignal): Promise<{ maxInFlight: number; maxListeners: number }> {
  let next = from;
  let inFlight = 0;
  let maxInFlight = 0;
  let maxListeners = 0;
  const worker = async () => {
    while (next < to) {
      const call = next++;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      maxListeners = Math.max(maxListeners, getEventListeners(signal, 'abort').length);
      await client.rotateSecretAsync({ SecretId: 'load', ClientRequestToken: tokenOf(call) }, signal).then(
        (response) => results.record(call, response, undefined),
        (error: unknown) => results.record(call, undefined, error),
      );
      inFlight -= 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { maxInFlight, maxListeners };
}

/**
 * What call `call` must have come to, from what the server answered its attempts: it succeeds iff one
 * of its first three attempts got success and no attempt before it got a non-retryable error.
 */
function expectedOutcome(server: LoadServer, call: number): { kind: Kind; attempts: number } {
  let last: Outcome | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const code = server.served[call * RECORDED_ATTEMPTS + attempt]!;
    if (code === 0) break;
    last = OUTCOMES[code - 1]!;
    if (last === 'success' || last === 'notFound') return { kind: FINAL_KIND[last], attempts: attempt + 1 };
  }
  return { kind: last === undefined ? 'unsettled' : FINAL_KIND[last], attempts: MAX_ATTEMPTS };
}

/** Checks every call in [from, to) against the server's records and the seeded plan; returns a tally. */
function verify(server: LoadServer, results: Results, from: number, to: number) {
  const mismatches: string[] = [];
  const tally: Record<string, number> = {};
  let served = 0;
  let destroyed = 0;
  for (let call = from; call < to; call++) {
    const requests = server.requests[call]!;
    served += requests;
    for (let attempt = 0; attempt < Math.min(requests, RECORDED_ATTEMPTS); attempt++) {
      const outcome = OUTCOMES[server.served[call * RECORDED_ATTEMPTS + attempt]! - 1];
      if (outcome === 'destroy') destroyed += 1;
      // The server answered by the seeded plan, whatever order requests arrived in.
      if (outcome !== plannedOutcome(SEED, call, attempt)) mismatches.push(`call ${call} attempt ${attempt + 1}: served ${outcome}, planned ${plannedOutcome(SEED, call, attempt)}`);
    }
    const expected = expectedOutcome(server, call);
    const kind = KINDS[results.kind[call]!]!;
    tally[kind] = (tally[kind] ?? 0) + 1;
    if (results.settled[call] !== 1) mismatches.push(`call ${call} settled ${results.settled[call]} times`);
    if (requests > MAX_ATTEMPTS) mismatches.push(`call ${call}: the server saw ${requests} requests for its token`);
    if (server.successes[call]! > 1) mismatches.push(`call ${call} was applied ${server.successes[call]} times`);
    if (kind !== expected.kind || results.attempts[call] !== expected.attempts || requests !== expected.attempts) {
      mismatches.push(`call ${call}: came to ${kind} after ${results.attempts[call]} attempts (server saw ${requests}); expected ${expected.kind} after ${expected.attempts}`);
    }
    if ((server.successes[call] === 1) !== (kind === 'RotateSecretResponse')) mismatches.push(`call ${call}: ${kind}, but the server answered success ${server.successes[call]} times`);
  }
  return { mismatches, tally, served, destroyed };
}

/**
 * Drives `calls` calls in two equal rounds, the heap measured after garbage collection before and
 * after each (the first round warms up the JIT and the connection pool, the second must not grow the
 * heap), then checks what both load tests hold every client to: each call settled once, as the server's
 * records and the seeded plan say; no stray request; at most CONCURRENCY listeners on the caller's
 * signal; connections reused.
 */
async function runTwoRounds(client: Rotator, server: LoadServer, calls: number, results: Results, signal: AbortSignal) {
  const heapBefore = await settledHeap();
  const started = performance.now();
  const first = await drive(client, 0, calls / 2, results, signal);
  const heapAfterFirst = await settledHeap();
  const second = await drive(client, calls / 2, calls, results, signal);
  const elapsed = performance.now() - started;
  const heapAfterSecond = await settledHeap();

  const { mismatches, tally, served, destroyed } = verify(server, results, 0, calls);
  expect(results.surprises).toEqual([]);
  expect(mismatches.slice(0, 10)).toEqual([]);
  expect(results.settled.reduce((sum, n) => sum + n, 0)).toBe(calls);
  expect(server.strays).toBe(0);
  expect(server.totalRequests).toBe(served);
  expect(Math.max(first.maxListeners, second.maxListeners)).toBeLessThanOrEqual(CONCURRENCY);
  // Keep-alive: connections are reused. Beyond those the server destroyed, the pool opens a few more
  // than the calls in flight (a socket is busy for a moment after its answer is read), never one per request.
  expect(server.connections - destroyed).toBeLessThanOrEqual(4 * CONCURRENCY);
  expect(server.peakOpen).toBeLessThanOrEqual(3 * CONCURRENCY);
  return { first, second, elapsed, heapBefore, heapAfterFirst, heapAfterSecond, tally, served, destroyed };
}

describe('10,000 calls against a flaky server', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  beforeEach(() => {
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
  });

  /**
   * What both tests check once the client has let go of its connections: every socket closed, no
   * socket or timer left beyond those before the test, the heap not grown by the second round, and no
   * warning from Node. Returns what is left, for the log.
   */
  async function expectNothingLeft(server: LoadServer, baseline: Record<string, number>, heapGrowth: number): Promise<Record<string, number>> {
    expect(await server.allSocketsClosed(2_000)).toBe(true);
    const after = activeResources();
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(baseline.TCPSocketWrap ?? 0);
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(baseline.Timeout ?? 0);
    expect(heapGrowth).toBeLessThan(3 * MiB);
    expect(warnings.map(String)).toEqual([]);
    return after;
  }

  it('through the Node default (node:http, keep-alive): every call settles once, as the retry rules say, and nothing leaks', async () => {
    const calls = 10_000;
    const server = await startLoadServer(SEED, calls);
    const results = new Results(calls);
    const caller = callerSignal();
    const sleeps: number[] = [];
    try {
      const baseline = activeResources();
      const client = new SecretsManagerClient({
        region: 'us-east-1',
        serviceURL: server.url,
        credentials: CREDENTIALS,
        sleep: async (ms, signal) => {
          if (signal?.aborted) throw signal.reason;
          sleeps.push(ms);
        },
      });
      const { first, second, elapsed, heapBefore, heapAfterFirst, heapAfterSecond, tally, served, destroyed } = await runTwoRounds(client, server, calls, results, caller.signal);
      expect(Math.max(first.maxInFlight, second.maxInFlight)).toBe(CONCURRENCY);
      // The failures really happened, in about the planned shares.
      expect(tally.RotateSecretResponse! / calls).toBeGreaterThan(0.9);
      expect(tally.ResourceNotFoundException! / calls).toBeGreaterThan(0.04);
      expect(served - calls, 'retries sent').toBeGreaterThan(0.15 * calls);
      for (const kind of ['InternalServiceErrorException', 'AmazonSecretsManagerException', 'HttpRequestException'] as const) expect(tally[kind], kind).toBeGreaterThan(0);

      // Nothing left behind: no listener on the caller's signal, and after destroy() no socket and no timer.
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
      client.destroy();
      // 5,000 calls in the second round: a leak of even 1 KiB per call would show as 5 MiB.
      const growth = heapAfterSecond - heapAfterFirst;
      const after = await expectNothingLeft(server, baseline, growth);

      console.log(
        [
          `node:http: ${calls} calls (${served} requests, ${server.connections} connections of which ${destroyed} replaced destroyed ones, at most ${server.peakOpen} open) in ${(elapsed / 1000).toFixed(2)} s = ${Math.round(calls / (elapsed / 1000))} calls/s, ${Math.round(served / (elapsed / 1000))} requests/s`,
          `outcomes: ${JSON.stringify(tally)}; retry waits asked for: ${sleeps.length}`,
          `heap after GC: ${(heapBefore / MiB).toFixed(1)} MiB before, ${(heapAfterFirst / MiB).toFixed(1)} MiB after round 1, ${(heapAfterSecond / MiB).toFixed(1)} MiB after round 2 (growth ${(growth / 1024).toFixed(0)} KiB over 5,000 calls)`,
          `handles: ${JSON.stringify(baseline)} before, ${JSON.stringify(after)} after destroy()`,
        ].join('\n'),
      );
    } finally {
      await server.close();
    }
  }, 60_000);

  it("through the web entry's FetchHttpHandler (2,000 calls): the same outcomes, and no leaked listeners or sockets", async () => {
    const calls = 2_000;
    const server = await startLoadServer(SEED, calls);
    const results = new Results(calls);
    const caller = callerSignal();
    try {
      const baseline = activeResources();
      const client = new WebSecretsManagerClient({
        region: 'us-east-1',
        serviceURL: server.url,
        credentials: CREDENTIALS,
        sleep: async (_ms, signal) => {
          if (signal?.aborted) throw signal.reason;
        },
      });
      const { elapsed, heapBefore, heapAfterFirst, heapAfterSecond, tally, served, destroyed } = await runTwoRounds(client, server, calls, results, caller.signal);

      // fetch keeps listeners on the signal it is given until GC; the caller's own signal gets none.
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
      // fetch pools its sockets globally (the handler has nothing to destroy): once the server closes the
      // idle ones, none is left, so none was stuck holding an unread body.
      client.destroy();
      server.closeIdleConnections();
      // 1,000 calls in the second round: a leak of 3 KiB per call (one retained Request/Response pair) would show.
      const growth = heapAfterSecond - heapAfterFirst;
      const after = await expectNothingLeft(server, baseline, growth);

      console.log(
        [
          `fetch: ${calls} calls (${served} requests, ${server.connections} connections of which ${destroyed} replaced destroyed ones, at most ${server.peakOpen} open) in ${(elapsed / 1000).toFixed(2)} s = ${Math.round(calls / (elapsed / 1000))} calls/s`,
          `outcomes: ${JSON.stringify(tally)}`,
          `heap after GC: ${(heapBefore / MiB).toFixed(1)} MiB before, ${(heapAfterFirst / MiB).toFixed(1)} MiB after round 1, ${(heapAfterSecond / MiB).toFixed(1)} MiB after round 2 (growth ${(growth / 1024).toFixed(0)} KiB over 1,000 calls)`,
          `handles: ${JSON.stringify(baseline)} before, ${JSON.stringify(after)} after the server closed idle connections`,
        ].join('\n'),
      );
    } finally {
      await server.close();
    }
  }, 30_000);
});
