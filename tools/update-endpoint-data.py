"""Refreshes the endpoint data from the copy of AWS's official files that botocore carries, and the
conformance table the tests compare with. Run it when AWS adds a region or changes the rules:

    npm run update-endpoints      (this script, then the generator)

It writes:
  model/endpoint-rule-set.json          Secrets Manager's endpoint rule set, verbatim
  model/partitions.json                 the partitions (DNS suffixes, region patterns, regions), verbatim
  test/fixtures/endpoints-official.json every listed region and a set of unlisted ones, in all four
                                        FIPS x dual-stack combinations, plus endpoint overrides, as
                                        botocore's own EndpointProvider resolves them
"""
import gzip
import json
import os

import botocore
from botocore.endpoint_provider import EndpointProvider

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
DATA = os.path.join(os.path.dirname(botocore.__file__), 'data')

# Regions no partition lists, chosen to exercise each partition's pattern and the fallback to aws.
UNLISTED = [
    'xx-east-1', 'mars-east-1', 'localhost', 'us-iso-west-2', 'us-isob-west-2', 'us-isof-north-1',
    'eu-isoe-west-2', 'eusc-de-west-2', 'eusc-fr-east-1', 'cn-south-1', 'us-gov-central-1',
    'ap-southeast-9', 'il-central-2', 'mx-central-2', 'me-west-1', 'sa-west-1',
]
OVERRIDES = [
    'https://example.com', 'https://example.com/', 'http://localhost:4566',
    'https://secretsmanager.us-east-1.amazonaws.com',
    'https://vpce-0123-abcd.secretsmanager.us-east-1.vpce.amazonaws.com',
    'https://example.com/some/path',
]


def write_json(path, value):
    with open(os.path.join(ROOT, path), 'w') as out:
        json.dump(value, out, indent=2, sort_keys=False)
        out.write('\n')


def resolve(provider, params):
    try:
        return {'url': provider.resolve_endpoint(**params).url}
    except Exception as error:  # botocore raises EndpointResolutionError with the rule's message
        return {'error': str(error).replace('Error encountered while resolving endpoint: ', '')}


def main():
    rules = json.load(gzip.open(os.path.join(DATA, 'secretsmanager', '2017-10-17', 'endpoint-rule-set-1.json.gz')))
    partitions = json.load(open(os.path.join(DATA, 'partitions.json')))
    write_json('model/endpoint-rule-set.json', rules)
    write_json('model/partitions.json', partitions)

    provider = EndpointProvider(ruleset_data=rules, partition_data=partitions)
    listed = [region for p in partitions['partitions'] for region in p['regions']]
    cases = []
    for region in listed + [r for r in UNLISTED if r not in listed] + [None]:
        for fips in (False, True):
            for dualstack in (False, True):
                params = {'UseFIPS': fips, 'UseDualStack': dualstack}
                if region is not None:
                    params['Region'] = region
                cases.append({'region': region, 'useFips': fips, 'useDualstack': dualstack, **resolve(provider, params)})
    for endpoint in OVERRIDES:
        for region in ('us-east-1', 'cn-north-1', None):
            for fips in (False, True):
                for dualstack in (False, True):
                    params = {'UseFIPS': fips, 'UseDualStack': dualstack, 'Endpoint': endpoint}
                    if region is not None:
                        params['Region'] = region
                    cases.append({'region': region, 'useFips': fips, 'useDualstack': dualstack, 'endpoint': endpoint, **resolve(provider, params)})
    write_json('test/fixtures/endpoints-official.json', {'botocore': botocore.__version__, 'cases': cases})
    print(f'{len(listed)} listed regions, {len(cases)} conformance cases (botocore {botocore.__version__})')


if __name__ == '__main__':
    main()
