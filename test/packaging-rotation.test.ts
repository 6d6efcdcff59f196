// amazon-secretsmanager/rotation and the bin as the built package gives them: by name, through the
// exports map, as ES module and CommonJS, each loading the client through the main entry rather than
// holding a copy of it. `npm test` builds dist/ first.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const node = (args: string[], code: string): string => execFileSync(process.execPath, [...args, '-e', code], { cwd: ROOT, encoding: 'utf8' }).trim();

/** Strings only the client's runtime holds: the signer, the transport, the operations table, the retry loop. */
const RUNTIME_MARKERS = ['AWS4-HMAC-SHA256', 'x-amz-target', 'X-Amz-Target', 'secretsmanager.RotateSecret', 'amz-sdk-invocation-id', 'SecretsManagerClientBase'];

describe('amazon-secretsmanager/rotation', () => {
  it('loads by name as ES module and as CommonJS in Node, sharing the main entry\'s classes', () => {
    const check = `
      const isRnf = main.isResourceNotFoundException(new main.ResourceNotFoundException('x', { statusCode: 400 }));
      const rotation = new r.SecretsManagerRotation(new main.SecretsManagerClient({ region: 'us-east-1' }));
      console.log(typeof r.createRotationHandler, typeof rotation.describeRotationAsync, isRnf, r.ROTATION_STEPS.join());`;
    const expected = 'function function true createSecret,setSecret,testSecret,finishSecret';
    expect(node(['--input-type=module'], `import * as r from 'amazon-secretsmanager/rotation'; import * as main from 'amazon-secretsmanager'; ${check}`)).toBe(expected);
    expect(node([], `const r = require('amazon-secretsmanager/rotation'); const main = require('amazon-secretsmanager'); ${check}`)).toBe(expected);
  });

  it('is, for Node, one file that imports the main entry and holds no copy of the client runtime', () => {
    for (const format of ['esm', 'cjs']) {
      const text = readFileSync(join(ROOT, `dist/${format}/rotation/index.node.js`), 'utf8');
      const imports = [...text.matchAll(/(?:from\s*|require\()\s*["']([^"']+)["']/g)].map((match) => match[1]);
      expect({ format, imports: [...new Set(imports)] }).toEqual({ format, imports: ['../index.node.js'] });
      for (const marker of RUNTIME_MARKERS) expect({ format, marker, found: text.includes(marker) }).toEqual({ format, marker, found: false });
      expect(text.length).toBeLessThan(40_000);
    }
  });

  it('gives browsers and workers the web build, whose modules import the web entry', () => {
    for (const condition of ['browser', 'worker']) {
      const names = node([`--conditions=${condition}`, '--input-type=module'], `import * as r from 'amazon-secretsmanager/rotation'; console.log(typeof r.SecretsManagerRotation, import.meta.resolve('amazon-secretsmanager/rotation').replace(/^.*\\/dist\\//, 'dist/'))`);
      expect({ condition, names }).toEqual({ condition, names: 'function dist/esm/rotation/index.js' });
    }
    expect(readFileSync(join(ROOT, 'dist/esm/rotation/SecretsManagerRotation.js'), 'utf8')).toMatch(/from '\.\.\/index\.js'/);
  });

  it('leaves the main entry as it was: importing amazon-secretsmanager loads no rotation code', () => {
    const main = readFileSync(join(ROOT, 'dist/esm/index.node.js'), 'utf8');
    expect(main).not.toContain('SecretsManagerRotation');
    expect(main).not.toContain('createRotationHandler');
  });
});

describe('the amazon-secretsmanager bin', () => {
  it('is declared, starts with a shebang, and imports both entries rather than copies of them', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ 'amazon-secretsmanager': './dist/esm/cli/main.js' });
    const text = readFileSync(join(ROOT, 'dist/esm/cli/main.js'), 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const imports = new Set([...text.matchAll(/from\s*["']([^"']+)["']/g)].map((match) => match[1]));
    expect([...imports].sort()).toEqual(['../index.node.js', '../rotation/index.node.js', 'node:util']);
    for (const marker of RUNTIME_MARKERS) expect(text.includes(marker)).toBe(false);
  });
});
