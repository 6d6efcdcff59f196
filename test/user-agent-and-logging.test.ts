// What the client says about itself and what it writes down. The user agent: `x-amz-user-agent` (and
// `user-agent` in Node) names this SDK and its version, the user-agent format, the runtime, the API,
// the retry mode and the app id, and is never signed. The logger: one line per attempt, with what
// happened and what comes next, and nothing secret. destroy() and Symbol.asyncDispose close the pool.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AmazonClientException,
  type AmazonSecretsManagerConfig,
  type HttpRequest,
  HttpRequestException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '../src/index.node.js';
import { SecretsManagerClient as WebSecretsManagerClient } from '../src/index.js';
import { countingHandler, rejection } from './helpers/countingHandler.js';
import { listenOnLoopback } from './helpers/loopback.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const ACCESS_KEY_ID = 'ASIAQUITESECRETKEY01';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYLOGSECRETKEY';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDlogtoken';
const CREDENTIALS = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, sessionToken: SESSION_TOKEN };
const SECRET_ID = 'prod/payments/db-master-password-7f3a';
const CLIENT_REQUEST_TOKEN = 'a6f2c1d4-5e7f-4a8b-9c0d-1e2f3a4b5c6d';
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/db-master-password-7f3a-AbCdEf';

/** The SignedHeaders list of a SigV4 Authorization header. */
function signedHeadersOf(request: HttpRequest): string[] {
  const match = /SignedHeaders=([^,]+),/.exec(request.headers.authorization ?? '');
  if (!match) throw new Error(`no SignedHeaders in ${request.headers.authorization}`);
  return match[1]!.split(';');
}

async function sentBy(config: AmazonSecretsManagerConfig = {}): Promise<HttpRequest> {
  const handler = countingHandler();
  await new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: handler, ...config }).rotateSecretAsync({ SecretId: 's' });
  return handler.requests[0]!;
}

const NODE_USER_AGENT = [
  `amazon-secretsmanager/${VERSION}`,
  'ua/2.1',
  'lang/js',
  `md/nodejs#${process.versions.node}`,
  `os/${process.platform}`,
  'api/secrets_manager#2017-10-17',
  'cfg/retry-mode#standard',
];

describe('the user agent', () => {
  it(`Node: x-amz-user-agent and user-agent name the SDK and version, ua/2.1, lang/js, md/nodejs, os, the API and the retry mode`, async () => {
    const request = await sentBy();
    expect(request.headers['x-amz-user-agent']!.split(' ')).toEqual(NODE_USER_AGENT);
    expect(request.headers['user-agent']).toBe(request.headers['x-amz-user-agent']);
  });

  it('ends with app/<id> when userAgentAppId is given', async () => {
    const request = await sentBy({ userAgentAppId: 'payments-rotator_2.1' });
    expect(request.headers['x-amz-user-agent']!.split(' ')).toEqual([...NODE_USER_AGENT, 'app/payments-rotator_2.1']);
  });

  it('characters a header cannot carry in the app id become "-"', async () => {
    const request = await sentBy({ userAgentAppId: 'my app/été\u0000(1)' });
    expect(request.headers['x-amz-user-agent']!.split(' ').at(-1)).toBe('app/my-app--t---1-');
    expect(request.headers['user-agent']!.split(' ').at(-1)).toBe('app/my-app--t---1-');
  });

  it('the web entry sends x-amz-user-agent with md/web, and no user-agent (a page cannot set it)', async () => {
    const handler = countingHandler();
    await new WebSecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: handler, userAgentAppId: 'webapp' }).rotateSecretAsync({ SecretId: 's' });
    const request = handler.requests[0]!;
    expect(request.headers['x-amz-user-agent']!.split(' ')).toEqual([
      `amazon-secretsmanager/${VERSION}`,
      'ua/2.1',
      'lang/js',
      'md/web',
      'api/secrets_manager#2017-10-17',
      'cfg/retry-mode#standard',
      'app/webapp',
    ]);
    expect(Object.keys(request.headers).map((name) => name.toLowerCase())).not.toContain('user-agent');
  });

  it('is not in SignedHeaders, in either entry', async () => {
    const node = await sentBy();
    const handler = countingHandler();
    await new WebSecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: handler }).rotateSecretAsync({ SecretId: 's' });
    for (const request of [node, handler.requests[0]!]) {
      const signed = signedHeadersOf(request);
      expect(signed).toContain('x-amz-target');
      expect(signed).toContain('host');
      expect(signed).not.toContain('user-agent');
      expect(signed).not.toContain('x-amz-user-agent');
    }
  });

  it('reaches the server as sent through the default Node transport (node:http does not put its own in)', async () => {
    const server = await startServiceStandIn();
    try {
      server.script.push({ status: 200, body: JSON.stringify({ ARN, Name: SECRET_ID }) });
      const client = new SecretsManagerClient({ region: 'us-east-1', serviceURL: server.url, credentials: CREDENTIALS, userAgentAppId: 'wire' });
      await client.rotateSecretAsync({ SecretId: 's' });
      client.destroy();
      const headers = server.received[0]!.headers;
      expect(headers['user-agent']).toBe([...NODE_USER_AGENT, 'app/wire'].join(' '));
      expect(headers['x-amz-user-agent']).toBe(headers['user-agent']);
    } finally {
      await server.close();
    }
  });
});

