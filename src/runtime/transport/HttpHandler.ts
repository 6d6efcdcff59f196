/**
 * The transport contract. It has the shape of Smithy's `HttpHandler`, so a handler from
 * `@smithy/node-http-handler` or `@smithy/fetch-http-handler` plugs in unchanged, and so does a
 * hand-written one: `handle(request, { abortSignal })` resolves `{ response }`.
 */
export interface HttpRequest {
  method: string;
  /** `https:` or `http:` */
  protocol: string;
  hostname: string;
  port?: number | undefined;
  /** Path on the host, starting with `/`. */
  path: string;
  query?: Record<string, string | string[] | null>;
  /** Header names in lower case; `host` is set because it is signed. */
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

/**
 * The body of a response, as different transports deliver it: bytes, text, a Node `Readable` (any
 * async iterable of chunks), a web `ReadableStream` or a `Blob`.
 */
export type HttpResponseBody =
  | Uint8Array
  | string
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Blob
  | null
  | undefined;

export interface HttpResponse {
  statusCode: number;
  /** Header names may arrive in any case; the client matches them case-insensitively. */
  headers: Record<string, string | string[] | undefined>;
  body?: HttpResponseBody | unknown;
}

export interface HttpHandlerOptions {
  abortSignal?: AbortSignal | undefined;
}

export interface HttpHandler {
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
  /** Closes pooled connections; the client calls it from `destroy()`. */
  destroy?(): void;
}

/** The request's path with its query string, as an HTTP request line carries them. */
export function pathWithQuery(request: HttpRequest): string {
  const query = request.query;
  // The client's own requests carry an empty query: no URLSearchParams for them.
  if (!query || Object.keys(query).length === 0) return request.path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item ?? '');
  }
  const text = params.toString();
  return text ? `${request.path}?${text}` : request.path;
}

/** The request's host name as a URL or a Host header writes it: an IPv6 address in brackets. */
export function urlHostname(request: HttpRequest): string {
  return request.hostname.includes(':') && !request.hostname.startsWith('[') ? `[${request.hostname}]` : request.hostname;
}

/** The URL a request goes to, as transports that take a URL need it. */
export function requestUrl(request: HttpRequest): string {
  const port = request.port === undefined ? '' : `:${request.port}`;
  return `${request.protocol}//${urlHostname(request)}${port}${pathWithQuery(request)}`;
}
