// Every exported class and function keeps its own name in every build, as users meet it: in
// `err.constructor.name`, in error reporters that group by it, and in `util.inspect` output. Each build
// is loaded in a fresh Node process, exactly as published (ES module by `import`, CommonJS by `require`).
// `npm test` builds dist/ first; this file fails loudly if it is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

const BUILDS = ['dist/esm/index.node.js', 'dist/cjs/index.node.js', 'dist/esm/index.js', 'dist/cjs/index.js'];

/** Exports that are another export under a second name: their `name` is the class's own. */
const ALIASES: Record<string, string> = { AmazonSecretsManagerClient: 'SecretsManagerClient' };

/** What one build shows: each exported function's `name`, and the inspect output of a request, a response and an error. */
interface Shown {
  names: Record<string, string>;
  request: string;
  response: string;
  error: string;
  constructorName: string;
}

function load(build: string): Shown {
  const file = join(ROOT, build);
  const loader = build.includes('/cjs/') ? `require(${JSON.stringify(file)})` : `await import(${JSON.stringify(file)})`;
  const script = `
    const { inspect } = require('node:util');
    (async () => {
      const m = ${loader};
      const names = {};
      for (const [key, value] of Object.entries(m)) if (typeof value === 'function') names[key] = value.name;
      const request = inspect(new m.RotateSecretRequest({ SecretId: 'MySecret' }));
      const response = inspect(new m.RotateSecretResponse({ ARN: 'arn', HttpStatusCode: 200 }));
      const err = new m.ResourceNotFoundException('no such secret', { errorCode: 'ResourceNotFoundException', errorType: 'Sender', statusCode: 400 });
      console.log(JSON.stringify({ names, request, response, error: inspect(err), constructorName: err.constructor.name }));
    })();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as Shown;
}

describe.each(BUILDS)('%s', (build) => {
  it('has been built (npm test builds it)', () => {
    expect(existsSync(join(ROOT, build))).toBe(true);
  });

  const shown = existsSync(join(ROOT, build)) ? load(build) : undefined;

  it('names every exported class and function as it is exported', () => {
    const names = shown!.names;
    expect(Object.keys(names).length).toBeGreaterThan(20);
    const wrong = Object.entries(names).filter(([key, name]) => name !== (ALIASES[key] ?? key));
    expect(wrong).toEqual([]);
  });

  it('shows the real class names in inspect output of a request, a response and an error', () => {
    expect(shown!.request).toMatch(/^RotateSecretRequest \{/);
    expect(shown!.response).toMatch(/^RotateSecretResponse \{/);
    expect(shown!.error).toMatch(/^ResourceNotFoundException: no such secret/);
    expect(shown!.constructorName).toBe('ResourceNotFoundException');
  });
});

/** The other entries, each as Node and as browsers and workers get it, ES module and CommonJS. */
const ENTRY_BUILDS = ['caching.node.js', 'caching/index.js', 'rotation/index.node.js', 'rotation/index.js', 'emulator/index.node.js', 'emulator/index.js'].flatMap((file) => [`dist/esm/${file}`, `dist/cjs/${file}`]);

function exportedNames(build: string): Record<string, string> {
  const file = join(ROOT, build);
  const loader = build.includes('/cjs/') ? `require(${JSON.stringify(file)})` : `await import(${JSON.stringify(file)})`;
  const script = `(async () => {
    const m = ${loader};
    const names = {};
    for (const [key, value] of Object.entries(m)) if (typeof value === 'function') names[key] = value.name;
    console.log(JSON.stringify(names));
  })();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as Record<string, string>;
}

describe.each(ENTRY_BUILDS)('%s', (build) => {
  it('names every exported class and function as it is exported', () => {
    expect(existsSync(join(ROOT, build))).toBe(true);
    const names = exportedNames(build);
    expect(Object.keys(names).length).toBeGreaterThan(0);
    expect(Object.entries(names).filter(([key, name]) => name !== key)).toEqual([]);
  });
});
