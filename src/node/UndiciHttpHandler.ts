import type { Agent, Dispatcher } from 'undici';
import type { HttpHandler, HttpHandlerOptions, HttpRequest, HttpResponse } from '../runtime/transport/HttpHandler.js';
import { requestUrl } from '../runtime/transport/HttpHandler.js';
import { HttpRequestException } from '../runtime/errors/HttpRequestException.js';

/** Options of {@link UndiciHttpHandler}. */
export interface UndiciHttpHandlerOptions {
  /** An undici dispatcher of your own (a proxy agent, a mock agent); the handler then leaves its lifetime to you. */
  dispatcher?: Dispatcher;
}

/**
 * undici with a keep-alive connection pool of its own, or a dispatcher of yours (a `ProxyAgent`); the
 * Node default is `NodeHttpHandler`, and docs/transports.md says when to pick this one. undici is
 * imported at the first request, not with the package, because importing it costs more start-up time
 * than the rest of the client together.
 */
export class UndiciHttpHandler implements HttpHandler {
  readonly #dispatcher: Dispatcher | undefined;
  #agent: Promise<{ request: typeof import('undici').request; dispatcher: Dispatcher; owned?: Agent }> | undefined;

  constructor(options: UndiciHttpHandlerOptions = {}) {
    this.#dispatcher = options.dispatcher;
  }

  #load() {
    this.#agent ??= import('undici').then(
      (undici) => {
        if (this.#dispatcher) return { request: undici.request, dispatcher: this.#dispatcher };
        const owned = new undici.Agent();
        return { request: undici.request, dispatcher: owned, owned };
      },
      (cause: unknown) => {
        // Not a network failure: retrying cannot help, and the next call may try the import again.
        this.#agent = undefined;
        throw new HttpRequestException(`undici could not be loaded: ${(cause as Error)?.message ?? String(cause)}`, { cause, transient: false });
      },
    );
    return this.#agent;
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const { request: send, dispatcher } = await this.#load();
    const res = await send(requestUrl(request), {
      method: request.method as Dispatcher.HttpMethod,
      headers: request.headers,
      body: request.body,
      signal: options.abortSignal,
      dispatcher,
    });
    return { response: { statusCode: res.statusCode, headers: res.headers, body: res.body } };
  }

  destroy(): void {
    void this.#agent?.then(({ owned }) => owned?.destroy()).catch(() => {});
  }
}
