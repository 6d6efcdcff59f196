// How responses become typed exceptions: every error response goes through the real client (sign, send
// to a canned transport, read, parse) and must come out as the right AmazonServiceException subclass.
import { inspect } from 'node:util';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as src from '../src/index.node.js';
import {
  AmazonClientException,
  AmazonSecretsManagerException,
  AmazonServiceException,
  AmazonUnmarshallingException,
  InternalServiceErrorException,
  InvalidParameterException,
  InvalidRequestException,
  ResourceNotFoundException,
  RotateSecretResponse,
  isAmazonClientException,
  isAmazonSecretsManagerException,
  isAmazonServiceException,
  isInternalServiceErrorException,
  isInvalidParameterException,
  isInvalidRequestException,
  isResourceNotFoundException,
} from '../src/index.node.js';
import { cannedClient, rotateFailsWith, type CannedAnswer, type CannedResponse } from './helpers/cannedResponse.js';

type SdkModule = typeof src;

const JSON_11 = { 'Content-Type': 'application/x-amz-json-1.1' };
const URI = 'http://internal.amazon.com/coral/com.amazon.coral.validate/';

/** Runs one call against the canned answer and requires it to fail with an AmazonServiceException. */
async function serviceError(answer: CannedAnswer): Promise<AmazonServiceException> {
  const error = await rotateFailsWith(answer);
  if (!(error instanceof AmazonServiceException)) {
    throw new Error(`expected an AmazonServiceException, got ${Object.prototype.toString.call(error)}: ${String((error as Error)?.stack ?? error)}`);
  }
  return error;
}

/** Runs one call against the canned answer and requires it to succeed. */
function rotateSucceeds(answer: CannedAnswer): Promise<RotateSecretResponse> {
  return cannedClient(answer).client.rotateSecretAsync({ SecretId: 'MySecret' });
}

/** The guards of the four modelled errors, by class name. */
const GUARDS = {
  ResourceNotFoundException: isResourceNotFoundException,
  InvalidParameterException: isInvalidParameterException,
  InvalidRequestException: isInvalidRequestException,
  InternalServiceErrorException: isInternalServiceErrorException,
} as const;

/** The generated fallback message for a known code and no message, e.g. "... error code FooError (HTTP 500) ...". */
const fallbackMessage = (code: string, status: number) => new RegExp(`^RotateSecret failed with error code ${code} \\(HTTP ${status}\\)`);

// ---------------------------------------------------------------------------------------------------------
// 1. Conformance: the Smithy awsJson1_1 error-parsing tests (rows 1–14: the httpResponseTests of
//    https://github.com/smithy-lang/smithy/blob/main/smithy-aws-protocol-tests/model/awsJson1_1/errors.smithy), then our extra
//    edge cases (rows 15–21) with the behaviour chosen for this SDK (.NET's precedence).
// ---------------------------------------------------------------------------------------------------------

interface ProtocolCase {
  row: number;
  id: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The error code the client must report; `undefined` when the response carries none. */
  code: string | undefined;
  /** The message the client must report; `undefined` means the generated one. */
  message?: string;
}

