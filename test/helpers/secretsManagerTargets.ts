// The servers the behaviour suite runs against: the embedded emulator in process (the client's
// httpHandler), the same emulator behind its local HTTP server, and moto_server. Each gives a client of
// this SDK, with signatures checked by the server.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { SecretsManagerClient } from '../../src/index.node.js';
import { SecretsManagerEmulator } from '../../src/emulator/index.js';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/index.node.js';
import { startMoto, type Moto } from './moto.js';

export type TargetKind = 'embedded' | 'server' | 'moto';

export interface Target {
  readonly kind: TargetKind;
  /** True for both faces of our emulator. */
  readonly isEmulator: boolean;
  readonly client: SecretsManagerClient;
  uniqueName(prefix?: string): string;
}

export const TARGET_KINDS: readonly TargetKind[] = ['embedded', 'server', 'moto'];

const CREDENTIALS = { accessKeyId: 'AKIAEMULATORTEST0001', secretAccessKey: 'emulator-test-secret-key' };

let counter = 0;
const uniqueName = (prefix = 'suite') => `${prefix}-${++counter}-${randomBytes(4).toString('hex')}`;

/** Starts the target in `beforeAll`, stops it in `afterAll`; call the result inside tests. */
export function useTarget(kind: TargetKind): () => Target {
  let target: Target | undefined;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (kind === 'embedded') {
      const emulator = new SecretsManagerEmulator({ credentials: CREDENTIALS });
      target = { kind, isEmulator: true, client: new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, httpHandler: emulator }), uniqueName };
    } else if (kind === 'server') {
      const server: EmulatorServer = await startEmulatorServer({ credentials: CREDENTIALS });
      const client = new SecretsManagerClient({ region: 'us-east-1', credentials: CREDENTIALS, serviceURL: server.endpoint });
      target = { kind, isEmulator: true, client, uniqueName };
      stop = async () => {
        client.destroy();
        await server.close();
      };
    } else {
      const moto: Moto = await startMoto();
      const client = new SecretsManagerClient({ region: moto.region, credentials: moto.credentials, serviceURL: moto.endpoint, maxErrorRetry: 0 });
      target = { kind, isEmulator: false, client, uniqueName: moto.uniqueName };
      stop = async () => {
        client.destroy();
        await moto.stop();
      };
    }
  }, 30_000);
  afterAll(async () => {
    await stop?.();
  });
  return () => {
    if (!target) throw new Error(`the ${kind} target did not start`);
    return target;
  };
}
