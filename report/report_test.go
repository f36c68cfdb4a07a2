package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// ruleBase is the small, fixed test rule base: these tests check the
// renderers, not the clinical content.
func ruleBase(t testing.TB) *knowledge.RuleBase {
	t.Helper()
	return testrules.RuleBase()
}

func answers(t testing.TB, rb *knowledge.RuleBase, src string) knowledge.Answers {
	t.Helper()
	a, err := knowledge.ParseAnswers(rb, "test", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var answerSets = map[string]string{
	"empty":     "{}",
	"vegan":     "serious: [none]\ndiet: vegan\nsymptoms: [numbness_tingling, cramps]\nduration: over_3_months\nalcohol: heavy\n",
	"emergency": "serious: [chest_pain, fainting]\nsymptoms: [palpitations, tingling_mouth]\nmedications: [diuretic, ppi]\nppi_duration: over_1_year\ncaffeine: 5_plus_cups\nconditions: [neck_surgery, thyroid_disease]\n",
	"lifestyle": "serious: [none]\nlocation: [eyelid, legs]\ncaffeine: 5_plus_cups\nstress: high\nsleep: under_5\nexercise: strenuous\nsweating: \"yes\"\nrehydration: plain_water\nsymptoms: [headache, nausea_vomiting]\nsupplements: [b6_high_dose]\nconditions: [kidney_disease, pregnant]\n",
}

// TestJSONMatchesResult decodes the hand-written JSON with encoding/json
// and checks every field against the result it was written from.
func TestJSONMatchesResult(t *testing.T) {
	rb := ruleBase(t)
	for name, src := range answerSets {
		t.Run(name, func(t *testing.T) {
			a := answers(t, rb, src)
			res := knowledge.Assess(a)
			var buf bytes.Buffer
			if err := JSON(&buf, a, res); err != nil {
				t.Fatal(err)
			}
			if !json.Valid(buf.Bytes()) {
				t.Fatalf("invalid JSON:\n%s", buf.String())
			}
			type note struct{ Text, Source string }
			var doc struct {
				KnowledgeBase   struct{ Version, Date string } `json:"knowledge_base"`
				ContractVersion int                            `json:"contract_version"`
				Triage          struct {
					Level, Label, Action string
					EmergencyCheck       string `json:"emergency_check"`
					EmergencySigns       []struct {
						ID, Label, Level, Action string
					} `json:"emergency_signs"`
					Flags []struct {
						ID, Level, Reason, Action, Source string
						Answers                           []struct {
							Question, Answer string
							ReadAs           string `json:"read_as"`
						}
					}
				}
				ScoreNote    string `json:"score_note"`
				Deficiencies []struct {
					ID, Name, Band  string
					Score, Baseline int
					ForScore        int `json:"score_from_evidence_for"`
					Evidence        []struct {
						Question, Answer, Why, Source, Rule string
						Weight                              float64
						Points                              int
						Answers                             []knowledge.AnswerRef
					}
					Tests, Foods []string
					FoodsShown   string `json:"foods_shown"`
					FoodNotes    []struct {
						Text, Source string
						Answers      []knowledge.AnswerRef
					} `json:"food_notes"`
					Causes []note
				}
				Triggers []struct {
					ID, Name, Why, Strength, Advice, Source string
					AdviceShown                             bool   `json:"advice_shown"`
					AdviceNotes                             []note `json:"advice_notes"`
					Sources                                 []string
					Answers                                 []knowledge.AnswerRef
				}
				OtherCauses []struct {
					ID, Name, Text, Source string
					Tests                  []string
					Answers                []knowledge.AnswerRef
				} `json:"other_causes"`
				Cautions    []struct{ ID, Text, Source string }
				Reassurance []note
				Answered    int
				Unanswered  []string
				Disclaimer  string
				Answers     map[string]any
				Sources     map[string]struct{ Title, Publisher, URL, Citation string }
			}
			dec := json.NewDecoder(&buf)
			dec.DisallowUnknownFields()
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			if doc.ContractVersion != knowledge.ContractVersion || doc.Triage.EmergencyCheck != res.Triage.EmergencyCheck || doc.ScoreNote != rb.ScoreNote {
				t.Errorf("contract version, emergency check or score note differ: %d %q", doc.ContractVersion, doc.Triage.EmergencyCheck)
			}
			if res.Triage.Skipped() != (len(doc.Triage.EmergencySigns) > 0) {
				t.Errorf("emergency signs %d with the check %s", len(doc.Triage.EmergencySigns), res.Triage.EmergencyCheck)
			}
			// Every source the JSON cites is in "sources", with a title, a
			// publisher, and a URL or (for print) a citation; and no other.
			cited := map[string]bool{}
			for _, f := range doc.Triage.Flags {
				cited[f.Source] = true
			}
			for _, d := range doc.Deficiencies {
				for _, e := range d.Evidence {
					cited[e.Source] = true
				}
				for _, n := range d.FoodNotes {
					cited[n.Source] = true
				}
				for _, n := range d.Causes {
					cited[n.Source] = true
				}
			}
			for _, tr := range doc.Triggers {
				cited[tr.Source] = true
				for _, s := range tr.Sources {
					cited[s] = true
				}
				for _, n := range tr.AdviceNotes {
					cited[n.Source] = true
				}
			}
			for _, o := range doc.OtherCauses {
				cited[o.Source] = true
			}
			for _, c := range doc.Cautions {
				cited[c.Source] = true
			}
			for _, n := range doc.Reassurance {
				cited[n.Source] = true
			}
			for id := range cited {
				src, ok := doc.Sources[id]
				if !ok || src.Title == "" || src.Publisher == "" || (src.URL == "" && src.Citation == "") {
					t.Errorf("source %q is cited but not listed in full in sources: %+v", id, src)
				}
			}
			if len(doc.Sources) != len(cited) {
				t.Errorf("%d sources listed, %d cited", len(doc.Sources), len(cited))
			}
			if doc.KnowledgeBase.Version != rb.Version || doc.Disclaimer != rb.Disclaimer {
				t.Error("knowledge base version or disclaimer differ")
			}
			if doc.Triage.Level != res.Triage.Level || doc.Triage.Label != rb.Level(res.Triage.Level).Label || len(doc.Triage.Flags) != len(res.Triage.Flags) {
				t.Fatalf("triage differs: %+v vs %+v", doc.Triage, res.Triage)
			}
			for i, f := range res.Triage.Flags {
				g := doc.Triage.Flags[i]
				if g.ID != f.ID || g.Level != f.Level || g.Reason != f.Reason || g.Action != f.Action || g.Source != f.Source || len(g.Answers) != len(f.Answers) {
					t.Errorf("flag %d: %+v vs %+v", i, g, f)
					continue
				}
				for j, r := range f.Answers {
					if got := g.Answers[j]; got.Question != r.Question || got.Answer != r.Answer || got.ReadAs != rb.ReadAs(r) {
						t.Errorf("flag %s answer %d: %+v, want %+v read as %q", f.ID, j, got, r, rb.ReadAs(r))
					}
				}
			}
			if len(doc.Deficiencies) != len(res.Deficiencies) {
				t.Fatalf("%d deficiencies, want %d", len(doc.Deficiencies), len(res.Deficiencies))
			}
			for i, d := range res.Deficiencies {
				g := doc.Deficiencies[i]
				foods := d.Foods
				if d.FoodsAs == knowledge.FoodsHidden {
					foods = nil // foods that could work against a flag are not written
				}
				if g.ID != d.ID || g.Name != d.Name || g.Score != d.Score || g.Band != d.Band || g.Baseline != d.Baseline || g.ForScore != d.ForScore ||
					g.FoodsShown != string(d.FoodsAs) || len(g.FoodNotes) != len(d.FoodNotes) || len(g.Causes) != len(d.Causes) ||
					strings.Join(g.Tests, "|") != strings.Join(d.Tests, "|") || strings.Join(g.Foods, "|") != strings.Join(foods, "|") {
					t.Errorf("deficiency %d: %+v vs %+v", i, g, d)
				}
				if len(g.Evidence) != len(d.Evidence) {
					t.Fatalf("%s: %d evidence, want %d", d.ID, len(g.Evidence), len(d.Evidence))
				}
				for k, e := range d.Evidence {
					ge := g.Evidence[k]
					if ge.Question != e.Question() || ge.Answer != e.Answer() || ge.Weight != e.Rule.Weight || ge.Why != e.Rule.Why || ge.Points != e.Points || ge.Source != e.Rule.Source || ge.Rule != e.Rule.ID {
						t.Errorf("%s evidence %d: %+v vs %+v", d.ID, k, ge, e)
					}
				}
			}
			if len(doc.Triggers) != len(res.Triggers) || len(doc.Cautions) != len(res.Cautions) {
				t.Errorf("triggers or cautions differ")
			}
			for i, tr := range res.Triggers {
				advice := tr.Advice
				if !tr.AdviceShown() {
					advice = tr.AdviceNotes[0].Text // the advice is replaced, never shown beside a flag it works against
				}
				if g := doc.Triggers[i]; g.ID != tr.ID || g.Why != tr.Why || g.Strength != string(tr.Strength) || g.Advice != advice || g.AdviceShown != (tr.AdviceShown() && selfCareAllowed(rb, res.Triage.Level)) || len(g.AdviceNotes) != len(tr.AdviceNotes) {
					t.Errorf("trigger %d: %+v vs %+v", i, g, tr)
				}
			}
			if doc.Answered != a.Count() || len(doc.Answers) != a.Count() {
				t.Errorf("answered %d, answers %d, want %d", doc.Answered, len(doc.Answers), a.Count())
			}
		})
	}
}

func TestJSONStringEscaping(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "tab\tnew\nline\r", "\x00\x01\x1f\x7f", "é 日本 🙂", "\u2028\u2029", "bad \xff utf8 \xc3"} {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("%q: %s is not a JSON string: %v", s, got, err)
			continue
		}
		if want := string([]rune(s)); back != want {
			t.Errorf("%q: round trip gave %q, want %q", s, back, want)
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\\", "\x00", "\xff", "日本", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q: %s is not a JSON string: %v", s, got, err)
		}
		if want := string([]rune(s)); back != want {
			t.Fatalf("%q: round trip gave %q, want %q", s, back, want)
		}
	})
}

