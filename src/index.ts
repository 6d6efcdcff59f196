/**
 * AWS Secrets Manager for web runtimes: browsers, workers, workerd. Node, Bun and Deno get
 * `index.node` through the package's `exports` map.
 * @packageDocumentation
 */
export * from './exports.js';
export { SecretsManagerClient } from './SecretsManagerClient.js';
export { SecretsManagerCoreClient } from './SecretsManagerCoreClient.js';
