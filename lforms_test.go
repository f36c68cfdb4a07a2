package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/internal/externaltest"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// lformsDir holds the LHC-Forms round trip: lforms and puppeteer-core
// pinned in package-lock.json, installed with npm ci, and roundtrip.js.
const lformsDir = "tools/lforms-roundtrip"

// lformsFill is one way of filling the form, as roundtrip.js reads it.
type lformsFill struct {
	ID      string              `json:"id"`
	Subject map[string]string   `json:"subject"`
	Answers map[string][]string `json:"answers"`
	caseID  string              // the sample case, or "" for a fill that shows a follow-up
	want    knowledge.Answers   // the answers the form must give back
	// noneWith is the question whose exclusive "none" this fill chooses
	// with another option, which LHC-Forms allows; "" for the others.
	noneWith string
}

// lformsOut is what roundtrip.js writes.
type lformsOut struct {
	FormText string `json:"formText"`
	Survey   map[string]struct {
		Text    string   `json:"text"`
		Options []string `json:"options"`
	} `json:"survey"`
	Fills []struct {
		ID       string              `json:"id"`
		Visible  []string            `json:"visible"`
		Selected map[string][]string `json:"selected"`
		Response json.RawMessage     `json:"response"`
	} `json:"fills"`
	Blocked []string `json:"blocked"`
}

// TestLFormsRoundTrip renders the exported questionnaire in LHC-Forms (the
// U.S. National Library of Medicine's FHIR form renderer) in headless
// Chromium, fills in every sample case through the form, as a person
// would, exports each QuestionnaireResponse from the form, and runs the
// real binary on it: `assess` must read the case's answers and give the
// case's result, and its FHIR Bundle must keep the response's subject and
// authored. The form must show the disclaimer, every question with its
// text and every option's text; follow-ups not reached by any case are
// shown by extra fills found from the rule base, so a question or option
// added to data/rules.yaml that the renderer cannot show fails the test
// without changing it.
func TestLFormsRoundTrip(t *testing.T) {
	node := externaltest.Tool(t, "node", "nodejs")
	chromium := externaltest.Tool(t, "chromium", "chromium-browser")
	script := lformsInstall(t)
	rb := data.RuleBase()
	dir := t.TempDir()

	qPath := filepath.Join(dir, "questionnaire.json")
	if r := run(t, "", "rules", "export", "--format", "fhir", "--output", qPath); r.code != 0 {
		t.Fatalf("rules export: exit %d: %s", r.code, r.stderr)
	}
	qJSON, err := os.ReadFile(qPath)
	if err != nil {
		t.Fatal(err)
	}
	var q fhir.QuestionnaireResource
	if err := json.Unmarshal(qJSON, &q); err != nil {
		t.Fatal(err)
	}

	cases, err := knowledge.ReadCases(rb, data.Cases(), "data/cases")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no sample cases")
	}
	fills := lformsFills(t, rb, cases)
	fillsPath := filepath.Join(dir, "fills.json")
	writeJSONFile(t, fillsPath, fills)

	outPath := filepath.Join(dir, "out.json")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script, qPath, fillsPath, outPath)
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	start := time.Now()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("roundtrip.js (%v):\n%s", err, b)
	}
	t.Logf("LHC-Forms filled %d forms in %s", len(fills), time.Since(start).Round(time.Second))
	var out lformsOut
	b, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("roundtrip.js wrote no result: %v", err)
	}
	if len(out.Blocked) > 0 {
		t.Errorf("the page tried to leave 127.0.0.1: %v", out.Blocked)
	}

	for _, p := range lformsShowProblems(q, out) {
		t.Error(p)
	}
	if len(out.Fills) != len(fills) {
		t.Fatalf("%d forms exported, want %d", len(out.Fills), len(fills))
	}
	for i, f := range fills {
		got := out.Fills[i]
		t.Run(f.ID, func(t *testing.T) {
			if f.noneWith != "" {
				lformsCheckNoneWith(t, rb, dir, f, got.Selected, got.Response)
				return
			}
			lformsCheckFill(t, rb, dir, f, got.Visible, got.Selected, got.Response)
		})
	}
}

