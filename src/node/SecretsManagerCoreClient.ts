import { SecretsManagerService } from '../generated/service.js';
import { ServiceClient } from '../runtime/ServiceClient.js';
import type { AmazonSecretsManagerConfig } from '../SecretsManagerClient.js';
import { nodePlatform } from './nodePlatform.js';

/**
 * The Secrets Manager client without its operation methods: each operation is a function of its own
 * that takes the client (`rotateSecretAsync(client, request)`), so that code shared with a browser
 * bundle runs unchanged in Node. For Node: node:http(s) for transport, and credentials and region from
 * the standard environment variables when the configuration leaves them out.
 */
export class SecretsManagerCoreClient extends ServiceClient {
  constructor(config: AmazonSecretsManagerConfig = {}) {
    super(config, nodePlatform, SecretsManagerService);
  }
}
