package knowledge_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// edit changes the real rules.yaml: it replaces old, which must occur
// exactly once, with new. When after is set, after must occur exactly once
// and old is replaced where it first occurs after it. new may hold the
// position marker.
type edit struct {
	after, old, new string
}

// applyEdits applies edits to src in order, failing the test when a snippet
// is not found exactly once, so that a change to rules.yaml cannot make a
// case pass without testing anything.
func applyEdits(tb testing.TB, src string, edits []edit) string {
	tb.Helper()
	for _, e := range edits {
		start := 0
		if e.after != "" {
			if n := strings.Count(src, e.after); n != 1 {
				tb.Fatalf("anchor %q occurs %d times in rules.yaml; want exactly once", e.after, n)
			}
			start = strings.Index(src, e.after) + len(e.after)
			if !strings.Contains(src[start:], e.old) {
				tb.Fatalf("snippet %q does not occur after %q", e.old, e.after)
			}
		} else if n := strings.Count(src, e.old); n != 1 {
			tb.Fatalf("snippet %q occurs %d times in rules.yaml; want exactly once", e.old, n)
		}
		i := start + strings.Index(src[start:], e.old)
		src = src[:i] + e.new + src[i+len(e.old):]
	}
	return src
}

// block returns the text of src from start (which must occur once) up to,
// not including, the next occurrence of end.
func block(tb testing.TB, src, start, end string) string {
	tb.Helper()
	if n := strings.Count(src, start); n != 1 {
		tb.Fatalf("block start %q occurs %d times; want exactly once", start, n)
	}
	i := strings.Index(src, start)
	j := strings.Index(src[i+len(start):], end)
	if j < 0 {
		tb.Fatalf("block end %q does not follow %q", end, start)
	}
	return src[i : i+len(start)+j]
}

