package knowledge_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// allowed is how error messages list the options of question qid.
func allowed(tb testing.TB, rb *knowledge.RuleBase, qid string) string {
	tb.Helper()
	q := rb.Question(qid)
	if q == nil {
		tb.Fatalf("no question %q", qid)
	}
	return "allowed: " + strings.Join(q.OptionIDs(), ", ")
}

// knownQuestions is how error messages list the questions of rb.
func knownQuestions(rb *knowledge.RuleBase) string {
	ids := make([]string, len(rb.Questions))
	for i, q := range rb.Questions {
		ids[i] = q.ID
	}
	return "known questions: " + strings.Join(ids, ", ")
}

// TestParseAnswersRejects has one case per kind of bad answers file. Each
// error must name the question and list what is allowed (answers.md), at
// the position of the bad value.
func TestParseAnswersRejects(t *testing.T) {
	rb := ruleBase(t)
	const name = "answers.yaml"
	oversize := append([]byte("sleep: 5_6\n"), bytes.Repeat([]byte("#"), knowledge.MaxAnswersBytes)...)
	cases := []struct {
		name  string
		input string // with a position marker, unless at or whole is set
		want  []string
		// whole marks problems of the whole file, which have no position.
		whole bool
	}{
		{
			name:  "unknown question",
			input: "serious: [none]\n@@sleeep: 5_6\n",
			want:  []string{`unknown question "sleeep"`, knownQuestions(rb)},
		},
		{
			name:  "unknown question in JSON",
			input: `{"serious": ["none"], @@"sleeep": "5_6"}`,
			want:  []string{`unknown question "sleeep"`, knownQuestions(rb)},
		},
		{
			name:  "unknown option",
			input: "sleep: @@8_hours\n",
			want:  []string{`question "sleep": unknown option "8_hours"`, allowed(t, rb, "sleep")},
		},
		{
			name:  "unknown option in a list",
			input: "symptoms: [cramps, @@twitches]\n",
			want:  []string{`question "symptoms": unknown option "twitches"`, allowed(t, rb, "symptoms")},
		},
		{
			name:  "boolean for a question without yes and no",
			input: "sleep: @@true\n",
			want:  []string{`question "sleep": unknown option "true"`, allowed(t, rb, "sleep")},
		},
		{
			name:  "option with different case",
			input: "diet: @@Vegan\n",
			want:  []string{`question "diet": unknown option "Vegan"`, allowed(t, rb, "diet")},
		},
		{
			name:  "list for a single-choice question",
			input: "sleep: @@[5_6, under_5]\n",
			want:  []string{`question "sleep" takes one answer, but a list was given`, allowed(t, rb, "sleep")},
		},
		{
			name:  "one-item list for a single-choice question",
			input: "sleep: @@[5_6]\n",
			want:  []string{`question "sleep" takes one answer, but a list was given`, allowed(t, rb, "sleep")},
		},
		{
			name:  "none combined with another option",
			input: "symptoms: @@[none, cramps]\n",
			want:  []string{`question "symptoms": "none" cannot be combined with other options`, allowed(t, rb, "symptoms")},
		},
		{
			name:  "none combined with another option in JSON",
			input: `{"medications": @@["diuretic", "none"]}`,
			want:  []string{`question "medications": "none" cannot be combined with other options`, allowed(t, rb, "medications")},
		},
		{
			name:  "option given twice",
			input: "symptoms: [cramps, @@cramps]\n",
			want:  []string{`question "symptoms": option "cramps" is given twice`, allowed(t, rb, "symptoms")},
		},
		{
			name:  "mapping as an answer",
			input: "symptoms: @@{cramps: true}\n",
			want:  []string{`question "symptoms": the answer must be an option id or a list of them, got a mapping`, allowed(t, rb, "symptoms")},
		},
		{
			name:  "null inside a list",
			input: "symptoms: [cramps, @@null]\n",
			want:  []string{`question "symptoms": each answer must be an option id, got nothing`, allowed(t, rb, "symptoms")},
		},
		{
			name:  "list inside a list",
			input: "location: [@@[eyelid]]\n",
			want:  []string{`question "location": each answer must be an option id, got a list`, allowed(t, rb, "location")},
		},
		{
			name:  "question given twice",
			input: "sleep: 5_6\n@@sleep: 7_plus\n",
			want:  []string{`key "sleep" is given twice`},
		},
		{
			name:  "non-mapping document: a list",
			input: "@@- sleep\n- stress\n",
			want:  []string{"answers must be a mapping, got a list"},
		},
		{
			name:  "non-mapping document: a scalar",
			input: "@@hello\n",
			want:  []string{`answers must be a mapping, got "hello"`},
		},
		{name: "empty file", input: "", whole: true, want: []string{"answers file is empty"}},
		{name: "blank file", input: " \n\t\n", whole: true, want: []string{"answers file is empty"}},
		{name: "comments only", input: "# nothing\n", whole: true, want: []string{"answers file holds no YAML document"}},
		{name: "binary file", input: "sleep: 5_6\n\x00\x00\x01", whole: true, want: []string{"answers file is not UTF-8 text"}},
		{name: "invalid UTF-8", input: "sleep: \xc3\x28\n", whole: true, want: []string{"answers file is not UTF-8 text"}},
		{
			name: "file over the size limit", input: string(oversize), whole: true,
			want: []string{fmt.Sprintf("answers file is %d bytes; the limit is %d bytes", len(oversize), knowledge.MaxAnswersBytes)},
		},
		{
			name:  "anchor and alias",
			input: "location: @@&x [eyelid]\nsymptoms: *x\n",
			want:  []string{"YAML anchors (&x) are not supported"},
		},
		{
			name:  "alias without an anchor",
			input: "location: @@*x\n",
			want:  []string{"YAML syntax error: unknown anchor 'x' referenced"},
		},
		{
			name:  "YAML syntax error",
			input: "sleep: 5_6\n@@\tstress: high\n",
			want:  []string{"YAML syntax error"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			input, pos, marked := stripMarker(t, c.input)
			if marked == c.whole {
				t.Fatalf("a case needs a position marker unless it is about the whole file")
			}
			a, err := knowledge.ParseAnswers(rb, name, []byte(input))
			ps := asProblems(t, err)
			if a.RuleBase() != nil {
				t.Errorf("ParseAnswers returned answers along with an error")
			}
			var fails []string
			p := ps[0]
			for _, w := range c.want {
				if !strings.Contains(p.Msg, w) {
					fails = append(fails, fmt.Sprintf("the first problem %q does not say %q", p.Msg, w))
				}
			}
			if p.File != name || p.Pos != pos {
				fails = append(fails, fmt.Sprintf("problem at %s:%d:%d, want %s:%d:%d", p.File, p.Pos.Line, p.Pos.Col, name, pos.Line, pos.Col))
			}
			for _, f := range fails {
				t.Error(f)
			}
		})
	}
}

