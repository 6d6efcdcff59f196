// A browser app that only rotates: what a page pays for the client. Credentials come from the app
// (short-lived ones from its own backend), the region as a plain name.
import { SecretsManagerClient } from 'amazon-secretsmanager';

export async function rotate(secretId, credentials, signal) {
  const client = new SecretsManagerClient({ region: 'us-east-1', credentials });
  const res = await client.rotateSecretAsync({ SecretId: secretId }, signal);
  return res.VersionId;
}
