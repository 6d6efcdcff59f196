import { CredentialsException } from './CredentialsException.js';
import { FetchHttpHandler } from './FetchHttpHandler.js';
import type { Platform } from './ServiceClient.js';

/**
 * Browsers, workers, Deno and Bun: `fetch` for transport, and no ambient credentials or region, so
 * both must come from the app (short-lived credentials from its own provider, never long-term keys).
 */
export const webPlatform: Platform = {
  name: 'web',
  createHttpHandler: () => new FetchHttpHandler(),
  defaultCredentials: () =>
    Promise.reject(new CredentialsException('No credentials are configured, and a web runtime has no default source: pass credentials (fixed, or a provider function) to the client.')),
  defaultCredentialsSource: 'default source',
  defaultRegion: () => undefined,
};
