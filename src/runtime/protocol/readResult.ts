import { AmazonUnmarshallingException } from '../errors/AmazonUnmarshallingException.js';
import type { ResponseMetadata } from './AmazonWebServiceResponse.js';
import type { RawResponse } from './parseErrorResponse.js';
import type { OperationShape } from './schema.js';
import { UnexpectedMemberError, unmarshallResponse } from './unmarshallResponse.js';

/**
 * Bodies are UTF-8; `fatal` makes malformed bytes an error rather than replacement characters. Made at
 * the first response, not at import: a TextDecoder costs a fraction of a millisecond to make.
 */
let utf8: TextDecoder | undefined;

/** The request id of a response: `x-amzn-RequestId`, or the spellings other AWS front ends use. */
export function requestIdOf(headers: Readonly<Record<string, string>>): string | undefined {
  return headers['x-amzn-requestid'] ?? headers['x-amzn-request-id'] ?? headers['x-amz-request-id'];
}

/**
 * The error for a 2xx answer the client could not read: the service has acted, so the call is not
 * retried, and the message says so; `requestId` is the one to ask AWS about.
 */
export function unreadableResult(operationName: string, statusCode: number, headers: Readonly<Record<string, string>>, why: string, cause?: unknown): AmazonUnmarshallingException {
  return new AmazonUnmarshallingException(`${operationName} was answered with HTTP ${statusCode} but its response ${why}; the operation may have been applied, so it was not retried.`, {
    statusCode,
    requestId: requestIdOf(headers),
    cause,
  });
}

/**
 * Builds the operation's response from a 2xx answer. A body that is not a JSON object, or a member of
 * the wrong type, gives {@link AmazonUnmarshallingException}; absent members are simply unset.
 */
export function readResult<Response>(operation: OperationShape<unknown, Response>, raw: RawResponse, retries: Pick<ResponseMetadata, 'Attempts' | 'TotalRetryDelay'>): Response {
  const unreadable = (why: string, cause?: unknown) => unreadableResult(operation.name, raw.statusCode, raw.headers, why, cause);
  let members: Record<string, unknown> = {};
  if (raw.body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse((utf8 ??= new TextDecoder('utf-8', { fatal: true })).decode(raw.body));
    } catch {
      // Not kept as the cause: V8's SyntaxError quotes the text around the fault, which can be part of a
      // SecretString, and util.inspect prints an error's cause.
      throw unreadable('body is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw unreadable('body is JSON but not an object');
    try {
      members = unmarshallResponse(operation.output, parsed as Record<string, unknown>);
    } catch (error) {
      if (error instanceof UnexpectedMemberError) throw unreadable(error.message);
      throw error;
    }
  }
  const requestId = requestIdOf(raw.headers);
  const declaredLength = Number(raw.headers['content-length']);
  return operation.createResponse(members, {
    HttpStatusCode: raw.statusCode,
    ContentLength: Number.isSafeInteger(declaredLength) ? declaredLength : raw.body.length,
    ResponseMetadata: { RequestId: requestId, Metadata: {}, Attempts: retries.Attempts, TotalRetryDelay: retries.TotalRetryDelay },
  });
}
