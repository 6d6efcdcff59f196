import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerEmulator, type SecretsManagerEmulatorOptions } from '../SecretsManagerEmulator.js';

export interface EmulatorServerOptions extends SecretsManagerEmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1: reachable from this machine only. */
  host?: string;
  /** Serve this emulator instead of a new one. */
  emulator?: SecretsManagerEmulator;
}

export interface EmulatorServer {
  /** `http://127.0.0.1:PORT`: the endpoint to give a client (`serviceURL`, `--endpoint-url`, `endpoint_url`). */
  readonly endpoint: string;
  readonly port: number;
  readonly emulator: SecretsManagerEmulator;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

// A page on another origin may call the emulator: preflights are answered, and the request id and
// error type are readable from script (the headers the service's CORS answer exposes).
const CORS = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, x-amz-target, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256, amz-sdk-invocation-id, amz-sdk-request',
  'access-control-expose-headers': 'x-amzn-RequestId, x-amzn-ErrorType',
  'access-control-max-age': '600',
};

/**
 * The emulator behind a local HTTP server, for clients in other processes: the AWS CLI
 * (`aws --endpoint-url`), boto3 (`endpoint_url`), AWS's JavaScript client (`endpoint`), this one
 * (`serviceURL`).
 */
export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const { port = 0, host = '127.0.0.1', emulator: given, ...emulatorOptions } = options;
  const emulator = given ?? new SecretsManagerEmulator(emulatorOptions);
  const server = createServer((req, res) => {
    answer(emulator, req, res).catch((error: unknown) => {
      emulator.internalErrors.push(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    endpoint: `http://${shownHost}:${address.port}`,
    port: address.port,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(emulator: SecretsManagerEmulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = req.headers.origin;
  const cors = origin ? { ...CORS, 'access-control-allow-origin': origin, vary: 'origin' } : {};
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const hostHeader = headers['host'] ?? '';
  const hostMatch = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader);
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  const response = await emulator.respond({
    method: req.method ?? 'GET',
    protocol: 'http:',
    hostname: hostMatch?.[1] ?? '',
    port: hostMatch?.[2] === undefined ? undefined : Number(hostMatch[2]),
    path: url.pathname,
    query,
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  });
  const body = Buffer.from(response.body, 'utf8');
  const errorType = response.statusCode >= 400 ? (JSON.parse(response.body) as { __type?: string }).__type : undefined;
  res.writeHead(response.statusCode, {
    ...response.headers,
    ...(errorType && { 'x-amzn-errortype': errorType }),
    'content-length': body.length,
    ...cors,
  });
  res.end(body);
}
