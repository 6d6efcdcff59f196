import { SecretsManagerClientBase } from './generated/SecretsManagerClientBase.js';
import type { ClientConfig } from './runtime/ServiceClient.js';
import { webPlatform } from './runtime/config/webPlatform.js';

/** The client's options (.NET `AmazonSecretsManagerConfig`). */
export type AmazonSecretsManagerConfig = ClientConfig;

/**
 * The Secrets Manager client for web runtimes (browsers, workers, workerd): `fetch` for transport,
 * and credentials and region from the configuration. Mirrors .NET's `AmazonSecretsManagerClient`.
 */
export class SecretsManagerClient extends SecretsManagerClientBase {
  constructor(config: AmazonSecretsManagerConfig = {}) {
    super(config, webPlatform);
  }
}
