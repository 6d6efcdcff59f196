// Endpoints as AWS's own rules give them, in every partition; region input that could steer a request
// elsewhere is refused before anything is signed or sent.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveEndpoint } from '../src/generated/endpoints/resolveEndpoint.js';
import { ConfigurationException, RegionEndpoint, SecretsManagerClient, type HttpRequest } from '../src/index.node.js';

interface Case {
  region: string | null;
  useFips: boolean;
  useDualstack: boolean;
  endpoint?: string;
  url?: string;
  error?: string;
}
const official = JSON.parse(readFileSync(new URL('./fixtures/endpoints-official.json', import.meta.url), 'utf8')) as { botocore: string; cases: Case[] };
const partitions = JSON.parse(readFileSync(new URL('../model/partitions.json', import.meta.url), 'utf8')) as {
  partitions: { id: string; regions: Record<string, { description: string }> }[];
};

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** Sends one call through a handler that records the signed request and answers success. */
async function sentTo(config: ConstructorParameters<typeof SecretsManagerClient>[0]): Promise<HttpRequest> {
  const seen: HttpRequest[] = [];
  const client = new SecretsManagerClient({
    credentials: CREDENTIALS,
    ...config,
    httpHandler: {
      async handle(request) {
        seen.push(request);
        return { response: { statusCode: 200, headers: {}, body: '{}' } };
      },
    },
  });
  await client.rotateSecretAsync({ SecretId: 's' });
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

const scopeOf = (request: HttpRequest) => /Credential=[^/]+\/\d{8}\/([^/]+)\/secretsmanager\/aws4_request/.exec(request.headers.authorization ?? '')?.[1];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the endpoint rules, against the official resolver', () => {
  it(`agree with botocore ${official.botocore} on every region in all four FIPS × dual-stack combinations and every override`, () => {
    expect(official.cases.length).toBeGreaterThan(300);
    const mismatches = official.cases.flatMap((c) => {
      const ours = resolveEndpoint({ Region: c.region ?? undefined, UseFIPS: c.useFips, UseDualStack: c.useDualstack, Endpoint: c.endpoint });
      const expected = c.url === undefined ? { error: c.error } : { url: c.url };
      return JSON.stringify(ours) === JSON.stringify(expected) ? [] : [{ case: c, ours }];
    });
    expect(mismatches).toEqual([]);
  });

  it('covers every region the partitions list, and every partition', () => {
    const listed = partitions.partitions.flatMap((p) => Object.keys(p.regions));
    const covered = new Set(official.cases.map((c) => c.region));
    expect(listed.filter((region) => !covered.has(region))).toEqual([]);
    const hosts = official.cases.filter((c) => c.url && !c.endpoint).map((c) => new URL(c.url!).hostname);
    for (const suffix of ['.amazonaws.com', '.amazonaws.com.cn', '.amazonaws.eu', '.c2s.ic.gov', '.sc2s.sgov.gov', '.cloud.adc-e.uk', '.csp.hci.ic.gov', '.api.aws.ic.gov', '.api.aws.scloud', '.api.amazonwebservices.com.cn']) {
      expect({ suffix, used: hosts.some((host) => host.endsWith(suffix)) }).toEqual({ suffix, used: true });
    }
  });
});

