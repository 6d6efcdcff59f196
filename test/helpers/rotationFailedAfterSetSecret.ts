import { SecretsManagerClient } from '../../src/index.node.js';
import { SecretsManagerEmulator } from '../../src/emulator/index.js';
import { createRotationHandler, type DatabaseSecret } from '../../src/rotation/index.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * A secret whose rotation, run by the embedded emulator against a fake database, changed the
 * database's password in setSecret and then failed at `failAt`: the database now takes only the
 * pending version's password, while AWSCURRENT still holds the old one. Where the repair tests of the
 * rotation entry and of the CLI start. `database.failing = false` lets the next rotation pass.
 */
export async function rotationFailedAfterSetSecret(failAt: 'testSecret' | 'finishSecret') {
  let time = Date.parse('2026-06-01T12:00:00Z');
  const emulator = new SecretsManagerEmulator({ now: () => time });
  const client = new SecretsManagerClient({ region: 'us-east-1', credentials: emulator.credentials, httpHandler: emulator, maxErrorRetry: 0 });
  const database = { password: 'old-password', failing: true };
  const login = (secret: DatabaseSecret | undefined) => secret?.password === database.password;
  const handler = createRotationHandler<DatabaseSecret>({
    client,
    logger: quiet,
    // The single-user strategy of docs/rotation.md: pending already set, else log in with current or previous.
    async setSecret({ pending, current, previous }) {
      if (login(pending)) return;
      if (!login(current) && !login(previous)) throw new Error('cannot log in with the pending, current or previous password');
      database.password = pending.password;
    },
    async testSecret({ pending }) {
      if (failAt === 'testSecret' && database.failing) throw new Error('database down');
      if (!login(pending)) throw new Error('cannot log in with the pending password');
    },
    async finishSecret() {
      if (failAt === 'finishSecret' && database.failing) throw new Error('timed out before moving AWSCURRENT');
    },
  });
  const RotationLambdaARN = emulator.registerRotationFunction('rotate-db-user', handler);
  const created = await client.createSecretAsync({ Name: 'prod/db', SecretString: JSON.stringify({ username: 'app', password: 'old-password' }) });
  const failed = await client.rotateSecretAsync({ SecretId: 'prod/db', RotationLambdaARN, RotationRules: { AutomaticallyAfterDays: 30 } });
  const [record] = await emulator.waitForRotations();
  return {
    emulator,
    client,
    database,
    login,
    record,
    created,
    failed,
    labelsNow: async () => (await client.describeSecretAsync({ SecretId: 'prod/db' })).VersionIdsToStages,
    clock: () => new Date(time),
    advance: (ms: number) => (time += ms),
  };
}
