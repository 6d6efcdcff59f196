/** Text or bytes, as hashes and request members take them. */
export type SourceData = string | ArrayBuffer | ArrayBufferView;

/** Text as UTF-8: one encoder for the package. */
export const utf8 = new TextEncoder();

/** Whether `value` is what {@link toBytes} takes: text, an ArrayBuffer or a view of one. */
export function isSourceData(value: unknown): value is SourceData {
  return typeof value === 'string' || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/** The bytes of text (as UTF-8) or of a binary value; a view is not copied. */
export function toBytes(data: SourceData): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'string') return utf8.encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The chunks as one array of `length` bytes (their total): the chunk itself when there is only one. */
export function concat(chunks: readonly Uint8Array[], length = chunks.reduce((total, chunk) => total + chunk.length, 0)): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
