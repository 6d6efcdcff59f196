// An esbuild plugin that reads @smithy/core's entry points (`@smithy/core/serde`, `/protocols`, ...) as
// plain re-exports of the names an importer asks for, for the modules of the signer.
//
// Those entry points are barrels: they re-export a few hundred modules and run code of their own when
// loaded (`@smithy/core/serde` declares `class Uint8ArrayBlobAdapter extends bind...(...)` and calls
// `bindV4(...)`; a protocol class behind `/protocols` imports the event-stream code dynamically). A
// bundler must keep such statements, which may have side effects, and with them base64, UUID, blob and
// event-stream code the signer never uses: a third of its weight in a browser bundle. Read this way, a
// barrel costs nothing and the signer gets exactly the leaf modules it names. When an importer asks
// for a name that a barrel defines itself rather than re-exports, the build fails and says so.

import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const NAMESPACE = 'smithy-reexports';
const CORE_ENTRY = /^@smithy\/core\/[a-z-]+$/;

/**
 * @param {{ importers: RegExp }} options whose imports of the barrels are redirected (the signer's);
 *   the barrels' own imports of one another always are.
 * @returns {import('esbuild').Plugin}
 */
export function reexportsOnly({ importers }) {
  /** @type {Map<string, string>} the source of each redirected barrel, by its path in NAMESPACE */
  const generated = new Map();
  return {
    name: 'smithy-reexports',
    setup(build) {
      build.onResolve({ filter: CORE_ENTRY }, async (args) => {
        if (args.pluginData?.real) return undefined;
        const fromBarrel = args.namespace === NAMESPACE;
        if (!fromBarrel && !importers.test(args.importer)) return undefined;
        const importer = fromBarrel ? generated.get(args.importer) : readFileSync(args.importer, 'utf8');
        const names = namesFrom(importer, args.path);
        // A namespace import, a side-effect import or a form this reader does not know: it cannot tell
        // which leaf modules are needed, so it says so rather than guessing.
        if (names.length === 0) return { errors: [{ text: `${args.importer} takes no named imports from ${args.path} that this plugin can read; import the names one by one.` }] };
        const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: `${real.path}?${names.join(',')}`, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const [file, list] = args.path.split('?');
        const table = reexportTable(readFileSync(file, 'utf8'));
        const lines = [];
        for (const name of list.split(',').filter(Boolean)) {
          const line = table.get(name);
          if (line === undefined) return { errors: [{ text: `${file} does not simply re-export ${name}; the signer's bundle cannot take it from there.` }] };
          lines.push(line);
        }
        // `export {}` keeps even an empty list an ES module: esbuild then fails on any name an importer
        // asks for that is not here, where it would read an empty CommonJS module as undefined.
        const contents = `${lines.join('\n')}\nexport {};\n`;
        generated.set(args.path, contents);
        return { contents, resolveDir: dirname(file), loader: 'js' };
      });
    },
  };
}

/** The entries of an import or export list (`a`, `a as b`), each as [name, alias]; the alias is the name where there is none. */
function entriesOf(list) {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, alias = name] = entry.split(/\s+as\s+/);
      return [name, alias];
    });
}

/** The names that `source` imports or re-exports from `specifier`, sorted (type-only imports excluded). */
function namesFrom(source, specifier) {
  const names = new Set();
  const quoted = `["']${specifier.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')}["']`;
  for (const [, list] of source.matchAll(new RegExp(`^\\s*(?:import|export) \\{([^}]*)\\} from ${quoted}`, 'gm'))) {
    for (const [name] of entriesOf(list)) names.add(name);
  }
  return [...names].sort();
}

/** Each name a barrel re-exports, with the statement that re-exports it from its own module. */
function reexportTable(source) {
  const table = new Map();
  /** Imported bindings by their local name: the module and the name it exports them by. */
  const imported = new Map();
  for (const [, list, from] of source.matchAll(/^import \{([^}]*)\} from ("[^"]+");$/gm)) {
    for (const [name, local] of entriesOf(list)) imported.set(local, { name, from });
  }
  for (const [, list, from] of source.matchAll(/^export \{([^}]*)\}(?: from ("[^"]+"))?;$/gm)) {
    for (const [local, exported] of entriesOf(list)) {
      const origin = from !== undefined ? { name: local, from } : imported.get(local);
      if (origin !== undefined) table.set(exported, `export { ${origin.name === exported ? exported : `${origin.name} as ${exported}`} } from ${origin.from};`);
    }
  }
  return table;
}