// TestLoadReportsEachProblem has one case per kind of problem a rule base
// can have. Each case breaks a copy of the real rules.yaml and checks the
// message and its exact line and column, computed from the edited text.
func TestLoadReportsEachProblem(t *testing.T) {
	const name = "rules.yaml"
	src := string(testrules.YAML())
	if _, err := knowledge.Load(name, testrules.YAML()); err != nil {
		t.Fatalf("the unedited rules.yaml does not load: %v", err)
	}
	if strings.Contains(src, marker) {
		t.Fatalf("rules.yaml holds the position marker %q; change the marker", marker)
	}
	firstQ := "\nquestions:\n"
	urgentLevel := block(t, src, "  - id: urgent\n    label:", "  - id: emergency\n")
	emergencyLevel := block(t, src, "  - id: emergency\n    label:", "\n")
	emergencyLevel = block(t, src, emergencyLevel, "\nbands:")

	cases := []struct {
		name  string
		edits []edit
		raw   []byte // the whole file, instead of edits
		want  string // a substring of the problem's message
		// at is the expected position when the edits hold no marker:
		// {1, 1} for problems of the whole rule base, {} for problems of
		// the whole file.
		at knowledge.Pos
		// firstAt, when set, is a snippet of the edited text whose line
		// fills the %d of want.
		firstAt string
	}{
		// Reading YAML.
		{
			name:  "YAML syntax error",
			edits: []edit{{old: "\nbands:\n  likely:", new: "\nbands:\n@@\tlikely:"}},
			want:  "YAML syntax error: found character that cannot start any token",
		},
		{
			name:  "YAML syntax error from the parser, not the scanner",
			edits: []edit{{after: "\nbands:\n", old: "  possible:", new: " @@possible:"}},
			want:  "YAML syntax error: did not find expected key",
		},
		{
			name:  "YAML anchor",
			edits: []edit{{after: "\n  - id: magnesium\n    name:", old: "prior: ", new: "prior: @@&x "}},
			want:  "YAML anchors (&x) are not supported; write the value out",
		},
		{
			name: "YAML alias with its anchor: the anchor is refused first",
			edits: []edit{
				{after: "\n  - id: magnesium\n    name:", old: "prior: ", new: "prior: @@&x "},
				{after: "\n  - id: calcium\n    name:", old: "prior: ", new: "prior: *x # "},
			},
			want: "YAML anchors (&x) are not supported",
		},
		{
			name:  "YAML alias without an anchor",
			edits: []edit{{after: "\n  - id: calcium\n    name:", old: "    prior: ", new: "    prior: @@*x # "}},
			want:  "YAML syntax error: unknown anchor 'x' referenced",
		},
		{
			name:  "unknown field",
			edits: []edit{{old: "      - when: {location: eyelid}\n        weight:", new: "      - when: {location: eyelid}\n        @@wieght:"}},
			want:  `deficiency "magnesium" rule: unknown field "wieght"; allowed: when, weight, why, source, id`,
		},
		{
			name:  "missing field",
			edits: []edit{{old: "\nversion: ", new: "\n@@version: "}, {old: "\nbands:\n", new: "\nbandz:\n"}},
			want:  `rule base: missing field "bands"`,
		},
		{
			name:  "key given twice",
			edits: []edit{{after: "\n  - id: magnesium\n    name:", old: "    prior: ", new: "    prior: -1\n    @@prior: "}},
			want:  `deficiency: key "prior" is given twice`,
		},
		{
			name:  "invalid id",
			edits: []edit{{old: "\n  - id: chest_pain\n    level:", new: "\n  - id: @@Chest-Pain\n    level:"}},
			want:  `red flag id "Chest-Pain" is not a valid id`,
		},

		// Duplicate ids.
		{
			name:    "duplicate question id",
			edits:   []edit{{old: "\n  - id: frequency\n", new: "\n  - @@id: duration\n"}},
			want:    `duplicate question id "duration" (first defined at line %d)`,
			firstAt: "\n  - id: duration\n    section: twitching\n    kind: single\n    text: \"Test question duration",
		},
		{
			name:  "duplicate option id",
			edits: []edit{{after: "\n  - id: frequency\n", old: "      - id: constant\n", new: "      - @@id: daily\n"}},
			want:  `duplicate option id "daily"`,
		},
		{
			name:  "duplicate deficiency id",
			edits: []edit{{old: "\n  - id: calcium\n    name:", new: "\n  - @@id: magnesium\n    name:"}},
			want:  `duplicate deficiency id "magnesium"`,
		},
		{
			name:  "duplicate rule id (explicit id equal to a generated one)",
			edits: []edit{{after: "\n  - id: magnesium\n    name:", old: "      - when: {location: legs}\n", new: "      - @@id: magnesium_1\n        when: {location: legs}\n"}},
			want:  `duplicate rule id "magnesium_1"`,
		},
		{
			name:  "duplicate trigger id",
			edits: []edit{{old: "\n  - id: stress\n    name:", new: "\n  - @@id: caffeine\n    name:"}},
			want:  `duplicate trigger id "caffeine"`,
		},
		{
			name:  "duplicate red flag id",
			edits: []edit{{old: "\n  - id: chest_pain\n    level:", new: "\n  - @@id: breathing_difficulty\n    level:"}},
			want:  `duplicate red flag id "breathing_difficulty"`,
		},
		{
			name:    "duplicate source id",
			edits:   []edit{{old: "\n  - id: src_b\n    title:", new: "\n  - @@id: src_a\n    title:"}},
			want:    `duplicate source id "src_a" (first defined at line %d)`,
			firstAt: "\n  - id: src_a\n    title: \"Source A",
		},
		{
			name:  "duplicate caution id",
			edits: []edit{{old: "\n  - id: pregnancy\n    when:", new: "\n  - @@id: kidney_disease\n    when:"}},
			want:  `duplicate caution id "kidney_disease"`,
		},

		// References.
		{
			name:  "unknown question in a rule's when",
			edits: []edit{{old: "      - when: {location: eyelid}\n", new: "      - when: @@{locaton: eyelid}\n"}},
			want:  `deficiency "magnesium" rule "magnesium_1": unknown question "locaton"`,
		},
		{
			name:  "unknown option in a rule's when",
			edits: []edit{{old: "      - when: {location: eyelid}\n", new: "      - when: @@{location: eyelids}\n"}},
			want:  `question "location" has no option "eyelids"; allowed: eyelid, face, mouth, tongue, hands, arms, legs, feet, trunk, all_over`,
		},
		{
			name:  "unknown question in a red flag's when",
			edits: []edit{{old: "    when: {serious: chest_pain}\n", new: "    when: @@{serius: chest_pain}\n"}},
			want:  `red flag "chest_pain": unknown question "serius"`,
		},
		{
			name: "unknown source cited",
			edits: []edit{
				{old: "      - when: {location: eyelid}\n", new: "      - @@when: {location: eyelid}\n"},
				{after: "{location: eyelid}\n", old: "        source: ", new: "        source: no_such_source # "},
			},
			want: `deficiency "magnesium" rule "magnesium_1" cites unknown source "no_such_source"; add it to sources`,
		},
		{
			name:  "unknown level on a red flag",
			edits: []edit{{old: "\n  - id: chest_pain\n    level: emergency\n", new: "\n  - @@id: chest_pain\n    level: critical\n"}},
			want:  `red flag "chest_pain": unknown level "critical"; allowed: self_care, see_doctor, urgent, emergency`,
		},
		{
			name:  "unknown section",
			edits: []edit{{old: "\n  - id: frequency\n    section: twitching\n", new: "\n  - @@id: frequency\n    section: twitchng\n"}},
			want:  `question "frequency": unknown section "twitchng"`,
		},
		{
			name: "rule without a source",
			edits: []edit{
				{old: "      - when: {location: eyelid}\n", new: "      - @@when: {location: eyelid}\n"},
				{after: "{location: eyelid}\n", old: "        source: ", new: "        # source: "},
			},
			want: `deficiency "magnesium" rule: missing field "source"`,
		},

		// Numbers.
		{
			name:  "weight above 3",
			edits: []edit{{after: "      - when: {location: eyelid}\n", old: "weight: ", new: "weight: @@4.5 # "}},
			want:  `deficiency "magnesium" rule "magnesium_1" weight is 4.5; it must be between -3 and 3`,
		},
		{
			name:  "weight below -3",
			edits: []edit{{after: "      - when: {location: eyelid}\n", old: "weight: ", new: "weight: @@-3.5 # "}},
			want:  `weight is -3.5; it must be between -3 and 3`,
		},
		{
			name:  "weight 0",
			edits: []edit{{after: "      - when: {location: eyelid}\n", old: "weight: ", new: "weight: @@0 # "}},
			want:  `deficiency "magnesium" rule "magnesium_1" weight must not be 0; remove the rule instead`,
		},
		{
			name:  "weight not a number",
			edits: []edit{{after: "      - when: {location: eyelid}\n", old: "weight: ", new: "weight: @@heavy # "}},
			want:  `weight must be a number, got "heavy"`,
		},
		{
			name:  "prior below -6",
			edits: []edit{{after: "\n  - id: magnesium\n    name:", old: "prior: ", new: "prior: @@-7 # "}},
			want:  `deficiency "magnesium" prior is -7; it must be between -6 and 0`,
		},
		{
			name:  "prior above 0",
			edits: []edit{{after: "\n  - id: magnesium\n    name:", old: "prior: ", new: "prior: @@0.5 # "}},
			want:  `deficiency "magnesium" prior is 0.5; it must be between -6 and 0`,
		},

		// enable_when.
		{
			name:  "enable_when pointing at a later question",
			edits: []edit{{after: "\n  - id: gi_duration\n", old: "    enable_when:\n      ", new: "    enable_when:\n      @@caffeine: 3_4_cups\n      # "}},
			want:  `question "gi_duration" enable_when refers to "caffeine", which is asked later; it may only refer to earlier questions`,
		},
		{
			name:  "enable_when cycle between two questions",
			edits: []edit{{after: "\n  - id: sweating\n", old: "    options:\n", new: "    enable_when:\n      @@rehydration: plain_water\n    options:\n"}},
			want:  "enable_when forms a cycle: sweating → rehydration → sweating",
		},
		{
			name:  "enable_when referring to its own question",
			edits: []edit{{after: "\n  - id: diuretic_kind\n", old: "    enable_when:\n      ", new: "    enable_when:\n      @@diuretic_kind: loop\n      # "}},
			want:  "enable_when forms a cycle: diuretic_kind → diuretic_kind",
		},
		{
			name:  "question that can never be shown",
			edits: []edit{{after: "\n  - id: ppi_duration\n", old: "    enable_when:\n      ", new: "    enable_when:\n      @@all:\n        - sweating: \"yes\"\n        - sweating: \"no\"\n      # "}},
			want:  `question "ppi_duration" can never be shown: no answers can make its enable_when (sweating: yes and sweating: no) true`,
		},
		{
			name: "question depending on a question that can never be shown",
			edits: []edit{
				{after: "\n  - id: rehydration\n", old: "    enable_when:\n      ", new: "    enable_when:\n      all:\n        - sweating: \"yes\"\n        - sweating: \"no\"\n      # "},
				{after: "\n  - id: ppi_duration\n", old: "    enable_when:\n      ", new: "    enable_when:\n      @@rehydration: little\n      # "},
			},
			want: `question "ppi_duration" can never be shown: it depends on "rehydration", which can never be shown`,
		},

		// The answers contract.
		{
			name:  "missing contract question",
			edits: []edit{{old: "\n  - id: age\n", new: "\n  - id: age_group\n"}},
			want:  `contract question "age" is missing`,
			at:    knowledge.Pos{Line: 1, Col: 1},
		},
		{
			name: "missing contract option",
			edits: []edit{
				{old: "\n  - id: frequency\n", new: "\n  - @@id: frequency\n"},
				{after: "\n  - @@id: frequency\n", old: "      - id: occasional\n", new: "      - id: now_and_then\n"},
			},
			want: `contract option "occasional" of question "frequency" is missing`,
		},
		{
			name:  "contract question of the wrong kind",
			edits: []edit{{old: "\n  - id: frequency\n    section: twitching\n    kind: single\n", new: "\n  - @@id: frequency\n    section: twitching\n    kind: multi\n"}},
			want:  `contract question "frequency" must be single choice, not multi`,
		},
		{
			name:  "missing contract deficiency",
			edits: []edit{{old: "\n  - id: sodium\n    name:", new: "\n  - id: salt\n    name:"}},
			want:  `contract deficiency "sodium" is missing`,
			at:    knowledge.Pos{Line: 1, Col: 1},
		},
		{
			name:  "missing contract trigger",
			edits: []edit{{old: "\n  - id: nicotine\n    name:", new: "\n  - id: smoking\n    name:"}},
			want:  `contract trigger "nicotine" is missing`,
			at:    knowledge.Pos{Line: 1, Col: 1},
		},
		{
			name:  "missing level",
			edits: []edit{{old: urgentLevel, new: ""}},
			want:  "levels must be exactly self_care, see_doctor, urgent, emergency, lowest first; got self_care, see_doctor, emergency",
			at:    knowledge.Pos{Line: 1, Col: 1},
		},
		{
			name:  "levels out of order",
			edits: []edit{{old: emergencyLevel, new: ""}, {old: urgentLevel, new: emergencyLevel + urgentLevel}},
			want:  "levels must be exactly self_care, see_doctor, urgent, emergency, lowest first; got self_care, see_doctor, emergency, urgent",
			at:    knowledge.Pos{Line: 1, Col: 1},
		},
		{
			name: "first question not serious",
			edits: []edit{{after: firstQ, old: "  - id: serious\n", new: "  - @@id: intro\n    section: emergency\n    kind: single\n    text: \"Ready?\"\n" +
				"    options:\n      - id: \"yes\"\n        label: \"Yes\"\n      - id: \"no\"\n        label: \"No\"\n  - id: serious\n"}},
			want: `the first question must be "serious" (the emergency screen), not "intro"`,
		},

		// Sources a reader can open (issue 8, item 5).
		{
			name:  "source without url or citation",
			edits: []edit{{old: "\n  - id: src_b\n    title: \"Source B\"\n    publisher: \"Test Publisher\"\n    url: \"https://example.org/b\"\n", new: "\n  - @@id: src_b\n    title: \"Source B\"\n    publisher: \"Test Publisher\"\n"}},
			want:  `source "src_b" has neither a url nor a citation`,
		},
		{
			name:  "source url that is not a web address",
			edits: []edit{{old: "    url: \"https://example.org/b\"", new: "    url: @@\"seed_000.txt\""}},
			want:  `source "src_b" url "seed_000.txt" is not a web address`,
		},
		{
			name:  "print citation without DOI or PMID",
			edits: []edit{{old: "    citation: \"Author A. Title. J Test. 2020;1:1-2. doi:10.0000/test\"", new: "    citation: @@\"Author A. Title. J Test. 2020\""}},
			want:  `source "src_c" citation has no DOI, PMID or ISBN`,
		},
		{
			name:  "source never cited",
			edits: []edit{{old: "\nsections:\n", new: "\n  - @@id: src_unused\n    title: \"Unused\"\n    publisher: \"P\"\n    url: \"https://example.org/u\"\n\nsections:\n"}},
			want:  `source "src_unused" is never cited`,
		},
		{
			name:  "rule without a source",
			edits: []edit{{after: "      - when: {location: eyelid}\n", old: "        source: src_a\n", new: ""}, {after: "\n  - id: magnesium\n", old: "      - when: {location: eyelid}\n", new: "      - @@when: {location: eyelid}\n"}},
			want:  `missing field "source"`,
		},

		// The triage principles (policy version 2).
		{
			name:  "skipped emergency check at self-care",
			edits: []edit{{old: "  skipped:\n    level: see_doctor", new: "  skipped:\n    @@level: self_care"}},
			want:  `the level must be above self_care`,
		},
		{
			name:  "likely flag with an unknown placeholder",
			edits: []edit{{old: "likely_flag:\n  level:", new: "likely_flag:\n  @@level:"}, {old: "reason: \"Points strongly to low {name}.\"", new: "reason: \"Points strongly to low {nam}.\""}},
			want:  `unknown placeholder {nam}`,
		},
		{
			name:  "likely flag at self-care",
			edits: []edit{{old: "likely_flag:\n  level: see_doctor", new: "likely_flag:\n  @@level: self_care"}},
			want:  `likely_flag: the level must be above self_care: a likely shortage needs a blood test`,
		},
		{
			name:  "reassurance up to urgent",
			edits: []edit{{old: "reassurance:\n  max_level: see_doctor", new: "reassurance:\n  @@max_level: urgent"}},
			want:  `reassurance: max_level "urgent" is above see_doctor; reassurance may show only up to see_doctor`,
		},
		{
			name:  "reassurance up to emergency",
			edits: []edit{{old: "reassurance:\n  max_level: see_doctor", new: "reassurance:\n  @@max_level: emergency"}},
			want:  `reassurance: max_level "emergency" is above see_doctor`,
		},
		{
			name:  "reassurance without hide_when",
			edits: []edit{{old: "reassurance:\n  max_level: see_doctor\n  hide_when: {serious: [muscle_wasting, progressive_weakness]}\n", new: "reassurance:\n  @@max_level: see_doctor\n"}},
			want:  `reassurance: missing field "hide_when"`,
		},
		{
			name:  "reassurance with an unknown level",
			edits: []edit{{old: "reassurance:\n  max_level: see_doctor", new: "reassurance:\n  @@max_level: sometimes"}},
			want:  `reassurance: unknown level "sometimes"`,
		},
		{
			name:  "reassuring given as quoted text",
			edits: []edit{{old: "reassuring: true", new: "reassuring: @@\"true\""}},
			want:  `other cause "other_calm" reassuring must be true or false, got "true"; allowed: true, True, TRUE, false, False, FALSE`,
		},
		{
			name:  "reassuring tagged as a boolean but spelt otherwise",
			edits: []edit{{old: "reassuring: true", new: "reassuring: @@!!bool yes"}},
			want:  `other cause "other_calm" reassuring must be true or false, got "yes"; allowed: true, True, TRUE, false, False, FALSE`,
		},
		{
			name:  "food note with an unknown way to show foods",
			edits: []edit{{old: "{when: {medications: ppi}, foods: info,", new: "{when: {medications: ppi}, foods: @@maybe,"}},
			want:  `foods "maybe" is not allowed; use info`,
		},

		// The answers contract, version 2: follow-ups asked when it says.
		{
			name:  "contract follow-up without enable_when",
			edits: []edit{{after: "\n  - id: ppi_duration\n", old: "    enable_when:\n      medications: ppi\n", new: ""}, {old: "\n  - id: ppi_duration\n", new: "\n  - @@id: ppi_duration\n"}},
			want:  `contract question "ppi_duration" is a follow-up`,
		},
		{
			name:  "contract follow-up asked on the wrong answer",
			edits: []edit{{after: "\n  - id: ppi_duration\n", old: "    enable_when:\n      medications: ppi\n", new: "    enable_when:\n      @@medications: laxative\n"}},
			want:  `contract question "ppi_duration" must be asked when medications: ppi`,
		},
		{
			name:  "contract question that is always asked given an enable_when",
			edits: []edit{{old: "\n  - id: age\n", new: "\n  - @@id: age\n    enable_when: {sleep: 7_plus}\n"}},
			want:  `contract question "age" is always asked; remove its enable_when`,
		},

		// Bounds.
		{
			name:  "condition testing too many answers",
			edits: []edit{{old: "      - when: {location: eyelid}\n", new: "      - when: @@{all: [" + strings.Repeat("{location: eyelid}, ", knowledge.MaxCondAtoms) + "{location: eyelid}]}\n"}},
			want:  fmt.Sprintf("tests %d answers; a condition may test at most %d", knowledge.MaxCondAtoms+1, knowledge.MaxCondAtoms),
		},
		{
			name:  "control character in text",
			edits: []edit{{old: "disclaimer: \"Test disclaimer:", new: "disclaimer: @@\"Test \\e]0;owned\\a disclaimer:"}},
			want:  `disclaimer contains the control or formatting character U+001B`,
		},
		{
			name:  "right-to-left override in a label",
			edits: []edit{{old: "        label: \"Occasional\"", new: "        label: @@\"Occa\u202esional\""}},
			want:  `option label contains the control or formatting character U+202E`,
		},
		{
			name:  "line break in a one-line text",
			edits: []edit{{old: "version: \"test-1\"", new: "version: @@\"test-1\\nserious: [none]\""}},
			want:  `version must be one line of text`,
		},

		// Old and overlapping options, unanswered follow-ups.
		{
			name:  "counts_as names an unknown option",
			edits: []edit{{old: "        label: \"Dependent\"\n        counts_as: [heavy]\n", new: "        label: \"Dependent\"\n        counts_as: @@[heavvy]\n"}},
			want:  `question "alcohol": option "dependent" counts_as "heavvy", which is not an option of "alcohol"; allowed: none, moderate, heavy, dependent, stopped_recently`,
		},
		{
			name:  "counts_as names the option itself",
			edits: []edit{{old: "        label: \"Dependent\"\n        counts_as: [heavy]\n", new: "        label: \"Dependent\"\n        counts_as: @@[heavy, dependent]\n"}},
			want:  `question "alcohol": option "dependent" counts_as itself`,
		},
		{
			name:  "counts_as names an option twice",
			edits: []edit{{old: "        label: \"Dependent\"\n        counts_as: [heavy]\n", new: "        label: \"Dependent\"\n        counts_as: @@[heavy, heavy]\n"}},
			want:  `option "dependent" lists "heavy" twice in counts_as`,
		},
		{
			name:  "counts_as empty",
			edits: []edit{{old: "        label: \"Dependent\"\n        counts_as: [heavy]\n", new: "        label: \"Dependent\"\n        counts_as: @@[]\n"}},
			want:  `counts_as: list at least one option of "alcohol", or leave counts_as out`,
		},
		{
			name:  "counts_as names none",
			edits: []edit{{old: "        label: \"Weight loss surgery\"\n        counts_as: [malabsorption]\n", new: "        label: \"Weight loss surgery\"\n        counts_as: @@[none]\n"}},
			want:  `question "conditions": option "weight_loss_surgery" cannot count as "none"`,
		},
		{
			name:  "counts_as forms a cycle",
			edits: []edit{{after: "\n  - id: alcohol\n", old: "        label: \"Heavy\"\n", new: "        label: \"Heavy\"\n        counts_as: @@[stopped_recently]\n"}},
			want:  `question "alcohol": counts_as forms a cycle: heavy → stopped_recently → dependent → heavy`,
		},
		{
			name:  "kept_for_old_files without counts_as",
			edits: []edit{{old: "      - id: days\n        label: \"Days\"\n        kept_for_old_files: true\n        counts_as: [under_3_days]\n", new: "      - @@id: days\n        label: \"Days\"\n        kept_for_old_files: true\n"}},
			want:  `question "gi_duration": option "days" is kept_for_old_files, so old files still give it, but nothing says how it is read: give it counts_as`,
		},
		{
			name:  "kept_for_old_files not a boolean",
			edits: []edit{{old: "        kept_for_old_files: true\n", new: "        kept_for_old_files: @@\"yes\"\n"}},
			want:  `option "days" kept_for_old_files must be true or false`,
		},
		{
			name:  "too few options offered",
			edits: []edit{{old: "\n  - id: pregnancy_stage\n", new: "\n  - @@id: pregnancy_stage\n"}, {old: "        label: \"Under 20 weeks\"\n", new: "        label: \"Under 20 weeks\"\n        kept_for_old_files: true\n        counts_as: [20_weeks_plus]\n"}},
			want:  `question "pregnancy_stage" offers 1 options once those kept_for_old_files are hidden; it needs at least 2`,
		},
		{
			name:  "a rule names an option kept for old files",
			edits: []edit{{old: "when: {gi_duration: under_3_days}, weight: 0.5", new: "when: @@{gi_duration: days}, weight: 0.5"}},
			want:  `deficiency "potassium" rule "k_gi_short": option "days" of "gi_duration" is kept_for_old_files, so nobody answering today can give it; name the options it counts as (under_3_days)`,
		},
		{
			name:  "reserved option id",
			edits: []edit{{old: "      - id: nausea_only\n", new: "      - @@id: unanswered\n"}},
			want:  `question "vomiting": option id "unanswered" is reserved`,
		},
		{
			name:  "unanswered_reads_as on a question always asked",
			edits: []edit{{old: "    short: \"Q stress\"\n", new: "    short: \"Q stress\"\n    unanswered_reads_as: @@high\n"}},
			want:  `question "stress": unanswered_reads_as is only for a follow-up question`,
		},
		{
			name:  "unanswered_reads_as names an unknown option",
			edits: []edit{{old: "    unanswered_reads_as: keeping_fluids_down\n", new: "    unanswered_reads_as: @@keeping_down\n"}},
			want:  `question "vomiting": unanswered_reads_as names "keeping_down", which is not one of its options; allowed: nausea_only, keeping_fluids_down, cannot_keep_fluids_down`,
		},
		{
			name:  "unanswered_reads_as names an option kept for old files",
			edits: []edit{{old: "      symptoms: [nausea_vomiting, diarrhea]\n    options:\n", new: "      symptoms: [nausea_vomiting, diarrhea]\n    unanswered_reads_as: @@days\n    options:\n"}},
			want:  `question "gi_duration": unanswered_reads_as names "days", which is kept_for_old_files`,
		},
		{
			name:  "contract: a follow-up not read on the safe side",
			edits: []edit{{old: "\n  - id: vomiting\n", new: "\n  - @@id: vomiting\n"}, {old: "    unanswered_reads_as: keeping_fluids_down\n", new: ""}},
			want:  `contract question "vomiting", asked but unanswered, is read by red flags as "keeping_fluids_down" (the safe side): give it unanswered_reads_as: keeping_fluids_down`,
		},
		{
			name:  "contract: an old option offered",
			edits: []edit{{old: "      - id: days\n        label: \"Days\"\n        kept_for_old_files: true\n", new: "      - @@id: days\n        label: \"Days\"\n"}},
			want:  `contract option "days" of question "gi_duration" is kept for old files: mark it kept_for_old_files: true`,
		},
		{
			name:  "contract: a counts-as rule missing",
			edits: []edit{{old: "      - id: combination\n        label: \"Combination\"\n        counts_as: [potassium_sparing, thiazide, loop]\n", new: "      - @@id: combination\n        label: \"Combination\"\n        counts_as: [potassium_sparing]\n"}},
			want:  `contract option "combination" of question "diuretic_kind" counts as potassium_sparing, thiazide, loop in every rule`,
		},

		// Whole files.
		{name: "empty file", raw: []byte{}, want: "rule base file is empty"},
		{name: "blank file", raw: []byte("\n   \n\t\n"), want: "rule base file is empty"},
		{name: "comments only", raw: []byte("# nothing here\n"), want: "rule base file holds no YAML document"},
		{name: "binary file", raw: append([]byte("version: 1\n\x00\x01\x02"), testrules.YAML()...), want: "rule base file is not UTF-8 text (is it a binary file?)"},
		{name: "invalid UTF-8", raw: []byte("version: \xff\xfe\n"), want: "is not UTF-8 text"},
		{
			name: "file over the size limit",
			raw:  append(testrules.YAML(), bytes.Repeat([]byte("#"), knowledge.MaxRuleBaseBytes)...),
			want: fmt.Sprintf("rule base file is %d bytes; the limit is %d bytes", len(testrules.YAML())+knowledge.MaxRuleBaseBytes, knowledge.MaxRuleBaseBytes),
		},
		{name: "not a mapping", raw: []byte("- version\n"), want: "rule base must be a mapping, got a list", at: knowledge.Pos{Line: 1, Col: 1}},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, wantPos := string(c.raw), c.at
			if c.raw == nil {
				edited := applyEdits(t, src, c.edits)
				var marked bool
				text, wantPos, marked = stripMarker(t, edited)
				if !marked {
					if c.at == (knowledge.Pos{}) {
						t.Fatalf("the case has neither a position marker nor a position")
					}
					wantPos = c.at
				}
			}
			want := c.want
			if c.firstAt != "" {
				want = fmt.Sprintf(c.want, lineOf(t, text, c.firstAt))
			}

			_, err := knowledge.Load(name, []byte(text))
			ps := asProblems(t, err)
			var found *knowledge.Problem
			for i := range ps {
				if strings.Contains(ps[i].Msg, want) {
					found = &ps[i]
					break
				}
			}
			var fails []string
			switch {
			case found == nil:
				fails = append(fails, fmt.Sprintf("no problem says %q; got:\n%v", want, err))
			default:
				if found.File != name {
					fails = append(fails, fmt.Sprintf("problem file = %q, want %q", found.File, name))
				}
				if found.Pos != wantPos {
					fails = append(fails, fmt.Sprintf("problem %q is at %d:%d, want %d:%d", found.Msg, found.Pos.Line, found.Pos.Col, wantPos.Line, wantPos.Col))
				}
				wantErr := fmt.Sprintf("%s:%d:%d: %s", name, wantPos.Line, wantPos.Col, found.Msg)
				if wantPos == (knowledge.Pos{}) {
					wantErr = name + ": " + found.Msg
				}
				if got := found.Error(); got != wantErr {
					fails = append(fails, fmt.Sprintf("Problem.Error() = %q, want %q", got, wantErr))
				}
			}
			for i := 1; i < len(ps); i++ {
				if ps[i].Pos.Line < ps[i-1].Pos.Line || ps[i].Pos.Line == ps[i-1].Pos.Line && ps[i].Pos.Col < ps[i-1].Pos.Col {
					fails = append(fails, fmt.Sprintf("problems are not sorted by position: %v before %v", ps[i-1], ps[i]))
				}
			}
			for _, f := range fails {
				t.Error(f)
			}
		})
	}
}

