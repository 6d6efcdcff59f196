import type { HttpHandler, HttpHandlerOptions, HttpRequest, HttpResponse } from './HttpHandler.js';
import { requestUrl } from './HttpHandler.js';

/**
 * The web default: the platform's `fetch` (browsers, workers, workerd, and anywhere else it is chosen).
 * The body is handed over as a stream so the client reads it under its own size limit and abort.
 */
export class FetchHttpHandler implements HttpHandler {
  readonly #fetch: typeof fetch;

  constructor(options: { fetch?: typeof fetch } = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      // A browser sets Host itself (and refuses it from scripts); it equals the signed value anyway.
      if (name !== 'host') headers.set(name, value);
    }
    const init: RequestInit = { method: request.method, headers, signal: options.abortSignal ?? null };
    if (request.body !== undefined) init.body = request.body as BodyInit;
    const res = await this.#fetch(requestUrl(request), init);
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return { response: { statusCode: res.status, headers: responseHeaders, body: res.body } };
  }
}
