/**
 * Local stand-ins, on 127.0.0.1 (port 0), for the two remote sources of the Node credential chain:
 * the container credentials endpoint (ECS, EKS Pod Identity: `AWS_CONTAINER_CREDENTIALS_FULL_URI`)
 * and EC2 instance metadata (IMDS: `AWS_EC2_METADATA_SERVICE_ENDPOINT`). Each records every request
 * it receives and answers the credentials document as its `mode` says: properly, not at all (a stall),
 * with a 500, with a body that is not JSON, or with credentials that have already expired.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenOnLoopback } from './loopback.js';

/** How the credentials document is answered. */
export type MetadataMode = 'ok' | 'stall' | 'status500' | 'badJson' | 'expired';

/** One request as the stand-in received it. */
export interface MetadataRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** The credentials a stand-in hands out, in the AWS wire shape. */
export interface MetadataCredentials {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly Token: string;
}

interface Base {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly requests: MetadataRequest[];
  mode: MetadataMode;
  /** Destroys every open connection (a stalled one included), so nothing lingers into the next test. */
  dropConnections(): void;
  close(): Promise<void>;
}

const HOUR = 60 * 60 * 1000;

/** The document a stand-in answers in `mode` (undefined: stall). */
function credentialsBody(mode: MetadataMode, credentials: MetadataCredentials, extra: Record<string, string>): { status: number; body: string } | undefined {
  switch (mode) {
    case 'stall':
      return undefined;
    case 'status500':
      // A failing endpoint that still quotes the credentials: none of it may reach an error message.
      return { status: 500, body: JSON.stringify({ Code: 'InternalError', Message: `could not vend ${credentials.SecretAccessKey} / ${credentials.Token}` }) };
    case 'badJson':
      return { status: 200, body: `{"AccessKeyId":"${credentials.AccessKeyId}","SecretAccessKey":"${credentials.SecretAccessKey}","Token":"${credentials.Token}" oops` };
    case 'expired':
      return { status: 200, body: JSON.stringify({ ...extra, ...credentials, Expiration: new Date(Date.now() - HOUR).toISOString() }) };
    case 'ok':
      return { status: 200, body: JSON.stringify({ ...extra, ...credentials, Expiration: new Date(Date.now() + HOUR).toISOString() }) };
  }
}

async function listen(
  handler: (method: string, path: string, headers: IncomingHttpHeaders, res: ServerResponse) => void,
): Promise<{ url: string; requests: MetadataRequest[]; dropConnections(): void; close(): Promise<void> }> {
  const requests: MetadataRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '';
      requests.push({ method: req.method ?? '', path, headers: req.headers });
      handler(req.method ?? '', path, req.headers, res);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(res: ServerResponse, status: number, body: string, contentType = 'application/json'): void {
  // No keep-alive: a pooled socket that a test's clean-up closed must not fail the next test's first request.
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

export interface ContainerServer extends Base {
  /** `http://127.0.0.1:PORT/creds`, the value for `AWS_CONTAINER_CREDENTIALS_FULL_URI`. */
  readonly credentialsUrl: string;
  /** When set, a request without exactly this `Authorization` header gets 401. */
  authorization: string | undefined;
}

/** The container credentials endpoint: `GET /creds` → `{AccessKeyId, SecretAccessKey, Token, Expiration}`. */
export async function startContainerServer(credentials: MetadataCredentials): Promise<ContainerServer> {
  // The handler reads the settings from the object the test gets, so a test changes them in place.
  const settings = { mode: 'ok' as MetadataMode, authorization: undefined as string | undefined };
  const base = await listen((method, path, headers, res) => {
    if (method !== 'GET' || path !== '/creds') return answer(res, 404, '{"Code":"NotFound"}');
    if (settings.authorization !== undefined && headers.authorization !== settings.authorization) return answer(res, 401, '{"Code":"AccessDenied","Message":"bad token"}');
    const reply = credentialsBody(settings.mode, credentials, { RoleArn: 'arn:aws:iam::123456789012:role/task' });
    if (reply) answer(res, reply.status, reply.body);
  });
  return Object.assign(settings, base, { credentialsUrl: `${base.url}/creds` });
}

export const IMDS_TOKEN_PATH = '/latest/api/token';
export const IMDS_ROLE_PATH = '/latest/meta-data/iam/security-credentials/';
export const IMDS_ROLE = 'instance-role';
export const IMDS_SESSION_TOKEN = 'imds-session-token-0001';

export interface ImdsServer extends Base {
  /** The status the token `PUT` answers instead of a token (403, 404: no IMDSv2 here), or undefined for a token. */
  tokenStatus: number | undefined;
  /** Whether a `GET` without `x-aws-ec2-metadata-token` is answered (IMDSv1) rather than refused with 401. */
  acceptsV1: boolean;
}

/**
 * EC2 instance metadata as IMDSv2 answers it: `PUT /latest/api/token` (with a TTL header) gives a
 * session token, which every `GET` must carry in `x-aws-ec2-metadata-token` (else 401, unless
 * `acceptsV1`); the role list names one role; the role's document holds the credentials.
 */
export async function startImdsServer(credentials: MetadataCredentials): Promise<ImdsServer> {
  // The handler reads the settings from the object the test gets, so a test changes them in place.
  const settings = { mode: 'ok' as MetadataMode, tokenStatus: undefined as number | undefined, acceptsV1: false };
  const base = await listen((method, path, headers, res) => {
    if (method === 'PUT' && path === IMDS_TOKEN_PATH) {
      if (settings.tokenStatus !== undefined) return answer(res, settings.tokenStatus, '', 'text/plain');
      if (headers['x-aws-ec2-metadata-token-ttl-seconds'] === undefined) return answer(res, 400, '', 'text/plain');
      return answer(res, 200, IMDS_SESSION_TOKEN, 'text/plain');
    }
    if (method !== 'GET') return answer(res, 405, '', 'text/plain');
    const token = headers['x-aws-ec2-metadata-token'];
    if (token === undefined ? !settings.acceptsV1 : token !== IMDS_SESSION_TOKEN) return answer(res, 401, '', 'text/plain');
    if (path === IMDS_ROLE_PATH) return answer(res, 200, IMDS_ROLE, 'text/plain');
    if (path !== IMDS_ROLE_PATH + IMDS_ROLE) return answer(res, 404, '', 'text/plain');
    const reply = credentialsBody(settings.mode, credentials, { Code: 'Success', LastUpdated: new Date().toISOString(), Type: 'AWS-HMAC' });
    if (reply) answer(res, reply.status, reply.body, 'text/plain');
  });
  return Object.assign(settings, base);
}
