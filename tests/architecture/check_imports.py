#!/usr/bin/env python3
"""The house's import rule (docs/architecture.md): a library's code includes only the public
headers of the libraries below it, so no arrow runs back up.

    config <- content <- protocol <- net <- kiosk/app
    config <- render <- kiosk/ui <- kiosk/app          (kiosk/ui: content, protocol, render)
    config, content <- demo
    config, content, protocol <- hub/store <- hub/http <- hub/cli

Every #include "redgrid/<lib>/..." in a library's folder is checked against the layer it
names. tests/ and bench/ may include anything. Exit 1, one line per wrong include (file:line,
what it includes, what that layer may use), when the rule is broken.

  check_imports.py ROOT                       check the tree
  check_imports.py ROOT --pretend FILE:HEADER also count an include of HEADER in FILE
                                              (how the ctest shows the check bites)
"""
import re
import sys
from pathlib import Path

# layer -> (folder, the layers it may include besides itself)
LAYERS = {
    'config': ('config', []),
    'content': ('content', ['config']),
    'protocol': ('protocol', ['config', 'content']),
    'render': ('render', ['config']),
    'net': ('net', ['config', 'content', 'protocol']),
    'kiosk/ui': ('kiosk/ui', ['config', 'content', 'protocol', 'render']),
    'kiosk/app': ('kiosk/app', ['config', 'content', 'protocol', 'render', 'net', 'kiosk/ui']),
    'demo': ('demo', ['config', 'content']),
    'hub/store': ('hub/store', ['config', 'content', 'protocol']),
    'hub/http': ('hub/http', ['config', 'content', 'protocol', 'hub/store']),
    'hub/cli': ('hub/cli', ['config', 'content', 'protocol', 'hub/store', 'hub/http']),
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"(redgrid/[^"]+)"', re.M)


def layer_of_file(rel):
    best = None
    for name, (folder, _) in LAYERS.items():
        if rel == folder or rel.startswith(folder + '/'):
            if best is None or len(folder) > len(LAYERS[best][0]):
                best = name
    return best


def layer_of_header(header):
    # "redgrid/kiosk/ui/app.h" -> kiosk/ui; "redgrid/net/sync.h" -> net
    parts = header.split('/')[1:]
    for n in (2, 1):
        if len(parts) > n and '/'.join(parts[:n]) in LAYERS:
            return '/'.join(parts[:n])
    return None


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    root = Path(argv[1])
    pretend = []
    if len(argv) == 4 and argv[2] == '--pretend':
        file, header = argv[3].split(':', 1)
        pretend.append((file, 0, header))
    found = []
    checked = 0
    for path in sorted(root.rglob('*')):
        if path.suffix not in ('.h', '.cpp') or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if rel.startswith(('build', 'tests/', 'bench/')) or layer_of_file(rel) is None:
            continue
        checked += 1
        text = path.read_text(encoding='utf-8', errors='replace')
        for m in INCLUDE.finditer(text):
            found.append((rel, text.count('\n', 0, m.start()) + 1, m.group(1)))
    if checked == 0:
        # A wrong root (a typo, or --pretend given first) must not pass as "all downwards".
        print(f'check_imports: no library sources under "{root}": pass the project\'s root first')
        return 2
    found += pretend
    wrong = []
    for rel, line, header in found:
        own = layer_of_file(rel)
        target = layer_of_header(header)
        if own is None:
            continue
        if target is None:
            wrong.append(f'{rel}:{line}: includes "{header}", which is no library\'s public header')
        elif target != own and target not in LAYERS[own][1]:
            allowed = ', '.join(LAYERS[own][1]) or 'nothing'
            wrong.append(f'{rel}:{line}: includes "{header}" of {target}, above {own} '
                         f'({own} may use: {allowed})')
    for w in wrong:
        print('check_imports: ' + w)
    if wrong:
        print(f'check_imports: {len(wrong)} include(s) break the import rule (docs/architecture.md)')
        return 1
    print(f'check_imports: {checked} files, {len(found)} includes, every one runs downwards')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
