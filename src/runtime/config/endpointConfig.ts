import { ConfigurationException } from '../errors/ConfigurationException.js';

/** Where requests go. */
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

/**
 * The region name of the `region` option, which takes a name or a `RegionEndpoint`. Read by shape so
 * that the client need not import the region table (and bundles need not carry it).
 */
export function regionName(region: unknown): unknown {
  return typeof region === 'object' && region !== null && 'systemName' in region ? (region as { systemName: unknown }).systemName : region;
}

/**
 * Legacy FIPS pseudo regions (`fips-us-east-1`, `us-gov-west-1-fips`) mean "this region, FIPS
 * endpoint", as the .NET SDK reads them.
 */
export function splitFipsPseudoRegion(region: string): { region: string; fips: boolean } {
  if (region.startsWith('fips-')) return { region: region.slice('fips-'.length), fips: true };
  if (region.endsWith('-fips')) return { region: region.slice(0, -'-fips'.length), fips: true };
  return { region, fips: false };
}

/**
 * Parses an endpoint URL: `serviceURL` (.NET `ServiceURL`), where http is allowed for emulators and
 * proxies, or the URL the endpoint rules resolved.
 */
export function parseEndpointURL(url: unknown, option = 'serviceURL'): Endpoint {
  let parsed: URL;
  try {
    if (typeof url !== 'string') throw new TypeError('not a string');
    parsed = new URL(url);
  } catch (error) {
    // A URL may carry user:password; it is masked before the value is quoted back.
    const shown = typeof url === 'string' ? JSON.stringify(url.replace(/^([^/]*\/\/)?[^@/]*@/, '$1***@')) : typeof url;
    throw new ConfigurationException(`The ${option} ${shown} is not a valid URL; expected an absolute http or https URL such as "https://secretsmanager.us-east-1.amazonaws.com".`, option, { cause: error });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigurationException(`The ${option} must use https or http, not ${parsed.protocol.slice(0, -1)}.`, option);
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new ConfigurationException(`The ${option} must not carry credentials, a query or a fragment.`, option);
  }
  const port = parsed.port === '' ? undefined : Number(parsed.port);
  return { protocol: parsed.protocol, hostname: parsed.hostname, port, host: parsed.host, path: parsed.pathname || '/' };
}

/**
 * The region named in an AWS hostname (`secretsmanager.eu-west-1.amazonaws.com`,
 * `vpce-0abc.secretsmanager.us-east-1.vpce.amazonaws.com`), for signing requests to a `serviceURL`
 * when no region is configured (.NET `AWSSDKUtils.DetermineRegion`).
 */
export function regionFromHostname(hostname: string): string | undefined {
  return hostname.split('.').find((label) => /^[a-z]{2,4}(?:-[a-z]+)+-\d+$/.test(label));
}
