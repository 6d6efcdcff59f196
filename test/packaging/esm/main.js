// A Node ES module app: import by name, rotate, print one JSON line.
import { RegionEndpoint, RotateSecretRequest, SecretsManagerClient } from 'amazon-secretsmanager';

const client = new SecretsManagerClient({
  region: RegionEndpoint.USEast1,
  serviceURL: process.env.SM_ENDPOINT,
  credentials: { accessKeyId: process.env.SM_ACCESS_KEY_ID, secretAccessKey: process.env.SM_SECRET_ACCESS_KEY },
});
try {
  const res = await client.rotateSecretAsync(new RotateSecretRequest({ SecretId: process.env.SM_SECRET_ID }));
  console.log(JSON.stringify({ resolved: import.meta.resolve('amazon-secretsmanager'), versionId: res.VersionId, requestId: res.ResponseMetadata.RequestId }));
} finally {
  client.destroy();
}
