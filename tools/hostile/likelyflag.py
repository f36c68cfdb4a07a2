# Builds two hostile rule bases from data/rules.yaml (run from the
# repository root): the likely-shortage flag's reason repeats {tests} and
# magnesium gets a long list of blood tests. Usage:
#   python3 tools/hostile/likelyflag.py [OUTDIR]   (default /tmp/hardening)
# hostile13.yaml is 1.3 MB and would fill in to 0.5 GB; hostile29.yaml is
# 3.0 MB and would fill in to 300 GB. See BENCHMARKS.md.
import os
import sys

out_dir = sys.argv[1] if len(sys.argv) > 1 else '/tmp/hardening'
os.makedirs(out_dir, exist_ok=True)
src = open('data/rules.yaml').read()


def make(nph, ntests, name):
    s = src.replace('reason: >-\n    Your answers point strongly to a shortage: {name}.',
                    'reason: >-\n    Your answers point strongly to a shortage: {name}. ' + '{tests}' * nph, 1)
    tests = '[' + ', '.join('test%06d' % i for i in range(ntests)) + ']'
    s = s.replace('tests: [serum magnesium, calcium (with albumin), potassium]', 'tests: ' + tests, 1)
    open(os.path.join(out_dir, name), 'w').write(s)


make(170000, 250, 'hostile13.yaml')
make(250000, 100000, 'hostile29.yaml')
