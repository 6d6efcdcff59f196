/**
 * The emulator as msw request handlers: `amazon-secretsmanager/emulator/msw`. msw is an optional peer
 * dependency of this entry only; importing `amazon-secretsmanager/emulator` does not load it.
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { SecretsManagerEmulator } from 'amazon-secretsmanager/emulator';
 * import { secretsManagerHandlers } from 'amazon-secretsmanager/emulator/msw';
 * const emulator = new SecretsManagerEmulator();
 * const server = setupServer(...secretsManagerHandlers(emulator), ...yourOtherHandlers);
 * ```
 * @packageDocumentation
 * @module amazon-secretsmanager/emulator/msw
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SecretsManagerEmulator } from './SecretsManagerEmulator.js';

export interface SecretsManagerHandlersOptions {
  /**
   * The endpoints to answer, as URLs or patterns msw accepts. Default: every Secrets Manager endpoint
   * of AWS (`secretsmanager[-fips].<region>.amazonaws.com[.cn]`, `.api.aws`, `.c2s.ic.gov`, `.sc2s.sgov.gov`);
   * add the `serviceURL` a client is given to answer it too.
   */
  endpoints?: (string | RegExp)[];
}

/** The service's public endpoints (https://docs.aws.amazon.com/general/latest/gr/asm.html), and FIPS and dual-stack forms. */
export const SECRETS_MANAGER_ENDPOINTS = /^https:\/\/secretsmanager(-fips)?\.[a-z0-9-]+\.(amazonaws\.com(\.cn)?|api\.aws|api\.amazonwebservices\.com\.cn|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)\/$/;

/**
 * msw handlers that answer Secrets Manager requests with `emulator`. A request whose `X-Amz-Target`
 * is not a Secrets Manager operation is left to the next handler.
 */
export function secretsManagerHandlers(emulator: SecretsManagerEmulator, options: SecretsManagerHandlersOptions = {}): HttpHandler[] {
  const endpoints = options.endpoints ?? [SECRETS_MANAGER_ENDPOINTS];
  return endpoints.map((endpoint) =>
    http.post(endpoint, async ({ request }) => {
      const target = request.headers.get('x-amz-target');
      if (!target?.startsWith('secretsmanager.')) return undefined;
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      // A browser keeps Host from script; the URL has it.
      headers['host'] ??= url.host;
      const query: Record<string, string> = {};
      url.searchParams.forEach((value, key) => {
        query[key] = value;
      });
      const response = await emulator.respond({
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port === '' ? undefined : Number(url.port),
        path: url.pathname,
        query,
        headers,
        body: await request.text(),
      });
      return new HttpResponse(response.body, { status: response.statusCode, headers: response.headers });
    }),
  );
}
