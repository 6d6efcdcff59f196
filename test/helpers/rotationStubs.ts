import { AmazonServiceException } from '../../src/index.node.js';

/** What the service answers a caller without secretsmanager:GetSecretValue: AccessDeniedException, a code the model does not list. */
export class AccessDeniedExceptionStub extends AmazonServiceException {
  constructor() {
    super('User is not authorized to perform: secretsmanager:GetSecretValue', { statusCode: 400, errorCode: 'AccessDeniedException', errorType: 'Sender' });
  }
}
