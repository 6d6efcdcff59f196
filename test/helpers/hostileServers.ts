/**
 * Two misbehaving servers on 127.0.0.1 (port 0) for the hostile-response tests, reached through the
 * client's default transport (NodeHttpHandler, node:http):
 * - `startFloodServer`: answers 200 and streams a body far larger than any real answer, in chunks, with
 *   backpressure, and records how many bytes it had handed to the socket when the client closed it.
 * - `startRawServer`: writes a fixed raw HTTP/1.1 response (any status line, duplicate headers) per request.
 */
import { createServer as createHttpServer, type OutgoingHttpHeaders } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { listenOnLoopback } from './loopback.js';


export interface FloodServer {
  readonly url: string;
  /** Requests received. */
  readonly requests: number;
  /** Bytes handed to the socket so far. */
  readonly written: number;
  /** Resolves with the bytes written when the connection closed; rejects never. */
  readonly closed: Promise<{ written: number; finished: boolean }>;
  close(): Promise<void>;
}

/** A server whose 200 answer is `total` bytes long (a JSON-looking start, then filler), sent in 64 KiB chunks. */
export async function startFloodServer(total: number, headers: OutgoingHttpHeaders = {}): Promise<FloodServer> {
  let requests = 0;
  let written = 0;
  let finished = false;
  let resolveClosed!: (value: { written: number; finished: boolean }) => void;
  const closed = new Promise<{ written: number; finished: boolean }>((resolve) => (resolveClosed = resolve));
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const server = createHttpServer((req, res) => {
    requests += 1;
    res.socket?.once('close', () => resolveClosed({ written, finished }));
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', ...headers });
      written += Buffer.byteLength('{"ARN":"');
      res.write('{"ARN":"');
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) {
          finished = true;
          res.end();
        }
      };
      pump();
    });
  });
  const port = await listenOnLoopback(server as unknown as Server);
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get written() {
      return written;
    },
    closed,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RawServer {
  readonly url: string;
  /** Requests answered. */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * A TCP server that reads each request (headers, then `content-length` bytes of body) and writes `raw`
 * back verbatim, keeping the connection open for the next one.
 */
export async function startRawServer(raw: string | Buffer): Promise<RawServer> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        buffered = buffered.subarray(end + 4 + length);
        requests += 1;
        socket.write(raw);
      }
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
