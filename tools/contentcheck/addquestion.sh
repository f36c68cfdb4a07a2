#!/usr/bin/env bash
# Proves that adding one question to data/rules.yaml breaks only the tests
# about the real content (goldens, the terminal questionnaire, data/): it
# copies the committed tree to a temporary folder, adds a question to the
# copy's data/rules.yaml, regenerates the snapshot, and runs the tests of
# every package but those (-run/-skip below). Usage, from the repository
# root:  tools/contentcheck/addquestion.sh [go test flags...]
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git ls-files -z | xargs -0 cp --parents -t "$tmp"
cd "$tmp"
python3 - <<'PY'
p = 'data/rules.yaml'
s = open(p).read()
extra = '''  - id: extra_question
    section: about
    kind: single
    text: "An extra question for this check?"
    short: "Extra"
    options:
      - id: first
        label: "First"
      - id: second
        label: "Second"
'''
anchor = '  - id: age\n'
assert anchor in s, 'data/rules.yaml has no age question to add before'
open(p, 'w').write(s.replace(anchor, extra + anchor, 1))
PY
go generate ./data
echo "== rules check on the copy"
go run . rules check | tail -1
# The content tests that may break: the real-content goldens of tui
# (TestGoldenReal), the tmux questionnaire of the root package, and data/
# itself. Everything else must pass.
pkgs=$(go list ./... | grep -v -e '/data$' -e '/data/' -e 'twitchcheck/twitchcheck$')
echo "== go test (no content tests) $*"
go test -skip '^TestGoldenReal$' "$@" $pkgs
