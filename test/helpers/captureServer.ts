/**
 * A real `node:http` server on 127.0.0.1 (port 0) that records every request exactly as it arrived
 * (method, url, `req.rawHeaders`, the raw body bytes) and answers a RotateSecret success. Used by
 * the wire and signing tests to see what rotateSecretAsync puts on the wire.
 *
 * `routedDispatcher(port)` is an undici Agent that sends every request, whatever its URL's host, to
 * this server: the golden test uses it to capture the real wire bytes of a request addressed to the
 * real endpoint (fixed host, hence a fixed signature) while the server's port varies per run.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type AmazonSecretsManagerConfig, type IRotateSecretRequest, SecretsManagerClient } from '../../src/index.node.js';
import { listenOnLoopback, readAll } from './loopback.js';

/** One request as the server received it. */
export interface CapturedRequest {
  readonly method: string;
  readonly url: string;
  /** `req.rawHeaders`: names in the case they were sent, in order, duplicates kept. */
  readonly rawHeaders: readonly string[];
  /** The body bytes exactly as received. */
  readonly body: Buffer;
}

/** The answer's request id (`x-amzn-RequestId`). */
export const CAPTURE_REQUEST_ID = 'c0ffee00-0000-4000-8000-000000000001';
export const CAPTURE_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf';
/** The VersionId answered when the request carries no readable ClientRequestToken. */
export const CAPTURE_FALLBACK_VERSION_ID = 'EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE';

export interface CaptureServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Every request received since the start (or the last `clear()`), oldest first. */
  readonly requests: CapturedRequest[];
  /** The only request received; fails when there is not exactly one. */
  only(): CapturedRequest;
  clear(): void;
  close(): Promise<void>;
}

/** The token the request carries, echoed as the new VersionId the way the service does. */
function versionIdOf(body: Buffer): string {
  try {
    const token = (JSON.parse(body.toString('utf8')) as { ClientRequestToken?: unknown }).ClientRequestToken;
    return typeof token === 'string' ? token : CAPTURE_FALLBACK_VERSION_ID;
  } catch {
    return CAPTURE_FALLBACK_VERSION_ID;
  }
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void readAll(req).then((body) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: [...req.rawHeaders], body });
      const answer = JSON.stringify({ ARN: CAPTURE_ARN, Name: 's', VersionId: versionIdOf(body) });
      res.writeHead(200, {
        'Content-Type': 'application/x-amz-json-1.1',
        'Content-Length': Buffer.byteLength(answer),
        'x-amzn-RequestId': CAPTURE_REQUEST_ID,
      });
      res.end(answer);
    });
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    only() {
      if (requests.length !== 1) throw new Error(`expected exactly one captured request, got ${requests.length}`);
      return requests[0]!;
    },
    clear() {
      requests.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts one capture server for the file (beforeAll) and stops it after (afterAll); call the result inside tests. */
export function useCaptureServer(): () => CaptureServer {
  let server: CaptureServer | undefined;
  beforeAll(async () => {
    server = await startCaptureServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the capture server is not running (useCaptureServer() must be called at file or describe level)');
    return server;
  };
}

/** An undici Agent whose every connection goes to 127.0.0.1:port in plain TCP, whatever the URL says. */
export function routedDispatcher(port: number): Agent {
  return new Agent({
    connect: (_options, callback) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => callback(null, socket));
      socket.once('error', (error) => callback(error, null));
    },
  });
}

/** Header names (lower case) → values, from raw headers; a repeated header keeps every value in order. */
export function headerMap(rawHeaders: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    map.set(name, [...(map.get(name) ?? []), rawHeaders[i + 1]!]);
  }
  return map;
}

/** method + path, the headers sorted by lower-case name (each value on its own line), a blank line, the body. */
export function canonicalWire(request: CapturedRequest): string {
  const headers = [...headerMap(request.rawHeaders)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([name, values]) => values.map((value) => `${name}: ${value}`))
    // The user agent names the Node version and OS running the test; it is not signed, so only it varies.
    .map((line) => line.replace(/md\/nodejs#[\d.]+ os\/\w+/, 'md/nodejs#<version> os/<platform>'));
  return `${[`${request.method} ${request.url}`, ...headers, '', request.body.toString('utf8')].join('\n')}\n`;
}

/** The single value of a header; fails if it is missing or repeated. */
export function header(request: CapturedRequest, name: string): string {
  const values = headerMap(request.rawHeaders).get(name.toLowerCase());
  if (values === undefined) throw new Error(`header ${name} was not sent`);
  if (values.length !== 1) throw new Error(`header ${name} was sent ${values.length} times: ${JSON.stringify(values)}`);
  return values[0]!;
}

/**
 * Clients pointed at the capture server with fixed clock, token and credentials, destroyed after each
 * test; `capture(request)` sends one call and returns what the server received.
 */
export function useCaptureClients(
  server: () => CaptureServer,
  defaults: { credentials: AmazonSecretsManagerConfig['credentials']; now: Date; token: string },
): {
  client(overrides?: AmazonSecretsManagerConfig): SecretsManagerClient;
  capture(request: IRotateSecretRequest, config?: AmazonSecretsManagerConfig): Promise<CapturedRequest>;
} {
  const clients: SecretsManagerClient[] = [];
  const client = (overrides: AmazonSecretsManagerConfig = {}) => {
    const created = new SecretsManagerClient({
      region: 'us-east-1',
      serviceURL: server().url,
      credentials: defaults.credentials,
      clock: () => defaults.now,
      randomUUID: () => defaults.token,
      ...overrides,
    });
    clients.push(created);
    return created;
  };
  beforeEach(() => server().clear());
  afterEach(() => {
    for (const created of clients.splice(0)) created.destroy();
  });
  return {
    client,
    async capture(request, config) {
      server().clear();
      await client(config).rotateSecretAsync(request);
      return server().only();
    },
  };
}
