import { abortable } from '../cancellation/abortable.js';
import { HttpRequestException } from '../errors/HttpRequestException.js';
import type { AnySignal } from '../cancellation/onAbort.js';
import { concat, isSourceData, toBytes } from './bytes.js';

type ByteReader = { getReader(): ReadableStreamDefaultReader<Uint8Array> };

export function tooLarge(limit: number): HttpRequestException {
  return new HttpRequestException(`The response body is larger than ${limit} bytes, far beyond any answer of this service; it was not read further.`, { transient: false });
}

/** A chunk of a response body stream as bytes: text or any binary value, nothing else. */
export function chunkBytes(chunk: unknown): Uint8Array {
  if (isSourceData(chunk)) return toBytes(chunk);
  throw new HttpRequestException(`The response body stream yielded a ${typeof chunk}, not bytes.`, { transient: false });
}

/**
 * Reads chunks until `next` says done. On failure `release` lets go of the source, freeing the
 * connection instead of leaving the rest of the body in flight.
 */
async function readChunks(next: () => Promise<IteratorResult<unknown>>, release: (error: unknown) => Promise<unknown> | undefined, limit: number, signal: AnySignal | undefined): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await abortable(next(), signal);
      if (done) return concat(chunks, length);
      const bytes = chunkBytes(value);
      length += bytes.length;
      if (length > limit) throw tooLarge(limit);
      chunks.push(bytes);
    }
  } catch (error) {
    release(error)?.catch(() => {});
    throw error;
  }
}

/**
 * Reads a whole response body into bytes, whatever form the transport delivered it in, never more than
 * `limit` bytes, and gives up at once when `signal` aborts.
 */
export async function readBody(body: unknown, limit: number, signal?: AnySignal): Promise<Uint8Array> {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (isSourceData(body)) {
    const bytes = toBytes(body);
    if (bytes.length > limit) throw tooLarge(limit);
    return bytes;
  }
  if (signal?.aborted) throw signal.reason;
  if (typeof (body as ByteReader).getReader === 'function') {
    const reader = (body as ByteReader).getReader();
    return readChunks(() => reader.read(), (error) => reader.cancel(error), limit, signal);
  }
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const iterator = (body as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    // For a Node Readable, return() destroys the stream and frees its socket.
    return readChunks(() => iterator.next(), () => iterator.return?.(), limit, signal);
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    if (body.size > limit) throw tooLarge(limit);
    return new Uint8Array(await abortable(body.arrayBuffer(), signal));
  }
  throw new HttpRequestException('The HTTP handler returned a response body of an unsupported type; expected bytes, a string, a stream or a Blob.', { transient: false });
}