const PROTOCOL_CASES: ProtocolCase[] = [
  { row: 1, id: 'AwsJson11InvalidGreetingError', status: 400, headers: JSON_11, body: '{"__type": "InvalidGreeting", "Message": "Hi"}', code: 'InvalidGreeting', message: 'Hi' },
  { row: 2, id: 'AwsJson11ComplexError', status: 400, headers: JSON_11, body: '{"__type": "ComplexError", "TopLevel": "Top level", "Nested": {"Foo": "bar"}}', code: 'ComplexError' },
  { row: 3, id: 'AwsJson11EmptyComplexError', status: 400, headers: JSON_11, body: '{"__type": "ComplexError"}', code: 'ComplexError' },
  { row: 4, id: 'AwsJson11FooErrorUsingXAmznErrorType', status: 500, headers: { 'X-Amzn-Errortype': 'FooError' }, body: '', code: 'FooError' },
  { row: 5, id: 'AwsJson11FooErrorUsingXAmznErrorTypeWithUri', status: 500, headers: { 'X-Amzn-Errortype': `FooError:${URI}` }, body: '', code: 'FooError' },
  { row: 6, id: 'AwsJson11FooErrorUsingXAmznErrorTypeWithUriAndNamespace', status: 500, headers: { 'X-Amzn-Errortype': `aws.protocoltests.json#FooError:${URI}` }, body: '', code: 'FooError' },
  { row: 7, id: 'AwsJson11FooErrorUsingCode', status: 500, headers: JSON_11, body: '{"code": "FooError"}', code: 'FooError' },
  { row: 8, id: 'AwsJson11FooErrorUsingCodeAndNamespace', status: 500, headers: JSON_11, body: '{"code": "aws.protocoltests.json#FooError"}', code: 'FooError' },
  { row: 9, id: 'AwsJson11FooErrorUsingCodeUriAndNamespace', status: 500, headers: JSON_11, body: `{"code": "aws.protocoltests.json#FooError:${URI}"}`, code: 'FooError' },
  { row: 10, id: 'AwsJson11FooErrorWithDunderType', status: 500, headers: JSON_11, body: '{"__type": "FooError"}', code: 'FooError' },
  { row: 11, id: 'AwsJson11FooErrorWithDunderTypeAndNamespace', status: 500, headers: JSON_11, body: '{"__type": "aws.protocoltests.json#FooError"}', code: 'FooError' },
  { row: 12, id: 'AwsJson11FooErrorWithDunderTypeAndDifferentNamespace', status: 500, headers: JSON_11, body: '{"__type": "aws.different.namespace#FooError"}', code: 'FooError' },
  { row: 13, id: 'AwsJson11FooErrorWithDunderTypeUriAndNamespace', status: 500, headers: JSON_11, body: `{"__type": "aws.protocoltests.json#FooError:${URI}"}`, code: 'FooError' },
  {
    row: 14,
    id: 'AwsJson11FooErrorWithNestedTypeProperty',
    status: 500,
    headers: JSON_11,
    body: '{"__type": "aws.protocoltests.json#FooError", "ErrorDetails": [{"__type": "com.amazon.internal#ErrorDetails", "reason": "Some reason"}]}',
    code: 'FooError',
  },
  // Extra rows: where the SDKs disagree, this SDK follows .NET.
  { row: 15, id: 'X-BodyTypeAndHeaderDisagree (body __type beats the header)', status: 400, headers: { 'x-amzn-ErrorType': 'HeaderError' }, body: '{"__type":"BodyError","message":"m"}', code: 'BodyError', message: 'm' },
  { row: 16, id: 'X-CodeAndHeader (the header beats a body code, as in .NET)', status: 400, headers: { 'x-amzn-ErrorType': 'HeaderError' }, body: '{"code":"CodeError"}', code: 'HeaderError' },
  { row: 17, id: 'X-CapitalCodeKey (Code accepted)', status: 400, headers: {}, body: '{"Code":"CodeError","Message":"m"}', code: 'CodeError', message: 'm' },
  { row: 18, id: 'X-MessageCapitalAndLower (message preferred over Message)', status: 400, headers: {}, body: '{"__type":"E","Message":"upper","message":"lower"}', code: 'E', message: 'lower' },
  { row: 19, id: 'X-EmptyBody500', status: 500, headers: {}, body: '', code: undefined },
  { row: 20, id: 'X-NonJsonBody', status: 400, headers: {}, body: 'not json', code: undefined },
  {
    row: 21,
    id: 'X-SecretsManagerRealShape',
    status: 400,
    headers: { 'x-amzn-RequestId': 'r' },
    body: `{"__type":"ResourceNotFoundException","Message":"Secrets Manager can't find the specified secret."}`,
    code: 'ResourceNotFoundException',
    message: "Secrets Manager can't find the specified secret.",
  },
];

