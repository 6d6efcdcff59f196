import type { Agent as HttpAgent, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { pathWithQuery, type HttpHandler, type HttpHandlerOptions, type HttpRequest, type HttpResponse } from '../runtime/HttpHandler.js';
import { CLIENT_SIGNAL, HONOURS_CLIENT_SIGNAL, type ClientSignal } from '../runtime/ClientSignal.js';
import { onAbort, type AnySignal } from '../runtime/onAbort.js';
import { builtin } from './builtins.js';

/** Options of the Node default transport. */
export interface NodeHttpHandlerOptions {
  /** Agents of your own (a proxy agent, other pool sizes); the handler then leaves their lifetime to you. */
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
}

/**
 * Response headers by lower-case name, the first value where a header repeats (as .NET reads them).
 * From the raw list: `headers` would join repeats with ", ", and `headersDistinct` builds an array per
 * header on every response.
 */
function firstValues(raw: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!Object.hasOwn(headers, name)) headers[name] = raw[i + 1]!;
  }
  return headers;
}


/**
 * The Node default: node:http and node:https with a keep-alive connection pool per client. Chosen over
 * undici by measurement (docs/transports.md): on Node 20 it was as fast in sequence and faster 32 in
 * flight, costs nothing to import (undici costs more start-up time than the whole client), leaves
 * nothing compiling after the last call, and bundles into an ES module for Node as it is.
 * `UndiciHttpHandler` remains available.
 */
interface Transport {
  readonly request: typeof import('node:http').request;
  readonly agent: HttpAgent;
}

export class NodeHttpHandler implements HttpHandler {
  readonly #given: NodeHttpHandlerOptions;
  #http: Transport | undefined;
  #https: Transport | undefined;
  /** It takes the client's own signal and settles as soon as that aborts. */
  readonly [HONOURS_CLIENT_SIGNAL] = true;

  constructor(options: NodeHttpHandlerOptions = {}) {
    this.#given = options;
  }

  /**
   * node:http or node:https and its keep-alive agent, loaded at the first request of that protocol: an
   * app that only speaks https to AWS never loads node:http's client, an emulator on plain http never
   * loads TLS, and importing the package loads neither.
   */
  #transport(protocol: string): Transport {
    if (protocol === 'https:') {
      if (this.#https === undefined) {
        const https = builtin<typeof import('node:https')>('node:https');
        this.#https = { request: https.request, agent: this.#given.httpsAgent ?? new https.Agent({ keepAlive: true, scheduling: 'lifo' }) };
      }
      return this.#https;
    }
    if (this.#http === undefined) {
      const http = builtin<typeof import('node:http')>('node:http');
      this.#http = { request: http.request, agent: this.#given.httpAgent ?? new http.Agent({ keepAlive: true, scheduling: 'lifo' }) };
    }
    return this.#http;
  }

  handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    // The client's own signal where the client calls; a standard one from anyone else.
    const signal: AnySignal | undefined = (options as { [CLIENT_SIGNAL]?: ClientSignal })[CLIENT_SIGNAL] ?? options.abortSignal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) throw signal.reason;
      const { request: send, agent } = this.#transport(request.protocol);
      const headers: OutgoingHttpHeaders = { ...request.headers };
      // A body without a length would go out chunked; AWS's front ends want the length.
      if (request.body !== undefined && headers['content-length'] === undefined) {
        headers['content-length'] = typeof request.body === 'string' ? Buffer.byteLength(request.body) : request.body.byteLength;
      }
      const outgoing = send(
        { protocol: request.protocol, hostname: request.hostname, port: request.port, method: request.method, path: pathWithQuery(request), headers, agent },
        (res: IncomingMessage) => {
          resolve({ response: { statusCode: res.statusCode ?? 0, headers: firstValues(res.rawHeaders), body: res } });
        },
      );
      // The abort tears the exchange down, body included. Through the client's one listener per signal
      // rather than node:http's `signal` option, which costs a listener and a stream watcher per request.
      const stopWaiting = signal && onAbort(signal, () => outgoing.destroy(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason))));
      if (stopWaiting) outgoing.on('close', stopWaiting);
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }

  /** Closes the pooled connections of the agents this handler made (not of agents given to it). */
  destroy(): void {
    for (const [transport, given] of [
      [this.#http, this.#given.httpAgent],
      [this.#https, this.#given.httpsAgent],
    ] as const) {
      if (transport !== undefined && transport.agent !== given) transport.agent.destroy();
    }
  }
}
