"""Prints, as JSON, the official facts of the operations, structures and errors the shape file names,
read from the service model that botocore carries. test/shape-file.test.ts compares them with
model/secretsmanager.json, so the hand-written shape file cannot drift from the service.

    python3 tools/dump-botocore-shapes.py model/secretsmanager.json
"""
import gzip
import json
import os
import sys

import botocore

MODEL = os.path.join(os.path.dirname(botocore.__file__), 'data', 'secretsmanager', '2017-10-17', 'service-2.json.gz')


def member_facts(shapes, ref):
    target = shapes[ref['shape']]
    kind = target['type']
    facts = {'type': kind}
    if kind == 'list':
        facts['member'] = target['member']['shape']
    if kind == 'structure':
        facts['structure'] = ref['shape']
    if kind in ('string', 'blob', 'list', 'map') and ('min' in target or 'max' in target):
        facts['length'] = [target.get('min'), target.get('max')]
    if kind in ('integer', 'long', 'double') and ('min' in target or 'max' in target):
        facts['range'] = [target.get('min'), target.get('max')]
    if 'pattern' in target:
        facts['pattern'] = target['pattern']
    if target.get('sensitive'):
        facts['sensitive'] = True
    if ref.get('idempotencyToken'):
        facts['idempotencyToken'] = True
    return facts


def main(shape_file):
    ours = json.load(open(shape_file))
    official = json.load(gzip.open(MODEL))
    shapes = official['shapes']
    out = {'metadata': official['metadata'], 'operations': {}, 'structures': {}, 'errors': {}}
    for name in ours.get('operations', {}):
        op = official['operations'][name]
        out['operations'][name] = {
            'input': op['input']['shape'],
            'output': op['output']['shape'],
            'errors': [e['shape'] for e in op.get('errors', [])],
        }
    for name in ours.get('structures', {}):
        shape = shapes[name]
        out['structures'][name] = {
            'required': shape.get('required', []),
            'members': {m: member_facts(shapes, ref) for m, ref in shape['members'].items()},
        }
    for code in ours.get('errors', {}):
        out['errors'][code] = {'fault': 'server' if shapes[code].get('fault') else 'client'}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


if __name__ == '__main__':
    main(sys.argv[1])
