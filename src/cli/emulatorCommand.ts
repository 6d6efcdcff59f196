// `amazon-secretsmanager emulator`: the emulator as a local HTTP server, until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';

export const EMULATOR_USAGE = `Usage: amazon-secretsmanager emulator [--port N] [--host H] [--region R] [--access-key-id K --secret-access-key S]

Runs an in-memory AWS Secrets Manager on http://H:N until interrupted (Ctrl-C).
  --port N               port to listen on (default 4566; 0 picks a free one)
  --host H               address to listen on (default 127.0.0.1)
  --region R             Region of the secrets' ARNs (default us-east-1)
  --access-key-id K      check SigV4 signatures: only this key, with --secret-access-key, is accepted
  --secret-access-key S
Then, for example:  aws --endpoint-url http://127.0.0.1:4566 secretsmanager list-secrets`;

export interface EmulatorCommandIO {
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  /** Stops the server instead of a signal (tests). */
  signal?: AbortSignal;
}

/** Runs the command; resolves with the process's exit code once the server has stopped. */
export async function runEmulatorCommand(args: string[], io: EmulatorCommandIO = {}): Promise<number> {
  const out = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '4566' },
        host: { type: 'string', default: '127.0.0.1' },
        region: { type: 'string', default: 'us-east-1' },
        'access-key-id': { type: 'string' },
        'secret-access-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    err(`${(error as Error).message}\n\n${EMULATOR_USAGE}`);
    return 2;
  }
  if (values.help) {
    out(EMULATOR_USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    err(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(values.port)}.\n\n${EMULATOR_USAGE}`);
    return 2;
  }
  const key = values['access-key-id'];
  const secret = values['secret-access-key'];
  if ((key === undefined) !== (secret === undefined)) {
    err(`--access-key-id and --secret-access-key go together.\n\n${EMULATOR_USAGE}`);
    return 2;
  }
  let server;
  try {
    // Loaded here, not at the top: the rotation commands of the same tool never load the emulator.
    const { startEmulatorServer } = await import('../emulator/index.node.js');
    server = await startEmulatorServer({ port, host: values.host, region: values.region, ...(key && secret && { credentials: { accessKeyId: key, secretAccessKey: secret } }) });
  } catch (error) {
    err(`Could not listen on ${values.host}:${port}: ${(error as Error).message}`);
    return 1;
  }
  out(`Secrets Manager emulator listening on ${server.endpoint} (Region ${values.region}; signatures ${key ? 'checked' : 'not checked'})`);
  out(`  aws --endpoint-url ${server.endpoint} --region ${values.region} secretsmanager list-secrets`);
  out('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop, { once: true });
  });
  await server.close();
  out('Secrets Manager emulator stopped.');
  return 0;
}
