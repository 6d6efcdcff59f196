import { concat, toBytes, type SourceData } from '../transport/bytes.js';
import { loadPart } from '../config/loadPart.js';

export type { SourceData };

/** The hash the signer takes (`@smithy/types` `Checksum`): SHA-256, or HMAC-SHA-256 with a secret. */
export interface Sha256Hash {
  update(data: SourceData): void;
  digest(): Promise<Uint8Array>;
  reset(): void;
}

export type Sha256Constructor = new (secret?: SourceData) => Sha256Hash;

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
      fallback ??= loadPart('SHA-256 for pages without WebCrypto', () => import('@aws-crypto/sha256-js')).then(
        (module) => module.Sha256 as JsSha256,
        (error: unknown) => {
          fallback = undefined;
          throw error;
        },
      );
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