// TestTextOrder checks the text result puts the triage level and its
// reasons first and ends with the disclaimer, and never says "you have".
func TestTextOrder(t *testing.T) {
	rb := ruleBase(t)
	for name, src := range answerSets {
		t.Run(name, func(t *testing.T) {
			a := answers(t, rb, src)
			res := knowledge.Assess(a)
			var buf bytes.Buffer
			if err := Text(&buf, a, res); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			tri := strings.Index(out, TriageLine(rb, res.Triage.Level))
			point := strings.Index(out, NutrientsTitle)
			trig := strings.Index(out, "Lifestyle triggers")
			disc := strings.Index(out, "Disclaimer")
			if tri < 0 || point < tri || trig < point || disc < trig {
				t.Errorf("sections out of order (triage %d, deficiencies %d, triggers %d, disclaimer %d):\n%s", tri, point, trig, disc, out)
			}
			for _, f := range res.Triage.Flags {
				if i := strings.Index(out, f.Reason[:min(20, len(f.Reason))]); i < 0 || i > point {
					t.Errorf("flag %s reason missing or after the deficiencies", f.ID)
				}
			}
			if strings.Contains(strings.ToLower(out), "you have a") || strings.Contains(strings.ToLower(out), "you have low") {
				t.Errorf("result says 'you have':\n%s", out)
			}
			for _, c := range res.Cautions {
				if !strings.Contains(strings.Join(strings.Fields(out), " "), c.Text[:min(30, len(c.Text))]) {
					t.Errorf("caution %s missing", c.ID)
				}
			}
			for _, line := range strings.Split(out, "\n") {
				if n := len([]rune(line)); n > TextWidth {
					t.Errorf("line wider than %d (%d): %q", TextWidth, n, line)
				}
			}
		})
	}
}