// lformsCheckNoneWith checks what the README's clinic section says: the
// form lets a person choose "None of these" with another option (LHC-Forms
// does not support optionExclusive), and `assess` refuses that response
// naming the item by text and linkId and both options by text and code.
func lformsCheckNoneWith(t *testing.T, rb *knowledge.RuleBase, dir string, f lformsFill, selected map[string][]string, response json.RawMessage) {
	qu := rb.Question(f.noneWith)
	none, other := qu.Options[qu.OptionIndex(knowledge.NoneOption)], qu.Options[qu.OptionIndex(f.Answers[qu.ID][1])]
	if got := selected[qu.ID]; !slices.Contains(got, none.Label) || !slices.Contains(got, other.Label) {
		t.Fatalf("LHC-Forms kept only %q of %q and %q: it now enforces optionExclusive, so the README's clinic section is out of date", got, none.Label, other.Label)
	}
	resp := filepath.Join(dir, f.ID+"-response.json")
	if err := os.WriteFile(resp, response, 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "assess", "--answers", resp)
	want := fmt.Sprintf("item %q (linkId %q) has both %q (code %q) and %q (code %q)", qu.Text, qu.ID, none.Label, none.ID, other.Label, other.ID)
	if r.code != 2 || !strings.Contains(r.stderr, want) || r.stdout != "" {
		t.Errorf("assess: exit %d, stderr %q; want 2 and %q", r.code, r.stderr, want)
	}
	t.Logf("the form lets %q and %q be chosen together; assess refuses it: %s", none.Label, other.Label, strings.TrimSpace(r.stderr))
}

// lformsInstall returns roundtrip.js, installing its packages with npm ci
// first if they are not there.
func lformsInstall(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(lformsDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "lforms", "dist")); err != nil {
		npm := externaltest.Tool(t, "npm")
		cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			externaltest.Missing(t, "npm ci in %s: %v\n%s", lformsDir, err, out)
		}
	}
	return filepath.Join(dir, "roundtrip.js")
}

// lformsFills is one fill per sample case (its answers as the app would
// keep them: follow-ups whose condition does not hold left out), then, for
// every follow-up no case shows, a fill that shows it, found by a seeded
// search over the rule base.
func lformsFills(t *testing.T, rb *knowledge.RuleBase, cases []knowledge.Case) []lformsFill {
	t.Helper()
	var fills []lformsFill
	shown := make([]bool, len(rb.Questions))
	add := func(id, caseID string, a knowledge.Answers) {
		a = a.Pruned()
		f := lformsFill{
			ID:      id,
			Subject: map[string]string{"resourceType": "Patient", "id": strings.ReplaceAll(id, "_", "-")},
			Answers: map[string][]string{},
			caseID:  caseID,
			want:    a,
		}
		for _, qu := range rb.Questions {
			if sel := a.Selected(qu.ID); len(sel) > 0 {
				f.Answers[qu.ID] = sel
			}
		}
		for _, i := range a.Visible() {
			shown[i] = true
		}
		fills = append(fills, f)
	}
	for _, c := range cases {
		add(c.ID, c.ID, c.Answers)
	}
	rng := rand.New(rand.NewPCG(17, 2026))
	for i := range rb.Questions {
		if shown[i] {
			continue
		}
		a, ok := answersShowing(rb, i, rng)
		if !ok {
			t.Errorf("no answers found that show question %s; the round trip cannot check it", rb.Questions[i].ID)
			continue
		}
		add("shows_"+rb.Questions[i].ID, "", a)
	}
	// "None of these" with another option, in the first multiple-choice
	// question that has "none" and is always shown.
	for _, qu := range rb.Questions {
		if qu.Kind != knowledge.Multi || qu.EnableWhen != nil || qu.OptionIndex(knowledge.NoneOption) < 0 || len(qu.Options) < 2 {
			continue
		}
		other := qu.Options[0].ID
		if other == knowledge.NoneOption {
			other = qu.Options[1].ID
		}
		fills = append(fills, lformsFill{
			ID:       "none_with_" + other,
			Subject:  map[string]string{"resourceType": "Patient", "id": "none-with-other"},
			Answers:  map[string][]string{qu.ID: {knowledge.NoneOption, other}},
			noneWith: qu.ID,
		})
		break
	}
	return fills
}

// answersShowing searches for answers to the questions before question i
// under which i is shown: random answers, a few thousand tries.
func answersShowing(rb *knowledge.RuleBase, i int, rng *rand.Rand) (knowledge.Answers, bool) {
	for range 5000 {
		a := knowledge.NewAnswers(rb)
		for j := range i {
			qu := &rb.Questions[j]
			if rng.IntN(4) == 0 {
				continue
			}
			var pick []string
			if qu.Kind == knowledge.Multi {
				for _, o := range qu.Options {
					if o.ID != knowledge.NoneOption && rng.IntN(3) == 0 {
						pick = append(pick, o.ID)
					}
				}
			} else {
				pick = []string{qu.Options[rng.IntN(len(qu.Options))].ID}
			}
			if len(pick) == 0 {
				continue
			}
			if b, err := a.With(qu.ID, pick...); err == nil {
				a = b
			}
		}
		if a.Shown(i) {
			return a, true
		}
	}
	return knowledge.Answers{}, false
}

