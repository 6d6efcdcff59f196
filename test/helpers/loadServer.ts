/**
 * The load test's server and bookkeeping. A node:http server on 127.0.0.1 answers each RotateSecret
 * request by a seeded plan: the outcome of attempt k of call n is a pure function of (seed, n, k), so a
 * run is reproducible whatever order concurrent requests arrive in. The server records, per
 * ClientRequestToken, how many requests it got and what it answered each, in typed arrays allocated up
 * front (so that the bookkeeping does not grow the heap the test measures). Also: a forced GC without
 * `--expose-gc`, and a count of the handles that keep the process alive.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { listenOnLoopback } from './loopback.js';

/** What the server does with one request. */
export const OUTCOMES = ['success', 'error500', 'empty503', 'notFound', 'destroy'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** The share of each failure; the rest succeed. */
export const FAILURE_SHARES: Readonly<Record<Exclude<Outcome, 'success'>, number>> = { error500: 0.1, empty503: 0.05, notFound: 0.05, destroy: 0.03 };

/** mulberry32: a small seeded PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The planned outcome of attempt `attempt` (0-based) of call `call`. */
export function plannedOutcome(seed: number, call: number, attempt: number): Outcome {
  const r = mulberry32(seed ^ Math.imul(call + 1, 0x9e3779b1) ^ Math.imul(attempt + 1, 0x85ebca6b))();
  let edge = 0;
  for (const outcome of ['error500', 'empty503', 'notFound', 'destroy'] as const) {
    edge += FAILURE_SHARES[outcome];
    if (r < edge) return outcome;
  }
  return 'success';
}

/** The ClientRequestToken of call `call` (43 characters, within the 32–64 the model allows). */
export const tokenOf = (call: number) => `load-${String(call).padStart(10, '0')}-0000-4000-8000-000000000000`;
const callOf = (token: unknown): number => (typeof token === 'string' && /^load-\d{10}-/.test(token) ? Number(token.slice(5, 15)) : -1);

/** Attempts recorded per call; a fourth one would be a bug, and is recorded too. */
export const RECORDED_ATTEMPTS = 4;

export interface LoadServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Requests per call id. */
  readonly requests: Uint8Array;
  /** `OUTCOMES` index + 1 of each answered attempt, `RECORDED_ATTEMPTS` per call id (0 = none). */
  readonly served: Uint8Array;
  /** Successful answers per call id: must never exceed 1. */
  readonly successes: Uint8Array;
  /** Requests whose body carried no token of this test. */
  readonly strays: number;
  readonly totalRequests: number;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Connections accepted and not yet closed. */
  openSockets(): number;
  /** The most connections open at once. */
  readonly peakOpen: number;
  /** Resolves true once every connection has closed, false if some are still open after `ms`. */
  allSocketsClosed(ms: number): Promise<boolean>;
  /** Closes the connections that carry no request right now. */
  closeIdleConnections(): void;
  close(): Promise<void>;
}

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:load-AbCdEf';

export async function startLoadServer(seed: number, capacity: number): Promise<LoadServer> {
  const requests = new Uint8Array(capacity);
  const served = new Uint8Array(capacity * RECORDED_ATTEMPTS);
  const successes = new Uint8Array(capacity);
  const open = new Set<Socket>();
  let strays = 0;
  let totalRequests = 0;
  let connections = 0;
  let peakOpen = 0;

  const answer = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': `req-${totalRequests}`, ...headers });
    res.end(body);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      totalRequests += 1;
      let token: unknown;
      try {
        token = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ClientRequestToken?: unknown }).ClientRequestToken;
      } catch {
        token = undefined;
      }
      const call = callOf(token);
      if (call < 0 || call >= capacity) {
        strays += 1;
        answer(res, 400, '{"__type":"ValidationException","message":"not a token of the load test"}');
        return;
      }
      const attempt = requests[call]!;
      requests[call] = Math.min(255, attempt + 1);
      const outcome = plannedOutcome(seed, call, attempt);
      if (attempt < RECORDED_ATTEMPTS) served[call * RECORDED_ATTEMPTS + attempt] = OUTCOMES.indexOf(outcome) + 1;
      switch (outcome) {
        case 'success':
          successes[call] = Math.min(255, successes[call]! + 1);
          answer(res, 200, JSON.stringify({ ARN, Name: 'load', VersionId: token }));
          return;
        case 'error500':
          answer(res, 500, '{"__type":"InternalServiceError","Message":"An error occurred on the server side."}');
          return;
        case 'empty503':
          answer(res, 503, '');
          return;
        case 'notFound':
          answer(res, 400, '{"__type":"ResourceNotFoundException","Message":"Secrets Manager can\'t find the specified secret."}');
          return;
        case 'destroy':
          req.socket.destroy();
          return;
      }
    });
  });
  // Longer than the test: an idle keep-alive socket must not be closed by the server just as the client
  // reuses it (that failure would not be in the plan).
  server.keepAliveTimeout = 120_000;
  server.on('connection', (socket: Socket) => {
    connections += 1;
    open.add(socket);
    peakOpen = Math.max(peakOpen, open.size);
    socket.on('close', () => open.delete(socket));
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    served,
    successes,
    get strays() {
      return strays;
    },
    get totalRequests() {
      return totalRequests;
    },
    get connections() {
      return connections;
    },
    openSockets: () => open.size,
    get peakOpen() {
      return peakOpen;
    },
    async allSocketsClosed(ms) {
      const deadline = performance.now() + ms;
      while (open.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      return open.size === 0;
    },
    closeIdleConnections: () => server.closeIdleConnections(),
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let gcFunction: (() => void) | undefined;

/** A full, forced garbage collection, whether or not the process was started with `--expose-gc`. */
export function forceGc(): void {
  if (gcFunction === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gcFunction = exposed;
    else {
      // The flag takes effect for contexts created after it is set: a fresh one hands out `gc`.
      setFlagsFromString('--expose-gc');
      gcFunction = runInNewContext('gc') as () => void;
    }
  }
  gcFunction();
}

/**
 * Heap used after forced GCs, in bytes. Between them the event loop turns, so that finalizers (fetch
 * frees what it keeps per request through a FinalizationRegistry) run and what they release is collected.
 */
export async function settledHeap(): Promise<number> {
  for (let round = 0; round < 4; round++) {
    forceGc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage().heapUsed;
}

/** How many of each kind of handle keep the process alive (`TCPSocketWrap`, `Timeout`, ...). */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
