// A Node CommonJS app: require by name, rotate, print one JSON line.
const { RegionEndpoint, RotateSecretRequest, SecretsManagerClient } = require('amazon-secretsmanager');

const client = new SecretsManagerClient({
  region: RegionEndpoint.USEast1,
  serviceURL: process.env.SM_ENDPOINT,
  credentials: { accessKeyId: process.env.SM_ACCESS_KEY_ID, secretAccessKey: process.env.SM_SECRET_ACCESS_KEY },
});
client
  .rotateSecretAsync(new RotateSecretRequest({ SecretId: process.env.SM_SECRET_ID }))
  .then((res) => {
    console.log(JSON.stringify({ resolved: require.resolve('amazon-secretsmanager'), versionId: res.VersionId, requestId: res.ResponseMetadata.RequestId }));
  })
  .finally(() => client.destroy());
