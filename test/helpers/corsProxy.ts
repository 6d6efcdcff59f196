/**
 * A small CORS proxy on 127.0.0.1 (port 0) in front of moto, for the browser tests.
 *
 * moto with authentication on answers a preflight with 500 (an OPTIONS request has no Authorization
 * header) and exposes no response headers, so a page could neither send a signed request to it nor read
 * `x-amzn-RequestId`. This proxy:
 * - answers every OPTIONS itself: 204 with the page's Origin, POST, and the headers an SDK sends;
 * - forwards every other request to moto with all its headers, Host included (Host is signed);
 * - replaces moto's `access-control-*` and `vary` headers with the page's Origin and an
 *   `access-control-expose-headers` naming the request id, the error type and Date;
 * - records what it saw (preflights, requests with their headers and body, moto's answers);
 * - while `hold` is true, keeps every non-OPTIONS request unanswered (never forwarded) until the client
 *   goes away, and records when it did.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { listenOnLoopback, readAll } from './loopback.js';

/** The request headers a page may send (the preflight's `access-control-allow-headers`). */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'x-amz-target',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
] as const;

/** The response headers a page may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = 'x-amzn-RequestId, x-amzn-ErrorType, Date';

/** A preflight the proxy answered. */
export interface Preflight {
  readonly origin: string | undefined;
  readonly method: string | undefined;
  /** `access-control-request-headers`, split and sorted. */
  readonly requestHeaders: readonly string[];
}

/** A non-OPTIONS request the proxy received. */
export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Filled in once the whole body has arrived. */
  body: string;
  /** `performance.now()` when its headers arrived. */
  readonly receivedAt: number;
  /** True when it arrived while `hold` was on: it is never forwarded nor answered. */
  readonly held: boolean;
  /** moto's answer, once forwarded and answered. */
  response?: { readonly status: number; readonly headers: IncomingHttpHeaders };
  /** Resolves with `performance.now()` when the client closed the connection before an answer was sent. */
  readonly clientGone: Promise<number>;
}

export interface CorsProxy {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly preflights: Preflight[];
  readonly requests: ProxiedRequest[];
  /** While true, non-OPTIONS requests are held unanswered. */
  hold: boolean;
  /** Everything received so far, preflights included. */
  count(): number;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

/** Starts the proxy in front of `target` (moto's `http://127.0.0.1:PORT`). */
export async function startCorsProxy(target: string): Promise<CorsProxy> {
  const upstream = new URL(target);
  const preflights: Preflight[] = [];
  const requests: ProxiedRequest[] = [];

  const corsHeaders = (req: IncomingMessage): OutgoingHttpHeaders => {
    const origin = req.headers.origin;
    return origin === undefined ? {} : { 'access-control-allow-origin': origin, 'access-control-expose-headers': CORS_EXPOSED_HEADERS };
  };

  const preflight = (req: IncomingMessage, res: ServerResponse) => {
    preflights.push({
      origin: req.headers.origin,
      method: req.headers['access-control-request-method'],
      requestHeaders: (req.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter((name) => name !== '')
        .sort(),
    });
    res.writeHead(204, {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    res.end();
  };

  const forward = (req: IncomingMessage, res: ServerResponse, record: ProxiedRequest, body: Buffer) => {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    // Host stays as the client sent it: it is part of the signature moto recomputes.
    const upstreamReq = httpRequest({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, setHost: false });
    upstreamReq.on('response', (answer) => {
      record.response = { status: answer.statusCode ?? 0, headers: answer.headers };
      const out: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name) || name === 'vary' || name.startsWith('access-control-')) continue;
        out[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, { ...out, ...corsHeaders(req) });
      answer.pipe(res);
    });
    upstreamReq.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', ...corsHeaders(req) });
      res.end(`proxy: ${error.message}`);
    });
    res.on('close', () => upstreamReq.destroy());
    upstreamReq.end(body);
  };

  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      preflight(req, res);
      return;
    }
    let gone!: (at: number) => void;
    const clientGone = new Promise<number>((resolve) => (gone = resolve));
    res.on('close', () => {
      if (!res.writableFinished) gone(performance.now());
    });
    const record: ProxiedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '', receivedAt: performance.now(), held: proxy.hold, clientGone };
    requests.push(record);
    readAll(req).then(
      (body) => {
        record.body = body.toString('utf8');
        if (!record.held) forward(req, res, record, body);
      },
      () => res.destroy(),
    );
  });
  const port = await listenOnLoopback(server);

  const proxy: CorsProxy = {
    url: `http://127.0.0.1:${port}`,
    preflights,
    requests,
    hold: false,
    count: () => preflights.length + requests.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