describe('awsJson1_1 error parsing (Smithy protocol tests and extra edge cases)', () => {
  it.each(PROTOCOL_CASES)('row $row: $id → $code', async ({ status, headers, body, code, message }) => {
    const error = await serviceError({ statusCode: status, headers, body });
    expect(error.errorCode).toBe(code);
    expect(error.statusCode).toBe(status);
    if (message !== undefined) expect(error.message).toBe(message);
    else if (code !== undefined) expect(error.message).toMatch(fallbackMessage(code, status));
    else expect(error.message).toMatch(new RegExp(`HTTP ${status}.*proxy`));
    // None of the Smithy codes is one RotateSecret documents: they arrive as the service's base exception.
    const expectedClass = code === 'ResourceNotFoundException' ? ResourceNotFoundException : AmazonSecretsManagerException;
    expect(Object.getPrototypeOf(error)).toBe(expectedClass.prototype);
  });

  it('row 21 also carries the request id from x-amzn-RequestId', async () => {
    const row = PROTOCOL_CASES.find((c) => c.row === 21)!;
    const error = await serviceError({ statusCode: row.status, headers: row.headers, body: row.body });
    expect(error.requestId).toBe('r');
    expect(error.errorType).toBe('Sender');
  });

  it('the canned transport is really reached through the signed RotateSecret call', async () => {
    const { client, requests } = cannedClient({ statusCode: 400, headers: JSON_11, body: '{"__type":"FooError"}' });
    await expect(client.rotateSecretAsync({ SecretId: 'MySecret' })).rejects.toBeInstanceOf(AmazonSecretsManagerException);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers['x-amz-target']).toBe('secretsmanager.RotateSecret');
    expect(requests[0]!.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240102\/us-east-1\/secretsmanager\/aws4_request/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// 2. Mapping by code, never by status.
// ---------------------------------------------------------------------------------------------------------

const MODELLED = [
  { wireCode: 'ResourceNotFoundException', Class: ResourceNotFoundException, errorType: 'Sender' },
  { wireCode: 'InvalidParameterException', Class: InvalidParameterException, errorType: 'Sender' },
  { wireCode: 'InvalidRequestException', Class: InvalidRequestException, errorType: 'Sender' },
  { wireCode: 'InternalServiceError', Class: InternalServiceErrorException, errorType: 'Receiver' },
] as const;

const MAPPING_CASES = MODELLED.flatMap((m) => [400, 404, 500].map((status) => ({ ...m, status, className: m.Class.name })));

describe('modelled errors map by code, whatever the status', () => {
  it.each(MAPPING_CASES)('$wireCode with HTTP $status → $className', async ({ wireCode, Class, className, errorType, status }) => {
    const error = await serviceError({
      statusCode: status,
      headers: { ...JSON_11, 'x-amzn-RequestId': 'req-1234' },
      body: JSON.stringify({ __type: wireCode, Message: `the ${wireCode} message` }),
    });
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(AmazonSecretsManagerException);
    expect(error).toBeInstanceOf(AmazonServiceException);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AmazonClientException);
    expect(Object.getPrototypeOf(error)).toBe(Class.prototype);
    expect(error.name).toBe(className);
    expect(className).toBe(wireCode === 'InternalServiceError' ? 'InternalServiceErrorException' : wireCode);
    expect(error.errorCode).toBe(wireCode);
    expect(error.errorType).toBe(errorType);
    expect(error.statusCode).toBe(status);
    expect(error.requestId).toBe('req-1234');
    expect(error.message).toBe(`the ${wireCode} message`);
    expect(String(error)).toBe(`${className}: the ${wireCode} message`);
    for (const [guardName, guard] of Object.entries(GUARDS)) {
      expect(guard(error), guardName).toBe(guardName === className);
    }
    expect(isAmazonSecretsManagerException(error)).toBe(true);
    expect(isAmazonServiceException(error)).toBe(true);
    expect(isAmazonClientException(error)).toBe(false);
  });

  it.each(['x-amzn-RequestId', 'X-Amzn-RequestId', 'x-amzn-requestid', 'X-AMZN-REQUESTID', 'x-amzn-request-id', 'x-amz-request-id'])(
    'takes the request id from the %s header',
    async (header) => {
      const error = await serviceError({ statusCode: 400, headers: { [header]: 'abc-123' }, body: '{"__type":"ResourceNotFoundException"}' });
      expect(error.requestId).toBe('abc-123');
    },
  );

  it('prefers x-amzn-RequestId over the x-amz-request-id fallback', async () => {
    const error = await serviceError({
      statusCode: 400,
      headers: { 'x-amz-request-id': 'fallback', 'X-Amzn-RequestId': 'primary' },
      body: '{"__type":"ResourceNotFoundException"}',
    });
    expect(error.requestId).toBe('primary');
  });

  it('leaves requestId undefined when no header carries one', async () => {
    const error = await serviceError({ statusCode: 400, headers: {}, body: '{"__type":"ResourceNotFoundException"}' });
    expect(error.requestId).toBeUndefined();
  });

  it('reads headers a transport delivers as arrays', async () => {
    const error = await serviceError({ statusCode: 400, headers: { 'X-Amzn-RequestId': ['arr-1'], 'X-Amzn-ErrorType': ['InvalidRequestException'], skipped: undefined }, body: '' });
    expect(error.requestId).toBe('arr-1');
    expect(error).toBeInstanceOf(InvalidRequestException);
  });

  it('maps a code sent only in the x-amzn-ErrorType header, with namespace and URI', async () => {
    const error = await serviceError({ statusCode: 400, headers: { 'x-amzn-ErrorType': `com.amazonaws.secretsmanager#InvalidParameterException:${URI}` }, body: '' });
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.errorCode).toBe('InvalidParameterException');
  });

  it('maps a namespaced __type (com.amazonaws.secretsmanager#ResourceNotFoundException)', async () => {
    const error = await serviceError({ statusCode: 400, headers: JSON_11, body: '{"__type":"com.amazonaws.secretsmanager#ResourceNotFoundException"}' });
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.errorCode).toBe('ResourceNotFoundException');
  });
});

// ---------------------------------------------------------------------------------------------------------
// 3. Codes RotateSecret does not document.
// ---------------------------------------------------------------------------------------------------------

/** True when `error` is the base class itself, not one of its subclasses. */
function expectExactlyBase(error: AmazonServiceException): void {
  expect(Object.getPrototypeOf(error)).toBe(AmazonSecretsManagerException.prototype);
  expect(error.constructor).toBe(AmazonSecretsManagerException);
  expect(error.name).toBe('AmazonSecretsManagerException');
  for (const { Class } of MODELLED) expect(error).not.toBeInstanceOf(Class);
  for (const guard of Object.values(GUARDS)) expect(guard(error)).toBe(false);
  expect(isAmazonSecretsManagerException(error)).toBe(true);
}

describe('an error code the operation does not document', () => {
  it.each([
    { code: 'AccessDeniedException', status: 400 },
    { code: 'ThrottlingException', status: 400 },
    { code: 'LimitExceededException', status: 400 },
    { code: 'ServiceUnavailable', status: 503 },
  ])('$code (HTTP $status) → exactly AmazonSecretsManagerException, errorType Unknown', async ({ code, status }) => {
    const error = await serviceError({
      statusCode: status,
      headers: { ...JSON_11, 'x-amzn-RequestId': 'req-9' },
      body: JSON.stringify({ __type: code, message: `${code} happened` }),
    });
    expectExactlyBase(error);
    expect(error.errorCode).toBe(code);
    expect(error.errorType).toBe('Unknown');
    expect(error.statusCode).toBe(status);
    expect(error.requestId).toBe('req-9');
    expect(error.message).toBe(`${code} happened`);
  });

  it('matches codes exactly, as .NET does: another case or the class name instead of the wire code is not mapped', async () => {
    for (const code of ['resourcenotfoundexception', 'InternalServiceErrorException']) {
      const error = await serviceError({ statusCode: 400, headers: JSON_11, body: JSON.stringify({ __type: code }) });
      expectExactlyBase(error);
      expect(error.errorCode).toBe(code);
    }
  });

  // A code that names a property of Object.prototype must not be looked up through the prototype chain.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('the code %s → AmazonSecretsManagerException, not a TypeError', async (code) => {
    const error = await rotateFailsWith({ statusCode: 400, headers: JSON_11, body: JSON.stringify({ __type: code, message: 'odd code' }) });
    expect(error).toBeInstanceOf(AmazonServiceException);
    expectExactlyBase(error as AmazonServiceException);
    expect((error as AmazonServiceException).errorCode).toBe(code);
    expect((error as AmazonServiceException).errorType).toBe('Unknown');
    expect((error as AmazonServiceException).message).toBe('odd code');
  });
});