describe('the client sends to the host the rules name', () => {
  it.each([
    ['us-east-1', {}, 'secretsmanager.us-east-1.amazonaws.com'],
    ['cn-north-1', {}, 'secretsmanager.cn-north-1.amazonaws.com.cn'],
    ['cn-northwest-1', { useDualstackEndpoint: true }, 'secretsmanager.cn-northwest-1.amazonaws.com.cn'],
    ['cn-north-1', { useFIPSEndpoint: true, useDualstackEndpoint: true }, 'secretsmanager-fips.cn-north-1.api.amazonwebservices.com.cn'],
    ['us-gov-west-1', {}, 'secretsmanager.us-gov-west-1.amazonaws.com'],
    ['us-gov-west-1', { useFIPSEndpoint: true }, 'secretsmanager-fips.us-gov-west-1.amazonaws.com'],
    ['us-gov-east-1', { useFIPSEndpoint: true, useDualstackEndpoint: true }, 'secretsmanager-fips.us-gov-east-1.amazonaws.com'],
    ['eu-west-1', { useDualstackEndpoint: true }, 'secretsmanager.eu-west-1.amazonaws.com'],
    ['eusc-de-east-1', { useDualstackEndpoint: true }, 'secretsmanager.eusc-de-east-1.api.amazonwebservices.eu'],
    ['us-iso-east-1', {}, 'secretsmanager.us-iso-east-1.c2s.ic.gov'],
    ['us-isob-east-1', { useFIPSEndpoint: true }, 'secretsmanager-fips.us-isob-east-1.sc2s.sgov.gov'],
    ['us-isof-south-1', { useDualstackEndpoint: true }, 'secretsmanager.us-isof-south-1.api.aws.hci.ic.gov'],
    ['eu-isoe-west-1', {}, 'secretsmanager.eu-isoe-west-1.cloud.adc-e.uk'],
    // Not listed yet: each resolves in the partition whose pattern it matches.
    ['us-gov-central-1', {}, 'secretsmanager.us-gov-central-1.amazonaws.com'],
    ['cn-south-1', {}, 'secretsmanager.cn-south-1.amazonaws.com.cn'],
    ['us-isof-north-1', {}, 'secretsmanager.us-isof-north-1.csp.hci.ic.gov'],
  ])('%s %j → https://%s/, signed for that region', async (region, flags, host) => {
    const request = await sentTo({ region, ...flags });
    expect(`${request.protocol}//${request.hostname}${request.path}`).toBe(`https://${host}/`);
    expect(request.headers.host).toBe(host);
    expect(scopeOf(request)).toBe(region);
  });

  it('reads the legacy FIPS pseudo regions as .NET does', async () => {
    expect((await sentTo({ region: 'fips-us-east-1' })).hostname).toBe('secretsmanager-fips.us-east-1.amazonaws.com');
    const gov = await sentTo({ region: 'us-gov-west-1-fips' });
    expect(gov.hostname).toBe('secretsmanager-fips.us-gov-west-1.amazonaws.com');
    expect(scopeOf(gov)).toBe('us-gov-west-1');
  });

  it('takes a RegionEndpoint wherever it takes a region name', async () => {
    const request = await sentTo({ region: RegionEndpoint.CNNorthWest1 });
    expect(request.hostname).toBe('secretsmanager.cn-northwest-1.amazonaws.com.cn');
  });

  it('signs for authenticationRegion when it is given', async () => {
    expect(scopeOf(await sentTo({ region: 'us-east-1', authenticationRegion: 'us-west-2' }))).toBe('us-west-2');
  });

  it('uses serviceURL over everything and signs for the region its host names when no region is given', async () => {
    const request = await sentTo({ serviceURL: 'https://vpce-0123-abcd.secretsmanager.eu-central-1.vpce.amazonaws.com' });
    expect(request.hostname).toBe('vpce-0123-abcd.secretsmanager.eu-central-1.vpce.amazonaws.com');
    expect(scopeOf(request)).toBe('eu-central-1');
    const local = await sentTo({ serviceURL: 'http://127.0.0.1:4566/prefix/', region: 'ap-southeast-2', useFIPSEndpoint: false });
    expect([local.protocol, local.hostname, local.port, local.path, local.headers.host]).toEqual(['http:', '127.0.0.1', 4566, '/prefix/', '127.0.0.1:4566']);
  });

  it.each([
    [{ useFIPSEndpoint: true }, 'Invalid Configuration: FIPS and custom endpoint are not supported'],
    [{ useDualstackEndpoint: true }, 'Invalid Configuration: Dualstack and custom endpoint are not supported'],
    [{ useFIPSEndpoint: true, useDualstackEndpoint: true }, 'Invalid Configuration: FIPS and custom endpoint are not supported'],
  ])('refuses serviceURL with %j as the official rules do', async (flags, message) => {
    const client = new SecretsManagerClient({ region: 'us-east-1', serviceURL: 'https://example.com', credentials: CREDENTIALS, ...flags });
    const error = await client.rotateSecretAsync({ SecretId: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as Error).message).toContain(message);
  });
});

