package fhir

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

var testNow = time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC)

func answers(t testing.TB, rb *knowledge.RuleBase, src string) knowledge.Answers {
	t.Helper()
	a, err := knowledge.ParseAnswers(rb, "test", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestQuestionnaire checks the mapping of the test rule base: sections as
// groups, every question with its options as codings in its own code
// system, repeats for multiple choice, follow-ups as enableWhen, the
// exclusive "none", and the version.
func TestQuestionnaire(t *testing.T) {
	rb := testrules.RuleBase()
	q := Questionnaire(rb)
	if q.ResourceType != "Questionnaire" || q.URL != QuestionnaireURL || q.Version != rb.Version || q.Status != "active" || q.Date != rb.Date {
		t.Errorf("header: %+v", q)
	}
	if len(q.Item) == 0 || q.Item[0].Type != "display" || q.Item[0].Text != rb.Disclaimer+" "+unansweredNote || len(q.Item[0].Item) > 0 {
		t.Fatalf("the form does not open with the disclaimer as a display item: %+v", q.Item[:min(len(q.Item), 1)])
	}
	if !strings.Contains(q.Item[0].Text, "unanswered question means unknown") {
		t.Errorf("the notice does not say what an unanswered question means: %q", q.Item[0].Text)
	}
	items := map[string]QuestionnaireItem{}
	n := 0
	for _, g := range q.Item[1:] {
		if g.Type != "group" || !strings.HasPrefix(g.LinkID, "section-") || len(g.Item) == 0 {
			t.Errorf("top-level item %s is not a section group", g.LinkID)
		}
		for _, it := range g.Item {
			items[it.LinkID] = it
			n++
		}
	}
	if n != len(rb.Questions) {
		t.Fatalf("%d questions, want %d", n, len(rb.Questions))
	}
	for _, qu := range rb.Questions {
		it := items[qu.ID]
		if it.Type != "choice" || it.Text != qu.Text || it.Repeats != (qu.Kind == knowledge.Multi) || len(it.AnswerOption) != len(qu.Options) {
			t.Errorf("%s: %+v", qu.ID, it)
			continue
		}
		for i, o := range qu.Options {
			c := it.AnswerOption[i].ValueCoding
			if c.System != AnswerSystem(qu.ID) || c.Code != o.ID || c.Display != o.Label {
				t.Errorf("%s option %s: %+v", qu.ID, o.ID, c)
			}
			exclusive := len(it.AnswerOption[i].Extension) > 0
			if exclusive != (o.ID == knowledge.NoneOption && qu.Kind == knowledge.Multi) {
				t.Errorf("%s option %s: optionExclusive %v", qu.ID, o.ID, exclusive)
			}
		}
		if (qu.EnableWhen == nil) != (len(it.EnableWhen) == 0 && len(it.Extension) == 0) {
			t.Errorf("%s: enableWhen %+v for %v", qu.ID, it.EnableWhen, qu.EnableWhen)
		}
	}
	gi := items["gi_duration"]
	if gi.EnableBehavior != "any" || len(gi.EnableWhen) != 2 || gi.EnableWhen[0].Question != "symptoms" || gi.EnableWhen[0].AnswerCoding.Code != "nausea_vomiting" || gi.EnableWhen[1].AnswerCoding.Code != "diarrhea" {
		t.Errorf("gi_duration enableWhen: %+v", gi.EnableWhen)
	}
	ws := items["weakness_speed"]
	if ws.EnableBehavior != "any" || len(ws.EnableWhen) != 2 || ws.EnableWhen[1].Question != "serious" {
		t.Errorf("weakness_speed enableWhen: %+v", ws.EnableWhen)
	}
	// The follow-ups of contract version 3.
	for id, want := range map[string][]string{
		"vomiting":        {"symptoms=nausea_vomiting"},
		"pregnancy_stage": {"conditions=pregnant"},
		"drinking_amount": {"rehydration=plain_water", "rehydration=electrolytes"},
	} {
		var got []string
		for _, ew := range items[id].EnableWhen {
			got = append(got, ew.Question+"="+ew.AnswerCoding.Code)
		}
		if !slices.Equal(got, want) || items[id].EnableBehavior != "any" {
			t.Errorf("%s enableWhen %v (%s), want %v (any)", id, got, items[id].EnableBehavior, want)
		}
	}
	// The contract version, as an integer extension.
	if len(q.Extension) != 1 || q.Extension[0].URL != ContractVersionExtension || q.Extension[0].ValueInteger == nil || *q.Extension[0].ValueInteger != knowledge.ContractVersion || knowledge.ContractVersion != 3 {
		t.Errorf("contract version extension: %+v", q.Extension)
	}
	// An option kept for old files stays an answer option, disabled by
	// the SDC toggle expression; no other option is.
	var toggled []string
	for _, it := range items {
		for _, ext := range it.Extension {
			if ext.URL != optionsToggleExpr {
				continue
			}
			if len(ext.Extension) != 2 || ext.Extension[0].URL != "option" || ext.Extension[1].URL != "expression" || ext.Extension[1].ValueExpression.Expression != "false" {
				t.Errorf("%s: toggle extension %+v", it.LinkID, ext)
				continue
			}
			toggled = append(toggled, it.LinkID+"="+ext.Extension[0].ValueCoding.Code)
		}
	}
	if !slices.Equal(toggled, []string{"gi_duration=days"}) {
		t.Errorf("options disabled as kept for old files: %v, want gi_duration=days", toggled)
	}
}

// TestEnableWhenForms checks which conditions map to enableWhen and which
// to an SDC FHIRPath expression.
func TestEnableWhenForms(t *testing.T) {
	rb := testrules.RuleBase()
	atom := func(q string, opts ...string) knowledge.Cond {
		return knowledge.Cond{Op: knowledge.OpAnswer, Question: q, Options: opts}
	}
	for _, tc := range []struct {
		c        knowledge.Cond
		behavior string
		n        int
		expr     string
	}{
		{atom("diet", "vegan", "vegetarian"), "any", 2, ""},
		{knowledge.Cond{Op: knowledge.OpAny, Subs: []knowledge.Cond{atom("diet", "vegan"), atom("sun", "rarely")}}, "any", 2, ""},
		{knowledge.Cond{Op: knowledge.OpAll, Subs: []knowledge.Cond{atom("diet", "vegan"), atom("sun", "rarely")}}, "all", 2, ""},
		{knowledge.Cond{Op: knowledge.OpAll, Subs: []knowledge.Cond{atom("diet", "vegan", "vegetarian"), atom("sun", "rarely")}}, "", 0,
			"(%resource.repeat(item | answer.item).where(linkId = 'diet').answer.value.where(code = 'vegan' or code = 'vegetarian').exists()) and (%resource.repeat(item | answer.item).where(linkId = 'sun').answer.value.where(code = 'rarely').exists())"},
		{knowledge.Cond{Op: knowledge.OpCount, Question: "location", AtLeast: 2}, "", 0,
			"%resource.repeat(item | answer.item).where(linkId = 'location').answer.value.where(code != 'none').count() >= 2"},
		{knowledge.Cond{Op: knowledge.OpAny, Subs: []knowledge.Cond{atom("diet", "vegan"), {Op: knowledge.OpCount, Question: "location", AtLeast: 2}}}, "", 0, "or"},
	} {
		ew, behavior, ok := enableWhen(rb, &tc.c)
		if tc.expr == "" {
			if !ok || behavior != tc.behavior || len(ew) != tc.n {
				t.Errorf("%s: %v %q %+v", tc.c.String(), ok, behavior, ew)
			}
			continue
		}
		if ok {
			t.Errorf("%s: mapped to enableWhen %+v, which cannot express it", tc.c.String(), ew)
		}
		if got := fhirPath(rb, &tc.c); !strings.Contains(got, tc.expr) {
			t.Errorf("%s: FHIRPath %q, want %q", tc.c.String(), got, tc.expr)
		}
	}
	// A compiled condition holds for the options that count as those it
	// names (counts_as): so do its enableWhen and its FHIRPath.
	var heavy *knowledge.Cond
	for i := range rb.Cautions {
		if rb.Cautions[i].ID == "heavy_drinking" {
			heavy = &rb.Cautions[i].When
		}
	}
	if heavy == nil {
		t.Fatal("the test rule base has no caution heavy_drinking")
	}
	var codes []string
	ew, _, _ := enableWhen(rb, heavy)
	for _, e := range ew {
		codes = append(codes, e.AnswerCoding.Code)
	}
	if want := []string{"heavy", "dependent", "stopped_recently"}; !slices.Equal(codes, want) {
		t.Errorf("enableWhen of alcohol: heavy holds for %v, want %v", codes, want)
	}
	if got := fhirPath(rb, heavy); !strings.Contains(got, "code = 'heavy' or code = 'dependent' or code = 'stopped_recently'") {
		t.Errorf("FHIRPath of alcohol: heavy is %q", got)
	}
	all := knowledge.Cond{Op: knowledge.OpAll, Subs: []knowledge.Cond{*heavy, atom("sun", "rarely")}}
	if _, _, ok := enableWhen(rb, &all); ok {
		t.Errorf("an all of an atom holding for three options mapped to enableWhen, which would need all three")
	}
}

// TestRoundTrip checks answers written as a QuestionnaireResponse read
// back to the same answers, whatever their shape.
func TestRoundTrip(t *testing.T) {
	rb := testrules.RuleBase()
	for _, src := range []string{
		"{}",
		"serious: [none]\n",
		"serious: [chest_pain, fainting]\nsymptoms: [palpitations, nausea_vomiting]\ngi_duration: week_plus\n",
		"location: [eyelid, legs, all_over]\nduration: over_3_months\nspreading: \"no\"\ndiet: vegan\nmedications: [ppi, diuretic]\nppi_duration: over_1_year\ndiuretic_kind: thiazide\nage: 65_plus\n",
		// A follow-up answered while not asked is carried as it is.
		"gi_duration: days\n",
	} {
		a := answers(t, rb, src)
		var buf bytes.Buffer
		if err := WriteQuestionnaireResponse(&buf, a, testNow); err != nil {
			t.Fatal(err)
		}
		back, err := ParseQuestionnaireResponse(rb, "qr.json", buf.Bytes())
		if err != nil {
			t.Fatalf("%q: %v\n%s", src, err, buf.String())
		}
		if !back.Equal(a) {
			t.Errorf("%q: read back as %s", src, back.YAML())
		}
	}
}

// TestParseErrors checks every way a QuestionnaireResponse can be wrong
// gets a clear error with its position, naming what is allowed.
func TestParseErrors(t *testing.T) {
	rb := testrules.RuleBase()
	base := func(items string) string {
		return `{"resourceType": "QuestionnaireResponse", "questionnaire": "` + QuestionnaireURL + `|test-1", "status": "completed", "item": [` + items + `]}`
	}
	coding := func(q, code string) string {
		return `{"valueCoding": {"system": "` + AnswerSystem(q) + `", "code": "` + code + `"}}`
	}
	item := func(q string, answers ...string) string {
		return `{"linkId": "` + q + `", "answer": [` + strings.Join(answers, ", ") + `]}`
	}
	// keys is `, "kFROM": 0, …` up to kTO (not included).
	keys := func(from, to int) string {
		var b strings.Builder
		for i := from; i < to; i++ {
			fmt.Fprintf(&b, `, "k%d": 0`, i)
		}
		return b.String()
	}
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "  ", "is empty"},
		{"binary", "{\"a\": \"\xff\"}", "not UTF-8"},
		{"too large", `{"resourceType": "` + strings.Repeat("x", knowledge.MaxAnswersBytes) + `"}`, "the limit is"},
		{"not an object", `["resourceType"]`, "is a JSON object, got a list"},
		{"syntax", `{"resourceType": "QuestionnaireResponse",}`, "qr.json:1:42: not valid JSON"},
		{"cut short", `{"resourceType": "QuestionnaireResponse"`, "ends too early"},
		{"trailing object", base("") + ` {"resourceType": "QuestionnaireResponse"}`, "more after the first JSON value"},
		{"trailing text", base("") + " garbage", "more after the first JSON value"},
		{"duplicate key", `{"resourceType": "QuestionnaireResponse", "item": [], "item": []}`, `key "item" appears twice`},
		{"duplicate key in a large object", `{"resourceType": "QuestionnaireResponse"` + keys(0, 30) + `, "k3": 0}`, `key "k3" appears twice`},
		{"duplicate of the 16th key", `{"resourceType": "QuestionnaireResponse"` + keys(0, 15) + `, "k14": 0}`, `key "k14" appears twice`},
		{"duplicate of the 17th key", `{"resourceType": "QuestionnaireResponse"` + keys(0, 16) + `, "k15": 0}`, `key "k15" appears twice`},
		{"deep", `{"resourceType": "QuestionnaireResponse", "id": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, "nesting is deeper than 64 levels"},
		{"no resourceType", `{"status": "completed"}`, "no resourceType"},
		{"other resource", `{"resourceType": "Patient"}`, `is a FHIR "Patient", not a QuestionnaireResponse`},
		{"no questionnaire", `{"resourceType": "QuestionnaireResponse", "status": "completed"}`, "names no questionnaire"},
		{"other questionnaire", strings.Replace(base(""), QuestionnaireURL, "http://example.org/Questionnaire/phq9", 1), `questionnaire "http://example.org/Questionnaire/phq9", not twitchcheck's`},
		{"other version with an answer that does not fit", strings.Replace(base(item("diet", coding("diet", "carnivore"))), "|test-1", "|2027.1", 1), `is for version "2027.1" of the questionnaire, and this rule base is version "test-1"`},
		{"no status", strings.Replace(base(""), `"status": "completed", `, "", 1), "has no status"},
		{"bad status", strings.Replace(base(""), `"completed"`, `"done"`, 1), `unknown status "done"`},
		{"entered in error", strings.Replace(base(""), `"completed"`, `"entered-in-error"`, 1), "entered-in-error"},
		{"unknown element", strings.Replace(base(""), `"status"`, `"colour": "red", "status"`, 1), `unknown element "colour" in QuestionnaireResponse`},
		{"modifier", strings.Replace(base(""), `"status"`, `"modifierExtension": [], "status"`, 1), "modifierExtension, which can change its meaning"},
		{"unknown linkId", base(item("mood", coding("mood", "happy"))), `unknown linkId "mood"; the questionnaire's questions are: serious, location`},
		{"no linkId", base(`{"text": "x"}`), "has no linkId"},
		{"unknown code", base(item("diet", coding("diet", "carnivore"))), `question "diet": unknown code "carnivore"; allowed: omnivore, pescatarian, vegetarian, vegan`},
		{"other system", base(item("diet", strings.Replace(coding("diet", "vegan"), "answers/diet", "answers/sun", 1))), `coded in "` + AnswerSystem("sun") + `"; want ` + AnswerSystem("diet")},
		{"no system", base(item("diet", `{"valueCoding": {"code": "vegan"}}`)), "has no code system"},
		{"no code", base(item("diet", `{"valueCoding": {"system": "`+AnswerSystem("diet")+`"}}`)), "has no code; allowed"},
		{"string answer", base(item("diet", `{"valueString": "vegan"}`)), `question "diet" takes a coded answer (valueCoding`},
		{"two answers to one", base(item("diet", coding("diet", "vegan"), coding("diet", "omnivore"))), `takes one answer, but 2 were given`},
		{"none and more", base(item("serious", coding("serious", "none"), coding("serious", "chest_pain"))), `item "Test question serious?" (linkId "serious") has both "None" (code "none") and "Chest pain" (code "chest_pain"); "None" is exclusive (the optionExclusive extension) and cannot be given with another answer. Keep only "None", or remove it and keep the other answers.`},
		{"none and two more", base(item("serious", coding("serious", "chest_pain"), coding("serious", "none"), coding("serious", "fainting"))), `(linkId "serious") has both "None" (code "none") and "Chest pain" (code "chest_pain"), "Fainting" (code "fainting");`},
		{"twice", base(item("diet", coding("diet", "vegan")) + ", " + item("diet", coding("diet", "vegan"))), `question "diet" is answered twice`},
		{"answer to a group", base(`{"linkId": "section-lifestyle", "answer": []}`), "is a group or a text, not a question"},
		{"items not a list", strings.Replace(base(""), `"item": []`, `"item": {}`, 1), "item must be a list"},
		{"answer not a list", base(`{"linkId": "diet", "answer": {}}`), "must be a list, got an object"},
		{"escape in a code", base(item("diet", coding("diet", `vegan\u001b]0;x\u0007`))), `unknown code "vegan\x1b]0;x\a"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseQuestionnaireResponse(rb, "qr.json", []byte(tc.src))
			var probs knowledge.Problems
			if err == nil || !errorsAs(err, &probs) {
				t.Fatalf("err = %v, want Problems", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "qr.json") {
				t.Errorf("error %q does not name the file", err)
			}
			if hasControl(err.Error()) {
				t.Errorf("error %q holds a control character", err)
			}
		})
	}
	// Nested items (under groups and under answers) and a response
	// without a version in its questionnaire reference are read.
	src := `{"resourceType": "QuestionnaireResponse", "id": "x", "meta": {}, "questionnaire": "` + QuestionnaireURL + `", "status": "in-progress", "authored": "2026-01-01", "_status": {}, "item": [{"linkId": "section-twitching", "item": [` + item("location", coding("location", "eyelid")) + `, {"linkId": "symptoms", "answer": [{"valueCoding": {"system": "` + AnswerSystem("symptoms") + `", "code": "nausea_vomiting", "display": "x", "userSelected": true}, "item": [` + item("gi_duration", coding("gi_duration", "days")) + `]}]}]}]}`
	a, err := ParseQuestionnaireResponse(rb, "qr.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !a.Has("location", "eyelid") || !a.Has("gi_duration", "days") || a.Count() != 3 {
		t.Errorf("read %s", a.YAML())
	}
}

// TestOldVersionsAreRead: a response to an older questionnaire (another
// version, an option kept only for old files) is read by its codes, as
// one to this version is.
func TestOldVersionsAreRead(t *testing.T) {
	rb := testrules.RuleBase()
	base := func(items string) string {
		return `{"resourceType": "QuestionnaireResponse", "questionnaire": "` + QuestionnaireURL + `|test-1", "status": "completed", "item": [` + items + `]}`
	}
	coding := func(q, code string) string {
		return `{"valueCoding": {"system": "` + AnswerSystem(q) + `", "code": "` + code + `"}}`
	}
	item := func(q string, answers ...string) string {
		return `{"linkId": "` + q + `", "answer": [` + strings.Join(answers, ", ") + `]}`
	}
	for _, tc := range []struct{ name, version, items, want string }{
		{"this version, contract 3 answers", "|test-1",
			item("symptoms", coding("symptoms", "nausea_vomiting"), coding("symptoms", "double_vision")) + ", " + item("vomiting", coding("vomiting", "nausea_only")) + ", " + item("gi_duration", coding("gi_duration", "3_to_6_days")),
			"symptoms: [nausea_vomiting, double_vision]\ngi_duration: \"3_to_6_days\"\nvomiting: nausea_only\n"},
		{"an old version with gi_duration: days", "|2026.11.3",
			item("symptoms", coding("symptoms", "diarrhea")) + ", " + item("gi_duration", coding("gi_duration", "days")),
			"symptoms: [diarrhea]\ngi_duration: days\n"},
		{"no version", "",
			item("gi_duration", coding("gi_duration", "days")) + ", " + item("symptoms", coding("symptoms", "nausea_vomiting")),
			"symptoms: [nausea_vomiting]\ngi_duration: days\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(base(tc.items), "|test-1", tc.version, 1)
			a, err := ParseQuestionnaireResponse(rb, "qr.json", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if got := string(a.YAML()); got != tc.want {
				t.Errorf("read %q, want %q", got, tc.want)
			}
			// And written back, it reads the same.
			var buf bytes.Buffer
			if err := WriteQuestionnaireResponse(&buf, a, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
			if b, err := ParseQuestionnaireResponse(rb, "again.json", buf.Bytes()); err != nil || !b.Equal(a) {
				t.Errorf("round trip: %v, %q", err, b.YAML())
			}
		})
	}
}

// TestIsResource checks the cheap test that routes an answers file.
func TestIsResource(t *testing.T) {
	for src, want := range map[string]bool{
		`{"resourceType": "QuestionnaireResponse"}`: true,
		"\xef\xbb\xbf {\n \"resourceType\": 1}":     true,
		"caffeine: none\n":                          false,
		`{"caffeine": "none"}`:                      false,
		`["resourceType"]`:                          false,
	} {
		if got := IsResource([]byte(src)); got != want {
			t.Errorf("IsResource(%q) = %v", src, got)
		}
	}
}

// TestBundle checks the bundle: a collection holding the response, a
// risk assessment based on it with a prediction per deficiency and the
// triage, and a Flag per red flag; deterministic for the same input.
func TestBundle(t *testing.T) {
	rb := testrules.RuleBase()
	for _, src := range []string{"{}", "serious: [chest_pain]\nsymptoms: [weakness]\nweakness_speed: days\ndiet: vegan\n", "serious: [none]\ncaffeine: 5_plus_cups\n"} {
		a := answers(t, rb, src)
		res := knowledge.Assess(a)
		b := Bundle(a, res, testNow)
		if b.Type != "collection" || len(b.Entry) != 2+len(res.Triage.Flags) {
			t.Fatalf("%q: %d entries, want %d", src, len(b.Entry), 2+len(res.Triage.Flags))
		}
		qr, ok1 := b.Entry[0].Resource.(QuestionnaireResponseResource)
		ra, ok2 := b.Entry[1].Resource.(RiskAssessmentResource)
		if !ok1 || !ok2 {
			t.Fatalf("entries: %T %T", b.Entry[0].Resource, b.Entry[1].Resource)
		}
		if qr.Questionnaire != QuestionnaireURL+"|test-1" || len(ra.Basis) != 1 || ra.Basis[0].Reference != b.Entry[0].FullURL {
			t.Errorf("the risk assessment is not based on the response: %+v", ra.Basis)
		}
		if len(ra.Prediction) != len(res.Deficiencies) {
			t.Errorf("%d predictions, want %d", len(ra.Prediction), len(res.Deficiencies))
		}
		for i, d := range res.Deficiencies {
			p := ra.Prediction[i]
			if p.Outcome.Coding[0].Code != d.ID || p.QualitativeRisk.Coding[0].Code != d.Band || !strings.Contains(p.QualitativeRisk.Text, "score ") {
				t.Errorf("prediction %d: %+v", i, p)
			}
		}
		if ra.Extension[0].ValueCoding.Code != res.Triage.Level || !strings.Contains(ra.Mitigation, report.TriageLine(rb, res.Triage.Level)+".") {
			t.Errorf("triage: %+v %q", ra.Extension, ra.Mitigation)
		}
		for i, f := range res.Triage.Flags {
			fl := b.Entry[2+i].Resource.(FlagResource)
			if fl.Code.Coding[0].Code != f.ID || fl.Extension[0].ValueCoding.Code != f.Level || fl.Status != "active" {
				t.Errorf("flag %d: %+v", i, fl)
			}
			if !strings.Contains(ra.Mitigation, f.Reason) {
				t.Errorf("the mitigation lacks flag %s", f.ID)
			}
		}
		urls := map[string]bool{}
		for _, e := range b.Entry {
			if !strings.HasPrefix(e.FullURL, "urn:uuid:") || len(e.FullURL) != 45 || urls[e.FullURL] {
				t.Errorf("full URL %q", e.FullURL)
			}
			urls[e.FullURL] = true
		}
		var x, y bytes.Buffer
		WriteBundle(&x, a, res, testNow)
		WriteBundle(&y, a, res, testNow)
		if !bytes.Equal(x.Bytes(), y.Bytes()) || !json.Valid(x.Bytes()) || strings.Contains(x.String(), "probability") {
			t.Error("the bundle is not deterministic JSON, or holds a probability")
		}
	}
}

// FuzzParseQuestionnaireResponse feeds arbitrary documents to the parser:
// it never panics, no message holds a control character from the input,
// and a document that is read is refused once content follows it.
func FuzzParseQuestionnaireResponse(f *testing.F) {
	rb := testrules.RuleBase()
	var buf bytes.Buffer
	WriteQuestionnaireResponse(&buf, answers(f, rb, "serious: [none]\nsymptoms: [diarrhea]\ngi_duration: days\ndiet: vegan\n"), testNow)
	f.Add(buf.String())
	f.Add(`{"resourceType": "QuestionnaireResponse"}`)
	f.Add("{\"resourceType\": \"QuestionnaireResponse\", \"questionnaire\": \"\x1b]0;x\x07\"}")
	f.Add(`{"resourceType": "QuestionnaireResponse", "item": [{"linkId": "\u001b[2J"}]}`)
	f.Add(`[]`)
	f.Add(withContext(`, "subject": {"reference": "Patient/example", "display": "Jane"}, "author": {"reference": "urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301", "type": "Device"}, "encounter": {"reference": "https://x.org/Encounter/1"}, "authored": "2026-11-30T09:15:00+01:00"`))
	f.Add(withContext(`, "subject": {"reference": "Patient/\u001b[2J", "display": "\u202e"}, "authored": "2026-02-30"`))
	f.Fuzz(func(t *testing.T, src string) {
		resp, err := ReadQuestionnaireResponse(rb, "qr.json", []byte(src))
		a := resp.Answers
		if err != nil {
			var probs knowledge.Problems
			if !errorsAs(err, &probs) {
				t.Fatalf("error is not Problems: %v", err)
			}
			for _, p := range probs {
				if hasControl(p.Msg) {
					t.Fatalf("message %q holds a control character", p.Msg)
				}
			}
			return
		}
		if a.RuleBase() != rb {
			t.Fatal("answers for another rule base")
		}
		// The context read is carried into a Bundle with no character
		// that could act on a terminal.
		for _, ref := range []*Reference{resp.Context.Subject, resp.Context.Author, resp.Context.Encounter} {
			if ref != nil && (hasControl(ref.Reference) || hasControl(ref.Display) || hasControl(ref.Type)) {
				t.Fatalf("reference %+v holds a control character", ref)
			}
		}
		if hasControl(resp.Context.Authored) {
			t.Fatalf("authored %q holds a control character", resp.Context.Authored)
		}
		for _, extra := range []string{" {}", " x", "\n[]"} {
			if _, err := ParseQuestionnaireResponse(rb, "qr.json", []byte(src+extra)); err == nil {
				t.Fatalf("trailing %q accepted", extra)
			}
		}
	})
}

// TestMitigationSigns checks the mitigation text against the other
// renderings: with the emergency check skipped it lists every emergency
// sign with what to do, since the skipped flag's action points to them;
// with the check answered it lists none; every flag's line says what to
// do.
func TestMitigationSigns(t *testing.T) {
	rb := testrules.RuleBase()
	if len(rb.EmergencySigns()) == 0 {
		t.Fatal("the test rule base has no emergency signs")
	}
	for _, tc := range []struct {
		src     string
		skipped bool
	}{
		{"{}", true},
		{"diet: vegan\n", true},
		{"serious: [none]\ncaffeine: 5_plus_cups\n", false},
		{"serious: [chest_pain]\nsymptoms: [weakness]\nweakness_speed: days\n", false},
	} {
		a := answers(t, rb, tc.src)
		res := knowledge.Assess(a)
		if res.Triage.Skipped() != tc.skipped {
			t.Fatalf("%q: skipped %v, want %v", tc.src, res.Triage.Skipped(), tc.skipped)
		}
		m := Bundle(a, res, testNow).Entry[1].Resource.(RiskAssessmentResource).Mitigation
		if got := strings.Contains(m, report.SignsIntro); got != tc.skipped {
			t.Errorf("%q: signs introduced %v, want %v:\n%s", tc.src, got, tc.skipped, m)
		}
		for _, s := range rb.EmergencySigns() {
			if got := strings.Contains(m, "\n- "+report.SignLine(s)+"\n"); got != tc.skipped {
				t.Errorf("%q: sign %q listed %v, want %v:\n%s", tc.src, s.Option.ID, got, tc.skipped, m)
			}
		}
		for _, f := range res.Triage.Flags {
			line := fmt.Sprintf("\n- [%s] %s What to do: %s Because ", report.LevelLabel(rb, f.Level), f.Reason, f.Action)
			if !strings.Contains(m, line) {
				t.Errorf("%q: flag %s lacks its line with what to do %q:\n%s", tc.src, f.ID, line, m)
			}
		}
	}
}

// TestManyKeysLinear checks the duplicate-key check costs linear time: an
// object of as many keys as fit in the size limit is read in a small
// multiple of the time a list of as many strings takes (a scan of the keys
// for every key made it a hundred times more).
func TestManyKeysLinear(t *testing.T) {
	var obj, list strings.Builder
	obj.WriteString(`{"resourceType": "QuestionnaireResponse", "x": {`)
	list.WriteString(`{"resourceType": "QuestionnaireResponse", "x": [`)
	for i := 0; obj.Len() < knowledge.MaxAnswersBytes-16; i++ {
		if i > 0 {
			obj.WriteString(",")
			list.WriteString(",")
		}
		k := strconv.FormatInt(int64(i), 36)
		fmt.Fprintf(&obj, `"%s":0`, k)
		fmt.Fprintf(&list, `"%s"`, k)
	}
	obj.WriteString("}}")
	list.WriteString("]}")
	parse := func(src string) time.Duration {
		start := time.Now()
		if _, err := parseStrictJSON("qr.json", []byte(src)); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	// The best of three, against a noisy machine.
	const bound = 20
	ratio := 0.0
	for range 3 {
		o, l := parse(obj.String()), parse(list.String())
		if ratio = float64(o) / float64(max(l, time.Microsecond)); ratio < bound {
			return
		}
	}
	t.Errorf("an object of many keys takes %.0f times as long as a list of as many strings; want under %d", ratio, bound)
}

// TestProblemPositions checks problems come sorted by position, as
// knowledge sorts a file's problems, whatever order the checks find them
// in; and columns count characters, not bytes, as knowledge's positions
// (from the YAML parser) do for the same text.
func TestProblemPositions(t *testing.T) {
	rb := testrules.RuleBase()
	line2 := ` "id": "ééé", "colour": `
	src := "{\"resourceType\": \"QuestionnaireResponse\",\n" + line2 + "\"red\",\n \"status\": \"done\",\n \"questionnaire\": \"x\"}"
	_, err := ParseQuestionnaireResponse(rb, "qr.json", []byte(src))
	var probs knowledge.Problems
	if !errorsAs(err, &probs) {
		t.Fatalf("err = %v, want Problems", err)
	}
	want := []knowledge.Pos{{Line: 2, Col: utf8.RuneCountInString(line2) + 1}, {Line: 3, Col: 12}, {Line: 4, Col: 19}}
	if len(probs) != len(want) {
		t.Fatalf("%d problems, want %d:\n%v", len(probs), len(want), err)
	}
	for i, p := range probs {
		if p.Pos != want[i] {
			t.Errorf("problem %d at %d:%d, want %d:%d: %s", i, p.Pos.Line, p.Pos.Col, want[i].Line, want[i].Col, p.Msg)
		}
	}
	// The same text before a value on a line, in an answers file that
	// knowledge reads: the same count.
	_, err = knowledge.ParseAnswers(rb, "a.json", []byte("{\"diet\": \"vegan\",\n"+line2+"\"red\", \"xyz\": 1}"))
	if !errorsAs(err, &probs) || len(probs) == 0 {
		t.Fatalf("err = %v, want Problems", err)
	}
	var cols []int
	for _, p := range probs {
		cols = append(cols, p.Pos.Col)
	}
	if xyz := utf8.RuneCountInString(line2+`"red", `) + 1; !slices.Contains(cols, xyz) {
		t.Errorf("knowledge's columns %v lack %d, the character count: the two packages count differently", cols, xyz)
	}
}