// TestMarkdownReport checks the report to take to a doctor: date, version,
// every answer given, the result with reasons, the disclaimer.
func TestMarkdownReport(t *testing.T) {
	rb := ruleBase(t)
	a := answers(t, rb, answerSets["emergency"])
	res := knowledge.Assess(a)
	var buf bytes.Buffer
	date := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	if err := Markdown(&buf, a, res, date); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"# twitchcheck report", "22 November 2026", "knowledge base " + mdEscape(rb.Version), "## Triage: EMERGENCY", "## " + AnswersTitle, "Chest pain", "Palpitations", "Diuretic", "5 plus cups", "## References", "<https://example.org/a>"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, f := range res.Triage.Flags {
		if !strings.Contains(out, mdEscape(f.Reason)) {
			t.Errorf("report lacks the reason of flag %s", f.ID)
		}
	}
	if !strings.Contains(out, mdEscape(rb.Disclaimer)) {
		t.Error("report lacks the disclaimer")
	}
	if strings.Contains(out, "| Question | Answer |\n|---|---|\n| How often") {
		t.Error("an unanswered question is listed as answered")
	}
}

// TestRulesShowListsEveryRule checks `rules show` prints every rule with
// its weight, why and source.
func TestRulesShowListsEveryRule(t *testing.T) {
	rb := ruleBase(t)
	for _, md := range []bool{false, true} {
		var buf bytes.Buffer
		if err := Rules(&buf, rb, md); err != nil {
			t.Fatal(err)
		}
		// Wrapping may break lines anywhere, even after a hyphen, so
		// compare without whitespace.
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		out := squash(buf.String())
		if md {
			out = strings.NewReplacer(`\_`, "_", `\*`, "*", `\[`, "[", `\]`, "]", `\|`, "|", `\#`, "#", "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(out)
		}
		for _, d := range rb.Deficiencies {
			for _, r := range d.Rules {
				want := squash(r.Why)
				if !strings.Contains(out, want) || !strings.Contains(out, "["+r.Source+"]") {
					t.Errorf("markdown=%v: rule %s missing (%q)", md, r.ID, want)
				}
			}
		}
		for _, f := range rb.RedFlags {
			if !strings.Contains(out, squash(f.ID+": when "+f.When.String())) {
				t.Errorf("markdown=%v: red flag %s missing", md, f.ID)
			}
		}
		for _, s := range rb.Sources {
			if !strings.Contains(out, s.ID+":") {
				t.Errorf("markdown=%v: source %s missing", md, s.ID)
			}
		}
	}
}

// TestDetailsWithoutEvidence checks a deficiency that its prior alone
// makes possible, with no answer behind it, keeps its details in every
// rendering: the foods and the causes a doctor looks for, without an
// evidence list.
func TestDetailsWithoutEvidence(t *testing.T) {
	y := string(testrules.YAML())
	const from = "    causes:\n      - {text: \"Cause C.\", source: src_c}\n    prior: -2.5\n"
	if !strings.Contains(y, from) {
		t.Fatal("the test rule base has changed: no calcium prior")
	}
	rb, err := knowledge.Load("prior.yaml", []byte(strings.Replace(y, from, strings.Replace(from, "-2.5", "-0.5", 1), 1)))
	if err != nil {
		t.Fatal(err)
	}
	a := answers(t, rb, "serious: [none]\n")
	res := knowledge.Assess(a)
	var calcium *knowledge.Scored
	for i := range res.Deficiencies {
		if res.Deficiencies[i].ID == "calcium" {
			calcium = &res.Deficiencies[i]
		}
	}
	if calcium == nil || calcium.Band == knowledge.BandUnlikely || len(calcium.Evidence) != 0 {
		t.Fatalf("calcium is not possible without evidence: %+v", calcium)
	}
	heading := fmt.Sprintf("Calcium: %d (%s)", calcium.Score, calcium.Band)
	for name, render := range map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return Text(b, a, res) },
		"Markdown": func(b *bytes.Buffer) error { return Markdown(b, a, res, reportDate) },
		"HTML":     func(b *bytes.Buffer) error { return HTML(b, a, res, reportDate) },
	} {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if name == "HTML" {
			out = htmlText(out)
		}
		for _, want := range []string{"A doctor looks for: Cause C.", "Foods rich in it: food c"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q:\n%s", name, want, out)
			}
		}
		if name != "text" && !strings.Contains(out, heading) {
			t.Errorf("%s lacks %q", name, heading)
		}
		if name == "Markdown" && strings.Contains(out, "before any answer.\n\n\n") {
			t.Errorf("Markdown leaves an empty evidence list:\n%s", out)
		}
	}
}