// TestSecondYAMLDocumentIsRejected: a second YAML document in an answers
// file or a rule base is bad input. It must not be dropped without a word:
// in the answers case it holds an emergency answer.
func TestSecondYAMLDocumentIsRejected(t *testing.T) {
	rb := ruleBase(t)
	t.Run("answers", func(t *testing.T) {
		for _, input := range []string{
			"serious: [none]\n---\nserious: [chest_pain]\n",
			"serious: [none]\n...\n---\nserious: [chest_pain]\n",
		} {
			a, err := knowledge.ParseAnswers(rb, "answers.yaml", []byte(input))
			if err == nil {
				t.Fatalf("ParseAnswers silently ignores every YAML document after the first: %q is read as %q, so the chest pain in the second document never reaches triage (level %s)",
					input, a.YAML(), knowledge.Assess(a).Triage.Level)
			}
			asProblems(t, err)
		}
	})
	t.Run("rule base", func(t *testing.T) {
		input := string(data.Rules()) + "\n---\nnot: [a, rule, base\n"
		if _, err := knowledge.Load("rules.yaml", []byte(input)); err == nil {
			t.Fatalf("Load silently ignores every YAML document after the first, even one that is not valid YAML")
		}
	})
}

// TestParseAnswersProblemsSorted: problems come in file order, as Load
// gives them. Found by FuzzParseAnswers.
func TestParseAnswersProblemsSorted(t *testing.T) {
	rb := ruleBase(t)
	cases := []string{
		"s:\ns:\n",
		"sleep: 8_hours\nsleep: 5_6\nstres: high\n",
	}
	for _, in := range cases {
		_, err := knowledge.ParseAnswers(rb, "answers.yaml", []byte(in))
		ps := asProblems(t, err)
		if len(ps) < 2 {
			t.Fatalf("%q: got %d problems, want at least 2: %v", in, len(ps), ps)
		}
		for i := 1; i < len(ps); i++ {
			if ps[i-1].Pos.Line > ps[i].Pos.Line {
				t.Fatalf("%s\n%q gives:\n%v", unsortedProblems, in, ps)
			}
		}
	}
}

