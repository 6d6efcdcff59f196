// The package as npm publishes it: `npm pack` once, then publint and "Are the Types Wrong?" (attw) on
// the tarball, and every path the manifest points to is in it. `npm test` builds dist/ first.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const ATTW = join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
const run = promisify(execFile);

let scratch = '';
let tarball = '';
let packed: string[] = [];

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'dist/esm/index.js')) && existsSync(join(ROOT, 'dist/cjs/index.js')), 'dist/ is missing: run npm run build').toBe(true);
  scratch = await mkdtemp(join(tmpdir(), 'sm-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(scratch, info!.filename);
  packed = info!.files.map((file) => file.path);
}, 30_000);
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Every file path a manifest field or an `exports` leaf points to. */
function manifestTargets(pkg: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const field of ['main', 'module', 'types']) walk(pkg[field]);
  walk(pkg.exports);
  return [...new Set(targets)];
}

describe('the published package', { timeout: 30_000 }, () => {
  it('packs every file its manifest and exports map point to, and no tests', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    const missing = manifestTargets(pkg).filter((target) => !packed.includes(target));
    expect(missing).toEqual([]);
    expect(packed).toContain('dist/cjs/package.json');
    expect(packed.filter((file) => file.startsWith('test/') || file.startsWith('node_modules/'))).toEqual([]);
  });

  it('publint (strict) reports no error and no warning', async () => {
    const bytes = await readFile(tarball);
    const { messages, pkg } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }, strict: true });
    const report = messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`);
    if (report.length > 0) console.info(`[publint]\n${report.join('\n')}`);
    expect(report.filter((line) => !line.startsWith('suggestion:'))).toEqual([]);
  });

  it('attw finds no problem in any resolution mode, and each mode gets its typings', async () => {
    // attw exits non-zero when it finds problems; the JSON report says which.
    const outcome = await run(process.execPath, [ATTW, tarball, '--format', 'json'], { cwd: scratch, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: error.stdout ?? '', stderr: `exit ${error.code}: ${error.stderr ?? ''}` }),
    );
    const report = JSON.parse(outcome.stdout) as {
      analysis: { problems: unknown[]; entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string }; implementationResolution?: { fileName: string } }> }> };
    };
    expect(report.analysis.problems, outcome.stderr).toEqual([]);
    const at = (mode: string) => {
      const resolution = report.analysis.entrypoints['.']!.resolutions[mode]!;
      return [resolution.resolution?.fileName.replace('/node_modules/amazon-secretsmanager/', ''), resolution.implementationResolution?.fileName.replace('/node_modules/amazon-secretsmanager/', '')];
    };
    expect(at('node16-cjs')).toEqual(['dist/cjs/index.node.d.ts', 'dist/cjs/index.node.js']);
    expect(at('node16-esm')).toEqual(['dist/esm/index.node.d.ts', 'dist/esm/index.node.js']);
    expect(at('bundler')).toEqual(['dist/esm/index.d.ts', 'dist/esm/index.js']);
    expect(at('node10')[1]).toBe('dist/cjs/index.node.js');
    // The caching entry: its own file in Node, its modules in bundlers; caching/package.json for node10.
    const caching = (mode: string) => report.analysis.entrypoints['./caching']!.resolutions[mode]!.implementationResolution?.fileName.replace('/node_modules/amazon-secretsmanager/', '');
    expect(['node16-cjs', 'node16-esm', 'bundler', 'node10'].map(caching)).toEqual(['dist/cjs/caching.node.js', 'dist/esm/caching.node.js', 'dist/esm/caching/index.js', 'dist/cjs/caching.node.js']);
  });
});
