#!/usr/bin/env node
// The `amazon-secretsmanager` command: runCli on this process's arguments and streams.
import { runCli } from './runCli.js';

const controller = new AbortController();
// The first Ctrl-C stops the wait (the rotation itself goes on at the service); a second one exits at once.
process.once('SIGINT', () => {
  controller.abort(new Error('Interrupted'));
  process.once('SIGINT', () => process.exit(130));
});
// Not a top-level await: tsc also compiles this folder to CommonJS, which has none.
void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, abortSignal: controller.signal }).then((code) => {
  process.exitCode = code;
});