/** One scripted answer of the stand-in: a response, or `hang-up` (the connection is dropped unanswered). */
type Scripted = { status: number; body: string; requestId?: string } | 'hang-up';

interface ServiceStandIn {
  readonly url: string;
  /** Answers for the coming requests, in order; when empty, 200 with an empty object. */
  readonly script: Scripted[];
  readonly received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  /** Connections accepted and not yet closed. */
  readonly openSockets: Set<Socket>;
  /** Resolves once every connection accepted so far has closed (fails after `ms`). */
  allClosed(ms?: number): Promise<void>;
  /** Closes every connection from the server's side, so that a test starts with none open. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** A node:http stand-in for the service on 127.0.0.1 that answers from a script and tracks its connections. */
async function startServiceStandIn(): Promise<ServiceStandIn> {
  const script: Scripted[] = [];
  const received: ServiceStandIn['received'] = [];
  const openSockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const next = script.shift() ?? { status: 200, body: '{}' };
      if (next === 'hang-up') {
        req.socket.destroy();
        return;
      }
      res.writeHead(next.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': next.requestId ?? `req-${received.length}` });
      res.end(next.body);
    });
  });
  server.on('connection', (socket: Socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    script,
    received,
    openSockets,
    async allClosed(ms = 1000) {
      const deadline = Date.now() + ms;
      while (openSockets.size > 0) {
        if (Date.now() > deadline) throw new Error(`${openSockets.size} connection(s) still open after ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    dropConnections() {
      for (const socket of openSockets) socket.destroy();
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the logger: one line per attempt, and nothing secret', () => {
  let server: ServiceStandIn;
  const clients: SecretsManagerClient[] = [];
  beforeAll(async () => {
    server = await startServiceStandIn();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    server.script.length = 0;
    server.received.length = 0;
  });

  /** A client on the stand-in whose logger collects lines; backoff is random() 0.5 → 50 ms, waited instantly. */
  function loggedClient(config: AmazonSecretsManagerConfig = {}): { client: SecretsManagerClient; lines: string[] } {
    const lines: string[] = [];
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      serviceURL: server.url,
      credentials: CREDENTIALS,
      logger: { info: (line: string) => void lines.push(line) },
      random: () => 0.5,
      sleep: async () => {},
      ...config,
    });
    clients.push(client);
    return { client, lines };
  }

  const request = { SecretId: SECRET_ID, ClientRequestToken: CLIENT_REQUEST_TOKEN };

  it('a success: one line with the target, attempt 1/3, HTTP 200, the latency and the request id', async () => {
    server.script.push({ status: 200, body: JSON.stringify({ ARN, Name: SECRET_ID, VersionId: CLIENT_REQUEST_TOKEN }), requestId: 'req-ok-0001' });
    const { client, lines } = loggedClient();
    await client.rotateSecretAsync(request);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^secretsmanager\.RotateSecret attempt 1\/3: HTTP 200 in \d+ ms, request id req-ok-0001$/);
  });

  it('a service error that is not retried: the status, the error code, the request id and "not retried"', async () => {
    server.script.push({ status: 400, body: JSON.stringify({ __type: 'ResourceNotFoundException', message: `Secrets Manager can't find ${SECRET_ID}.` }), requestId: 'req-missing-0001' });
    const { client, lines } = loggedClient();
    expect(await rejection(client.rotateSecretAsync(request))).toBeInstanceOf(ResourceNotFoundException);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^secretsmanager\.RotateSecret attempt 1\/3: HTTP 400 ResourceNotFoundException in \d+ ms, request id req-missing-0001; not retried$/);
  });

  it('a 500 that is retried: "retrying in N ms" with the backoff, then the success', async () => {
    server.script.push({ status: 500, body: JSON.stringify({ __type: 'InternalServiceError', message: 'try again' }), requestId: 'req-500-0001' });
    server.script.push({ status: 200, body: JSON.stringify({ ARN, Name: SECRET_ID }), requestId: 'req-ok-0002' });
    const { client, lines } = loggedClient();
    await client.rotateSecretAsync(request);
    expect(server.received).toHaveLength(2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^secretsmanager\.RotateSecret attempt 1\/3: HTTP 500 InternalServiceError in \d+ ms, request id req-500-0001; retrying in 50 ms$/);
    expect(lines[1]).toMatch(/^secretsmanager\.RotateSecret attempt 2\/3: HTTP 200 in \d+ ms, request id req-ok-0002$/);
  });

  it('a transport failure on every attempt: the failure, no request id, then "not retried" on the last', async () => {
    server.script.push('hang-up', 'hang-up');
    const { client, lines } = loggedClient({ maxErrorRetry: 1 });
    expect(await rejection(client.rotateSecretAsync(request))).toBeInstanceOf(HttpRequestException);
    expect(server.received).toHaveLength(2);
    expect(lines).toEqual([
      expect.stringMatching(/^secretsmanager\.RotateSecret attempt 1\/2: HttpRequestException in \d+ ms; retrying in 50 ms$/),
      expect.stringMatching(/^secretsmanager\.RotateSecret attempt 2\/2: HttpRequestException in \d+ ms; not retried$/),
    ]);
  });

  it('the latency is measured with the client clock', async () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    // Every reading of the clock moves it on by 7 ms: the line reports the time the attempt took by it.
    const clock = () => new Date((now += 7));
    const { client, lines } = loggedClient({ clock });
    await client.rotateSecretAsync(request);
    const latency = Number(/ in (\d+) ms/.exec(lines[0]!)![1]);
    expect(latency).toBeGreaterThan(0);
    expect(latency % 7).toBe(0);
  });

  it('nothing secret is ever logged: no key, token, Authorization header, signature or request body', async () => {
    server.script.push({ status: 200, body: JSON.stringify({ ARN, Name: SECRET_ID }) });
    server.script.push({ status: 400, body: JSON.stringify({ __type: 'ResourceNotFoundException', Message: `no ${SECRET_ID} with token ${CLIENT_REQUEST_TOKEN}` }) });
    server.script.push({ status: 500, body: JSON.stringify({ __type: 'InternalServiceError', message: `${SECRET_ID} ${SESSION_TOKEN}` }) });
    server.script.push({ status: 200, body: JSON.stringify({ ARN, Name: SECRET_ID }) });
    server.script.push('hang-up', 'hang-up', 'hang-up');
    const { client, lines } = loggedClient();
    await client.rotateSecretAsync(request);
    await rejection(client.rotateSecretAsync(request));
    await client.rotateSecretAsync(request);
    await rejection(client.rotateSecretAsync(request));
    expect(lines).toHaveLength(server.received.length);
    expect(lines).toHaveLength(7);

    const authorizations = server.received.map((received) => received.headers.authorization!);
    const signatures = authorizations.map((authorization) => /Signature=([0-9a-f]{64})/.exec(authorization)![1]!);
    expect(server.received.every((received) => received.body.includes(SECRET_ID) && received.body.includes(CLIENT_REQUEST_TOKEN))).toBe(true);
    const forbidden = [
      SECRET_ACCESS_KEY,
      SESSION_TOKEN,
      ACCESS_KEY_ID,
      SECRET_ID,
      CLIENT_REQUEST_TOKEN,
      ...authorizations,
      ...signatures,
      ...server.received.map((received) => received.body),
    ];
    const log = lines.join('\n');
    for (const text of forbidden) expect(log).not.toContain(text);
    // And no fragment of them either: no signature-sized hex, no piece of the secret key.
    expect(log).not.toMatch(/[0-9a-f]{32}/);
    expect(log).not.toContain('K7MDENG');
    expect(log).not.toContain('payments');
  });
});

