import { CredentialsException } from '../errors/CredentialsException.js';
import { FetchHttpHandler } from '../transport/FetchHttpHandler.js';
import type { Platform } from './Platform.js';
import { randomUUID } from '../protocol/randomUUID.js';
import { readBody } from '../transport/readBody.js';
import { RequestSigner } from '../signing/RequestSigner.js';
import { WebCryptoSha256 } from '../signing/WebCryptoSha256.js';

/**
 * Browsers, workers and workerd: `fetch` for transport, and no ambient credentials or settings, so
 * they come from the app (short-lived credentials from its own provider, never long-term keys).
 */
export const webPlatform: Platform = {
  userAgent: 'lang/js md/web',
  sendsUserAgent: false,
  createHttpHandler: () => new FetchHttpHandler(),
  readBody,
  randomUUID,
  createSigner: (init) => new RequestSigner({ ...init, sha256: WebCryptoSha256 }),
  defaultCredentials: () => ({
    provider: () =>
      Promise.reject(new CredentialsException('No credentials are configured, and a web runtime has no default source: pass credentials (fixed, or a provider function) to the client.')),
    source: 'default source',
  }),
  loadSettings: async () => ({}),
};
