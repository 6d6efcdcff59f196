// The demo behind `npm run demo`: starts a local Secrets Manager emulator (moto_server, with SigV4
// checking on), then rotates a secret with this SDK, shows a typed error, a validation error and a
// cancellation. It imports the built package by name, exactly as an app would.
import {
  RequestValidationException,
  ResourceNotFoundException,
  RotateSecretRequest,
  SecretsManagerClient,
} from 'amazon-secretsmanager';
import { startMoto } from '../tools/emulator.mjs';

const emulator = await startMoto();
console.log(`Emulator: moto_server at ${emulator.endpoint} (signatures verified)\n`);

try {
  const client = new SecretsManagerClient({
    region: emulator.region,
    serviceURL: emulator.endpoint,
    credentials: emulator.credentials,
  });
  // This release of the SDK covers RotateSecret; the secret to rotate is made by the emulator harness.
  const secret = await emulator.createSecret('prod/db');

  // 1. Rotate: the emulator has no rotation function to run, so it makes the new version current at once.
  const res = await client.rotateSecretAsync(
    new RotateSecretRequest({ SecretId: 'prod/db', RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false }),
  );
  console.log('1. rotateSecretAsync');
  console.log(`   VersionId ${res.VersionId}, HTTP ${res.HttpStatusCode}, RequestId ${res.ResponseMetadata.RequestId}`);
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
