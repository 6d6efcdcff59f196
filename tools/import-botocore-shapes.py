"""Adds operations to model/secretsmanager.json from the official service model that botocore carries:
each operation's input, output, the structures and enums they use, and its errors, with their
constraints and their documentation turned from the model's HTML into Markdown. What the shape file
already has is left as it is, so hand-written text is never overwritten; run it, read the diff, and
edit the result like any hand-written part of the shape file. test/shape-file.test.ts then holds it
to the official model.

    python3 tools/import-botocore-shapes.py RotateSecret GetSecretValue ...
    python3 tools/import-botocore-shapes.py --all
"""
import gzip
import json
import os
import re
import sys
from html import unescape
from html.parser import HTMLParser

import botocore

DATA = os.path.join(os.path.dirname(botocore.__file__), 'data', 'secretsmanager', '2017-10-17')
SHAPE_FILE = os.path.join(os.path.dirname(__file__), '..', 'model', 'secretsmanager.json')
PRIMITIVES = {'string', 'boolean', 'integer', 'long', 'double', 'timestamp', 'blob'}


class Markdown(HTMLParser):
    """The model's documentation HTML as Markdown: paragraphs, lists, code, links, emphasis."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.lists = []
        self.href = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ('p', 'note', 'important'):
            self.out.append('\n\n')
        elif tag in ('ul', 'ol'):
            self.lists.append([tag, 0])
            self.out.append('\n')
        elif tag == 'li':
            kind = self.lists[-1] if self.lists else ['ul', 0]
            kind[1] += 1
            indent = '  ' * (len(self.lists) - 1)
            self.out.append(f"\n{indent}{'- ' if kind[0] == 'ul' else f'{kind[1]}. '}")
        elif tag == 'code':
            self.out.append('`')
        elif tag in ('i', 'em'):
            self.out.append('*')
        elif tag in ('b', 'strong'):
            self.out.append('**')
        elif tag == 'a':
            self.href.append(attrs.get('href'))
            self.out.append('[' if attrs.get('href') else '`')
        elif tag == 'br':
            self.out.append('\n')

    def handle_endtag(self, tag):
        if tag in ('p', 'note', 'important'):
            self.out.append('\n\n')
        elif tag in ('ul', 'ol'):
            self.lists.pop()
            self.out.append('\n\n')
        elif tag == 'code':
            self.out.append('`')
        elif tag in ('i', 'em'):
            self.out.append('*')
        elif tag in ('b', 'strong'):
            self.out.append('**')
        elif tag == 'a':
            href = self.href.pop() if self.href else None
            self.out.append(f']({href})' if href else '`')

    def handle_data(self, data):
        self.out.append(re.sub(r'\s+', ' ', data))

    def text(self):
        text = ''.join(self.out)
        text = re.sub(r'`\s*`', '', text)
        # Spaces the HTML kept inside emphasis and link text (`<b>Required permissions: </b>`).
        text = re.sub(r'\*\*([^*\n]*?)\s+\*\*', r'**\1** ', text)
        text = re.sub(r'\[\s+', '[', text)
        text = re.sub(r'(?<=\S)  +', ' ', text)
        text = re.sub(r'[ \t]+\n', '\n', text)
        text = re.sub(r'\n[ \t]+(?![-\d])', '\n', text)
        text = re.sub(r'\n{3,}', '\n\n', text)
        # List items follow each other without blank lines.
        text = re.sub(r'\n\n(\s*(?:- |\d+\. ))', r'\n\1', text)
        return text.strip()


def markdown(html):
    if not html:
        return None
    parser = Markdown()
    parser.feed(unescape(html) if '<' not in html else html)
    parser.close()
    return parser.text() or None


def load():
    model = json.load(gzip.open(os.path.join(DATA, 'service-2.json.gz')))
    return model['operations'], model['shapes']


def bounds(shape):
    if 'min' in shape or 'max' in shape:
        return [shape.get('min'), shape.get('max')]
    return None


def constraints(shape):
    """Length, range and pattern of a primitive shape, as the shape file writes them."""
    out = {}
    pair = bounds(shape)
    if pair:
        out['length' if shape['type'] in ('string', 'blob', 'list', 'map') else 'range'] = pair
    if 'pattern' in shape:
        out['pattern'] = shape['pattern']
    if shape.get('sensitive'):
        out['sensitive'] = True
    return out


class Importer:
    def __init__(self, ours):
        self.ours = ours
        self.operations, self.shapes = load()

    def type_of(self, name):
        """The shape file's type expression for a botocore shape, adding structures and enums it needs."""
        shape = self.shapes[name]
        kind = shape['type']
        if kind == 'structure':
            self.structure(name)
            return name
        if kind == 'list':
            return f"list<{self.type_of(shape['member']['shape'])}>"
        if kind == 'map':
            return f"map<string, {self.type_of(shape['value']['shape'])}>"
        if 'enum' in shape:
            self.ours.setdefault('enums', {})
            if name not in self.ours['enums']:
                entry = {'values': shape['enum']}
                if markdown(shape.get('documentation')):
                    entry['docs'] = markdown(shape['documentation'])
                self.ours['enums'][name] = entry
            return name
        return kind

    def nested(self, name):
        """Constraints of a list's entries or a map's keys and values (the `items`/`keys`/`values` keys),
        nested as deep as the lists go."""
        shape = self.shapes[name]
        if shape['type'] == 'structure' or 'enum' in shape:
            return {}
        out = constraints(shape)
        out.update(self.inner(shape))
        return out

    def inner(self, shape):
        out = {}
        if shape['type'] == 'list':
            items = self.nested(shape['member']['shape'])
            if items:
                out['items'] = items
        if shape['type'] == 'map':
            keys, values = self.nested(shape['key']['shape']), self.nested(shape['value']['shape'])
            if keys:
                out['keys'] = keys
            if values:
                out['values'] = values
        return out

    def member(self, ref, required):
        target = self.shapes[ref['shape']]
        out = {'type': self.type_of(ref['shape'])}
        if required:
            out['required'] = True
        if target['type'] != 'structure' and 'enum' not in target:
            out.update(constraints(target))
        out.update(self.inner(target))
        if ref.get('idempotencyToken'):
            out['idempotencyToken'] = True
        docs = markdown(ref.get('documentation'))
        if docs:
            out['docs'] = docs
        return out

    def structure(self, name, docs=None):
        structures = self.ours.setdefault('structures', {})
        if name in structures:
            return
        shape = self.shapes[name]
        entry = {}
        structures[name] = entry  # before the members: a member may name this structure again
        text = docs or markdown(shape.get('documentation'))
        if text:
            entry['docs'] = text
        required = set(shape.get('required', []))
        entry['members'] = {m: self.member(ref, m in required) for m, ref in shape['members'].items()}

    def error(self, code):
        errors = self.ours.setdefault('errors', {})
        if code in errors:
            return
        shape = self.shapes[code]
        entry = {'class': code if code.endswith('Exception') else f'{code}Exception', 'fault': 'server' if shape.get('fault') else 'client'}
        if markdown(shape.get('documentation')):
            entry['docs'] = markdown(shape['documentation'])
        errors[code] = entry

    def operation(self, name):
        operations = self.ours.setdefault('operations', {})
        op = self.operations[name]
        summary = (markdown(op.get('documentation')) or '').split('\n')[0]
        first = re.match(r'(.+?\.)(\s|$)', summary)
        first = first.group(1) if first else summary
        self.structure(op['input']['shape'], f'Container for the parameters to the {name} operation. {first}'.strip())
        # An operation without output in the model (TagResource, UntagResource) still answers with a
        # response in .NET (TagResourceResponse, with the HTTP facts alone): an empty structure here.
        output = op['output']['shape'] if 'output' in op else f'{name}Response'
        if 'output' in op:
            self.structure(output, f'The response from the {name} operation.')
        else:
            self.ours['structures'].setdefault(output, {'docs': f'The response from the {name} operation, which has no members.', 'members': {}})
        for error in op.get('errors', []):
            self.error(error['shape'])
        if name not in operations:
            operations[name] = {
                'input': op['input']['shape'],
                'output': output,
                'errors': [e['shape'] for e in op.get('errors', [])],
                'docs': markdown(op.get('documentation')),
            }


def main(args):
    ours = json.load(open(SHAPE_FILE))
    importer = Importer(ours)
    names = sorted(importer.operations) if args == ['--all'] else args
    for name in names:
        importer.operation(name)
    ours['operations'] = dict(sorted(ours['operations'].items()))
    with open(SHAPE_FILE, 'w') as out:
        json.dump(ours, out, indent=2, ensure_ascii=False)
        out.write('\n')


if __name__ == '__main__':
    main(sys.argv[1:])
