/**
 * A scriptable fault-injection server for the retry, timeout and clock-skew tests: a real `node:http`
 * server on 127.0.0.1 (port 0) that answers each request with the next behaviour of a queue (then with
 * the fallback, a RotateSecret success by default), and records every request it received.
 *
 * Behaviours (build them with the functions below):
 * - `reply(status, body, headers)` / `awsError(status, code, message)` / `success()` / `html502()`:
 *   an ordinary answer, optionally after `delay` ms and with a `Date` skewed by `dateSkewMinutes` or
 *   none at all (`date: null`);
 * - `resetMidBody()`: the headers and half the body, then the socket is destroyed;
 * - `stallMidBody()`: the headers and half the body, then nothing more (until the client goes away);
 * - `hangUp()`: the socket is destroyed before any answer (the client sees "other side closed");
 * - `staleKeepAlive()`: a success over a kept-alive connection that the server then treats as dead:
 *   the next request arriving on that pooled socket is dropped unanswered (the socket destroyed), as
 *   when a server or proxy closed an idle connection just as the client reused it;
 * - a function of the received request returning one of the above (answers that depend on the request).
 *
 * `refuse()` stops listening (and drops open connections) so that connecting fails with ECONNREFUSED;
 * `accept()` listens again on the same port.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type HeaderValues = Record<string, string | number | readonly string[]>;

/** One request as the server received it. */
export interface ReceivedRequest {
  /** 0-based position among the requests received. */
  readonly index: number;
  readonly method: string;
  readonly url: string;
  /** Header names in lower case; a repeated header's values joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body bytes. */
  readonly body: Buffer;
  /** `Date.now()` when the request's headers arrived. */
  readonly arrivedAt: number;
  /** Which TCP connection carried it: 1 for the first connection accepted, 2 for the next... */
  readonly socket: number;
  /** Resolves when that connection closes. */
  readonly closed: Promise<void>;
}

interface Timing {
  /** Milliseconds to wait, after the whole request has arrived, before doing anything. */
  readonly delay?: number;
}

/** A body, or a function of the request building it (the default success echoes the request's token). */
export type Body = string | Buffer | ((request: ReceivedRequest) => string | Buffer);

export interface Reply extends Timing {
  readonly kind: 'reply';
  readonly status: number;
  readonly headers?: HeaderValues;
  readonly body?: Body;
  /** Shifts the `Date` header from the server's clock by this many minutes. */
  readonly dateSkewMinutes?: number;
  /** An explicit `Date` header; `null` for none at all. */
  readonly date?: Date | null;
}

export type Behaviour =
  | Reply
  | (Timing & { readonly kind: 'reset-mid-body'; readonly status: number; readonly headers?: HeaderValues; readonly body: Body })
  | (Timing & { readonly kind: 'stall-mid-body'; readonly status: number; readonly headers?: HeaderValues; readonly body: Body })
  | (Timing & { readonly kind: 'hang-up' })
  | (Timing & { readonly kind: 'stale-keep-alive' });

/** What the queue holds: a behaviour, or a function choosing one for the request at hand. */
export type Step = Behaviour | ((request: ReceivedRequest) => Behaviour);

export const SUCCESS_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf';
export const SUCCESS_REQUEST_ID = 'fa017000-0000-4000-8000-000000000000';
const JSON_TYPE = 'application/x-amz-json-1.1';

/** The request's `ClientRequestToken`, or undefined when the body carries none. */
export function tokenOf(request: Pick<ReceivedRequest, 'body'>): string | undefined {
  try {
    const token = (JSON.parse(request.body.toString('utf8')) as { ClientRequestToken?: unknown }).ClientRequestToken;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

/** The RotateSecret success body the service sends: the new VersionId is the request's token. */
export const successBody = (request: ReceivedRequest): string => JSON.stringify({ ARN: SUCCESS_ARN, Name: 's', VersionId: tokenOf(request) ?? null });

export const reply = (status: number, body: Body = '', headers: HeaderValues = {}, options: Omit<Reply, 'kind' | 'status' | 'headers' | 'body'> = {}): Reply => ({
  kind: 'reply',
  status,
  body,
  headers,
  ...options,
});

/** The default answer: 200, the RotateSecret success, `x-amzn-RequestId`. */
export const success = (headers: HeaderValues = {}, options: Omit<Reply, 'kind' | 'status' | 'headers' | 'body'> = {}): Reply =>
  reply(200, successBody, { 'content-type': JSON_TYPE, 'x-amzn-RequestId': SUCCESS_REQUEST_ID, ...headers }, options);

/** An awsJson1_1 error answer: `{"__type": code, "message": message}`. */
export const awsError = (status: number, code: string, message = `${code} (injected)`, headers: HeaderValues = {}, options: Omit<Reply, 'kind' | 'status' | 'headers' | 'body'> = {}): Reply =>
  reply(status, JSON.stringify({ __type: code, message }), { 'content-type': JSON_TYPE, ...headers }, options);

/** The page a proxy or load balancer answers with when the service behind it is down. */
export const html502 = (): Reply =>
  reply(502, '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n', { 'content-type': 'text/html' });

export const delayed = <B extends Behaviour>(delay: number, behaviour: B): B => ({ ...behaviour, delay });
export const resetMidBody = (status = 200, body: Body = successBody, headers: HeaderValues = { 'content-type': JSON_TYPE }): Behaviour => ({ kind: 'reset-mid-body', status, body, headers });
export const stallMidBody = (status = 200, body: Body = successBody, headers: HeaderValues = { 'content-type': JSON_TYPE }): Behaviour => ({ kind: 'stall-mid-body', status, body, headers });
export const hangUp = (): Behaviour => ({ kind: 'hang-up' });
export const staleKeepAlive = (): Behaviour => ({ kind: 'stale-keep-alive' });

/** An RFC 1123 date, as in the HTTP `Date` header (`Tue, 02 Jan 2024 03:04:05 GMT`). */
export const httpDate = (ms: number): string => new Date(ms).toUTCString();

export interface FaultServerOptions {
  /** The server's own clock (ms), which `Date` headers are based on; `Date.now` by default. */
  clock?: () => number;
}

export interface FaultServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Every request received, oldest first. */
  readonly requests: readonly ReceivedRequest[];
  /** Queues behaviours for the next requests, in order. */
  script(...steps: Step[]): void;
  /** What answers once the queue is empty (initially `success()`). */
  otherwise(step: Step): void;
  /** Resolves once `count` requests have been received. */
  received(count: number): Promise<void>;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Stops listening and destroys every open connection: connecting now fails with ECONNREFUSED. */
  refuse(): Promise<void>;
  /** Listens again, on the same port. */
  accept(): Promise<void>;
  /** Empties the queue and the record, and makes `success()` the fallback again. */
  reset(): void;
  close(): Promise<void>;
}

/** Waits `ms`, or less if the connection closes first (so that no timer outlives the client's interest). */
const waitUnlessClosed = (socket: Socket, ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once('close', done);
  });

