// The page of the msw browser test: a user's app with msw's service worker, the emulator's handlers
// and this SDK's web build, calling the service's real endpoint (answered in the page, never sent).
import { setupWorker } from 'msw/browser';
import { SecretsManagerEmulator } from '../../src/emulator/index.js';
import { secretsManagerHandlers } from '../../src/emulator/msw.js';
import { SecretsManagerClient } from '../../src/index.js';

export interface MswPageResult {
  value?: string;
  rotatedStages?: Record<string, string[]>;
  errorName?: string;
  failure?: string;
}

declare global {
  interface Window {
    mswResult: Promise<MswPageResult>;
  }
}

async function run(): Promise<MswPageResult> {
  const emulator = new SecretsManagerEmulator();
  const worker = setupWorker(...secretsManagerHandlers(emulator));
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  const client = new SecretsManagerClient({ region: 'us-west-2', credentials: emulator.credentials });
  await client.createSecretAsync({ Name: 'page/secret', SecretString: 'in the page' });
  await client.putSecretValueAsync({ SecretId: 'page/secret', SecretString: 'second' });
  const value = (await client.getSecretValueAsync({ SecretId: 'page/secret' })).SecretString!;
  const rotatedStages = (await client.describeSecretAsync({ SecretId: 'page/secret' })).VersionIdsToStages!;
  const errorName = await client.getSecretValueAsync({ SecretId: 'page/none' }).then(
    () => 'none',
    (e: Error) => e.name,
  );
  return { value, rotatedStages, errorName };
}

window.mswResult = run().catch((error: unknown) => ({ failure: String((error as Error)?.stack ?? error) }));
