import { HttpRequestException } from '../runtime/errors/HttpRequestException.js';
import { onAbort, type AnySignal } from '../runtime/cancellation/onAbort.js';
import { concat } from '../runtime/transport/bytes.js';
import { chunkBytes, readBody, tooLarge } from '../runtime/transport/readBody.js';

/** A Node `Readable` (what node:http hands back), read by its events. */
interface EventStream {
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  destroy(error?: Error): unknown;
}

const isEventStream = (body: unknown): body is EventStream =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as EventStream).on === 'function' && typeof (body as EventStream).off === 'function' && typeof (body as EventStream).destroy === 'function';

/**
 * Reads a Node stream by its `data` and `end` events: the same as iterating it, with a fraction of the
 * promises (this is on every response's path). A `close` before `end` is a response cut off.
 */
function readEvents(stream: EventStream, limit: number, signal: AnySignal | undefined): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    let settled = false;
    const finish = (error: unknown, bytes?: Uint8Array) => {
      if (settled) return;
      settled = true;
      stopWaiting?.();
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (bytes) {
        resolve(bytes);
      } else {
        // Destroying frees the connection instead of leaving the rest of the body in flight.
        stream.destroy();
        reject(error);
      }
    };
    const onData = (chunk: unknown) => {
      const bytes = chunkBytes(chunk);
      length += bytes.length;
      if (length > limit) finish(tooLarge(limit));
      else chunks.push(bytes);
    };
    const onEnd = () => finish(undefined, concat(chunks, length));
    const onError = (error: unknown) => finish(error);
    const onClose = () => finish(new HttpRequestException('The connection closed before the whole response body arrived.'));
    const stopWaiting = signal ? onAbort(signal, () => finish(signal.reason)) : undefined;
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/**
 * The Node build's body reader: node:http's response stream by its events, anything else as the web
 * build reads it. Kept out of the web build, which never meets a Node stream of its own.
 */
export function readNodeBody(body: unknown, limit: number, signal?: AnySignal): Promise<Uint8Array> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return isEventStream(body) ? readEvents(body, limit, signal) : readBody(body, limit, signal);
}
