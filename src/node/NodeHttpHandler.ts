import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { pathWithQuery, urlHostname, type HttpHandler, type HttpHandlerOptions, type HttpRequest, type HttpResponse } from '../runtime/transport/HttpHandler.js';
import { CLIENT_SIGNAL, HONOURS_CLIENT_SIGNAL, type ClientSignal } from '../runtime/cancellation/ClientSignal.js';
import { onAbort, type AnySignal } from '../runtime/cancellation/onAbort.js';
import { builtin } from './builtins.js';

/** Options of the Node default transport. */
export interface NodeHttpHandlerOptions {
  /** Agents of your own (a proxy agent, other pool sizes); the handler then leaves their lifetime to you. */
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
}

/**
 * The request's headers as node:http's raw list (name, value, name, value...): node:http writes such a
 * list as it is, checking each header, without first building a header map of its own, which is a
 * good part of its cost per request. So it adds no `Host` either: the request's own is sent, or one
 * made here as node:http would. A body's length is added where the request has none (without it the
 * body would go out chunked, and AWS's front ends want the length).
 */
function rawHeaders(request: HttpRequest): string[] {
  const raw: string[] = [];
  let host = false;
  let length = false;
  for (const name in request.headers) {
    if (!Object.hasOwn(request.headers, name)) continue;
    raw.push(name, request.headers[name]!);
    const lower = name.toLowerCase();
    if (lower === 'host') host = true;
    else if (lower === 'content-length') length = true;
  }
  if (!host) {
    const defaultPort = request.protocol === 'https:' ? 443 : 80;
    raw.push('host', request.port === undefined || request.port === defaultPort ? urlHostname(request) : `${urlHostname(request)}:${request.port}`);
  }
  if (!length && request.body !== undefined) {
    raw.push('content-length', String(typeof request.body === 'string' ? Buffer.byteLength(request.body) : request.body.byteLength));
  }
  return raw;
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
  /** Its handle() takes the client's own signal and settles as soon as that aborts. */
  readonly [HONOURS_CLIENT_SIGNAL]: unknown = ownHandle;

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
      const outgoing = send(
        { protocol: request.protocol, hostname: request.hostname, port: request.port, method: request.method, path: pathWithQuery(request), headers: rawHeaders(request), agent },
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

/**
 * This class's own handle(): a subclass that overrides it makes no such promise. Named outside the
 * class body, since a class whose body names itself keeps that name only under another one in the
 * Node bundle (tools/build.mjs).
 */
const ownHandle = NodeHttpHandler.prototype.handle;
