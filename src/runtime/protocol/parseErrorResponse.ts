import type { AmazonServiceException, AmazonServiceExceptionClass, ErrorType } from '../errors/AmazonServiceException.js';
import { requestIdOf } from './readResult.js';
import type { OperationShape, ServiceShape } from './schema.js';

/** The parts of an HTTP response the error parser reads; header names already in lower case. */
export interface RawResponse {
  statusCode: number;
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
}

interface ErrorFields {
  /** The body's `__type` (JSON) or `<Code>` (XML). */
  code?: string | undefined;
  /** A top-level `code` key of a JSON body, in any case: the last resort for the code. */
  bodyCode?: string | undefined;
  message?: string | undefined;
  type?: ErrorType | undefined;
  requestId?: string | undefined;
  /** Why no fields could be read, for the message. */
  unreadable?: string;
}

/** Made at the first error response, not at import. */
let decoder: TextDecoder | undefined;

/**
 * Strips what AWS protocols allow around an error code, as Smithy's awsJson1_1 rules say: anything from
 * the first `:` on (a URI), then anything up to the last `#` (a namespace).
 * `aws.protocoltests.json#FooError:http://internal.amazon.com/...` → `FooError`.
 */
export function sanitizeErrorCode(raw: string): string {
  const colon = raw.indexOf(':');
  const withoutUri = colon === -1 ? raw : raw.slice(0, colon);
  return withoutUri.slice(withoutUri.lastIndexOf('#') + 1).trim();
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

function xmlField(text: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text);
  if (!match?.[1]) return undefined;
  // One pass, so that `&amp;lt;` becomes `&lt;` and not `<`.
  return match[1].replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|quot|apos|amp));/g, (entity, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return XML_ENTITIES[name]!;
    const codePoint = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
  });
}

/**
 * Error bodies from front ends (and the emulator's signature checks) are XML:
 * `<ErrorResponse><Error><Code>…</Code><Message>…</Message><Type>Sender</Type></Error>…`.
 */
function readXml(text: string): ErrorFields {
  const type = xmlField(text, 'Type');
  return {
    code: xmlField(text, 'Code'),
    message: xmlField(text, 'Message'),
    type: type === 'Sender' || type === 'Receiver' ? type : undefined,
    requestId: xmlField(text, 'RequestId') ?? xmlField(text, 'RequestID'),
  };
}

/** Only top-level keys count: a nested `__type` (error details) is not the error's code. */
function readJson(text: string): ErrorFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { unreadable: 'is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { unreadable: 'is JSON but not an object' };
  const body = parsed as Record<string, unknown>;
  const codeKey = Object.keys(body).find((key) => key.toLowerCase() === 'code');
  return {
    code: asString(body.__type),
    bodyCode: codeKey === undefined ? undefined : asString(body[codeKey]),
    message: asString(body.message) ?? asString(body.Message),
  };
}

function describeBody(response: RawResponse, why: string): string {
  const contentType = response.headers['content-type'];
  return `a body that ${why}${contentType ? ` (${contentType.split(';')[0]}, ${response.body.length} bytes)` : ` (${response.body.length} bytes)`}`;
}

/**
 * Turns an error response into the exception to throw. The code is read as the .NET SDK reads it for
 * awsJson1_1 (body `__type`, else the `x-amzn-ErrorType` header, else a top-level `code`), or from an
 * XML body. It maps by code, never by status: the same error arrives as 400 from the service and 404
 * from emulators. A code the operation does not document gives the service's base exception.
 */
export function parseErrorResponse(response: RawResponse, operation: OperationShape, service: ServiceShape): AmazonServiceException {
  const { statusCode, headers, body } = response;
  const text = (decoder ??= new TextDecoder()).decode(body);
  const trimmed = text.trimStart();
  let fields: ErrorFields;
  if (trimmed === '') fields = { unreadable: 'is empty' };
  else if (trimmed.startsWith('<')) fields = readXml(trimmed);
  else fields = readJson(text);

  // Precedence as .NET reads it: body `__type`, then the x-amzn-ErrorType header, then a body `code`.
  const rawCode = fields.code ?? asString(headers['x-amzn-errortype']) ?? fields.bodyCode;
  const code = rawCode === undefined ? undefined : sanitizeErrorCode(rawCode) || undefined;
  const requestId = requestIdOf(headers) ?? fields.requestId;
  // hasOwn: a code such as `constructor` or `__proto__` must not find Object.prototype's members.
  const modelled = code === undefined || !Object.hasOwn(operation.errors, code) ? undefined : (operation.errors[code] as (AmazonServiceExceptionClass & { fault?: string }) | undefined);
  const errorType: ErrorType = modelled?.fault === 'server' ? 'Receiver' : modelled?.fault === 'client' ? 'Sender' : (fields.type ?? 'Unknown');

  let message = fields.message ?? asString(headers['x-amzn-error-message']);
  if (message === undefined) {
    const what = fields.unreadable && !trimmed.startsWith('<') ? describeBody(response, fields.unreadable) : 'no error message';
    message =
      code === undefined
        ? `${operation.name} failed with HTTP ${statusCode} and ${what}; the answer may come from a proxy or load balancer rather than the service.`
        : `${operation.name} failed with error code ${code} (HTTP ${statusCode}) and ${what}.`;
  }
  const ExceptionClass = modelled ?? service.exception;
  return new ExceptionClass(message, { errorCode: code, errorType, statusCode, requestId });
}