// lformsShowProblems checks the form showed what the questionnaire holds:
// every display item that is not a help text (the disclaimer) in the
// rendered form, and every question, with its text and every option's
// text, in the order given.
func lformsShowProblems(q fhir.QuestionnaireResource, out lformsOut) []string {
	var probs []string
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	formText := norm(out.FormText)
	var walk func(items []fhir.QuestionnaireItem)
	walk = func(items []fhir.QuestionnaireItem) {
		for _, it := range items {
			switch {
			case it.Type == "display" && len(it.Extension) == 0:
				if !strings.Contains(formText, norm(it.Text)) {
					probs = append(probs, fmt.Sprintf("the form does not show display item %s: %q", it.LinkID, it.Text))
				}
			case it.Type == "choice":
				s, ok := out.Survey[it.LinkID]
				if !ok {
					probs = append(probs, fmt.Sprintf("the form never showed question %s (%q) in any fill", it.LinkID, it.Text))
					break
				}
				if norm(s.Text) != norm(it.Text) {
					probs = append(probs, fmt.Sprintf("question %s shows as %q, want %q", it.LinkID, s.Text, it.Text))
				}
				var want []string
				for _, o := range it.AnswerOption {
					want = append(want, norm(o.ValueCoding.Display))
				}
				var got []string
				for _, o := range s.Options {
					got = append(got, norm(o))
				}
				if !slices.Equal(got, want) {
					probs = append(probs, fmt.Sprintf("question %s shows the options %q, want %q", it.LinkID, got, want))
				}
			}
			walk(it.Item)
		}
	}
	walk(q.Item)
	return probs
}

// lformsCheckFill checks one filled form: the questions shown are those
// the rule base shows for the answers, the options shown as chosen are
// the answers, and the exported response gives `assess` the same answers
// and result, with its subject and authored kept in the Bundle.
func lformsCheckFill(t *testing.T, rb *knowledge.RuleBase, dir string, f lformsFill, visible []string, selected map[string][]string, response json.RawMessage) {
	var wantVisible []string
	for _, i := range f.want.Visible() {
		wantVisible = append(wantVisible, rb.Questions[i].ID)
	}
	if !slices.Equal(visible, wantVisible) {
		t.Errorf("the form shows the questions %v, the rule base %v", visible, wantVisible)
	}
	wantSelected := map[string][]string{}
	for _, qu := range rb.Questions {
		for _, id := range f.want.Selected(qu.ID) {
			wantSelected[qu.ID] = append(wantSelected[qu.ID], qu.Options[qu.OptionIndex(id)].Label)
		}
	}
	for id := range selected {
		slices.Sort(selected[id])
	}
	for id := range wantSelected {
		slices.Sort(wantSelected[id])
	}
	if !mapsEqual(selected, wantSelected) {
		t.Errorf("the form shows as chosen %v, want %v", selected, wantSelected)
	}

	resp := filepath.Join(dir, f.ID+"-response.json")
	if err := os.WriteFile(resp, response, 0o600); err != nil {
		t.Fatal(err)
	}
	read, err := fhir.ReadQuestionnaireResponse(rb, resp, response)
	if err != nil {
		t.Fatalf("the exported response is refused: %v", err)
	}
	if !read.Answers.Equal(f.want) {
		t.Errorf("the form gave the answers\n%s\nwant\n%s", read.Answers.YAML(), f.want.YAML())
	}

	got := run(t, "", "assess", "--answers", resp, "--format", "json")
	var want runResult
	if f.caseID != "" {
		want = run(t, "", "assess", "--case", f.caseID, "--format", "json")
	} else {
		want = run(t, "", "assess", "--answers", writeFile(t, "want.yaml", string(f.want.YAML())), "--format", "json")
	}
	if got.code != 0 || want.code != 0 {
		t.Fatalf("assess: exit %d (%s) and %d (%s)", got.code, got.stderr, want.code, want.stderr)
	}
	if got.stdout != want.stdout {
		t.Errorf("assess gives another result through the form:\n%s\nwant\n%s", got.stdout, want.stdout)
	}

	bundle := run(t, "", "assess", "--answers", resp, "--format", "fhir")
	if bundle.code != 0 {
		t.Fatalf("assess --format fhir: exit %d: %s", bundle.code, bundle.stderr)
	}
	var in struct {
		Subject  fhir.Reference
		Authored string
	}
	if err := json.Unmarshal(response, &in); err != nil {
		t.Fatal(err)
	}
	var b struct {
		Entry []struct {
			Resource struct {
				ResourceType string
				Subject      fhir.Reference
				Authored     string
			}
		}
	}
	if err := json.Unmarshal([]byte(bundle.stdout), &b); err != nil || len(b.Entry) < 2 {
		t.Fatalf("not a bundle (%v)", err)
	}
	wantSubject := "Patient/" + f.Subject["id"]
	if in.Subject.Reference != wantSubject || in.Authored == "" {
		t.Errorf("the form exported subject %+v, authored %q; want %s and a time", in.Subject, in.Authored, wantSubject)
	}
	for _, e := range b.Entry {
		if e.Resource.Subject.Reference != wantSubject {
			t.Errorf("the Bundle's %s is about %+v, want %s", e.Resource.ResourceType, e.Resource.Subject, wantSubject)
		}
	}
	if b.Entry[0].Resource.Authored != in.Authored {
		t.Errorf("the Bundle's response is authored %q, the form's %q", b.Entry[0].Resource.Authored, in.Authored)
	}
	res := knowledge.Assess(f.want)
	t.Logf("%d answers through the form; triage %s; same answers and result as %s", f.want.Count(), res.Triage.Level, cmpOr(f.caseID, "the answers"))
}