// ---------------------------------------------------------------------------------------------------------
// 4. Non-JSON and odd bodies: never a SyntaxError or TypeError.
// ---------------------------------------------------------------------------------------------------------

const RID = { 'x-amzn-RequestId': 'odd-req' };

const ODD_BODIES: { what: string; status: number; headers: Record<string, string>; body: () => unknown }[] = [
  {
    what: 'an HTML 502 page from a proxy',
    status: 502,
    headers: { ...RID, 'Content-Type': 'text/html' },
    body: () => '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
  },
  { what: 'an empty 500', status: 500, headers: RID, body: () => '' },
  { what: 'an empty 400', status: 400, headers: RID, body: () => new Uint8Array(0) },
  { what: 'no body at all (undefined)', status: 503, headers: RID, body: () => undefined },
  { what: 'a JSON array', status: 400, headers: { ...RID, ...JSON_11 }, body: () => '[{"__type":"ResourceNotFoundException"}]' },
  { what: 'a JSON string', status: 400, headers: { ...RID, ...JSON_11 }, body: () => '"ResourceNotFoundException"' },
  { what: 'JSON null', status: 400, headers: { ...RID, ...JSON_11 }, body: () => 'null' },
  { what: 'truncated JSON', status: 400, headers: { ...RID, ...JSON_11 }, body: () => '{"__type":"ResourceNotFoundExc' },
  { what: 'bytes that are not UTF-8', status: 400, headers: RID, body: () => new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0x80]) },
  { what: 'plain text', status: 429, headers: { ...RID, 'Content-Type': 'text/plain' }, body: () => 'Too Many Requests' },
];

