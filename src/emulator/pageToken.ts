import { ServiceError } from './ServiceError.js';

/**
 * NextToken: opaque to the caller, here the offset of the next page and the query it belongs to. A
 * token from another query, or one that is not ours, is InvalidNextTokenException (whose model
 * documentation gives the message).
 */
export function encodePageToken(offset: number, query: string): string {
  return btoa(JSON.stringify([offset, hash(query)]));
}

export function decodePageToken(token: string, query: string): number {
  try {
    const [offset, tag] = JSON.parse(atob(token)) as unknown[];
    if (Number.isInteger(offset) && (offset as number) >= 0 && tag === hash(query)) return offset as number;
  } catch {
    // not one of ours: answered below
  }
  throw new ServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');
}

/** FNV-1a: a token names its query without carrying it (filters can be long). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}
