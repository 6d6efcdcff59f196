import { SecretsManagerClientBase } from '../generated/SecretsManagerClientBase.js';
import type { AmazonSecretsManagerConfig } from '../SecretsManagerClient.js';
import { nodePlatform } from './nodePlatform.js';

/**
 * The Secrets Manager client for Node: node:http(s) with keep-alive for transport, and credentials and
 * region from the standard environment variables when the configuration leaves them out. Mirrors
 * .NET's `AmazonSecretsManagerClient`.
 */
export class SecretsManagerClient extends SecretsManagerClientBase {
  constructor(config: AmazonSecretsManagerConfig = {}) {
    super(config, nodePlatform);
  }
}
