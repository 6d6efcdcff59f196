/**
 * AWS Secrets Manager for web runtimes: browsers, workers, workerd. Node, Bun and Deno get
 * `index.node` through the package's `exports` map.
 * @packageDocumentation
 */
export * from './exports.js';
// AmazonSecretsManagerClient: .NET's name for the same class, so that ported code needs one import changed.
export { SecretsManagerClient, SecretsManagerClient as AmazonSecretsManagerClient } from './SecretsManagerClient.js';
export { SecretsManagerCoreClient } from './SecretsManagerCoreClient.js';
