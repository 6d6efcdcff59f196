import type { BinaryLike } from 'node:crypto';
import { nodeCrypto } from './builtins.js';
import { toBytes, type SourceData } from '../runtime/transport/bytes.js';
import type { Sha256Hash } from '../runtime/signing/WebCryptoSha256.js';

/**
 * SHA-256 and HMAC-SHA-256 for Node: node:crypto, which hashes in native code (about 85 µs per
 * signature against 130 µs for the pure-JavaScript hash).
 *
 * The data is kept until digest(), which hashes it in one go: a signer hashes one piece at a time,
 * and node:crypto's one-shot `hash()` does that several times cheaper than a `Hash` object. Strings
 * are passed on as they are (node:crypto reads them as UTF-8) and digests are node:crypto's own
 * buffers, not copies.
 */
export class NodeSha256 implements Sha256Hash {
  readonly #secret: SourceData | undefined;
  #data: BinaryLike[] = [];

  constructor(secret?: SourceData) {
    this.#secret = secret;
  }

  update(data: SourceData): void {
    this.#data.push(typeof data === 'string' ? data : toBytes(data));
  }

  digest(): Promise<Uint8Array> {
    const crypto = nodeCrypto();
    const data = this.#data;
    // `hash` came with Node 20.12; other runtimes of the Node build may lack it.
    if (this.#secret === undefined && data.length === 1 && typeof crypto.hash === 'function') {
      return Promise.resolve(crypto.hash('sha256', data[0]!, 'buffer') as unknown as Uint8Array);
    }
    const hash = this.#secret === undefined ? crypto.createHash('sha256') : crypto.createHmac('sha256', toBytes(this.#secret));
    for (const piece of data) hash.update(piece);
    return Promise.resolve(hash.digest());
  }

  reset(): void {
    this.#data = [];
  }
}
