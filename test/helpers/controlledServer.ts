// A node:http server on 127.0.0.1 for the abort tests: it counts requests, holds each one until the
// test answers it (or answers every request at once with `autoRespond`), tells when the client tore a
// response down, and tracks every TCP connection so a test can check that none is left open.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenOnLoopback } from './loopback.js';

/** One request the server received and holds, unanswered, until the test acts on it. */
export interface HeldExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The request body, completely received. */
  readonly body: string;
  /** Resolves when the response closes before it was finished: the client (or its connection) went away. */
  readonly torn: Promise<void>;
  /** Resolves when the connection that carried the request closes. */
  readonly socketClosed: Promise<void>;
}

/** Answers a request synchronously: status, body, extra headers; or `'hang-up'` to drop the connection unanswered. */
export type AutoResponder = (body: string, req: IncomingMessage) => { status: number; body: string; headers?: Record<string, string> } | 'hang-up';

export interface ControlledServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Requests received so far (counted when their headers arrive). */
  readonly requests: number;
  /** The next held request, once its body has arrived (requests queue up in arrival order). */
  nextExchange(): Promise<HeldExchange>;
  /** From now on answer every request at once with `responder`; `undefined` goes back to holding them. */
  autoRespond(responder: AutoResponder | undefined): void;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Connections accepted and not yet closed. */
  openSockets(): number;
  /** Resolves when every connection accepted so far has closed. */
  allSocketsClosed(): Promise<void>;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

export async function startControlledServer(): Promise<ControlledServer> {
  const open = new Set<Socket>();
  const socketClosed = new WeakMap<Socket, Promise<void>>();
  const held: HeldExchange[] = [];
  const waiting: Array<(exchange: HeldExchange) => void> = [];
  let responder: AutoResponder | undefined;
  let requests = 0;
  let connections = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    let resolveTorn!: () => void;
    const torn = new Promise<void>((resolve) => (resolveTorn = resolve));
    res.on('close', () => {
      if (!res.writableFinished) resolveTorn();
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (responder) {
        const answer = responder(body, req);
        if (answer === 'hang-up') {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', ...answer.headers });
        res.end(answer.body);
        return;
      }
      const exchange: HeldExchange = { req, res, body, torn, socketClosed: socketClosed.get(req.socket) ?? Promise.resolve() };
      const waiter = waiting.shift();
      if (waiter) waiter(exchange);
      else held.push(exchange);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    open.add(socket);
    socketClosed.set(
      socket,
      new Promise<void>((resolve) =>
        socket.on('close', () => {
          open.delete(socket);
          resolve();
        }),
      ),
    );
  });

  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    nextExchange() {
      const ready = held.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise<HeldExchange>((resolve) => waiting.push(resolve));
    },
    autoRespond(next) {
      responder = next;
    },
    openSockets: () => open.size,
    allSocketsClosed: () => Promise.all([...open].map((socket) => socketClosed.get(socket))).then(() => undefined),
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
