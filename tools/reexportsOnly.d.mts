// Types of tools/reexportsOnly.mjs.
import type { Plugin } from 'esbuild';

/**
 * An esbuild plugin that reads @smithy/core's entry points as plain re-exports of the names an importer
 * asks for; `importers` says whose imports are redirected (the barrels' own always are).
 */
export function reexportsOnly(options: { importers: RegExp }): Plugin;
