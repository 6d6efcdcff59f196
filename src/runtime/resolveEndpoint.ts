import { ConfigurationException } from './ConfigurationException.js';

/** Where requests go, and the region that signs them. */
export interface Endpoint {
  readonly protocol: 'https:' | 'http:';
  readonly hostname: string;
  readonly port: number | undefined;
  /** The `host` header value: hostname plus a non-default port. */
  readonly host: string;
  /** The request path: `/`, or the path of `serviceURL`. */
  readonly path: string;
}

/**
 * A region name as AWS writes them: lower-case letters and digits in dash-separated parts
 * (`us-east-1`, `cn-northwest-1`, `us-gov-west-1`). Anything else (dots, slashes, `#`, spaces, upper
 * case) could steer the request to another host, so it is refused before anything is signed.
 */
const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkRegion(region: unknown, option = 'region'): string {
  if (typeof region !== 'string' || region.length > 63 || !REGION.test(region)) {
    const shown = typeof region === 'string' ? JSON.stringify(region.slice(0, 70)) : typeof region;
    throw new ConfigurationException(`The ${option} ${shown} is not a region name; expected lower-case letters and digits in dash-separated parts, such as "us-east-1".`, option);
  }
  return region;
}

/** Parses `serviceURL` (.NET's `ServiceURL`); an explicit URL may use plain http, e.g. for an emulator. */
export function parseServiceURL(serviceURL: unknown): Endpoint {
  let url: URL;
  try {
    if (typeof serviceURL !== 'string') throw new TypeError('not a string');
    url = new URL(serviceURL);
  } catch (error) {
    // A URL may carry user:password; it is masked before the value is quoted back.
    const shown = typeof serviceURL === 'string' ? JSON.stringify(serviceURL.replace(/^([^/]*\/\/)?[^@/]*@/, '$1***@')) : typeof serviceURL;
    throw new ConfigurationException(`The serviceURL ${shown} is not a valid URL; expected an absolute http or https URL such as "https://secretsmanager.us-east-1.amazonaws.com".`, 'serviceURL', { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationException(`The serviceURL must use https or http, not ${url.protocol.slice(0, -1)}.`, 'serviceURL');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigurationException('The serviceURL must not carry credentials, a query or a fragment.', 'serviceURL');
  }
  const port = url.port === '' ? undefined : Number(url.port);
  return { protocol: url.protocol, hostname: url.hostname, port, host: url.host, path: url.pathname || '/' };
}

/**
 * The endpoint of a region: `https://{prefix}.{region}.{dnsSuffix}`. China's regions live under
 * `amazonaws.com.cn`; every other region of the standard partitions under `amazonaws.com`.
 */
export function regionEndpoint(endpointPrefix: string, region: string): Endpoint {
  const dnsSuffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  const hostname = `${endpointPrefix}.${region}.${dnsSuffix}`;
  return { protocol: 'https:', hostname, port: undefined, host: hostname, path: '/' };
}