function normalise(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

const bytesOf = (body: Body | undefined, request: ReceivedRequest): Buffer => {
  const value = typeof body === 'function' ? body(request) : (body ?? '');
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
};

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const clock = options.clock ?? Date.now;
  const requests: ReceivedRequest[] = [];
  const queue: Step[] = [];
  let fallback: Step = success();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const open = new Set<Socket>();
  const socketIds = new WeakMap<Socket, number>();
  const socketClosed = new WeakMap<Socket, Promise<void>>();
  /** Sockets a `staleKeepAlive()` answer went out on: the next request on them is dropped. */
  const doomed = new WeakSet<Socket>();
  let connections = 0;
  let port = 0;

  async function answer(req: IncomingMessage, res: ServerResponse, request: ReceivedRequest): Promise<void> {
    const socket = req.socket;
    if (doomed.has(socket)) {
      socket.destroy();
      return;
    }
    const step = queue.shift() ?? fallback;
    const behaviour = typeof step === 'function' ? step(request) : step;
    if (behaviour.delay) await waitUnlessClosed(socket, behaviour.delay);
    // The client may have given up (timeout, abort) while the server waited.
    if (socket.destroyed || res.destroyed) return;
    switch (behaviour.kind) {
      case 'hang-up':
        socket.destroy();
        return;
      case 'stale-keep-alive': {
        const body = bytesOf(successBody, request);
        res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': body.length, 'x-amzn-RequestId': SUCCESS_REQUEST_ID, connection: 'keep-alive' });
        res.end(body);
        doomed.add(socket);
        return;
      }
      case 'reset-mid-body':
      case 'stall-mid-body': {
        const body = bytesOf(behaviour.body, request);
        res.writeHead(behaviour.status, { ...behaviour.headers, 'content-length': body.length });
        // Headers and half the body reach the client before the connection goes (or nothing more comes).
        const half = body.subarray(0, Math.floor(body.length / 2));
        if (behaviour.kind === 'stall-mid-body') res.write(half);
        else res.write(half, () => setTimeout(() => socket.destroy(), 20));
        return;
      }
      case 'reply': {
        const body = bytesOf(behaviour.body, request);
        const headers: HeaderValues = { ...behaviour.headers, 'content-length': body.length };
        if (behaviour.date === null) res.sendDate = false;
        else if (behaviour.date !== undefined) headers.date = httpDate(behaviour.date.getTime());
        else if (behaviour.dateSkewMinutes !== undefined) headers.date = httpDate(clock() + behaviour.dateSkewMinutes * 60_000);
        else headers.date = httpDate(clock());
        res.writeHead(behaviour.status, headers as Record<string, string | number | string[]>);
        res.end(body);
        return;
      }
    }
  }

  const server = createServer((req, res) => {
    const arrivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        index: requests.length,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: normalise(req.headers),
        body: Buffer.concat(chunks),
        arrivedAt,
        socket: socketIds.get(req.socket) ?? 0,
        closed: socketClosed.get(req.socket) ?? Promise.resolve(),
      };
      requests.push(request);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      answer(req, res, request).catch(() => req.socket.destroy());
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    socketIds.set(socket, connections);
    open.add(socket);
    socketClosed.set(socket, new Promise<void>((resolve) => socket.once('close', () => resolve())));
    socket.once('close', () => open.delete(socket));
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () => {
    for (const socket of open) socket.destroy();
    return new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  };
  await listen();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    requests,
    script: (...steps) => void queue.push(...steps),
    otherwise(step) {
      fallback = step;
    },
    received: (count) => (requests.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
    get connections() {
      return connections;
    },
    refuse: stop,
    accept: listen,
    reset() {
      queue.length = 0;
      requests.length = 0;
      fallback = success();
    },
    close: stop,
  };
}