describe('non-JSON and odd error bodies', () => {
  it.each(ODD_BODIES)('$what (HTTP $status) → AmazonSecretsManagerException naming the status and a possible proxy', async ({ status, headers, body }) => {
    const error = await rotateFailsWith(() => ({ statusCode: status, headers, body: body() }));
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(AmazonServiceException);
    const e = error as AmazonServiceException;
    expectExactlyBase(e);
    expect(e.errorCode).toBeUndefined();
    expect(e.errorType).toBe('Unknown');
    expect(e.statusCode).toBe(status);
    expect(e.requestId).toBe('odd-req');
    expect(e.message).toContain(`HTTP ${status}`);
    expect(e.message).toMatch(/proxy/);
    expect(e.cause).toBeUndefined();
  });

  it('says what the unreadable body was: its media type and size', async () => {
    const error = await serviceError({ statusCode: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'not json' });
    expect(error.message).toBe(
      'RotateSecret failed with HTTP 400 and a body that is not JSON (text/plain, 8 bytes); the answer may come from a proxy or load balancer rather than the service.',
    );
  });

  it('keeps a code from the header when the body is not JSON, and says the body was unreadable', async () => {
    const error = await serviceError({ statusCode: 400, headers: { 'x-amzn-ErrorType': 'InvalidRequestException', 'Content-Type': 'text/html' }, body: '<<garbage' });
    expect(error).toBeInstanceOf(InvalidRequestException);
    expect(error.errorCode).toBe('InvalidRequestException');
    expect(error.message).toMatch(/^RotateSecret failed with error code InvalidRequestException \(HTTP 400\)/);
  });

  it('reads the code of a JSON body whose message is not UTF-8', async () => {
    const json = new TextEncoder().encode('{"__type":"ResourceNotFoundException","message":"caf');
    const body = new Uint8Array([...json, 0xe9, ...new TextEncoder().encode('"}')]); // Latin-1 é
    const error = await serviceError({ statusCode: 400, headers: JSON_11, body });
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe('caf\uFFFD');
  });

  it('uses the x-amzn-error-message header when the body has no message', async () => {
    const error = await serviceError({
      statusCode: 400,
      headers: { 'x-amzn-ErrorType': 'InvalidParameterException', 'X-Amzn-Error-Message': 'from the header' },
      body: '',
    });
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe('from the header');
  });

  it('uses the x-amzn-error-message header for a JSON body without a message', async () => {
    const error = await serviceError({ statusCode: 400, headers: { 'x-amzn-error-message': 'header says' }, body: '{"__type":"FooError"}' });
    expect(error.message).toBe('header says');
  });

  it('prefers the body message over the x-amzn-error-message header (.NET lets the header win)', async () => {
    const error = await serviceError({ statusCode: 400, headers: { 'x-amzn-error-message': 'header says' }, body: '{"__type":"FooError","Message":"body says"}' });
    expect(error.message).toBe('body says');
  });

  it('ignores a nested message and a non-string message', async () => {
    const error = await serviceError({ statusCode: 400, headers: {}, body: '{"__type":"FooError","message":42,"Details":{"message":"nested"}}' });
    expect(error.message).toMatch(fallbackMessage('FooError', 400));
  });
});

// The same error body, delivered in every form a transport may use. The streaming forms split the
// UTF-8 bytes of "é" across two chunks, so a reader that decodes chunk by chunk would garble it.
const BODY_TEXT = '{"__type":"InvalidRequestException","message":"Secret is scheduled for deletion – café"}';
const BODY_BYTES = new TextEncoder().encode(BODY_TEXT);
const SPLIT = BODY_BYTES.length - 4; // inside the two bytes of "é"
const chunks = () => [BODY_BYTES.slice(0, 10), BODY_BYTES.slice(10, SPLIT), BODY_BYTES.slice(SPLIT)];

const BODY_FORMS: { form: string; body: () => unknown }[] = [
  { form: 'a string', body: () => BODY_TEXT },
  { form: 'a Uint8Array', body: () => BODY_BYTES.slice() },
  { form: 'a Node Buffer', body: () => Buffer.from(BODY_BYTES) },
  { form: 'a Node Readable', body: () => Readable.from(chunks().map((c) => Buffer.from(c))) },
  {
    form: 'a web ReadableStream',
    body: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks()) controller.enqueue(chunk);
          controller.close();
        },
      }),
  },
  {
    form: 'an async iterable of chunks',
    body: () =>
      (async function* () {
        for (const chunk of chunks()) yield chunk;
      })(),
  },
  { form: 'a Blob', body: () => new Blob([BODY_BYTES]) },
];

