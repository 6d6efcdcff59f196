import { AmazonClientException } from '../errors/AmazonClientException.js';

/**
 * Imports a part of the client that is loaded at first use rather than at start-up: the adaptive rate
 * limiter, the SHA-256 for pages without WebCrypto. In a web app each is a chunk of its own, fetched
 * then; when that fetch fails (the network is down, or a newer deployment has replaced the app's
 * files) the call fails with an {@link AmazonClientException} that says so, not with the module
 * loader's TypeError. Nothing is remembered: the next call tries again.
 */
export async function loadPart<T>(part: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new AmazonClientException(`The client could not load its ${part}, which it imports at first use: ${(error as Error | undefined)?.message ?? String(error)}`, { cause: error });
  }
}
