// A Node app to bundle with esbuild (ES module output, platform node) and run with no node_modules
// beside it. The AWS SDK for JavaScript v3 fails here: the bundle meets CommonJS code that `require`s
// Node's built-ins, which an ES module bundle cannot do without a `createRequire` banner.
import { RotateSecretRequest, SecretsManagerClient } from 'amazon-secretsmanager';

const client = new SecretsManagerClient({
  region: 'us-east-1',
  serviceURL: process.env.SM_ENDPOINT,
  credentials: { accessKeyId: process.env.SM_ACCESS_KEY_ID, secretAccessKey: process.env.SM_SECRET_ACCESS_KEY },
});
try {
  const res = await client.rotateSecretAsync(new RotateSecretRequest({ SecretId: process.env.SM_SECRET_ID }));
  console.log(JSON.stringify({ versionId: res.VersionId, requestId: res.ResponseMetadata.RequestId }));
} finally {
  client.destroy();
}
