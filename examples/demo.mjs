// The demo behind `npm run demo`: starts a local Secrets Manager, then rotates a secret with this SDK,
// shows a typed error, a validation error and a cancellation. The Secrets Manager is moto_server
// (with SigV4 checking on) when it is on the PATH, and otherwise the package's embedded emulator
// (amazon-secretsmanager/emulator, signatures checked too), so a machine with Node alone runs it. It
// imports the built package by name, exactly as an app would.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import {
  RequestValidationException,
  ResourceNotFoundException,
  RotateSecretRequest,
  SecretsManagerClient,
} from 'amazon-secretsmanager';
import { SecretsManagerEmulator } from 'amazon-secretsmanager/emulator';
import { startMoto } from '../tools/emulator.mjs';

const onPath = (command) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return dir !== '';
    } catch {
      return false;
    }
  });

/** moto_server: it has no rotation function to run, so it makes a rotation's new version current at once. */
async function motoBackend() {
  const moto = await startMoto();
  return {
    banner: `moto_server at ${moto.endpoint} (signatures verified)`,
    clientConfig: { region: moto.region, serviceURL: moto.endpoint, credentials: moto.credentials },
    createSecret: (name) => moto.createSecret(name),
    describeSecret: (name) => moto.describeSecret(name),
    rotation: () => ({ RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false }),
    rotated: async () => {},
    stop: () => moto.stop(),
  };
}

/**
 * The embedded emulator, in this process: the client's httpHandler. Rotation runs a rotation function
 * registered with it, through createSecret, setSecret, testSecret and finishSecret, as the service runs
 * its Lambda function.
 */
function embeddedBackend() {
  const credentials = { accessKeyId: 'AKIADEMOEXAMPLE00001', secretAccessKey: 'demo-secret-access-key' };
  const emulator = new SecretsManagerEmulator({ credentials });
  const clientConfig = { region: emulator.region, credentials, httpHandler: emulator };
  const rotator = new SecretsManagerClient(clientConfig);
  // What AWS's rotation template does, in brief: a new random value as AWSPENDING, then AWSCURRENT moved to it.
  const functionArn = emulator.registerRotationFunction('demo-rotation', async ({ Step, SecretId, ClientRequestToken }) => {
    if (Step === 'createSecret') {
      const { RandomPassword } = await rotator.getRandomPasswordAsync({ ExcludePunctuation: true });
      await rotator.putSecretValueAsync({ SecretId, ClientRequestToken, SecretString: RandomPassword, VersionStages: ['AWSPENDING'] });
    } else if (Step === 'finishSecret') {
      const { VersionIdsToStages } = await rotator.describeSecretAsync({ SecretId });
      const current = Object.keys(VersionIdsToStages).find((id) => VersionIdsToStages[id].includes('AWSCURRENT'));
      await rotator.updateSecretVersionStageAsync({ SecretId, VersionStage: 'AWSCURRENT', MoveToVersionId: ClientRequestToken, RemoveFromVersionId: current });
    }
  });
  return {
    banner: 'the embedded emulator (amazon-secretsmanager/emulator, in this process; signatures verified). moto_server is not on the PATH',
    clientConfig,
    createSecret: async (name) => emulator.seed({ Name: name, SecretString: 'first value' }),
    describeSecret: async (name) => emulator.inspect(name),
    rotation: () => ({ RotationLambdaARN: functionArn, RotationRules: { AutomaticallyAfterDays: 30 } }),
    rotated: async () => {
      const [record] = await emulator.waitForRotations();
      console.log(`   the rotation function ran ${record.completed.join(', ')}: ${record.status}`);
    },
    stop: async () => rotator.destroy(),
  };
}

const emulator = onPath('moto_server') ? await motoBackend() : embeddedBackend();
console.log(`Emulator: ${emulator.banner}\n`);

try {
  const client = new SecretsManagerClient(emulator.clientConfig);
  const secret = await emulator.createSecret('prod/db');

  // 1. Rotate.
  const res = await client.rotateSecretAsync(new RotateSecretRequest({ SecretId: 'prod/db', ...emulator.rotation() }));
  console.log('1. rotateSecretAsync');
  console.log(`   VersionId ${res.VersionId}, HTTP ${res.HttpStatusCode}, RequestId ${res.ResponseMetadata.RequestId}`);
  await emulator.rotated();
  const { VersionIdsToStages } = await emulator.describeSecret('prod/db');
  console.log(`   staging labels now: ${JSON.stringify(VersionIdsToStages)} (first version ${secret.VersionId})\n`);

  // 2. A typed service error.
  try {
    await client.rotateSecretAsync({ SecretId: 'prod/does-not-exist' });
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
    console.log(`2. ${err.name}: ${err.message}`);
    console.log(`   errorCode ${err.errorCode}, errorType ${err.errorType}, statusCode ${err.statusCode}, requestId ${err.requestId}\n`);
  }

  // 3. Bad input is refused before anything is signed or sent.
  try {
    await client.rotateSecretAsync({ SecretId: 'prod/db', RotationRules: { AutomaticallyAfterDays: 0 } });
  } catch (err) {
    if (!(err instanceof RequestValidationException)) throw err;
    console.log(`3. ${err.name}: ${err.message}\n`);
  }

  // 4. Cancellation: AbortController is .NET's CancellationToken.
  const ac = new AbortController();
  const pending = client.rotateSecretAsync({ SecretId: 'prod/db' }, ac.signal);
  ac.abort();
  try {
    await pending;
  } catch (err) {
    const versions = Object.keys((await emulator.describeSecret('prod/db')).VersionIdsToStages).length;
    console.log(`4. cancelled: ${err.name} (${err.message}); the secret still has ${versions} versions\n`);
  }

  client.destroy();
  console.log('Demo complete.');
} finally {
  await emulator.stop();
}
