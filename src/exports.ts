// Everything both entry points export; each entry adds the SecretsManagerClient of its platform.
export * from './generated/index.js';
export type { AmazonSecretsManagerConfig } from './SecretsManagerClient.js';
export { AmazonClientException, isAmazonClientException } from './runtime/AmazonClientException.js';
export { AmazonServiceException, isAmazonServiceException, type ErrorType, type ServiceErrorDetails } from './runtime/AmazonServiceException.js';
export { AmazonUnmarshallingException } from './runtime/AmazonUnmarshallingException.js';
export { AmazonWebServiceResponse, type ResponseMetadata, type ResponseHttpInfo } from './runtime/AmazonWebServiceResponse.js';
export { ConfigurationException } from './runtime/ConfigurationException.js';
export { CredentialsException } from './runtime/CredentialsException.js';
export type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from './runtime/Credentials.js';
export { FetchHttpHandler } from './runtime/FetchHttpHandler.js';
export type { HttpHandler, HttpHandlerOptions, HttpRequest, HttpResponse, HttpResponseBody } from './runtime/HttpHandler.js';
export { HttpRequestException } from './runtime/HttpRequestException.js';
export { RequestValidationException, type ValidationConstraint } from './runtime/RequestValidationException.js';
export type { ClientConfig, Logger, RetryMode } from './runtime/ClientConfig.js';
export { RequestTimeoutException } from './runtime/RequestTimeoutException.js';
export type { Sleep } from './runtime/sleep.js';