describe('destroy() and Symbol.asyncDispose', () => {
  let server: ServiceStandIn;
  beforeAll(async () => {
    server = await startServiceStandIn();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    server.dropConnections();
  });

  function pooledClient(): SecretsManagerClient {
    return new SecretsManagerClient({ region: 'us-east-1', serviceURL: server.url, credentials: CREDENTIALS });
  }

  async function expectClosedAndRefusing(client: SecretsManagerClient, requestsBefore: number): Promise<void> {
    await server.allClosed();
    const error = await rejection(client.rotateSecretAsync({ SecretId: 's' }));
    expect(error).toBeInstanceOf(AmazonClientException);
    expect((error as Error).message).toContain('destroyed');
    expect(server.received).toHaveLength(requestsBefore);
  }

  it('destroy() closes the pooled connections (the server sees them close) and later calls reject with AmazonClientException', async () => {
    const client = pooledClient();
    await client.rotateSecretAsync({ SecretId: 's' });
    await client.rotateSecretAsync({ SecretId: 's' });
    // Keep-alive: the pool holds its connection open between calls.
    expect(server.openSockets.size).toBeGreaterThan(0);
    client.destroy();
    await expectClosedAndRefusing(client, server.received.length);
  });

  it('client[Symbol.asyncDispose]() does the same', async () => {
    const client = pooledClient();
    await client.rotateSecretAsync({ SecretId: 's' });
    expect(server.openSockets.size).toBeGreaterThan(0);
    const dispose = (client as unknown as AsyncDisposable)[Symbol.asyncDispose];
    expect(typeof dispose).toBe('function');
    await dispose.call(client);
    await expectClosedAndRefusing(client, server.received.length);
  });

  it('`await using` disposes of the client at the end of the block', async () => {
    let kept: SecretsManagerClient | undefined;
    {
      // The cast: the class's type does not declare [Symbol.asyncDispose], though the runtime has it.
      await using client = pooledClient() as SecretsManagerClient & AsyncDisposable;
      await client.rotateSecretAsync({ SecretId: 's' });
      expect(server.openSockets.size).toBeGreaterThan(0);
      kept = client;
    }
    await expectClosedAndRefusing(kept, server.received.length);
  });

  it('destroy() before any call, and twice, is harmless; the call afterwards still rejects without sending', async () => {
    const client = pooledClient();
    const before = server.received.length;
    client.destroy();
    client.destroy();
    await expectClosedAndRefusing(client, before);
  });
});
