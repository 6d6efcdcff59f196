import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { ServiceError } from './ServiceError.js';

export interface EmulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

/** The request as the signature covers it: header names in lower case, the raw body. */
export interface SignedRequest {
  method: string;
  hostname: string;
  port?: number | undefined;
  path: string;
  query?: Record<string, string | string[] | null> | undefined;
  headers: Record<string, string>;
  body: string;
}

/** How far the signing time may be from the emulator's clock: 5 minutes, as AWS allows. */
export const MAX_SKEW_MS = 5 * 60_000;

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

// The errors and messages of AWS's JSON services for authentication (the client's clock-skew
// correction reads "Signature expired" and the server time in them).
const authError = (code: string, message: string) => new ServiceError(code, message, 400, false);
const badKey = () => authError('UnrecognizedClientException', 'The security token included in the request is invalid.');
const badSignature = () =>
  authError(
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );

/** 20240102T030405Z → Date; undefined when malformed. */
function parseAmzDate(text: string | undefined): Date | undefined {
  const m = text === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Checks a request's SigV4 signature as the service does: the access key must be one the emulator
 * was given, the signing time within five minutes of its clock, and the signature, recomputed with
 * @smithy/signature-v4 over the headers the request says it signed and the body it carries, equal to
 * the one sent. Throws the service's error when any of it fails.
 */
export async function checkSignature(request: SignedRequest, credentials: readonly EmulatorCredentials[], now: number): Promise<void> {
  const authorization = request.headers['authorization'];
  if (authorization === undefined) throw authError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = AUTH.exec(authorization.trim());
  if (!m) throw authError('IncompleteSignatureException', 'The Authorization header is not a complete AWS4-HMAC-SHA256 signature (Credential, SignedHeaders, Signature).');
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] = m as unknown as [string, string, string, string, string, string, string];
  const identity = credentials.find((c) => c.accessKeyId === accessKeyId);
  if (!identity) throw badKey();
  if ((identity.sessionToken ?? undefined) !== request.headers['x-amz-security-token']) throw badKey();
  if (service !== 'secretsmanager') throw authError('InvalidSignatureException', `Credential should be scoped to correct service: 'secretsmanager'.`);

  const signingDate = parseAmzDate(request.headers['x-amz-date']);
  if (!signingDate || amzDate(signingDate.getTime()).slice(0, 8) !== shortDate) {
    throw authError('IncompleteSignatureException', 'The X-Amz-Date header is missing, malformed or does not match the date of the credential scope.');
  }
  if (signingDate.getTime() < now - MAX_SKEW_MS) {
    throw authError('InvalidSignatureException', `Signature expired: ${amzDate(signingDate.getTime())} is now earlier than ${amzDate(now - MAX_SKEW_MS)} (${amzDate(now)} - 5 min.)`);
  }
  if (signingDate.getTime() > now + MAX_SKEW_MS) {
    throw authError('InvalidSignatureException', `Signature not yet current: ${amzDate(signingDate.getTime())} is still later than ${amzDate(now + MAX_SKEW_MS)} (${amzDate(now)} + 5 min.)`);
  }

  const signed = signedHeaderList.split(';');
  if (!signed.includes('host')) throw badSignature();
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = name === 'host' ? (request.headers['host'] ?? hostHeader(request)) : request.headers[name];
    if (value === undefined) throw badSignature();
    headers[name] = value;
  }
  // A signed x-amz-content-sha256 stands for the body in the signature: it must be the body's hash.
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== (await sha256Hex(request.body))) throw badSignature();

  const signer = new SignatureV4({ credentials: identity, region, service, sha256: Sha256, applyChecksum: false, uriEscapePath: true });
  const expected = await signer.sign(
    { method: request.method, protocol: 'https:', hostname: request.hostname, port: request.port, path: request.path, query: (request.query ?? {}) as Record<string, string>, headers, body: request.body },
    { signingDate, signingRegion: region, signingService: service, signableHeaders: new Set(signed) },
  );
  const recomputed = /Signature=([0-9a-f]{64})/.exec(String(expected.headers['authorization'] ?? ''))?.[1];
  const recomputedSigned = /SignedHeaders=([^,]+)/.exec(String(expected.headers['authorization'] ?? ''))?.[1];
  if (recomputed !== signature || recomputedSigned !== signedHeaderList) throw badSignature();
}

function hostHeader(request: SignedRequest): string {
  return request.port === undefined ? request.hostname : `${request.hostname}:${request.port}`;
}

async function sha256Hex(body: string): Promise<string> {
  const hash = new Sha256();
  hash.update(new TextEncoder().encode(body));
  const digest = await hash.digest();
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
