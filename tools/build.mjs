#!/usr/bin/env node
// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with its own type declarations.
//
// - tsc emits every module and its .d.ts, for both formats. The web entry (index.js) stays one file
//   per module: app bundlers tree-shake it best that way (an app that never names RegionEndpoint does
//   not carry the region table).
// - esbuild then bundles the Node entry (index.node.js) into one file per format, dependencies left
//   external: Node loads one file where it would otherwise resolve and parse some sixty, which is most
//   of what importing the package costs (docs/benchmarks.md). The signer is in that file: as a chunk
//   of its own it cost the first call more than it spared the import (src/runtime/config/Platform.ts). What
//   the entry imports only when needed (the adaptive rate limiter, the shared config files' reader)
//   is bundled into files of its own under chunks/ (see LAZY).
// - The signer of the web build (runtime/signing/RequestSigner.js) is bundled the same way, in place of tsc's
//   file, so an app's bundler meets neither @smithy/signature-v4's nor @smithy/core's entry points:
//   through them it would keep code the signer never runs (see tools/reexportsOnly.mjs).
// - dist/cjs gets a package.json saying "commonjs", so Node and TypeScript read its .js and .d.ts
//   files as CommonJS while the package itself is "type": "module".
// - The rotation entry (`amazon-secretsmanager/rotation`) is bundled for Node the same way, into
//   rotation/index.node.js, with the main entry left external: it imports the client through the
//   package's main entry only, so an app loads one copy of the runtime. The command-line tool (src/cli,
//   the package's `bin`) is bundled likewise, with both entries external. See ENTRIES.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { reexportsOnly } from './reexportsOnly.mjs';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.cjs.json'], { stdio: 'inherit' });
mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');

const BUNDLED = ['@smithy/signature-v4', '@smithy/core'];
/** What both bundles share: the signer bundled from its ES modules, output trimmed but readable. */
const common = {
  bundle: true,
  // The signer's ES module build, which tree-shakes; its "main" is CommonJS that pulls whole barrels.
  mainFields: ['module', 'main'],
  sourcemap: true,
  // Less to parse at start-up.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // The signer's imports of @smithy/core's entry points get the leaf modules they name, nothing else.
  plugins: [reexportsOnly({ importers: /@smithy\/signature-v4\/|src\/runtime\/signing\/RequestSigner\.ts$/ })],
};

const nodeEntry = {
  ...common,
  entryPoints: { 'index.node': 'src/index.node.ts' },
  platform: 'node',
  target: 'node20',
  // The signer and the parts of @smithy/core it uses are bundled in (tree-shaken): required from
  // node_modules they load @smithy/core's whole CommonJS submodules, which took most of a cold start's
  // first call. Every other dependency is loaded from node_modules, and only when used.
  external: Object.keys(dependencies).filter((name) => !BUNDLED.includes(name)),
  // Local names are kept as written, not minified: every class and function keeps its own `name`, as
  // in the web build (users log err.constructor.name, error reporters group by it, util.inspect
  // prints it), and stack traces read without source maps. Minified names with esbuild's keepNames
  // (a name-setting call per class and function) cost more at a cold start than the longer text
  // does: docs/benchmarks.md has the A/B. One catch: esbuild turns each class into `var X = class`,
  // and a class whose body names itself becomes `var X = class _X`, whose `name` is `_X`; such
  // classes refer to themselves through a module constant instead (test/class-names.test.ts checks
  // every export of every build).
};
/**
 * The modules the Node entry imports only when it needs them (dynamically), each bundled into
 * chunks/ under its own name. Not esbuild's code splitting: that moves what these share with the entry
 * (two small @smithy/core helpers) into a third file, which every import of the package then loads as
 * well (0.8 ms of it).
 */
const LAZY = ['src/node/sharedConfigFiles.ts', 'src/runtime/retries/ClientRateLimiter.ts'];

/** Points the entry's dynamic imports of the LAZY modules at their files instead of bundling them in. */
const lazyFiles = {
  name: 'lazy-files',
  setup(build) {
    build.onResolve({ filter: /\.js$/ }, ({ path, kind, resolveDir }) => {
      const source = LAZY.find((lazy) => resolve(lazy) === resolve(resolveDir, path.replace(/\.js$/, '.ts')));
      return kind === 'dynamic-import' && source ? { path: `./chunks/${basename(source, '.ts')}.js`, external: true } : undefined;
    });
  },
};

/**
 * A module in two files would be two modules: two copies of its state, its classes unequal. Only the
 * dependencies' stateless helpers may stand in both; each lazy file holds no module of ours but its own.
 */
function checkApart(entry, lazy) {
  const ours = (metafile, output) => Object.keys(metafile.outputs[output].inputs).filter((input) => input.startsWith('src/'));
  const entryModules = ours(entry, Object.keys(entry.outputs).find((output) => output.endsWith('index.node.js')));
  for (const source of LAZY) {
    if (entryModules.includes(source)) throw new Error(`${source} is bundled into the Node entry as well as into its own file: import it dynamically only.`);
    const output = Object.keys(lazy.outputs).find((path) => path.endsWith(`chunks/${basename(source, '.ts')}.js`));
    const extra = ours(lazy, output).filter((input) => input !== source);
    if (extra.length > 0) throw new Error(`${output} bundles ${extra.join(', ')}, which the Node entry has its own copy of.`);
  }
}