// TestParseAnswersAccepts checks the valid forms answers.md allows: each
// input must give the same answers as the reference built with With.
func TestParseAnswersAccepts(t *testing.T) {
	rb := ruleBase(t)
	with := func(pairs ...[]string) knowledge.Answers {
		a := knowledge.NewAnswers(rb)
		for _, p := range pairs {
			var err error
			if a, err = a.With(p[0], p[1:]...); err != nil {
				t.Fatalf("With(%q): %v", p, err)
			}
		}
		return a
	}
	example := with(
		[]string{"location", "eyelid"},
		[]string{"duration", "1_to_6_days"},
		[]string{"frequency", "daily"},
		[]string{"spreading", "no"},
		[]string{"serious", "none"},
		[]string{"symptoms", "fatigue", "cramps"},
		[]string{"caffeine", "5_plus_cups"},
		[]string{"stress", "high"},
		[]string{"sleep", "under_5"},
	)
	cases := []struct {
		name, input string
		want        knowledge.Answers
	}{
		{"the example of answers.md", `location: [eyelid]
duration: 1_to_6_days
frequency: daily
spreading: "no"          # quote yes/no: YAML 1.1 readers may turn them into booleans
serious: [none]
symptoms: [fatigue, cramps]
caffeine: 5_plus_cups
stress: high
sleep: under_5
`, example},
		{"the example as JSON", `{"location": ["eyelid"], "duration": "1_to_6_days", "frequency": "daily",
 "spreading": "no", "serious": ["none"], "symptoms": ["fatigue", "cramps"],
 "caffeine": "5_plus_cups", "stress": "high", "sleep": "under_5"}`, example},
		{"the example as JSON with booleans", `{"location": ["eyelid"], "duration": "1_to_6_days", "frequency": "daily",
 "spreading": false, "serious": ["none"], "symptoms": ["fatigue", "cramps"],
 "caffeine": "5_plus_cups", "stress": "high", "sleep": "under_5"}`, example},
		{"flow mapping", "{location: [eyelid], duration: 1_to_6_days, frequency: daily, spreading: \"no\", serious: [none], symptoms: [fatigue, cramps], caffeine: 5_plus_cups, stress: high, sleep: under_5}", example},
		{"block lists", "location:\n  - eyelid\nsymptoms:\n  - cramps\n  - fatigue\n", with([]string{"location", "eyelid"}, []string{"symptoms", "cramps", "fatigue"})},
		{"scalar for a multi-choice question", "location: eyelid\nserious: none\n", with([]string{"location", "eyelid"}, []string{"serious", "none"})},
		{"quoted scalars", "sleep: '5_6'\nage: \"18_49\"\n", with([]string{"sleep", "5_6"}, []string{"age", "18_49"})},
		{"spreading: yes unquoted", "spreading: yes\n", with([]string{"spreading", "yes"})},
		{"spreading: no unquoted", "spreading: no\n", with([]string{"spreading", "no"})},
		{"YAML true and false", "spreading: true\nsweating: false\nnicotine: True\n", with([]string{"spreading", "yes"}, []string{"sweating", "no"}, []string{"nicotine", "yes"})},
		{"JSON true and false", `{"spreading": true, "sweating": false, "nicotine": false}`, with([]string{"spreading", "yes"}, []string{"sweating", "no"}, []string{"nicotine", "no"})},
		{"null means unanswered", "sleep: null\nstress: ~\ncaffeine:\nlocation: null\n", knowledge.NewAnswers(rb)},
		{"[] means unanswered", "location: []\nsymptoms: []\nsleep: []\n", knowledge.NewAnswers(rb)},
		{"JSON null and []", `{"sleep": null, "location": [], "diet": "vegan"}`, with([]string{"diet", "vegan"})},
		{"empty mapping", "{}\n", knowledge.NewAnswers(rb)},
		{"empty JSON object", "{}", knowledge.NewAnswers(rb)},
		{"null document", "null\n", knowledge.NewAnswers(rb)},
		{"follow-up questions", "medications: [diuretic, ppi]\ndiuretic_kind: loop\nppi_duration: over_1_year\n",
			with([]string{"medications", "diuretic", "ppi"}, []string{"diuretic_kind", "loop"}, []string{"ppi_duration", "over_1_year"})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := mustAnswers(t, rb, c.input)
			if !a.Equal(c.want) {
				t.Errorf("ParseAnswers(%q) = %q, want %q", c.input, a.YAML(), c.want.YAML())
			}
			if a.Count() != c.want.Count() {
				t.Errorf("Count() = %d, want %d", a.Count(), c.want.Count())
			}
		})
	}
}

