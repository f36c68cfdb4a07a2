package knowledge_test

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// hostileYAML are inputs that every parser in the package must refuse or
// read without crashing. The files under testdata/fuzz add more.
var hostileYAML = []string{
	"",
	"\x00\x01\x02",
	"\xff\xfe\xfd",
	"~",
	"- a\n- b\n",
	"a: &x [1]\nb: *x\n",
	"a: *x\n",
	"{a: [",
	strings.Repeat("[", 80) + strings.Repeat("]", 80),
	strings.Repeat("a:\n ", 70) + "b",
	"? [a, b]\n: c\n",
	"a: !!binary aGVsbG8=\n",
	"\ufeffa: b\n",
	"a: b\n---\nc: d\n",
	"%YAML 1.1\n---\na: yes\n",
	"answers: {serious: [none]}\n",
}

// unsortedProblems says what FuzzParseAnswers once found
// (testdata/fuzz/FuzzParseAnswers/8ac9d508b90a4780): problems must come
// sorted by position, as Load gives them.
const unsortedProblems = "problems are not sorted by position: for \"s:\\ns:\" the duplicate key on line 2 must come after the unknown question on line 1"

// checkProblems checks the error of a failed parse: Problems in the given
// file, sorted by position.
func checkProblems(t *testing.T, err error, name string) {
	t.Helper()
	ps := asProblems(t, err)
	unsorted := false
	for i, p := range ps {
		if p.File != name || p.Msg == "" {
			t.Fatalf("problem %+v: want file %q and a message", p, name)
		}
		// Problems about the whole file (no line), such as the count of
		// problems past the limit, may come anywhere.
		if i > 0 && p.Pos.Line > 0 && (ps[i-1].Pos.Line > p.Pos.Line || ps[i-1].Pos.Line == p.Pos.Line && ps[i-1].Pos.Col > p.Pos.Col) {
			unsorted = true
		}
	}
	if unsorted {
		t.Fatalf("problems are not sorted: %v", ps)
	}
	// Each problem is one line: tabs are escaped as well.
	for _, c := range ps.Error() {
		if knowledge.UnsafeRune(c) || c == '\t' {
			t.Fatalf("message holds the control character %U: %q", c, ps.Error())
		}
	}
}

// checkNoControl fails when loaded text holds a character that could act
// on a terminal or reorder what a reader sees (knowledge.UnsafeRune). A
// newline or a tab is allowed: multi-line text may hold them.
func checkNoControl(t *testing.T, text string) {
	t.Helper()
	for _, c := range text {
		if knowledge.UnsafeRune(c) {
			t.Fatalf("loaded text holds the control character %U: %q", c, text)
		}
	}
}

// checkTrailingRefused checks that a document followed by anything else is
// refused, whatever follows: a second document or stray text.
func checkTrailingRefused(t *testing.T, parse func([]byte) error, in []byte) {
	t.Helper()
	for _, tail := range []string{"\n---\n{}\n", "\n...\ntext\n", "\n]\n"} {
		if err := parse(append(append([]byte{}, in...), tail...)); err == nil {
			t.Fatalf("input followed by %q was accepted:\n%s", tail, in)
		}
	}
}

// checkAnswers checks the invariants of answers that parsed: they survive
// YAML() and assessing them gives a complete, sorted result.
func checkAnswers(t *testing.T, rb *knowledge.RuleBase, a knowledge.Answers) {
	t.Helper()
	y := a.YAML()
	b, err := knowledge.ParseAnswers(rb, "roundtrip.yaml", y)
	if err != nil {
		t.Fatalf("YAML() output does not parse back: %v\n%s", err, y)
	}
	if !b.Equal(a) {
		t.Fatalf("YAML() round trip changed the answers:\n%s\nbecame\n%s", y, b.YAML())
	}
	res := knowledge.Assess(a)
	checkSortedDeficiencies(t, rb, res.Deficiencies)
	if rb.LevelRank(res.Triage.Level) < 0 {
		t.Fatalf("unknown triage level %q", res.Triage.Level)
	}
	for _, f := range res.Triage.Flags {
		if rb.LevelRank(f.Level) > rb.LevelRank(res.Triage.Level) {
			t.Fatalf("flag %s (%s) is above the triage level %s", f.ID, f.Level, res.Triage.Level)
		}
	}
}