// TestUnansweredFollowUpInAFlag: a flag raised by a follow-up read on the
// safe side names it as not answered, in words and in the JSON (answer
// "unanswered", read_as the option), and the JSON starts with the
// contract version.
func TestUnansweredFollowUpInAFlag(t *testing.T) {
	rb := ruleBase(t)
	a := answers(t, rb, "serious: [none]\nsymptoms: [nausea_vomiting]\n")
	res := knowledge.Assess(a)
	var buf bytes.Buffer
	if err := JSON(&buf, a, res); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "{\n  \"contract_version\": 3,\n") {
		t.Errorf("the JSON does not start with contract_version 3:\n%.80s", out)
	}
	var doc struct {
		Triage struct {
			Flags []struct {
				ID      string
				Answers []struct {
					Question, Answer string
					ReadAs           *string `json:"read_as"`
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range doc.Triage.Flags {
		for _, r := range f.Answers {
			switch {
			case r.Question == "vomiting":
				found = true
				if r.Answer != knowledge.UnansweredAnswer || r.ReadAs == nil || *r.ReadAs != "keeping_fluids_down" {
					t.Errorf("flag %s names vomiting as %q read as %v", f.ID, r.Answer, r.ReadAs)
				}
			case r.ReadAs != nil:
				t.Errorf("flag %s: read_as on an answer given: %+v", f.ID, r)
			}
		}
	}
	if !found {
		t.Fatalf("no flag names the unanswered vomiting:\n%s", out)
	}
	for _, f := range res.Triage.Flags {
		if f.ID == "vomiting" {
			want := `Q vomiting: not answered, so taken as "Keeping fluids down" to be safe.`
			if got := FlagAnswers(rb, f); got != want {
				t.Errorf("FlagAnswers = %q, want %q", got, want)
			}
		}
	}
	// With an answer given too, both are named.
	a = answers(t, rb, "serious: [none]\nsymptoms: [headache]\nconditions: [pregnant]\n")
	for _, f := range knowledge.Assess(a).Triage.Flags {
		if f.ID == "late_pregnancy_headache" {
			want := `you answered Headache; Q pregnancy stage: not answered, so taken as "20 weeks plus" to be safe.`
			if got := FlagAnswers(rb, f); got != want {
				t.Errorf("FlagAnswers = %q, want %q", got, want)
			}
		}
	}
}

// TestOldOptionShownByItsLabel: an answer kept only for old files is shown
// by its label among the answers given.
func TestOldOptionShownByItsLabel(t *testing.T) {
	rb := ruleBase(t)
	a := answers(t, rb, "serious: [none]\nsymptoms: [diarrhea]\ngi_duration: days\n")
	if got := ChosenLabels(a, rb.Question("gi_duration")); got != "Days" {
		t.Errorf("ChosenLabels = %q, want Days", got)
	}
	var buf bytes.Buffer
	if err := Markdown(&buf, a, knowledge.Assess(a), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Days") {
		t.Errorf("the Markdown report does not show the old answer by its label:\n%s", buf.String())
	}
}
