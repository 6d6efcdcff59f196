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


def shape_facts(shapes, name):
    """A shape's kind and constraints, nested through lists and maps; a structure by its name."""
    target = shapes[name]
    kind = target['type']
    facts = {'type': kind}
    if kind == 'structure':
        facts['structure'] = name
        return facts
    if 'enum' in target:
        facts['enum'] = target['enum']
    if kind == 'list':
        facts['member'] = shape_facts(shapes, target['member']['shape'])
    if kind == 'map':
        facts['key'] = shape_facts(shapes, target['key']['shape'])
        facts['value'] = shape_facts(shapes, target['value']['shape'])
    if kind in ('string', 'blob', 'list', 'map') and ('min' in target or 'max' in target):
        facts['length'] = [target.get('min'), target.get('max')]
    if kind in ('integer', 'long', 'double') and ('min' in target or 'max' in target):
        facts['range'] = [target.get('min'), target.get('max')]
    if 'pattern' in target:
        facts['pattern'] = target['pattern']
    if target.get('sensitive'):
        facts['sensitive'] = True
    return facts


def member_facts(shapes, ref):
    facts = shape_facts(shapes, ref['shape'])
    if ref.get('idempotencyToken'):
        facts['idempotencyToken'] = True
    return facts


def main(shape_file):
    ours = json.load(open(shape_file))
    official = json.load(gzip.open(MODEL))
    shapes = official['shapes']
    out = {'metadata': official['metadata'], 'operations': {}, 'structures': {}, 'enums': {}, 'errors': {}}
    for name in ours.get('operations', {}):
        op = official['operations'][name]
        out['operations'][name] = {
            'input': op['input']['shape'],
            # None where the model has no output (TagResource): the shape file names an empty response.
            'output': op['output']['shape'] if 'output' in op else None,
            'errors': [e['shape'] for e in op.get('errors', [])],
        }
    for name in ours.get('structures', {}):
        if name not in shapes:
            continue
        shape = shapes[name]
        out['structures'][name] = {
            'required': shape.get('required', []),
            'members': {m: member_facts(shapes, ref) for m, ref in shape['members'].items()},
        }
    for name in ours.get('enums', {}):
        out['enums'][name] = shapes[name].get('enum') if name in shapes else None
    for code in ours.get('errors', {}):
        out['errors'][code] = {'fault': 'server' if shapes[code].get('fault') else 'client'}
    out['allOperations'] = {name: True for name in official['operations']}
    out['allErrors'] = sorted(name for name, shape in shapes.items() if shape.get('exception'))
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


if __name__ == '__main__':
    main(sys.argv[1])
