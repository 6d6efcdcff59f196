// Helpers for the cross-runtime and packaging tests: run a program in another runtime and read the
// JSON line it prints, serve a workerd config, and a "holding" server that records requests and never
// answers them (the target of the in-flight abort).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { delimiter, join } from 'node:path';
import { listenOnLoopback } from './loopback.js';

export interface ProgramRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the run, in milliseconds. */
  ms: number;
}

/** Runs a program to its end (killed after `timeoutMs`); never rejects: the caller asserts on the outcome. */
export function runProgram(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ProgramRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 20_000, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr: stderr || (error && !stdout ? String(error.message) : stderr), ms: Math.round(performance.now() - started) });
      },
    );
  });
}

/**
 * This process's environment without any AWS_* setting of the developer's, and with the shared config
 * files pointed at a path that does not exist: a program under test sees only what the test gives it.
 */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  return { ...env, AWS_CONFIG_FILE: '/nonexistent/aws/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials', AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

/** The last line of `stdout` that parses as a JSON object; throws with the whole output otherwise. */
export function lastJsonLine<T = Record<string, unknown>>(run: ProgramRun): T {
  const lines = run.stdout.split('\n').filter((line) => line.trim().startsWith('{'));
  const last = lines.at(-1);
  if (last === undefined) {
    throw new Error(`no JSON line in the output (exit code ${run.code})\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`);
  }
  return JSON.parse(last) as T;
}

/** The first line a command prints for `--version` (or `version`), or `MISSING` when it cannot run. */
export function versionOf(command: string, args: string[] = ['--version']): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000, encoding: 'utf8' }, (error, stdout) => {
      resolve(error ? 'MISSING' : (stdout.split('\n')[0] ?? '').trim());
    });
  });
}

/**
 * Installs the other Node versions (test/runtime-binaries/package.json, with its lock) when they are missing:
 * .ci/run installs them beforehand, a fresh clone gets them at its first test run.
 */
export function ensureRuntimesInstalled(folder: string): void {
  if (['node20', 'node22', 'node24'].every((name) => existsSync(join(folder, 'node_modules', name)))) return;
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder, stdio: 'inherit', timeout: 300_000 });
}

/** The machine's own Node of the given major version: the one running npm, or the first on PATH. */
export async function machineNode(major: number): Promise<{ path: string; version: string } | undefined> {
  const candidates = [
    process.env.npm_node_execpath,
    process.execPath,
    ...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !dir.includes('node_modules')).map((dir) => join(dir, 'node')),
  ];
  for (const path of new Set(candidates)) {
    if (!path || !existsSync(path)) continue;
    const version = await versionOf(path);
    if (version.startsWith(`v${major}.`)) return { path, version };
  }
  return undefined;
}

export interface HoldingServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** How many requests whose JSON body names `secretId` arrived, and how many of their connections the client closed. */
  seen(secretId: string): { arrived: number; closed: number };
  stop(): Promise<void>;
}

/**
 * A server that reads each request, records the `SecretId` of its JSON body, and never answers it.
 * `GET /__held?secret=ID` answers `{ arrived, closed }` for ID, so a program under test can wait for its
 * request to arrive before it aborts.
 */
export async function startHoldingServer(): Promise<HoldingServer> {
  const seen = new Map<string, { arrived: number; closed: number }>();
  const entry = (id: string) => {
    let found = seen.get(id);
    if (!found) seen.set(id, (found = { arrived: 0, closed: 0 }));
    return found;
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/__held') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(entry(url.searchParams.get('secret') ?? '')));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let id = '';
      try {
        id = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId?: unknown }).SecretId ?? '');
      } catch {
        // not JSON: recorded under ''
      }
      const record = entry(id);
      record.arrived += 1;
      // Never answered: the only way this exchange ends is the client closing the connection.
      res.on('close', () => {
        record.closed += 1;
      });
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    seen: (id) => ({ ...entry(id) }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Workerd {
  port: number;
  /** What workerd printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Serves a workerd config whose socket `http` is bound to port 0, and learns the port from workerd's
 * control messages (`--control-fd`), so no port is guessed.
 */
export function startWorkerd(binary: string, configPath: string, cwd: string): Promise<Workerd> {
  const child = spawn(binary, ['serve', configPath, '--control-fd', '3'], { cwd, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`workerd did not report a listening socket within 15 s\n${output}`));
    }, 15_000);
    let control = '';
    const controlStream = child.stdio[3] as NodeJS.ReadableStream;
    controlStream.on('data', (chunk: Buffer) => {
      control += chunk.toString('utf8');
      for (const line of control.split('\n')) {
        if (!line.trim()) continue;
        try {
          const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
          if (message.event === 'listen' && message.socket === 'http' && typeof message.port === 'number') {
            clearTimeout(timer);
            resolve({ port: message.port, output: () => output, stop });
            return;
          }
        } catch {
          // an incomplete line: wait for more
        }
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`workerd exited before listening (code ${code}, signal ${signal})\n${output}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
