// The processes a benchmark starts: the loopback server, and scripts of this folder that send back one
// result over IPC. Shared by run.mjs and profile.mjs.
import { fork } from 'node:child_process';
import { resolve } from 'node:path';

const HERE = import.meta.dirname;
export const ROOT = resolve(HERE, '../..');

/**
 * The environment of every child: NODE_EXTRA_CA_CERTS makes each Node start read and parse a CA bundle
 * (about 0.1 s), and NODE_OPTIONS could change what is measured; neither is a client's cost.
 */
export const childEnv = { ...process.env };
delete childEnv.NODE_EXTRA_CA_CERTS;
delete childEnv.NODE_OPTIONS;

/** Forks a module of this folder and resolves with the one message it sends back. */
export function forkForResult(module, argv, { execArgv = [] } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = fork(resolve(HERE, module), argv, { cwd: ROOT, env: childEnv, execArgv, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let stderr = '';
    let result;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('message', (message) => {
      result = message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result !== undefined) resolvePromise(result);
      else reject(new Error(`${module} ${argv[0] ?? ''} exited with ${signal ?? code} and no result:\n${stderr}`));
    });
  });
}

/** The loopback server (server.mjs) in a process of its own; `stop()` ends it. */
export async function startServer() {
  const child = fork(resolve(HERE, 'server.mjs'), [], { env: childEnv, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolvePromise, reject) => {
    child.once('message', resolvePromise);
    child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
