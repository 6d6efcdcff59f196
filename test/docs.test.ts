// The documentation is part of the product: the API site builds without a warning, and every
// TypeScript sample in the README and docs/ compiles against the built package, as a user's code would.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IAmazonSecretsManager } from '../src/index.node.js';
import { RotateSecretResponse, SecretsManagerClient } from '../src/index.node.js';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function samples(): { file: string; index: number; code: string }[] {
  const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return files.flatMap((file) =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({ file, index, code: match[1]! })),
  );
}

describe('the documentation', () => {
  it('builds the API reference with typedoc and no warnings', () => {
    const out = mkdtempSync(join(tmpdir(), 'typedoc-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--out', out, '--logLevel', 'Warn'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout: string; stderr: string };
      expect.fail(`typedoc failed:\n${stdout}\n${stderr}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('has TypeScript samples that compile against the built package', () => {
    const found = samples();
    expect(found.length).toBeGreaterThan(0);
    // Inside the project, so that `amazon-secretsmanager` resolves to this package through its exports map.
    const dir = join(ROOT, 'node_modules', '.cache', 'doc-samples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const { file, index, code } of found) {
      // Samples may use `client`, `request` and `ac` without declaring them, as prose around them does.
      const prelude = `import { SecretsManagerClient as __Client } from 'amazon-secretsmanager';\ndeclare const client: InstanceType<typeof __Client>;\n`;
      const needsPrelude = !/\bconst client\b/.test(code) && /\bclient\./.test(code);
      writeFileSync(join(dir, `${file.replace(/\W/g, '_')}_${index}.mts`), `${needsPrelude ? prelude : ''}${code}\nexport {};\n`);
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] }, include: ['*.mts'] }),
    );
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      expect.fail(`a documentation sample does not compile:\n${(error as { stdout: string }).stdout}`);
    }
  }, 60_000);
});

/** The `@example` blocks of the generated JSDoc (one per operation, paginator and Begin/End pair), with their file. */
function generatedExamples(): { file: string; index: number; code: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.ts')) files.push(join(dir, entry.name));
    }
  };
  walk(join(ROOT, 'src/generated'));
  return files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)].map((match, index) => ({
      file: file.slice(ROOT.length + 1),
      index,
      code: match[1]!.replace(/^\s*\* ?/gm, '').replaceAll('*\\/', '*/'),
    })),
  );
}

describe('the examples in the generated API reference', () => {
  it('compile against the built package, one per method, operation function, paginator and Begin/End function', async () => {
    const found = generatedExamples();
    // 23 methods on the interface and on the client, 23 operation functions, 23 begin functions, 3 paginators.
    expect(found.length).toBe(23 * 4 + 3);
    const exported = new Set(Object.keys(await import('../src/index.node.js')));
    const dir = join(ROOT, 'node_modules', '.cache', 'generated-examples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const { file, index, code } of found) {
      const names = [...new Set(code.match(/\b[A-Za-z]\w*\b/g))].filter((name) => exported.has(name) && name !== 'SecretsManagerClient');
      const prelude = `import { SecretsManagerClient${names.map((name) => `, ${name}`).join('')} } from 'amazon-secretsmanager';\ndeclare const client: SecretsManagerClient;\n`;
      writeFileSync(join(dir, `${file.replace(/\W/g, '_')}_${index}.mts`), `${prelude}${code}\nexport {};\n`);
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, noUnusedLocals: false, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] }, include: ['*.mts'] }),
    );
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      expect.fail(`a generated example does not compile:\n${(error as { stdout: string }).stdout}`);
    }
  }, 60_000);
});

describe('the IAmazonSecretsManager interface', () => {
  it('is implemented by the client and can be stubbed by app code', async () => {
    const real: IAmazonSecretsManager = new SecretsManagerClient({ region: 'us-east-1' });
    const stub: Pick<IAmazonSecretsManager, 'rotateSecretAsync'> = { rotateSecretAsync: async (request) => new RotateSecretResponse({ Name: request.SecretId, HttpStatusCode: 200 }) };
    expect(typeof real.rotateSecretAsync).toBe('function');
    const res = await stub.rotateSecretAsync({ SecretId: 'prod/db' });
    expect(res).toMatchObject({ Name: 'prod/db', HttpStatusCode: 200, ContentLength: 0, ResponseMetadata: { RequestId: undefined } });
  });
});
