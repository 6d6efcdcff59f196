/** What the signer hashes: text or bytes. */
export type SourceData = string | ArrayBuffer | ArrayBufferView;

/** The hash the signer takes (`@smithy/types` `Checksum`): SHA-256, or HMAC-SHA-256 with a secret. */
export interface Sha256Hash {
  update(data: SourceData): void;
  digest(): Promise<Uint8Array>;
  reset(): void;
}

export type Sha256Constructor = new (secret?: SourceData) => Sha256Hash;

const encoder = new TextEncoder();

export function toBytes(data: SourceData): Uint8Array {
  if (typeof data === 'string') return encoder.encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

type JsSha256 = new (secret?: SourceData) => { update(data: SourceData): void; digest(): Promise<Uint8Array> };
let fallback: Promise<JsSha256> | undefined;

/**
 * SHA-256 and HMAC-SHA-256 for the web build: the platform's WebCrypto, which costs no bundle bytes.
 * Pages served over plain http have no `crypto.subtle`; there the pure-JavaScript
 * `@aws-crypto/sha256-js` is loaded instead, as a separate chunk that other pages never fetch.
 */
export class WebCryptoSha256 implements Sha256Hash {
  readonly #secret: Uint8Array | undefined;
  #chunks: Uint8Array[] = [];

  constructor(secret?: SourceData) {
    this.#secret = secret === undefined ? undefined : toBytes(secret);
  }

  update(data: SourceData): void {
    this.#chunks.push(toBytes(data));
  }

  async digest(): Promise<Uint8Array> {
    const data = concat(this.#chunks);
    const subtle = globalThis.crypto?.subtle;
    if (subtle === undefined) {
      fallback ??= import('@aws-crypto/sha256-js').then((module) => module.Sha256 as JsSha256);
      const hash = new (await fallback)(this.#secret);
      hash.update(data);
      return hash.digest();
    }
    if (this.#secret === undefined) return new Uint8Array(await subtle.digest('SHA-256', data as BufferSource));
    const key = await subtle.importKey('raw', this.#secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await subtle.sign('HMAC', key, data as BufferSource));
  }

  reset(): void {
    this.#chunks = [];
  }
}
