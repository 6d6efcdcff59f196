/**
 * Node's built-in modules, loaded where they are first used rather than when the package is imported.
 * `process.getBuiltinModule` does that synchronously (Node 20.16 and later, as the package requires
 * 20.18.1; Bun and Deno have it too), and it is cheaper than `import`: an ES module import of a
 * built-in reads every one of its exports, and for node:fs that loads the whole streams machinery
 * (about 3 ms of a cold start, for one existsSync).
 */
export function builtin<T>(id: 'node:crypto' | 'node:fs' | 'node:http' | 'node:https' | 'node:os' | 'node:path'): T {
  const loaded = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.(id) as T | undefined;
  if (loaded === undefined) throw new Error(`${id} is not available: this runtime lacks process.getBuiltinModule (Node 20.16 or later is required).`);
  return loaded;
}

type NodeCrypto = typeof import('node:crypto');
let crypto: NodeCrypto | undefined;

/** node:crypto, kept at hand: every request hashes with it. Loading it is the largest single cost of a cold start's first call. */
export function nodeCrypto(): NodeCrypto {
  return (crypto ??= builtin<NodeCrypto>('node:crypto'));
}
