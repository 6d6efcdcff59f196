/**
 * An error the emulated service answers with: the wire code (`__type`), the HTTP status and the
 * message. Modelled errors carry `Message` (the model's member); the framework's own errors
 * (ValidationException, SerializationException, the signature errors) carry `message`, as AWS's JSON
 * services send them.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    /** The wire code, as `__type` carries it: `ResourceNotFoundException`, `InternalServiceError`, ... */
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    /** True for errors of the model (their body member is `Message`). */
    readonly modelled = true,
  ) {
    super(message);
  }
}

// Messages the service sends, as AWS documents them (API reference pages and the model's error docs,
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/CommonErrors.html and each operation's
// "Errors" section). Where AWS does not give the text, docs/testing.md lists the choice made here.
export const secretNotFound = (): ServiceError => new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

export const markedForDeletion = (): ServiceError =>
  new ServiceError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");

export const invalidParameter = (message: string): ServiceError => new ServiceError('InvalidParameterException', message);

export const invalidRequest = (message: string): ServiceError => new ServiceError('InvalidRequestException', message);

/**
 * A request that breaks the model's constraints (a missing required member, a length or range out
 * of bounds). The service's request validator answers these with `ValidationException` and the
 * "1 validation error detected" text, naming the member in camelCase.
 */
export const validationError = (member: string, value: unknown, constraint: string, sensitive = false): ServiceError => {
  // Sensitive members (SecretString, SecretBinary, RotationToken) are named without their value.
  const shown = sensitive ? 'Value' : value === undefined ? 'Value null' : `Value '${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  const path = member.replace(/(^|\.)([A-Z])/g, (_, dot: string, first: string) => dot + first.toLowerCase());
  return new ServiceError('ValidationException', `1 validation error detected: ${shown} at '${path}' failed to satisfy constraint: ${constraint}`, 400, false);
};
