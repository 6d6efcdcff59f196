import type { Platform } from '../runtime/Platform.js';
import { defaultCredentialProvider } from './defaultCredentialProvider.js';
import { loadNodeSettings } from './nodeSettings.js';
import { NodeSha256 } from './NodeSha256.js';
import { UndiciHttpHandler } from './UndiciHttpHandler.js';

/**
 * Node: undici for transport; credentials from the default chain; region and the other settings from
 * the environment variables and the shared config files, read at the first call.
 */
export const nodePlatform: Platform = {
  get userAgent() {
    return `lang/js md/nodejs#${process.versions.node} os/${process.platform}`;
  },
  sendsUserAgent: true,
  createHttpHandler: () => new UndiciHttpHandler(),
  sha256: NodeSha256,
  defaultCredentials: () => ({
    provider: defaultCredentialProvider(),
    source: 'default chain (environment, shared files, container, instance metadata)',
  }),
  loadSettings: loadNodeSettings,
};
