type NodeCrypto = typeof import('node:crypto');
let loaded: NodeCrypto | undefined;

/**
 * node:crypto, loaded at its first use rather than when the package is imported (loading it is the
 * largest single cost of a cold start's first call). `process.getBuiltinModule` does that synchronously:
 * Node 20.16 and later (the package requires 20.18.1), Bun and Deno have it.
 */
export function nodeCrypto(): NodeCrypto {
  loaded ??= (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  if (loaded === undefined) throw new Error('node:crypto is not available: this runtime lacks process.getBuiltinModule (Node 20.16 or later is required).');
  return loaded;
}