describe('region input that is not a region name', () => {
  const hostile = ['us-east-1.evil.com#', 'evil.com/', '../', '..', 'us-east-1/', 'us-east-1?', 'us-east-1@evil.com', 'us east 1', ' us-east-1', 'us-east-1\n', 'US-EAST-1', 'us_east_1', '', '-us-east-1', 'us--east-1', 'a'.repeat(64)];

  it.each(hostile)('refuses %j at construction, before anything is signed or sent', (region) => {
    expect(() => new SecretsManagerClient({ region, credentials: CREDENTIALS })).toThrow(ConfigurationException);
  });

  it.each(hostile.filter((r) => r !== ''))('refuses %j from AWS_REGION at the first call, sending nothing', async (region) => {
    vi.stubEnv('AWS_REGION', region);
    let sent = 0;
    const client = new SecretsManagerClient({
      credentials: CREDENTIALS,
      httpHandler: {
        async handle() {
          sent++;
          return { response: { statusCode: 200, headers: {}, body: '{}' } };
        },
      },
    });
    const error = await client.rotateSecretAsync({ SecretId: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).option).toBe('AWS_REGION');
    expect(sent).toBe(0);
  });

  it('refuses a RegionEndpoint-shaped object with a hostile name', () => {
    expect(() => new SecretsManagerClient({ region: { systemName: 'us-east-1.evil.com#' } })).toThrow(ConfigurationException);
  });
});

describe('RegionEndpoint', () => {
  const listed = partitions.partitions.flatMap((p) => Object.entries(p.regions).filter(([name]) => !name.endsWith('-global')).map(([name, region]) => ({ name, description: region.description, partition: p.id })));

  it('has a static member for every public region, named as .NET names them', () => {
    expect(RegionEndpoint.USEast1).toMatchObject({ systemName: 'us-east-1', displayName: 'US East (N. Virginia)', partition: 'aws' });
    expect(RegionEndpoint.CNNorth1).toMatchObject({ systemName: 'cn-north-1', displayName: 'China (Beijing)', partition: 'aws-cn' });
    expect(RegionEndpoint.CNNorthWest1.systemName).toBe('cn-northwest-1');
    expect(RegionEndpoint.USGovCloudWest1).toMatchObject({ systemName: 'us-gov-west-1', partition: 'aws-us-gov' });
    expect(RegionEndpoint.USGovCloudEast1.systemName).toBe('us-gov-east-1');
    expect(RegionEndpoint.APNortheast1.systemName).toBe('ap-northeast-1');
    expect(RegionEndpoint.EUSCDeEast1).toMatchObject({ systemName: 'eusc-de-east-1', partition: 'aws-eusc' });
    expect(RegionEndpoint.USIsobEast1.systemName).toBe('us-isob-east-1');
    expect(RegionEndpoint.enumerableAllRegions.map((r) => r.systemName).sort()).toEqual(listed.map((r) => r.name).sort());
    for (const { name, description, partition } of listed) expect(RegionEndpoint.getBySystemName(name)).toMatchObject({ systemName: name, displayName: description, partition });
  });

  it('finds a region by name whatever its case, as the same object', () => {
    expect(RegionEndpoint.getBySystemName('eu-west-1')).toBe(RegionEndpoint.EUWest1);
    expect(RegionEndpoint.getBySystemName('EU-West-1')).toBe(RegionEndpoint.EUWest1);
    expect(String(RegionEndpoint.EUWest1)).toBe('Europe (Ireland) (eu-west-1)');
  });

  it('places a region AWS does not list yet in the partition its pattern matches', () => {
    expect(RegionEndpoint.getBySystemName('us-gov-central-1')).toMatchObject({ systemName: 'us-gov-central-1', displayName: 'Unknown', partition: 'aws-us-gov' });
    expect(RegionEndpoint.getBySystemName('cn-south-1').partition).toBe('aws-cn');
    expect(RegionEndpoint.getBySystemName('mars-east-1').partition).toBe('aws');
  });

  it('refuses a malformed name', () => {
    expect(() => RegionEndpoint.getBySystemName('us-east-1.evil.com')).toThrow(ConfigurationException);
  });

  it('stays out of a bundle that does not use it', async () => {
    const bundle = async (contents: string) =>
      (
        await build({
          stdin: { contents, resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts' },
          bundle: true,
          write: false,
          minify: true,
          format: 'esm',
          platform: 'browser',
          logLevel: 'silent',
        })
      ).outputFiles[0]!.text;
    const withoutTable = await bundle(`import { SecretsManagerClient } from './src/index.js'; new SecretsManagerClient({ region: 'cn-north-1' }).rotateSecretAsync({ SecretId: 's' });`);
    const withTable = await bundle(`import { SecretsManagerClient, RegionEndpoint } from './src/index.js'; new SecretsManagerClient({ region: RegionEndpoint.CNNorth1 }).rotateSecretAsync({ SecretId: 's' });`);
    expect(withoutTable).not.toContain('Asia Pacific (Tokyo)');
    expect(withTable).toContain('Asia Pacific (Tokyo)');
    // The rules and partitions themselves are in both: they are what picks the host.
    expect(withoutTable).toContain('amazonaws.com.cn');
  });
});