// TestAbsentQuestionsAreUnanswered: answers.md forbids reading an absent
// question as "no" or as any default.
func TestAbsentQuestionsAreUnanswered(t *testing.T) {
	rb := ruleBase(t)
	a := mustAnswers(t, rb, "sleep: 5_6\nsymptoms: [fatigue, cramps]\nlocation: []\n")
	for _, q := range rb.Questions {
		answered := q.ID == "sleep" || q.ID == "symptoms"
		if got := a.IsAnswered(q.ID); got != answered {
			t.Errorf("IsAnswered(%q) = %v, want %v", q.ID, got, answered)
		}
		if !answered {
			if sel := a.Selected(q.ID); sel != nil {
				t.Errorf("Selected(%q) = %v for an absent question, want nil", q.ID, sel)
			}
			for _, o := range q.Options {
				if a.Has(q.ID, o.ID) {
					t.Errorf("Has(%q, %q) is true for an absent question", q.ID, o.ID)
				}
			}
		}
	}
	if a.Count() != 2 {
		t.Errorf("Count() = %d, want 2", a.Count())
	}
	// Selected lists options in the question's order, not the file's.
	if got, want := a.Selected("symptoms"), []string{"cramps", "fatigue"}; !slices.Equal(got, want) {
		t.Errorf("Selected(symptoms) = %v, want %v", got, want)
	}
	if got, want := a.Refs(), refs("symptoms=cramps", "symptoms=fatigue", "sleep=5_6"); !slices.Equal(got, want) {
		t.Errorf("Refs() = %v, want %v (question order)", got, want)
	}
	if a.IsAnswered("no_such_question") || a.Has("sleep", "no_such_option") || a.Selected("no_such_question") != nil {
		t.Errorf("unknown questions or options read as answered")
	}
	// No answer is read as a default: nothing about sleep or stress fires,
	// and the one flag is that the emergency check is unknown, not "no".
	res := knowledge.Assess(mustAnswers(t, rb, "{}"))
	if len(res.Triggers) != 0 || len(res.Cautions) != 0 {
		t.Errorf("empty answers give triggers %v, cautions %v; want none", res.Triggers, res.Cautions)
	}
	if len(res.Triage.Flags) != 1 || res.Triage.Flags[0].ID != knowledge.SkippedFlagID || !res.Triage.Skipped() {
		t.Errorf("empty answers give flags %v (emergency check %s); want only %s", flagSummary(res.Triage.Flags), res.Triage.EmergencyCheck, knowledge.SkippedFlagID)
	}
}

