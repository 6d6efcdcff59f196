/**
 * AWS Secrets Manager for Node: the same API as the web entry, with node:http(s) for transport and
 * credentials and region from the environment.
 * @packageDocumentation
 * @module amazon-secretsmanager
 */
export * from './exports.js';
// AmazonSecretsManagerClient: .NET's name for the same class, so that ported code needs one import changed.
export { SecretsManagerClient, SecretsManagerClient as AmazonSecretsManagerClient } from './node/SecretsManagerClient.js';
export { SecretsManagerCoreClient } from './node/SecretsManagerCoreClient.js';
export { NodeHttpHandler, type NodeHttpHandlerOptions } from './node/NodeHttpHandler.js';
export { UndiciHttpHandler, type UndiciHttpHandlerOptions } from './node/UndiciHttpHandler.js';
export { defaultCredentialProvider, type DefaultCredentialProviderOptions } from './node/defaultCredentialProvider.js';