func FuzzParseAnswers(f *testing.F) {
	for _, s := range realisticAnswers {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		`{"serious": ["none"], "location": ["eyelid", "legs"], "spreading": true, "sleep": null, "supplements": []}`,
		"spreading: yes\nnicotine: no\nsweating: true\n",
		"location: eyelid\nserious: none\n",
		"symptoms: [none, cramps]\n",
		"sleep: [5_6]\n",
		"serious: [none]\n---\nserious: [chest_pain]\n",
		"medications: [ppi]\nppi_duration: over_1_year\ndiuretic_kind: loop\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range hostileYAML {
		f.Add([]byte(s))
	}
	rb := ruleBase(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		a, err := knowledge.ParseAnswers(rb, "fuzz.yaml", in)
		if err != nil {
			checkProblems(t, err, "fuzz.yaml")
			return
		}
		checkAnswers(t, rb, a)
		checkTrailingRefused(t, func(b []byte) error { _, err := knowledge.ParseAnswers(rb, "fuzz.yaml", b); return err }, in)
	})
}

// contractAnswers use only the answers contract, so every rule base that
// loads must accept them.
var contractAnswers = []string{
	"{}",
	"serious: [none]\nlocation: [eyelid]\nduration: 1_to_6_days\nfrequency: daily\nspreading: \"no\"\nsymptoms: [fatigue, cramps]\ncaffeine: 5_plus_cups\nstress: high\nsleep: under_5\n",
	"serious: [fainting, falls]\nsymptoms: [palpitations, numbness_tingling]\nmedications: [diuretic, new_medicine]\nsupplements: [b6_high_dose]\nconditions: [kidney_disease, pregnant]\nage: 65_plus\n",
	"location: [all_over]\nduration: over_3_months\ndiet: vegan\ndairy: rarely\ngreens: rarely\nfruit_veg: rarely\nsun: rarely\nalcohol: heavy\nnicotine: \"yes\"\n",
	// Version 3: an option kept for old files, options that count as
	// others, follow-ups read on the safe side.
	"serious: [one_side_spells]\nlocation: [tongue]\nsymptoms: [nausea_vomiting, diarrhea, double_vision]\ngi_duration: days\nalcohol: stopped_recently\nmedications: [diuretic, lithium]\ndiuretic_kind: combination\nconditions: [weight_loss_surgery, pregnant]\n",
	"symptoms: [weakness, headache]\nweakness_speed: hours\nexercise: strenuous\nrehydration: electrolytes\ndrinking_amount: to_thirst\nconditions: [pregnant]\npregnancy_stage: 20_weeks_plus\nvomiting: nausea_only\n",
}

func FuzzLoad(f *testing.F) {
	rules := string(data.Rules())
	f.Add([]byte(rules))
	// Small mutations of the real rule base, valid and not.
	for _, m := range []struct{ old, new string }{
		{"bands:\n  likely: 60", "bands:\n  likely: 70"},
		{"\n  - id: serious\n", "\n  - id: serious_\n"},
		{"      - when: {location: eyelid}\n", "      - when: {any: [{location: eyelid}, {count: {question: location, at_least: 2}}]}\n"},
		{"    enable_when:\n      medications: ppi\n", ""},
		{"    enable_when:\n      medications: ppi\n", "    enable_when:\n      ppi_duration: over_1_year\n"},
		{"red_flags:\n", "red_flags:\n  - id: extra\n    level: urgent\n    when: {all: [{serious: falls}, {symptoms: weakness}]}\n    reason: r\n    action: a\n    source: nhs_twitches\n"},
		{"    title: \"Twitching eyes and muscles\"", "    title: \"Twitching \\e]0;owned\\a eyes\""},
		{"    publisher: \"NHS\"\n", "    publisher: \"NHS\\u202e\"\n"},
		{"\nlevels:\n", "\nlevelz:\n"},
		{"weight: ", "weight: 9"},
		{"disclaimer: >-\n  twitchcheck is", "disclaimer: >-\n  twitchcheck\tis"},
		// The version 3 keys, valid and not.
		{"        counts_as: [under_3_days]\n", "        counts_as: [under_3_days, week_plus]\n"},
		{"        counts_as: [under_3_days]\n", "        counts_as: [days]\n"},
		{"        kept_for_old_files: true\n", ""},
		{"    unanswered_reads_as: keeping_fluids_down\n", "    unanswered_reads_as: nausea_only\n"},
		{"    unanswered_reads_as: keeping_fluids_down\n", "    unanswered_reads_as: [keeping_fluids_down]\n"},
		{"      - id: heavy\n", "      - id: heavy\n        counts_as: [dependent]\n"},
	} {
		if strings.Contains(rules, m.old) {
			f.Add([]byte(strings.Replace(rules, m.old, m.new, 1)))
		}
	}
	f.Add([]byte(rules[:len(rules)/2]))
	for _, s := range hostileYAML {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		rb, err := knowledge.Load("fuzz.yaml", in)
		if err != nil {
			checkProblems(t, err, "fuzz.yaml")
			return
		}
		if len(rb.Deficiencies) < len(specDeficiencies) || rb.Questions[0].ID != "serious" {
			t.Fatalf("a rule base without the contract loaded")
		}
		checkStrings(t, reflect.ValueOf(rb))
		copied := *rb
		if again := knowledge.FromSnapshot(&copied); !reflect.DeepEqual(again, rb) {
			t.Fatalf("FromSnapshot(copy of Load(x)) differs from Load(x)")
		}
		for _, s := range contractAnswers {
			a, err := knowledge.ParseAnswers(rb, "contract.yaml", []byte(s))
			if err != nil {
				t.Fatalf("a loaded rule base rejects contract answers %q: %v", s, err)
			}
			checkAnswers(t, rb, a)
		}
	})
}