// TestAnswersYAMLRoundTrip: ParseAnswers(a.YAML()) gives a back, for every
// option of every question (numbers, yes and no included) and for larger
// sets.
func TestAnswersYAMLRoundTrip(t *testing.T) {
	rb := ruleBase(t)
	var sets []knowledge.Answers
	for _, q := range rb.Questions {
		var all []string
		for _, o := range q.Options {
			a, err := knowledge.NewAnswers(rb).With(q.ID, o.ID)
			if err != nil {
				t.Fatalf("With(%q, %q): %v", q.ID, o.ID, err)
			}
			sets = append(sets, a)
			if o.ID != knowledge.NoneOption {
				all = append(all, o.ID)
			}
		}
		if q.Kind == knowledge.Multi {
			a, err := knowledge.NewAnswers(rb).With(q.ID, all...)
			if err != nil {
				t.Fatalf("With(%q, %v): %v", q.ID, all, err)
			}
			sets = append(sets, a)
		}
	}
	for _, src := range []string{
		"{}",
		"serious: [none]\nlocation: [legs, feet]\nduration: 2_weeks_to_3_months\nfrequency: daily\nspreading: \"no\"\nsymptoms: [numbness_tingling, sore_tongue, fatigue, memory_problems]\ncaffeine: 1_2_cups\nstress: moderate\nsleep: 7_plus\ndiet: vegan\ndairy: rarely\nsupplements: [none]\nmedications: [none]\nconditions: [none]\nage: 18_49\n",
		"serious: [fainting, falls]\nsymptoms: [palpitations, nausea_vomiting]\ngi_duration: week_plus\nsweating: \"yes\"\nrehydration: plain_water\nmedications: [diuretic, ppi, new_medicine]\ndiuretic_kind: thiazide\nppi_duration: over_1_year\nnicotine: \"yes\"\nage: 65_plus\n",
	} {
		sets = append(sets, mustAnswers(t, rb, src))
	}
	for _, a := range sets {
		y := a.YAML()
		b, err := knowledge.ParseAnswers(rb, "roundtrip.yaml", y)
		if err != nil {
			t.Errorf("ParseAnswers(YAML()) fails for\n%s: %v", y, err)
			continue
		}
		if !b.Equal(a) {
			t.Errorf("round trip changed the answers:\n%s\nread back as\n%s", y, b.YAML())
		}
		if !bytes.Equal(b.YAML(), y) {
			t.Errorf("YAML() is not stable: %q then %q", y, b.YAML())
		}
	}
}

func TestAnswersEqual(t *testing.T) {
	rb := ruleBase(t)
	a := mustAnswers(t, rb, "sleep: 5_6\nlocation: [eyelid, legs]\n")
	cases := []struct {
		other string
		equal bool
	}{
		{"location: [legs, eyelid]\nsleep: 5_6\n", true},
		{"sleep: 5_6\nlocation: [eyelid]\n", false},
		{"sleep: 7_plus\nlocation: [eyelid, legs]\n", false},
		{"sleep: 5_6\nlocation: [eyelid, legs]\nstress: low\n", false},
		{"{}", false},
	}
	for _, c := range cases {
		if got := a.Equal(mustAnswers(t, rb, c.other)); got != c.equal {
			t.Errorf("Equal(%q) = %v, want %v", c.other, got, c.equal)
		}
	}
}

