// Everything both entry points export; each entry adds the SecretsManagerClient of its platform.
export * from './generated/index.js';
export type { AmazonSecretsManagerConfig } from './SecretsManagerClient.js';
export { AmazonClientException, isAmazonClientException } from './runtime/errors/AmazonClientException.js';
export { AmazonServiceException, isAmazonServiceException, type ErrorType, type ServiceErrorDetails } from './runtime/errors/AmazonServiceException.js';
export { AmazonUnmarshallingException } from './runtime/errors/AmazonUnmarshallingException.js';
export { AmazonWebServiceResponse, type ResponseMetadata, type ResponseHttpInfo } from './runtime/protocol/AmazonWebServiceResponse.js';
export { ConfigurationException } from './runtime/errors/ConfigurationException.js';
export { CredentialsException } from './runtime/errors/CredentialsException.js';
export type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from './runtime/signing/Credentials.js';
export { FetchHttpHandler } from './runtime/transport/FetchHttpHandler.js';
export type { HttpHandler, HttpHandlerOptions, HttpRequest, HttpResponse, HttpResponseBody } from './runtime/transport/HttpHandler.js';
export { HttpRequestException } from './runtime/errors/HttpRequestException.js';
export { RequestValidationException, type ValidationConstraint } from './runtime/errors/RequestValidationException.js';
export type { ClientConfig, Logger, RetryMode } from './runtime/config/ClientConfig.js';
export { RequestTimeoutException } from './runtime/errors/RequestTimeoutException.js';
export type { Sleep } from './runtime/retries/sleep.js';
export type { ServiceClient } from './runtime/ServiceClient.js';