// TestLoadReportsAllProblems checks that a rule base with several problems
// gets all of them, sorted by line, in each of the two passes (reading the
// YAML, then checking references).
func TestLoadReportsAllProblems(t *testing.T) {
	src := string(testrules.YAML())
	cases := []struct {
		name  string
		edits []edit
		want  []string // every message must be reported
	}{
		{
			name: "reading",
			edits: []edit{
				// Listed out of file order on purpose.
				{after: "\n  - id: sodium\n    name:", old: "prior: ", new: "prior: -9 # "},
				{after: "      - when: {location: eyelid}\n", old: "weight: ", new: "weight: 7 # "},
				{old: "\n  - id: chest_pain\n    level:", new: "\n  - id: chest_pain\n    levle:"},
				{old: "\n  - id: frequency\n    section: twitching\n    kind: single\n", new: "\n  - id: frequency\n    section: twitching\n    kind: several\n"},
			},
			want: []string{
				`question "frequency" kind "several" is not allowed`,
				`weight is 7`,
				`deficiency "sodium" prior is -9`,
				`red flag: unknown field "levle"`,
			},
		},
		{
			name: "checking",
			edits: []edit{
				// Duplicate ids are checked first but are late in the file.
				{old: "\n  - id: chest_pain\n    level:", new: "\n  - id: breathing_difficulty\n    level:"},
				{old: "      - when: {location: eyelid}\n", new: "      - when: {locaton: eyelid}\n"},
				{after: "\n  - id: gi_duration\n", old: "    enable_when:\n      ", new: "    enable_when:\n      caffeine: 3_4_cups\n      # "},
				{after: "\ntriggers:\n", old: "        source: ", new: "        source: nowhere # "},
			},
			want: []string{
				`duplicate red flag id "breathing_difficulty"`,
				`unknown question "locaton"`,
				`enable_when refers to "caffeine", which is asked later`,
				`cites unknown source "nowhere"`,
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := knowledge.Load("rules.yaml", []byte(applyEdits(t, src, c.edits)))
			ps := asProblems(t, err)
			if len(ps) < 3 {
				t.Errorf("got %d problems, want at least 3:\n%v", len(ps), ps)
			}
			for _, w := range c.want {
				if !strings.Contains(ps.Error(), w) {
					t.Errorf("no problem says %q; got:\n%v", w, ps)
				}
			}
			if got := strings.Count(ps.Error(), "\n") + 1; got != len(ps) {
				t.Errorf("Problems.Error() has %d lines for %d problems", got, len(ps))
			}
			for i := 1; i < len(ps); i++ {
				a, b := ps[i-1].Pos, ps[i].Pos
				if a.Line > b.Line || a.Line == b.Line && a.Col > b.Col {
					t.Errorf("problems are not sorted by line: %v before %v", ps[i-1], ps[i])
				}
			}
		})
	}
}