func TestAnswersWithRejects(t *testing.T) {
	rb := ruleBase(t)
	base := mustAnswers(t, rb, "sleep: 5_6\nsymptoms: [cramps]\n")
	cases := []struct {
		name string
		qid  string
		opts []string
		want []string
	}{
		{"unknown question", "sleeep", []string{"5_6"}, []string{`unknown question "sleeep"`, knownQuestions(rb)}},
		{"unknown option", "sleep", []string{"8_hours"}, []string{`question "sleep": unknown option "8_hours"`, allowed(t, rb, "sleep")}},
		{"two options for a single-choice question", "sleep", []string{"5_6", "7_plus"}, []string{`question "sleep" takes one answer, but 2 were given`, allowed(t, rb, "sleep")}},
		{"none with another option", "symptoms", []string{"cramps", "none"}, []string{`question "symptoms": "none" cannot be combined`, allowed(t, rb, "symptoms")}},
		{"option twice", "symptoms", []string{"cramps", "cramps"}, []string{`question "symptoms": option "cramps" is given twice`, allowed(t, rb, "symptoms")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := base.With(c.qid, c.opts...)
			if err == nil {
				t.Fatalf("With(%q, %v) succeeded", c.qid, c.opts)
			}
			if !got.Equal(base) {
				t.Errorf("a failed With changed the answers to %q", got.YAML())
			}
			var fails []string
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					fails = append(fails, fmt.Sprintf("error %q does not say %q", err, w))
				}
			}
			for _, f := range fails {
				t.Error(f)
			}
		})
	}
}

// TestAnswersImmutable: With and Without return copies.
func TestAnswersImmutable(t *testing.T) {
	rb := ruleBase(t)
	a := mustAnswers(t, rb, "sleep: 5_6\nsymptoms: [cramps]\n")
	before := string(a.YAML())
	b, err := a.With("sleep", "7_plus")
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.With("stress", "high")
	if err != nil {
		t.Fatal(err)
	}
	d := c.Without("symptoms")
	e, err := d.With("symptoms") // no options: unanswered
	if err != nil {
		t.Fatal(err)
	}
	if string(a.YAML()) != before {
		t.Errorf("With/Without changed the original answers: %q, was %q", a.YAML(), before)
	}
	for _, x := range []struct {
		a    knowledge.Answers
		want string
	}{
		{a, "symptoms: [cramps]\nsleep: \"5_6\"\n"},
		{b, "symptoms: [cramps]\nsleep: \"7_plus\"\n"},
		{c, "symptoms: [cramps]\nstress: high\nsleep: \"7_plus\"\n"},
		{d, "stress: high\nsleep: \"7_plus\"\n"},
		{e, "stress: high\nsleep: \"7_plus\"\n"},
	} {
		if got := string(x.a.YAML()); got != x.want {
			t.Errorf("YAML() = %q, want %q", got, x.want)
		}
	}
	if !a.Without("stress").Equal(a) || !a.Without("no_such_question").Equal(a) {
		t.Errorf("Without of an unanswered or unknown question changed the answers")
	}
}

