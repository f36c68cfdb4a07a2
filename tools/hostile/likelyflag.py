# Builds hostile rule bases from data/rules.yaml: the likely-shortage flag's
# reason repeats {tests} nph times and magnesium gets ntests blood tests.
import sys
src=open('data/rules.yaml').read()
def make(nph, ntests, out):
    s=src.replace('reason: >-\n    Your answers point strongly to a shortage: {name}.', 'reason: >-\n    Your answers point strongly to a shortage: {name}. ' + '{tests}'*nph,1)
    tests='[' + ', '.join('test%06d'%i for i in range(ntests)) + ']'
    s=s.replace('tests: [serum magnesium, calcium (with albumin), potassium]','tests: '+tests,1)
    open(out, 'w').write(s)
make(170000, 250, '/tmp/hardening/hostile13.yaml')
make(250000, 100000, '/tmp/hardening/hostile29.yaml')
