import { abortable } from './abortable.js';
import { HttpRequestException } from './HttpRequestException.js';
import type { AnySignal } from './onAbort.js';

type ByteReader = { getReader(): ReadableStreamDefaultReader<Uint8Array> };

const encoder = new TextEncoder();

export function tooLarge(limit: number): HttpRequestException {
  return new HttpRequestException(`The response body is larger than ${limit} bytes, far beyond any answer of this service; it was not read further.`, { transient: false });
}

export function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new HttpRequestException(`The response body stream yielded a ${typeof chunk}, not bytes.`, { transient: false });
}

export function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

async function readStream(stream: ByteReader, limit: number, signal: AnySignal | undefined): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await abortable(reader.read(), signal);
      if (done) return concat(chunks, length);
      const bytes = toBytes(value);
      length += bytes.length;
      if (length > limit) throw tooLarge(limit);
      chunks.push(bytes);
    }
  } catch (error) {
    // Cancelling releases the connection instead of leaving the rest of the body in flight.
    reader.cancel(error).catch(() => {});
    throw error;
  }
}

async function readIterable(iterable: AsyncIterable<unknown>, limit: number, signal: AnySignal | undefined): Promise<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await abortable(iterator.next(), signal);
      if (done) return concat(chunks, length);
      const bytes = toBytes(value);
      length += bytes.length;
      if (length > limit) throw tooLarge(limit);
      chunks.push(bytes);
    }
  } catch (error) {
    // For a Node Readable, return() destroys the stream and frees its socket.
    iterator.return?.().catch(() => {});
    throw error;
  }
}

/**
 * Reads a whole response body into bytes, whatever form the transport delivered it in, never more than
 * `limit` bytes, and gives up at once when `signal` aborts.
 */
export async function readBody(body: unknown, limit: number, signal?: AnySignal): Promise<Uint8Array> {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    const bytes = toBytes(body);
    if (bytes.length > limit) throw tooLarge(limit);
    return bytes;
  }
  if (signal?.aborted) throw signal.reason;
  if (typeof (body as ByteReader).getReader === 'function') return readStream(body as ByteReader, limit, signal);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') return readIterable(body as AsyncIterable<unknown>, limit, signal);
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    if (body.size > limit) throw tooLarge(limit);
    return new Uint8Array(await abortable(body.arrayBuffer(), signal));
  }
  throw new HttpRequestException('The HTTP handler returned a response body of an unsupported type; expected bytes, a string, a stream or a Blob.', { transient: false });
}
