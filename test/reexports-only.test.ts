// tools/reexportsOnly.mjs, the esbuild plugin that gives the signer the leaf modules of @smithy/core's
// entry points it names and nothing of what those entry points run when loaded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { reexportsOnly } from '../tools/reexportsOnly.mjs';

const ROOT = resolve(import.meta.dirname, '..');

const DIR = resolve(ROOT, 'node_modules/.cache/reexports-only');
let count = 0;

/**
 * Bundles `source` as a module file of its own (the plugin reads its importers' text), the plugin
 * redirecting that module's imports, or those of modules matching `importers`.
 */
async function bundle(source: string, importers = /reexports-only\/entry-\d+\.mjs$/): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const entry = resolve(DIR, `entry-${(count += 1)}.mjs`);
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    mainFields: ['module', 'main'],
    logLevel: 'silent',
    plugins: [reexportsOnly({ importers })],
  });
  return result.outputFiles[0]!.text;
}

describe('reexportsOnly', () => {
  it('gives an importer the leaf module of the name it asks for, without the code its entry point runs', async () => {
    const text = await bundle(`import { toHex } from '@smithy/core/serde'; console.log(toHex(new Uint8Array([255])));`);
    expect(text).toContain('function toHex');
    // What @smithy/core/serde runs when loaded, and which a bundler must otherwise keep.
    for (const absent of ['Uint8ArrayBlobAdapter', 'bindV4', 'toBase64']) expect({ absent, found: text.includes(absent) }).toEqual({ absent, found: false });
  });

  it("follows one entry point re-exporting another (serde re-exports transport's hasOwn)", async () => {
    const text = await bundle(`import { hasOwn } from '@smithy/core/serde'; console.log(hasOwn({ a: 1 }, 'a'));`);
    expect(text).toContain('hasOwnProperty');
  });

  it('fails the build, naming the name, for one the entry point defines itself rather than re-exports', async () => {
    await expect(bundle(`import { Uint8ArrayBlobAdapter } from '@smithy/core/serde'; console.log(Uint8ArrayBlobAdapter);`)).rejects.toThrow(/does not simply re-export Uint8ArrayBlobAdapter/);
  });

  it('fails the build for an import it cannot read the names of, rather than guessing', async () => {
    await expect(bundle(`import * as serde from '@smithy/core/serde'; console.log(serde.toHex(new Uint8Array([1])));`)).rejects.toThrow(/takes no named imports from @smithy\/core\/serde/);
  });

  it('reads names imported over several lines and renamed', async () => {
    const text = await bundle(`import {\n  toHex as hex,\n  fromHex,\n} from '@smithy/core/serde';\nconsole.log(hex(fromHex('ff')));`);
    expect(text).toContain('function toHex');
    expect(text).toContain('function fromHex');
  });

  it('leaves the imports of modules it was not asked about alone', async () => {
    const text = await bundle(`import { toHex } from '@smithy/core/serde'; console.log(toHex(new Uint8Array([1])));`, /never-matches/);
    expect(text).toContain('Uint8ArrayBlobAdapter');
  });
});