// TestFollowUpQuestions checks enable_when through Visible, Shown and
// Pruned: a follow-up is visible only while its gate holds, and Pruned
// drops its answer once the gate is gone.
func TestFollowUpQuestions(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		followUp, answer string
		gate             string
		open             [][]string // answers to gate that show the follow-up
		closed           [][]string // answers to gate that hide it; nil is unanswered
		base             string     // more answers, for a follow-up of a follow-up
	}{
		{"gi_duration", "week_plus", "symptoms",
			[][]string{{"nausea_vomiting"}, {"diarrhea"}, {"cramps", "diarrhea"}, {"nausea_vomiting", "diarrhea"}},
			[][]string{nil, {"none"}, {"cramps"}, {"cramps", "fatigue"}}, ""},
		{"weakness_speed", "days", "symptoms",
			[][]string{{"weakness"}, {"weakness", "cramps"}},
			[][]string{nil, {"none"}, {"cramps"}}, ""},
		{"weakness_speed", "weeks", "serious",
			[][]string{{"progressive_weakness"}, {"progressive_weakness", "falls"}},
			[][]string{nil, {"none"}, {"falls"}}, ""},
		{"rehydration", "plain_water", "sweating",
			[][]string{{"yes"}},
			[][]string{nil, {"no"}}, ""},
		{"rehydration", "electrolytes", "exercise",
			[][]string{{"strenuous"}},
			[][]string{nil, {"none"}, {"moderate"}}, ""},
		{"diuretic_kind", "thiazide", "medications",
			[][]string{{"diuretic"}, {"diuretic", "ppi"}},
			[][]string{nil, {"none"}, {"ppi"}, {"laxative", "other"}}, ""},
		{"ppi_duration", "over_1_year", "medications",
			[][]string{{"ppi"}, {"ppi", "diuretic"}},
			[][]string{nil, {"none"}, {"diuretic"}}, ""},
		{"vomiting", "nausea_only", "symptoms",
			[][]string{{"nausea_vomiting"}, {"nausea_vomiting", "diarrhea"}},
			[][]string{nil, {"none"}, {"diarrhea"}}, ""},
		{"drinking_amount", "to_thirst", "rehydration",
			[][]string{{"plain_water"}, {"electrolytes"}},
			[][]string{nil, {"little"}}, "exercise: strenuous\n"},
		{"pregnancy_stage", "under_20_weeks", "conditions",
			[][]string{{"pregnant"}, {"pregnant", "kidney_disease"}},
			[][]string{nil, {"none"}, {"recently_gave_birth"}}, ""},
	}
	// Every question with enable_when is covered here.
	for _, q := range rb.Questions {
		if q.EnableWhen == nil {
			continue
		}
		covered := false
		for _, c := range cases {
			covered = covered || c.followUp == q.ID
		}
		if !covered {
			t.Errorf("follow-up question %q (enable_when %s) has no case in this test", q.ID, q.EnableWhen)
		}
	}

	// Answers that hold something else too, which pruning must keep.
	other := mustAnswers(t, rb, "serious: [none]\nstress: high\nage: 50_64\n")
	for _, c := range cases {
		t.Run(c.followUp, func(t *testing.T) {
			other := other.Without(c.gate)
			if c.base != "" {
				other = mustAnswers(t, rb, "serious: [none]\nstress: high\nage: 50_64\n"+c.base)
			}
			fi := rb.QuestionIndex(c.followUp)
			if fi < 0 || rb.Questions[fi].EnableWhen == nil {
				t.Fatalf("%q is not a follow-up question", c.followUp)
			}
			if slices.Contains(other.Visible(), fi) || other.Shown(fi) {
				t.Errorf("%q is visible before its gate %q is answered", c.followUp, c.gate)
			}
			for _, open := range c.open {
				a, err := other.With(c.gate, open...)
				if err != nil {
					t.Fatal(err)
				}
				if !a.Shown(fi) || !slices.Contains(a.Visible(), fi) {
					t.Errorf("%s: %v does not show %q", c.gate, open, c.followUp)
				}
				a, err = a.With(c.followUp, c.answer)
				if err != nil {
					t.Fatal(err)
				}
				if p := a.Pruned(); !p.Equal(a) {
					t.Errorf("Pruned dropped answers while every gate holds: %q became %q", a.YAML(), p.YAML())
				}
				// Removing the gate hides the follow-up and prunes its answer.
				gone := a.Without(c.gate)
				if gone.Shown(fi) {
					t.Errorf("%q is still shown after %q is unanswered", c.followUp, c.gate)
				}
				p := gone.Pruned()
				if p.IsAnswered(c.followUp) {
					t.Errorf("Pruned kept %q after its gate %q was removed", c.followUp, c.gate)
				}
				if !p.Equal(other) {
					t.Errorf("Pruned changed other answers: got %q, want %q", p.YAML(), other.YAML())
				}
				if !gone.IsAnswered(c.followUp) {
					t.Errorf("Without(%q) alone dropped the follow-up; only Pruned should", c.gate)
				}
				for _, closed := range c.closed {
					changed, err := a.With(c.gate, closed...)
					if err != nil {
						t.Fatal(err)
					}
					if p := changed.Pruned(); p.IsAnswered(c.followUp) {
						t.Errorf("%s changed to %v: Pruned kept %q", c.gate, closed, c.followUp)
					}
				}
			}
			for _, closed := range c.closed {
				a, err := other.With(c.gate, closed...)
				if err != nil {
					t.Fatal(err)
				}
				if a.Shown(fi) || slices.Contains(a.Visible(), fi) {
					t.Errorf("%s: %v shows %q", c.gate, closed, c.followUp)
				}
			}
		})
	}

	// Questions without enable_when are always visible, in order.
	vis := knowledge.NewAnswers(rb).Visible()
	var want []int
	for i, q := range rb.Questions {
		if q.EnableWhen == nil {
			want = append(want, i)
		}
	}
	if !slices.Equal(vis, want) {
		t.Errorf("Visible() of empty answers = %v, want %v", vis, want)
	}
}

