import type { Platform } from '../runtime/Platform.js';
import { defaultCredentialProvider } from './defaultCredentialProvider.js';
import { loadNodeSettings } from './nodeSettings.js';
import { readNodeBody } from './readNodeBody.js';
import { NodeHttpHandler } from './NodeHttpHandler.js';

/**
 * Node: node:http(s) with keep-alive for transport; credentials from the default chain; region and the other settings from
 * the environment variables and the shared config files, read at the first call.
 */
type NodeCrypto = typeof import('node:crypto');
let nodeCrypto: NodeCrypto | undefined;

/**
 * node:crypto's randomUUID. `globalThis.crypto` would do as well, but its first use loads Node's whole
 * WebCrypto, the largest single cost of a cold start's first call; `process.getBuiltinModule` (Node
 * 20.16 and later, Bun, Deno) loads node:crypto on demand without an import at start-up.
 */
function randomUUID(): string {
  nodeCrypto ??= (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  return (nodeCrypto ?? globalThis.crypto).randomUUID();
}

export const nodePlatform: Platform = {
  get userAgent() {
    return `lang/js md/nodejs#${process.versions.node} os/${process.platform}`;
  },
  sendsUserAgent: true,
  createHttpHandler: () => new NodeHttpHandler(),
  readBody: readNodeBody,
  randomUUID,
  loadSha256: async () => (await import('./NodeSha256.js')).NodeSha256,
  defaultCredentials: () => ({
    provider: defaultCredentialProvider(),
    source: 'default chain (environment, shared files, container, instance metadata)',
  }),
  loadSettings: loadNodeSettings,
};