describe('the error body in any form the transport delivers', () => {
  it.each(BODY_FORMS)('$form', async ({ body }) => {
    const error = await serviceError(() => ({ statusCode: 400, headers: { ...JSON_11, 'x-amzn-RequestId': 'form-req' }, body: body() }));
    expect(error).toBeInstanceOf(InvalidRequestException);
    expect(error.errorCode).toBe('InvalidRequestException');
    expect(error.message).toBe('Secret is scheduled for deletion – café');
    expect(error.statusCode).toBe(400);
    expect(error.requestId).toBe('form-req');
  });

  it('an HTML 502 arriving as a Node Readable is still an AmazonServiceException', async () => {
    const error = await serviceError(() => ({ statusCode: 502, headers: { 'Content-Type': 'text/html' }, body: Readable.from([Buffer.from('<html><body>Bad'), Buffer.from(' Gateway</body></html>')]) }));
    expectExactlyBase(error);
    expect(error.statusCode).toBe(502);
    expect(error.message).toMatch(/HTTP 502.*proxy/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// 5. XML error bodies (front ends, and moto's signature and permission checks).
// ---------------------------------------------------------------------------------------------------------

const MOTO_SIGNATURE_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function xmlError(code: string, message: string, type = 'Sender', extra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<ErrorResponse><Errors><Error><Code>${code}</Code><Message>${message}</Message><Type>${type}</Type></Error></Errors>${extra}</ErrorResponse>`;
}

describe('XML error bodies', () => {
  it("moto's 403 SignatureDoesNotMatch → errorCode, message and errorType from the XML", async () => {
    const error = await serviceError({
      statusCode: 403,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'x-amzn-RequestId': 'xml-req' },
      body: xmlError('SignatureDoesNotMatch', MOTO_SIGNATURE_MESSAGE),
    });
    expectExactlyBase(error);
    expect(error.errorCode).toBe('SignatureDoesNotMatch');
    expect(error.message).toBe(MOTO_SIGNATURE_MESSAGE);
    expect(error.errorType).toBe('Sender');
    expect(error.statusCode).toBe(403);
    expect(error.requestId).toBe('xml-req');
  });

  it('the XML <Code> beats the x-amzn-ErrorType header moto sends beside it', async () => {
    const error = await serviceError({
      statusCode: 403,
      headers: { 'X-Amzn-ErrorType': 'SomethingElse', 'Content-Type': 'application/xml' },
      body: xmlError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
    });
    expect(error.errorCode).toBe('InvalidClientTokenId');
    expect(error.message).toBe('The security token included in the request is invalid.');
  });

  it('reads <Type>Receiver</Type>, and Unknown when the type is missing or not a known value', async () => {
    expect((await serviceError({ statusCode: 500, headers: {}, body: xmlError('InternalFailure', 'x', 'Receiver') })).errorType).toBe('Receiver');
    expect((await serviceError({ statusCode: 500, headers: {}, body: xmlError('InternalFailure', 'x', 'Server') })).errorType).toBe('Unknown');
    const untyped = '<ErrorResponse><Error><Code>Oops</Code><Message>m</Message></Error></ErrorResponse>';
    expect((await serviceError({ statusCode: 400, headers: {}, body: untyped })).errorType).toBe('Unknown');
  });

  it('a modelled code in XML gives its class, and the model decides errorType', async () => {
    const error = await serviceError({ statusCode: 404, headers: {}, body: xmlError('ResourceNotFoundException', 'gone', 'Receiver') });
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.errorType).toBe('Sender');
    expect(error.message).toBe('gone');
  });

  it('decodes the XML entities in the message', async () => {
    const error = await serviceError({
      statusCode: 400,
      headers: {},
      body: xmlError('ValidationError', 'Value &lt;a&gt; &amp; &quot;b&quot; isn&apos;t valid; literal &amp;lt; stays'),
    });
    expect(error.message).toBe(`Value <a> & "b" isn't valid; literal &lt; stays`);
  });

  it('decodes numeric character references in the message (&#39; &#x27; &#233;)', async () => {
    const error = await serviceError({ statusCode: 400, headers: {}, body: xmlError('ValidationError', 'isn&#39;t &#x27;caf&#233;&#x27;') });
    expect(error.message).toBe(`isn't 'café'`);
  });

  it('takes the request id from <RequestId> when no header carries one', async () => {
    const error = await serviceError({ statusCode: 403, headers: {}, body: xmlError('AccessDenied', 'no', 'Sender', '<RequestId>xml-body-req</RequestId>') });
    expect(error.requestId).toBe('xml-body-req');
  });

  it('an XML body without a <Message> gets a message naming the code and the status', async () => {
    const error = await serviceError({ statusCode: 403, headers: {}, body: '<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>' });
    expect(error.errorCode).toBe('AccessDenied');
    expect(error.message).toMatch(fallbackMessage('AccessDenied', 403));
  });
});

// ---------------------------------------------------------------------------------------------------------
// 6. Identity across copies of the package.
// ---------------------------------------------------------------------------------------------------------

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST_ENTRY = new URL('../dist/esm/index.node.js', import.meta.url);

/** A second, independent copy of src: vitest evaluates every module again after resetModules. */
let srcCopy: SdkModule;
/** The built package in dist/esm, as an app would load it beside another copy. */
let distCopy: SdkModule;

beforeAll(async () => {
  // A query string (`index.node.js?copy=2`) re-evaluates only the entry module: the exception classes it
  // re-exports stay shared, so it is not a second copy. resetModules gives a real one.
  vi.resetModules();
  srcCopy = (await import('../src/index.node.js')) as SdkModule;
  if (!existsSync(DIST_ENTRY)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  distCopy = (await import(DIST_ENTRY.href)) as SdkModule;
}, 120_000);

const rnfAnswer: CannedResponse = { statusCode: 400, headers: { ...JSON_11, 'x-amzn-RequestId': 'copy-req' }, body: '{"__type":"ResourceNotFoundException","Message":"gone"}' };

describe.each([
  { copy: 'a fresh evaluation of src', other: () => srcCopy },
  { copy: 'the built dist/esm', other: () => distCopy },
])('exception identity between this copy and $copy', ({ other }) => {
  it('really is another copy: its classes are different objects', () => {
    expect(other().ResourceNotFoundException).not.toBe(ResourceNotFoundException);
    expect(other().AmazonServiceException).not.toBe(AmazonServiceException);
  });

  it("an error thrown by the other copy's client is instanceof this copy's classes and passes its guards", async () => {
    const error = await rotateFailsWith(rnfAnswer, other().SecretsManagerClient);
    expect(Object.getPrototypeOf(error)).toBe(other().ResourceNotFoundException.prototype);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toBeInstanceOf(AmazonSecretsManagerException);
    expect(error).toBeInstanceOf(AmazonServiceException);
    expect(error).not.toBeInstanceOf(InvalidRequestException);
    expect(error).not.toBeInstanceOf(AmazonUnmarshallingException);
    expect(error).not.toBeInstanceOf(AmazonClientException);
    expect(isResourceNotFoundException(error)).toBe(true);
    expect(isInvalidRequestException(error)).toBe(false);
    expect(isAmazonSecretsManagerException(error)).toBe(true);
    expect(isAmazonServiceException(error)).toBe(true);
    expect((error as ResourceNotFoundException).requestId).toBe('copy-req');
  });

  it("an error thrown by this copy's client is instanceof the other copy's classes and passes its guards", async () => {
    const error = await rotateFailsWith(rnfAnswer);
    const B = other();
    expect(Object.getPrototypeOf(error)).toBe(ResourceNotFoundException.prototype);
    expect(error).toBeInstanceOf(B.ResourceNotFoundException);
    expect(error).toBeInstanceOf(B.AmazonSecretsManagerException);
    expect(error).toBeInstanceOf(B.AmazonServiceException);
    expect(error).not.toBeInstanceOf(B.InternalServiceErrorException);
    expect(B.isResourceNotFoundException(error)).toBe(true);
    expect(B.isInvalidParameterException(error)).toBe(false);
    expect(B.isAmazonServiceException(error)).toBe(true);
  });

  it('an unknown code from either copy is the other copy’s base class, and no subclass', async () => {
    const answer: CannedResponse = { statusCode: 400, headers: JSON_11, body: '{"__type":"ThrottlingException"}' };
    const fromOther = await rotateFailsWith(answer, other().SecretsManagerClient);
    expect(fromOther).toBeInstanceOf(AmazonSecretsManagerException);
    expect(isResourceNotFoundException(fromOther)).toBe(false);
    const fromThis = await rotateFailsWith(answer);
    expect(fromThis).toBeInstanceOf(other().AmazonSecretsManagerException);
    expect(fromThis).not.toBeInstanceOf(other().InternalServiceErrorException);
  });

  it('AmazonUnmarshallingException and AmazonClientException keep their identity across copies', async () => {
    const broken = await rejectionOfSuccess({ statusCode: 200, headers: {}, body: 'not json' }, other());
    expect(broken).toBeInstanceOf(AmazonUnmarshallingException);
    expect(broken).toBeInstanceOf(AmazonServiceException);
    expect(broken).not.toBeInstanceOf(AmazonSecretsManagerException);
    const invalid = await cannedClient(rnfAnswer, other().SecretsManagerClient)
      .client.rotateSecretAsync({ SecretId: '' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(invalid).toBeInstanceOf(src.RequestValidationException);
    expect(invalid).toBeInstanceOf(AmazonClientException);
    expect(invalid).not.toBeInstanceOf(AmazonServiceException);
  });

  it("a user's subclass without its own brand uses plain prototype identity", async () => {
    class MyErr extends ResourceNotFoundException {}
    const plain = await rotateFailsWith(rnfAnswer);
    const plainFromOther = await rotateFailsWith(rnfAnswer, other().SecretsManagerClient);
    expect(plain).not.toBeInstanceOf(MyErr);
    expect(plainFromOther).not.toBeInstanceOf(MyErr);
    const mine = new MyErr('mine', { statusCode: 400, errorCode: 'ResourceNotFoundException' });
    expect(mine).toBeInstanceOf(MyErr);
    expect(mine).toBeInstanceOf(ResourceNotFoundException);
    expect(mine).toBeInstanceOf(other().ResourceNotFoundException);
    expect(other().isResourceNotFoundException(mine)).toBe(true);
  });
});

describe('exception identity: what is not an instance', () => {
  it('plain errors, look-alike objects and primitives are not instances and fail the guards', () => {
    const lookAlike = Object.assign(new Error('gone'), { name: 'ResourceNotFoundException', errorCode: 'ResourceNotFoundException', statusCode: 400 });
    for (const value of [new Error('x'), lookAlike, {}, null, undefined, 'ResourceNotFoundException', 42]) {
      expect(value instanceof AmazonServiceException).toBe(false);
      expect(value instanceof ResourceNotFoundException).toBe(false);
      expect(isResourceNotFoundException(value)).toBe(false);
      expect(isAmazonServiceException(value)).toBe(false);
    }
  });

  it('the brand of one class does not make an instance of a sibling class', () => {
    const rnf = new ResourceNotFoundException('gone', { statusCode: 400 });
    expect(rnf).not.toBeInstanceOf(InvalidParameterException);
    expect(rnf).not.toBeInstanceOf(srcCopy.InvalidParameterException);
    expect(new AmazonSecretsManagerException('base', { statusCode: 400 })).not.toBeInstanceOf(srcCopy.ResourceNotFoundException);
  });
});

// ---------------------------------------------------------------------------------------------------------
// 7. Successful responses that are broken, and successful responses that are merely sparse.
// ---------------------------------------------------------------------------------------------------------

/** Calls rotateSecretAsync (of the given copy) against a 2xx answer that must fail, and returns what it throws. */
function rejectionOfSuccess(answer: CannedAnswer, sdk: SdkModule = src): Promise<unknown> {
  return rotateFailsWith(answer, sdk.SecretsManagerClient);
}

describe('a 200 whose body cannot be read', () => {
  it.each([
    { what: 'a non-JSON body', body: '<html>OK</html>', why: 'body is not JSON' },
    { what: 'truncated JSON', body: '{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-a1b2c3"', why: 'body is not JSON' },
    { what: 'bytes that are not UTF-8', body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), why: 'body is not JSON' },
    { what: 'a JSON array', body: '[]', why: 'body is JSON but not an object' },
    { what: 'JSON null', body: 'null', why: 'body is JSON but not an object' },
    { what: 'a member of the wrong type ({"ARN": 5})', body: '{"ARN": 5}', why: 'member ARN is not a string' },
    { what: 'a wrongly typed member beside good ones', body: '{"Name":"MySecret","VersionId":["v1"]}', why: 'member VersionId is not a string' },
  ])('$what → AmazonUnmarshallingException with statusCode 200 and the request id', async ({ body, why }) => {
    const error = await rejectionOfSuccess({ statusCode: 200, headers: { ...JSON_11, 'x-amzn-RequestId': 'ok-req' }, body });
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toBeInstanceOf(AmazonUnmarshallingException);
    expect(error).toBeInstanceOf(AmazonServiceException);
    expect(error).not.toBeInstanceOf(AmazonSecretsManagerException);
    const e = error as AmazonUnmarshallingException;
    expect(Object.getPrototypeOf(e)).toBe(AmazonUnmarshallingException.prototype);
    expect(e.name).toBe('AmazonUnmarshallingException');
    expect(e.statusCode).toBe(200);
    expect(e.requestId).toBe('ok-req');
    expect(e.errorCode).toBeUndefined();
    expect(e.message).toBe(`RotateSecret was answered with HTTP 200 but its response ${why}; the operation may have been applied, so it was not retried.`);
  });

  it('does not keep the JSON parser\'s error as the cause: V8 quotes the body around the fault, where a secret can be', async () => {
    const error = (await rejectionOfSuccess({ statusCode: 200, headers: {}, body: '{"SecretString":hunter2-and-more}' })) as AmazonUnmarshallingException;
    expect(error).toBeInstanceOf(AmazonUnmarshallingException);
    expect(error.cause).toBeUndefined();
    expect(inspect(error)).not.toContain('hunter2');
  });
});

describe('a 200 that is sparse or has more than the model knows', () => {
  it('{} → a RotateSecretResponse with every member undefined', async () => {
    const res = await rotateSucceeds({ statusCode: 200, headers: { ...JSON_11, 'x-amzn-RequestId': 'empty-req', 'Content-Length': '2' }, body: '{}' });
    expect(res).toBeInstanceOf(RotateSecretResponse);
    expect(res.ARN).toBeUndefined();
    expect(res.Name).toBeUndefined();
    expect(res.VersionId).toBeUndefined();
    expect(res.HttpStatusCode).toBe(200);
    expect(res.ContentLength).toBe(2);
    expect(res.ResponseMetadata.RequestId).toBe('empty-req');
  });

  it('an empty 200 body → a response with every member undefined', async () => {
    const res = await rotateSucceeds({ statusCode: 200, headers: {}, body: '' });
    expect(res.ARN).toBeUndefined();
    expect(res.ContentLength).toBe(0);
    expect(res.ResponseMetadata.RequestId).toBeUndefined();
  });

  it('members the model does not know are ignored', async () => {
    const res = await rotateSucceeds({
      statusCode: 200,
      headers: JSON_11,
      body: '{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-a1b2c3","Name":"MySecret","NewMember":{"x":[1,2]},"__type":"ignored"}',
    });
    expect(res.ARN).toBe('arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-a1b2c3');
    expect(res.Name).toBe('MySecret');
    expect(res).not.toHaveProperty('NewMember');
    expect(res).not.toHaveProperty('__type');
  });

  it('null members → undefined', async () => {
    const res = await rotateSucceeds({ statusCode: 200, headers: JSON_11, body: '{"ARN":null,"Name":"MySecret","VersionId":null}' });
    expect(res.ARN).toBeUndefined();
    expect(res.VersionId).toBeUndefined();
    expect(res.Name).toBe('MySecret');
  });

  it('any 2xx is a success (204 with no body)', async () => {
    const res = await rotateSucceeds({ statusCode: 204, headers: {}, body: undefined });
    expect(res.HttpStatusCode).toBe(204);
    expect(res.Name).toBeUndefined();
  });
});
