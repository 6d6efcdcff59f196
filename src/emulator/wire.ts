// awsJson1_1 on the service's side: what a response looks like on the wire.

const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/**
 * A response body: timestamps as epoch seconds (a JSON number, fractional), blobs as base64 text,
 * unset members left out (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html).
 */
export function toWireJson(output: object): string {
  return JSON.stringify(output, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    if (raw instanceof Uint8Array) return toBase64(raw);
    return value;
  });
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