// TestPrunedChain: pruning settles a follow-up of a hidden follow-up in one
// call, whatever the gates.
func TestPrunedChain(t *testing.T) {
	rb := ruleBase(t)
	a := mustAnswers(t, rb, "sweating: \"no\"\nrehydration: little\nmedications: [none]\ndiuretic_kind: loop\nppi_duration: under_1_year\nsymptoms: [cramps]\ngi_duration: days\n")
	p := a.Pruned()
	for _, q := range []string{"rehydration", "diuretic_kind", "ppi_duration", "gi_duration"} {
		if p.IsAnswered(q) {
			t.Errorf("Pruned kept the hidden follow-up %q", q)
		}
	}
	if p.Count() != 3 || !p.Equal(p.Pruned()) {
		t.Errorf("Pruned() = %q, want the three gate answers, and pruning again must change nothing", p.YAML())
	}
}

func TestRebase(t *testing.T) {
	rb := ruleBase(t)
	other, err := knowledge.Load("copy.yaml", testrules.YAML())
	if err != nil {
		t.Fatal(err)
	}
	a := mustAnswers(t, rb, "serious: [none]\nsleep: 5_6\nmedications: [diuretic]\ndiuretic_kind: loop\n")
	b, err := a.Rebase(other)
	if err != nil {
		t.Fatalf("Rebase: %v", err)
	}
	if b.RuleBase() != other || !b.Equal(a) || string(b.YAML()) != string(a.YAML()) {
		t.Errorf("Rebase onto an identical rule base gave %q on %v, want %q", b.YAML(), b.RuleBase().File, a.YAML())
	}
}

func TestReadAnswersFile(t *testing.T) {
	rb := ruleBase(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(good, []byte("sleep: 5_6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "b.yaml")
	if err := os.WriteFile(bad, []byte("sleep: 8_hours\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("#"), knowledge.MaxAnswersBytes+1), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := knowledge.ReadAnswersFile(rb, good)
	if err != nil || !a.Has("sleep", "5_6") {
		t.Errorf("ReadAnswersFile(%s) = %q, %v", good, a.YAML(), err)
	}
	for _, c := range []struct{ path, want string }{
		{bad, `unknown option "8_hours"`},
		{big, "larger than the limit"},
		{filepath.Join(dir, "missing.yaml"), "cannot read"},
		{dir, "is a folder"},
	} {
		_, err := knowledge.ReadAnswersFile(rb, c.path)
		ps := asProblems(t, err)
		if ps[0].File != c.path || !strings.Contains(ps[0].Msg, c.want) {
			t.Errorf("ReadAnswersFile(%s) = %v, want a problem in that file saying %q", c.path, err, c.want)
		}
	}
}