// embeddedFiles returns the files of an embedded directory.
func embeddedFiles(tb testing.TB, fsys fs.FS) [][]byte {
	tb.Helper()
	var out [][]byte
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		out = append(out, b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Fatal("no embedded files")
	}
	return out
}

func FuzzParseVignettes(f *testing.F) {
	for _, b := range embeddedFiles(f, data.Vignettes()) {
		f.Add(b)
	}
	for _, s := range []string{
		"id: v1\nstory: s\nanswers: {serious: [chest_pain]}\nexpect: {triage: emergency}\n",
		"- id: v1\n  story: s\n  answers: {}\n  expect: {no_likely: true, top3: [iron, calcium]}\n",
		"[]",
		"id: v1\nstory: s\nanswers: {serious: [none]}\nexpect: {top1: [iron, nope], top3: [a, b, c, d], triage: critical, no_likely: maybe}\n",
		"id: v1\nstory: s\nanswers: null\nexpect: {}\n",
		"id: v1\nstory: s\n",
		"- id: v1\n  story: \"a tab\\there\"\n  answers: {}\n  expect: {}\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range hostileYAML {
		f.Add([]byte(s))
	}
	rb := ruleBase(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		vs, err := knowledge.ParseVignettes(rb, "fuzz.yaml", in)
		if err != nil {
			checkProblems(t, err, "fuzz.yaml")
			return
		}
		if len(vs) == 0 {
			t.Fatalf("ParseVignettes returned no vignettes and no error")
		}
		for _, v := range vs {
			if v.ID == "" || v.File != "fuzz.yaml" || v.Answers.RuleBase() != rb {
				t.Fatalf("vignette %+v lacks an id, its file or answers", v)
			}
			checkAnswers(t, rb, v.Answers)
			checkNoControl(t, v.Story+v.Citation)
		}
		checkTrailingRefused(t, func(b []byte) error { _, err := knowledge.ParseVignettes(rb, "fuzz.yaml", b); return err }, in)
		s := knowledge.Evaluate(vs)
		failed := 0
		for _, o := range s.Outcomes {
			if len(o.Misses) > 0 {
				failed++
			}
		}
		if len(s.Outcomes) != len(vs) || s.Failed != failed ||
			s.Top1Hits > s.Top1Checked || s.Top3Hits > s.Top3Checked ||
			s.TriageExact+s.OverTriage+s.UnderTriage != s.TriageChecked {
			t.Fatalf("inconsistent summary %+v for %d vignettes", s, len(vs))
		}
	})
}

func FuzzParseCase(f *testing.F) {
	for _, b := range embeddedFiles(f, data.Cases()) {
		f.Add(b)
	}
	for _, s := range []string{
		"id: c1\ntitle: t\nstory: s\nanswers: {serious: [none], location: [eyelid]}\n",
		"id: c1\ntitle: t\nstory: s\nanswers: {sleep: [5_6]}\n",
		"id: C-1\ntitle: \"\"\nstory: s\nanswers: {}\nextra: 1\n",
		"id: c1\ntitle: t\nstory: s\nanswers: null\n",
		"id: c1\ntitle: t\nstory: \"a tab\\there\"\nanswers: {}\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range hostileYAML {
		f.Add([]byte(s))
	}
	rb := ruleBase(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		c, err := knowledge.ParseCase(rb, "fuzz.yaml", in)
		if err != nil {
			checkProblems(t, err, "fuzz.yaml")
			return
		}
		if c.ID == "" || c.Title == "" || c.Story == "" || c.File != "fuzz.yaml" || c.Answers.RuleBase() != rb {
			t.Fatalf("case %+v lacks an id, a title, a story, its file or answers", c)
		}
		checkAnswers(t, rb, c.Answers)
		checkNoControl(t, c.Title)
		checkNoControl(t, c.Story)
		checkTrailingRefused(t, func(b []byte) error { _, err := knowledge.ParseCase(rb, "fuzz.yaml", b); return err }, in)
	})
}

// checkStrings checks every string reachable from v (a loaded rule base)
// with checkNoControl: no text from a file that loaded can act on a
// terminal.
func checkStrings(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			checkStrings(t, v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				checkStrings(t, v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			checkStrings(t, v.Index(i))
		}
	case reflect.String:
		checkNoControl(t, v.String())
	}
}
