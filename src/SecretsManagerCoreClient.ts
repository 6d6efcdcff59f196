import { SecretsManagerService } from './generated/service.js';
import { ServiceClient } from './runtime/ServiceClient.js';
import type { AmazonSecretsManagerConfig } from './SecretsManagerClient.js';
import { webPlatform } from './runtime/config/webPlatform.js';

/**
 * The Secrets Manager client without its operation methods, for apps that count their bundle bytes:
 * each operation is a function of its own that takes the client, and an app bundles only those it
 * imports (`SecretsManagerClient` carries all 23 as methods). Same configuration, same behaviour:
 *
 * ```ts
 * // SecretsManagerCoreClient and rotateSecretAsync, both imported from the package
 * const client = new SecretsManagerCoreClient({ region: 'eu-west-1', credentials });
 * const res = await rotateSecretAsync(client, { SecretId: 'prod/db' }, abortSignal);
 * ```
 *
 * The functions take a `SecretsManagerClient` as well. For web runtimes: `fetch` for transport, and
 * credentials and region from the configuration.
 */
export class SecretsManagerCoreClient extends ServiceClient {
  constructor(config: AmazonSecretsManagerConfig = {}) {
    super(config, webPlatform, SecretsManagerService);
  }
}