const lazyEntries = Object.fromEntries(LAZY.map((source) => [`chunks/${basename(source, '.ts')}`, source]));
for (const format of ['esm', 'cjs']) {
  // The CommonJS build loads its later parts with require(), not import(): runners that execute
  // CommonJS without ES module support (Jest, by default) fail on an import().
  const options = { ...nodeEntry, format, outdir: `dist/${format}`, metafile: true, supported: format === 'cjs' ? { 'dynamic-import': false } : {} };
  const entry = await build({ ...options, plugins: [...nodeEntry.plugins, lazyFiles] });
  const lazy = await build({ ...options, entryPoints: lazyEntries });
  checkApart(entry.metafile, lazy.metafile);
}

/**
 * The emulator's Node entry (amazon-secretsmanager/emulator) in a file of its own, bundled like the
 * package's: an app that never imports it loads none of it. It imports nothing of the package's main
 * entry (the emulator answers the wire protocol; it has no client), which the check below holds to.
 */
for (const format of ['esm', 'cjs']) {
  const emulator = await build({
    ...nodeEntry,
    entryPoints: { 'emulator/index.node': 'src/emulator/index.node.ts' },
    format,
    outdir: `dist/${format}`,
    allowOverwrite: true,
    metafile: true,
  });
  checkOnly(emulator.metafile, 'src/emulator/');
}

/** Replaces tsc's runtime/signing/RequestSigner.js of the web build; it has no imports left. */
const webSigner = { ...common, entryPoints: { 'runtime/signing/RequestSigner': 'src/runtime/signing/RequestSigner.ts' }, platform: 'browser', target: 'es2022', allowOverwrite: true };
await build({ ...webSigner, format: 'esm', outdir: 'dist/esm' });
await build({ ...webSigner, format: 'cjs', outdir: 'dist/cjs' });

// The caching entry (`amazon-secretsmanager/caching`) for Node, bundled into a file of its own like the
// main entry. It must carry no client code (src/caching/README.md): only its own modules may be in it.
for (const format of ['esm', 'cjs']) {
  const { metafile } = await build({ ...common, entryPoints: { 'caching.node': 'src/caching/index.ts' }, platform: 'node', target: 'node20', format, outdir: `dist/${format}`, metafile: true });
  const foreign = Object.keys(metafile.inputs).filter((input) => !input.startsWith('src/caching/'));
  if (foreign.length > 0) throw new Error(`dist/${format}/caching.node.js bundles ${foreign.join(', ')}: the caching entry may import only types from the client.`);
}

/**
 * The package's own entries as other bundles import them: a bundle that imports one of these sources
 * gets the entry's built Node file instead (external), never a copy of it. The web entry maps to the
 * Node one too: in Node, src/rotation's `../index.js` is the package's main entry, which for Node is
 * index.node.js.
 */
const ENTRIES = {
  'src/index.ts': 'index.node.js',
  'src/index.node.ts': 'index.node.js',
  'src/rotation/index.ts': 'rotation/index.node.js',
  'src/emulator/index.node.ts': 'emulator/index.node.js',
};

/** Resolves imports of the ENTRIES to their built files, relative to `outfile` (the bundle's own path under dist/<format>). */
function ownEntries(outfile) {
  return {
    name: 'own-entries',
    setup(build) {
      build.onResolve({ filter: /\.js$/ }, ({ path, resolveDir, kind }) => {
        if (kind === 'entry-point') return undefined;
        const source = relative(resolve('.'), resolve(resolveDir, path.replace(/\.js$/, '.ts'))).split('\\').join('/');
        const target = ENTRIES[source];
        if (target === undefined) return undefined;
        const specifier = relative(dirname(outfile), target).split('\\').join('/');
        return { path: specifier.startsWith('.') ? specifier : `./${specifier}`, external: true };
      });
    },
  };
}

/** A bundle that must hold only the modules of its own folder: anything else of ours would be a second copy. */
function checkOnly(metafile, folder) {
  const strays = Object.values(metafile.outputs)
    .flatMap((output) => Object.keys(output.inputs))
    .filter((input) => input.startsWith('src/') && !input.startsWith(folder));
  if (strays.length > 0) throw new Error(`The bundle of ${folder} holds ${[...new Set(strays)].join(', ')}: import it through the package's main entry instead.`);
}

const entryBundle = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, minifyWhitespace: true, minifySyntax: true, logLevel: 'warning', metafile: true, external: Object.keys(dependencies) };
for (const format of ['esm', 'cjs']) {
  const outfile = 'rotation/index.node.js';
  const { metafile } = await build({ ...entryBundle, format, entryPoints: ['src/rotation/index.ts'], outfile: `dist/${format}/${outfile}`, plugins: [ownEntries(outfile)] });
  checkOnly(metafile, 'src/rotation/');
}
{
  // The bin runs as an ES module (the package is "type": "module"); this bundle replaces tsc's cli/main.js.
  const outfile = 'cli/main.js';
  const { metafile } = await build({ ...entryBundle, format: 'esm', entryPoints: ['src/cli/main.ts'], outfile: `dist/esm/${outfile}`, plugins: [ownEntries(outfile)] });
  checkOnly(metafile, 'src/cli/');
}
