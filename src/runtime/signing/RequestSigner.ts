import { toHex } from '@smithy/core/serde';
import {
  ALGORITHM_IDENTIFIER,
  AMZ_DATE_HEADER,
  AUTH_HEADER,
  createScope,
  getCanonicalHeaders,
  getPayloadHash,
  getSigningKey,
  SignatureV4Base,
  TOKEN_HEADER,
} from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from './Credentials.js';
import type { HttpRequest } from '../transport/HttpHandler.js';
import type { Signer } from '../config/Platform.js';
import type { Sha256Constructor } from './WebCryptoSha256.js';

/**
 * SigV4 for requests, from @smithy/signature-v4's own parts: its canonical headers (with the
 * unsignable list), payload hash, scope, signing key (and its cache), canonical request and string to
 * sign. It extends `SignatureV4Base` rather than `SignatureV4` because the latter also carries event
 * stream and presigning code that a client signing plain requests never runs: a third of the signer's
 * weight in a browser bundle. The steps below are `SignatureV4.signRequest`'s, in its order.
 */
export class RequestSigner extends SignatureV4Base implements Signer {
  readonly #region: string;
  /**
   * The derived key of the last day and credentials signed with. getSigningKey caches keys too, but
   * computes an HMAC on every call to find its cache entry: remembering the last one spares that work
   * on every request of the day.
   */
  #lastKey: { readonly shortDate: string; readonly credentials: AwsCredentialIdentity; readonly key: Promise<Uint8Array> } | undefined;

  constructor(init: { service: string; region: string; sha256: Sha256Constructor }) {
    // The credentials come with each request (the ones the client just fetched under the caller's
    // abort signal), so the base class's provider is never asked. Its init types are not exported.
    super({ ...init, credentials: { accessKeyId: '', secretAccessKey: '' } } as never);
    this.#region = init.region;
  }

  #lastSecond: number | undefined;
  #lastDates: { longDate: string; shortDate: string } | undefined;

  /** The base class's dates, remembered for the second they stand for: every request of that second shares them. */
  protected override formatDate(now: Date): { longDate: string; shortDate: string } {
    const second = Math.floor(now.getTime() / 1000);
    if (second !== this.#lastSecond || this.#lastDates === undefined) {
      this.#lastDates = super.formatDate(now);
      this.#lastSecond = second;
    }
    return this.#lastDates;
  }

  async signRequest(request: HttpRequest, options: { credentials: AwsCredentialIdentity; signingDate: Date; unsignableHeaders?: Set<string> }): Promise<HttpRequest> {
    const { credentials } = options;
    const region = this.#region;
    // In place, not on a copy (SignatureV4's prepareRequest clones, at the price of Smithy's HttpRequest
    // class in the bundle): the client builds each attempt's request afresh.
    const signed = request;
    const { longDate, shortDate } = this.formatDate(options.signingDate);
    const scope = createScope(shortDate, region, this.service);
    signed.headers[AMZ_DATE_HEADER] = longDate;
    if (credentials.sessionToken) signed.headers[TOKEN_HEADER] = credentials.sessionToken;
    const smithyRequest = signed as Parameters<typeof getPayloadHash>[0];
    const payloadHash = await getPayloadHash(smithyRequest, this.sha256);
    const canonicalHeaders = getCanonicalHeaders(smithyRequest, options.unsignableHeaders);
    const stringToSign = await this.createStringToSign(longDate, scope, this.createCanonicalRequest(smithyRequest, canonicalHeaders, payloadHash), ALGORITHM_IDENTIFIER);
    const hash = new this.sha256(await this.#signingKey(credentials, shortDate, region));
    hash.update(stringToSign);
    const signature = toHex(await hash.digest());
    signed.headers[AUTH_HEADER] = `${ALGORITHM_IDENTIFIER} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${this.getCanonicalHeaderList(canonicalHeaders)}, Signature=${signature}`;
    return signed;
  }

  #signingKey(credentials: AwsCredentialIdentity, shortDate: string, region: string): Promise<Uint8Array> {
    const last = this.#lastKey;
    if (last?.shortDate === shortDate && last.credentials === credentials) return last.key;
    const key = getSigningKey(this.sha256, credentials, shortDate, region, this.service);
    this.#lastKey = { shortDate, credentials, key };
    // A failed derivation is not remembered.
    key.catch(() => {
      if (this.#lastKey?.key === key) this.#lastKey = undefined;
    });
    return key;
  }
}
