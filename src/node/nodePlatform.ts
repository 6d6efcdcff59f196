import type { Platform } from '../runtime/config/Platform.js';
import { RequestSigner } from '../runtime/signing/RequestSigner.js';
import { defaultCredentialProvider } from './defaultCredentialProvider.js';
import { loadNodeSettings } from './nodeSettings.js';
import { nodeCrypto } from './builtins.js';
import { NodeSha256 } from './NodeSha256.js';
import { readNodeBody } from './readNodeBody.js';
import { NodeHttpHandler } from './NodeHttpHandler.js';

/**
 * Node: node:http(s) with keep-alive for transport; credentials from the default chain; region and the other settings from
 * the environment variables and the shared config files, read at the first call.
 */
/** node:crypto's randomUUID: `globalThis.crypto` would load Node's whole WebCrypto at the first call. */
const randomUUID = (): string => nodeCrypto().randomUUID();

export const nodePlatform: Platform = {
  get userAgent() {
    return `lang/js md/nodejs#${process.versions.node} os/${process.platform}`;
  },
  sendsUserAgent: true,
  createHttpHandler: () => new NodeHttpHandler(),
  readBody: readNodeBody,
  randomUUID,
  createSigner: (init) => new RequestSigner({ ...init, sha256: NodeSha256 }),
  defaultCredentials: () => ({
    provider: defaultCredentialProvider(),
    source: 'default chain (environment, shared files, container, instance metadata)',
  }),
  loadSettings: loadNodeSettings,
};
