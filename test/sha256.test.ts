// The two hashes the signer takes, held to the same published vectors: node:crypto's (Node build) and
// WebCrypto's (web build; Node has WebCrypto too). Every way the signer feeds them is covered: one
// piece or several, text or bytes, with or without a secret, and reuse after reset().
import { describe, expect, it, vi } from 'vitest';
import { NodeSha256 } from '../src/node/NodeSha256.js';
import { WebCryptoSha256, type Sha256Constructor, type SourceData } from '../src/runtime/signing/WebCryptoSha256.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);

async function digestOf(Hash: Sha256Constructor, pieces: SourceData[], secret?: SourceData): Promise<string> {
  const hash = new Hash(secret);
  for (const piece of pieces) hash.update(piece);
  return hex(await hash.digest());
}

// FIPS 180-2 (SHA-256 of "abc" and of the empty string) and RFC 4231 test cases 1 and 2 (HMAC-SHA-256).
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const HMAC_1 = 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7';
const HMAC_2 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

describe.each([
  ['NodeSha256', NodeSha256],
  ['WebCryptoSha256', WebCryptoSha256],
])('%s', (_name, Hash) => {
  it('hashes one piece, as text or as bytes, and nothing at all', async () => {
    expect(await digestOf(Hash, ['abc'])).toBe(ABC);
    expect(await digestOf(Hash, [utf8('abc')])).toBe(ABC);
    expect(await digestOf(Hash, [utf8('abc').buffer])).toBe(ABC);
    expect(await digestOf(Hash, [])).toBe(EMPTY);
  });

  it('hashes several pieces as one, text and bytes mixed, and a view into a larger buffer by its own bytes', async () => {
    expect(await digestOf(Hash, ['a', utf8('b'), 'c'])).toBe(ABC);
    expect(await digestOf(Hash, [new Uint8Array(utf8('xabcx').buffer, 1, 3)])).toBe(ABC);
  });

  it('reads text as UTF-8', async () => {
    expect(await digestOf(Hash, ['prod/ü-€'])).toBe(await digestOf(Hash, [utf8('prod/ü-€')]));
    expect(await digestOf(Hash, ['prod/ü-€'])).not.toBe(await digestOf(Hash, [new Uint8Array([...'prod/ü-€'].map((c) => c.charCodeAt(0) & 0xff))]));
  });

  it('computes HMAC-SHA-256 with a secret given as bytes or text', async () => {
    expect(await digestOf(Hash, ['Hi There'], new Uint8Array(20).fill(0x0b))).toBe(HMAC_1);
    expect(await digestOf(Hash, ['what do ya want ', 'for nothing?'], 'Jefe')).toBe(HMAC_2);
  });

  it('starts over after reset(), keeping its secret', async () => {
    const hash = new Hash('Jefe');
    hash.update('something else');
    hash.reset();
    hash.update('what do ya want for nothing?');
    expect(hex(await hash.digest())).toBe(HMAC_2);
  });
});

describe('WebCryptoSha256 where crypto.subtle is missing (a page served over plain http)', () => {
  it('hashes with @aws-crypto/sha256-js, loaded at first use; a failed load is an AmazonClientException, and the next digest loads it again', async () => {
    vi.stubGlobal('crypto', {});
    vi.resetModules();
    vi.doMock('@aws-crypto/sha256-js', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    try {
      const { WebCryptoSha256: Fresh } = await import('../src/runtime/signing/WebCryptoSha256.js');
      const { AmazonClientException } = await import('../src/runtime/errors/AmazonClientException.js');
      const failed = await digestOf(Fresh, ['abc']).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(AmazonClientException);
      expect((failed as Error).message).toMatch(/^The client could not load its SHA-256 for pages without WebCrypto, which it imports at first use: /);
      vi.doUnmock('@aws-crypto/sha256-js');
      expect(await digestOf(Fresh, ['abc'])).toBe(ABC);
      expect(await digestOf(Fresh, ['Hi There'], new Uint8Array(20).fill(0x0b))).toBe(HMAC_1);
    } finally {
      vi.doUnmock('@aws-crypto/sha256-js');
      vi.unstubAllGlobals();
    }
  });
});