func cmpOr(a, b string) string {
	if a != "" {
		return "case " + a
	}
	return b
}

func mapsEqual(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !slices.Equal(v, w) {
			return false
		}
	}
	return true
}

func writeJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestLFormsShowCheck makes sure the check of what the form shows is not
// a rubber stamp: a question the form never showed, an option missing, an
// option added or renamed, a question's text changed, and the disclaimer
// missing are each reported; what the questionnaire holds passes.
func TestLFormsShowCheck(t *testing.T) {
	q := fhir.QuestionnaireResource{Item: []fhir.QuestionnaireItem{
		{LinkID: "notice", Type: "display", Text: "A screening aid,  not a diagnosis."},
		{LinkID: "section-a", Type: "group", Item: []fhir.QuestionnaireItem{
			{LinkID: "diet", Type: "choice", Text: "How do you eat?", AnswerOption: []fhir.AnswerOption{{ValueCoding: fhir.Coding{Code: "vegan", Display: "Vegan"}}, {ValueCoding: fhir.Coding{Code: "omnivore", Display: "Everything"}}},
				Item: []fhir.QuestionnaireItem{{LinkID: "diet-help", Type: "display", Text: "A help text, behind a button.", Extension: []fhir.Extension{{URL: "x"}}}}},
			{LinkID: "sun", Type: "choice", Text: "Sun?", AnswerOption: []fhir.AnswerOption{{ValueCoding: fhir.Coding{Code: "often", Display: "Often"}}}},
		}},
	}}
	good := func() lformsOut {
		var o lformsOut
		if err := json.Unmarshal([]byte(`{"formText": "Title\nA screening aid, not a diagnosis.\nHow do you eat?", "survey": {
			"diet": {"text": "How do you eat?", "options": ["Vegan", "Everything"]},
			"sun": {"text": "Sun?", "options": ["Often"]}}}`), &o); err != nil {
			t.Fatal(err)
		}
		return o
	}
	if p := lformsShowProblems(q, good()); len(p) > 0 {
		t.Fatalf("what the questionnaire holds is refused: %v", p)
	}
	for name, change := range map[string]func(*lformsOut){
		"question never shown": func(o *lformsOut) { delete(o.Survey, "sun") },
		"option missing": func(o *lformsOut) {
			s := o.Survey["diet"]
			s.Options = s.Options[:1]
			o.Survey["diet"] = s
		},
		"option added": func(o *lformsOut) {
			s := o.Survey["sun"]
			s.Options = append(s.Options, "Never")
			o.Survey["sun"] = s
		},
		"option renamed": func(o *lformsOut) {
			s := o.Survey["diet"]
			s.Options = []string{"Vegan", "Omnivore"}
			o.Survey["diet"] = s
		},
		"question text": func(o *lformsOut) {
			s := o.Survey["sun"]
			s.Text = "sun"
			o.Survey["sun"] = s
		},
		"no disclaimer": func(o *lformsOut) { o.FormText = "Title\nHow do you eat?" },
	} {
		o := good()
		change(&o)
		if p := lformsShowProblems(q, o); len(p) != 1 {
			t.Errorf("%s: %d problems, want 1: %v", name, len(p), p)
		}
	}
}

// TestAnswersShowingEveryFollowUp checks the search the round trip uses
// for follow-ups no sample case reaches: for every question of the rule
// base, it finds answers under which the question is shown.
func TestAnswersShowingEveryFollowUp(t *testing.T) {
	rb := data.RuleBase()
	rng := rand.New(rand.NewPCG(17, 2026))
	for i, qu := range rb.Questions {
		a, ok := answersShowing(rb, i, rng)
		if !ok || !a.Shown(i) {
			t.Errorf("no answers found that show %s", qu.ID)
		}
	}
}
