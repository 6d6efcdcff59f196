/**
 * AWS Secrets Manager for web runtimes: browsers, workers, Deno, Bun. Node gets `index.node` through
 * the package's `exports` map.
 * @packageDocumentation
 */
export * from './exports.js';
export { SecretsManagerClient } from './SecretsManagerClient.js';