func TestProblemError(t *testing.T) {
	cases := []struct {
		p    knowledge.Problem
		want string
	}{
		{knowledge.Problem{File: "f.yaml", Pos: knowledge.Pos{Line: 3, Col: 7}, Msg: "bad"}, "f.yaml:3:7: bad"},
		{knowledge.Problem{File: "f.yaml", Pos: knowledge.Pos{Line: 3}, Msg: "bad"}, "f.yaml:3:1: bad"},
		{knowledge.Problem{File: "f.yaml", Msg: "bad"}, "f.yaml: bad"},
		{knowledge.Problem{Msg: "bad"}, "bad"},
	}
	for _, c := range cases {
		if got := c.p.Error(); got != c.want {
			t.Errorf("%+v.Error() = %q, want %q", c.p, got, c.want)
		}
	}
	ps := knowledge.Problems{cases[0].p, cases[2].p}
	if got, want := ps.Error(), "f.yaml:3:7: bad\nf.yaml: bad"; got != want {
		t.Errorf("Problems.Error() = %q, want %q", got, want)
	}
}

// TestCitationsCoverEveryPart checks that RuleBase.Citations walks every
// part of the rule base that cites a source: each kind appears, every
// catalogued source is cited by something, and every citation names a
// catalogued source.
func TestCitationsCoverEveryPart(t *testing.T) {
	rb := ruleBase(t)
	cites := rb.Citations()
	kinds := map[string]int{}
	cited := map[string]bool{}
	for _, c := range cites {
		kinds[c.Kind]++
		cited[c.Source] = true
		if rb.Source(c.Source) == nil {
			t.Errorf("%s %q cites %q, which is not in the catalogue", c.Kind, c.Text, c.Source)
		}
		if c.Text == "" {
			t.Errorf("%s citing %q has no text", c.Kind, c.Source)
		}
	}
	for _, k := range []string{"red flag", "reassurance", "description", "rule", "food note", "cause", "advice note", "other cause", "caution"} {
		if kinds[k] == 0 {
			t.Errorf("no %q citation; Citations misses a part of the rule base", k)
		}
	}
	if want := 2 + len(rb.RedFlags); kinds["red flag"] != want {
		t.Errorf("red flag citations = %d, want %d (skipped, likely and each flag)", kinds["red flag"], want)
	}
	for _, s := range rb.Sources {
		if !cited[s.ID] {
			t.Errorf("source %q is not cited by any citation", s.ID)
		}
	}
}
