// What every benchmarked client is given: the same region and static credentials (no credential chain
// is consulted), and the same request, RotateSecret of the secret `s`.
export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
export const SECRET_ID = 's';

/** Every adapter checks that it got the server's answer, so that a failing client cannot look fast. */
export function expectVersionId(result) {
  if (typeof result?.VersionId !== 'string') throw new Error(`unexpected response: ${JSON.stringify(result)}`);
}
