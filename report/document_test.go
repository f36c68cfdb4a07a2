package report

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// sampleCases are the sample cases on the embedded rule base.
func sampleCases(t *testing.T) (*knowledge.RuleBase, []knowledge.Case) {
	t.Helper()
	rb := data.RuleBase()
	cases, err := knowledge.ReadCases(rb, data.Cases(), "data/cases")
	if err != nil {
		t.Fatal(err)
	}
	return rb, cases
}

// headings are the section headings of a rendering, in order.
func headings(format, out string) []string {
	var hs []string
	switch format {
	case "text":
		for _, l := range strings.Split(out, "\n") {
			if l != "" && l[0] != ' ' {
				hs = append(hs, l)
			}
		}
	case "markdown":
		for _, l := range strings.Split(out, "\n") {
			if rest, ok := strings.CutPrefix(l, "# "); ok {
				hs = append(hs, rest)
			} else if rest, ok := strings.CutPrefix(l, "## "); ok {
				hs = append(hs, rest)
			}
		}
	case "html":
		for _, m := range regexp.MustCompile(`<h[12]>([^<]*)</h[12]>`).FindAllStringSubmatch(out, -1) {
			hs = append(hs, m[1])
		}
	}
	return hs
}

// TestSameSectionsInEveryFormat checks text, Markdown and HTML show the
// document's sections, and only those, in its order, for every sample
// case: the order is written once, in the document.
func TestSameSectionsInEveryFormat(t *testing.T) {
	_, cases := sampleCases(t)
	if len(cases) == 0 {
		t.Fatal("no sample cases")
	}
	for _, c := range cases {
		res := knowledge.Assess(c.Answers)
		doc := Build(c.Answers, res, Options{Date: reportDate})
		var text, md, page bytes.Buffer
		if err := Text(&text, c.Answers, res); err != nil {
			t.Fatal(err)
		}
		if err := Markdown(&md, c.Answers, res, reportDate); err != nil {
			t.Fatal(err)
		}
		if err := HTML(&page, c.Answers, res, reportDate); err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			name, out string
			esc       func(string) string
		}{
			{"text", text.String(), func(s string) string { return s }},
			{"markdown", md.String(), mdEscape},
			{"html", page.String(), html.EscapeString},
		} {
			var want []string
			for _, s := range doc.Sections {
				want = append(want, f.esc(s.Title))
			}
			if got := headings(f.name, f.out); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s, %s: sections\n%s\nwant\n%s", c.ID, f.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
}

// TestSummaryFirst checks what the answers point to most comes before
// the nutrients, and names the strongest of nutrients and triggers.
func TestSummaryFirst(t *testing.T) {
	_, cases := sampleCases(t)
	want := map[string][]string{
		"exam_week": {"Caffeine", "sleep", "Stress"},
		"vegan_b12": {"Vitamin B12"},
	}
	for _, c := range cases {
		w, ok := want[c.ID]
		if !ok {
			continue
		}
		doc := Build(c.Answers, knowledge.Assess(c.Answers), Options{})
		s := doc.Section(SectionPointsTo)
		if s == nil || len(s.Blocks) == 0 {
			t.Fatalf("%s: no summary of what the answers point to", c.ID)
		}
		for _, name := range w {
			if !strings.Contains(s.Blocks[0].Text, name) {
				t.Errorf("%s: the first line %q lacks %q", c.ID, s.Blocks[0].Text, name)
			}
		}
		var order []SectionID
		for _, s := range doc.Sections {
			order = append(order, s.ID)
		}
		at := func(id SectionID) int {
			for i, x := range order {
				if x == id {
					return i
				}
			}
			return -1
		}
		if !(at(SectionLevel) < at(SectionReasons) && at(SectionReasons) < at(SectionPointsTo) && at(SectionPointsTo) < at(SectionNutrients)) {
			t.Errorf("%s: order %v", c.ID, order)
		}
	}
}

// render renders a document's result in every format, joined.
func renderAll(t *testing.T, a knowledge.Answers) (text, md, page string) {
	t.Helper()
	res := knowledge.Assess(a)
	var b1, b2, b3 bytes.Buffer
	if err := Text(&b1, a, res); err != nil {
		t.Fatal(err)
	}
	if err := Markdown(&b2, a, res, reportDate); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&b3, a, res, reportDate); err != nil {
		t.Fatal(err)
	}
	return b1.String(), b2.String(), b3.String()
}

// withAction is the test rule base with the see-a-doctor level sending
// the reader to the blood tests listed below.
func withAction(t *testing.T) *knowledge.RuleBase {
	t.Helper()
	y := strings.Replace(string(testrules.YAML()), `action: "Book an appointment."`, `action: "Book an appointment with a doctor and ask about the blood tests listed below. Bring this report."`, 1)
	rb, err := knowledge.Load("action.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	return rb
}

// TestWordsMatchTheResult checks each sentence that depends on the
// result says what the result is.
func TestWordsMatchTheResult(t *testing.T) {
	rb := withAction(t)
	for _, tc := range []struct {
		name, answers string
		want, not     []string
	}{{
		name:    "tests listed: the level sends to them",
		answers: "serious: [none]\ndiet: vegan\nsymptoms: [numbness_tingling, cramps]\nduration: over_3_months\nalcohol: heavy\n",
		want:    []string{"ask about the blood tests listed below", "Blood tests to ask about: test m"},
	}, {
		name:    "no test listed: the level does not send to them",
		answers: "serious: [none]\nduration: over_3_months\n",
		want:    []string{"Book an appointment with a doctor. Bring this report."},
		not:     []string{"listed below", "Blood tests to ask about"},
	}, {
		name:    "nothing answered: said, and no bars",
		answers: "{}",
		want:    []string{NothingAnswered},
		not:     []string{"█", "░", "/100", "listed below"},
	}, {
		name:    "unlikely never reads as ruled out",
		answers: "serious: [none]\ncaffeine: 5_plus_cups\n",
		want:    []string{NotPointedTo, "only a blood test can tell"},
		not:     []string{"unlikely", "Unlikely", "ruled out"},
	}, {
		name:    "no weights for a patient",
		answers: "serious: [none]\ndiet: vegan\nsymptoms: [cramps]\n",
		not:     []string{"weight +", "weight -", "log-odds"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			a := answers(t, rb, tc.answers)
			text, md, page := renderAll(t, a)
			for format, out := range map[string]string{"text": strings.Join(strings.Fields(text), " "), "markdown": md, "html": htmlText(page)} {
				for _, w := range tc.want {
					if !strings.Contains(out, w) {
						t.Errorf("%s lacks %q:\n%s", format, w, out)
					}
				}
				for _, n := range tc.not {
					if strings.Contains(out, n) {
						t.Errorf("%s holds %q:\n%s", format, n, out)
					}
				}
			}
		})
	}
}

// TestMarkdownTriageFirstDisclaimerLast checks the report to take to a
// doctor opens with the triage and ends with the disclaimer.
func TestMarkdownTriageFirstDisclaimerLast(t *testing.T) {
	rb := ruleBase(t)
	for name, src := range answerSets {
		a := answers(t, rb, src)
		_, md, _ := renderAll(t, a)
		tri := strings.Index(md, "## "+TriageLine(rb, knowledge.Assess(a).Triage.Level))
		disc := strings.Index(md, mdEscape(rb.Disclaimer))
		if tri < 0 || disc < tri || strings.Count(md, mdEscape(rb.Disclaimer)) != 1 {
			t.Errorf("%s: triage at %d, disclaimer at %d (%d times)", name, tri, disc, strings.Count(md, mdEscape(rb.Disclaimer)))
		}
		if !strings.HasSuffix(strings.TrimSpace(md), mdEscape(rb.Disclaimer)) {
			t.Errorf("%s: the disclaimer is not last", name)
		}
	}
}

// TestReasonsByLevel checks the flags that set the level come first, the
// lower ones after, under "also mention to the doctor"; that a trigger
// whose advice a flag works against shows as the flag's note; and that no
// self-care advice or reassurance shows under an urgent or emergency level.
func TestReasonsByLevel(t *testing.T) {
	rb := ruleBase(t)
	a := answers(t, rb, answerSets["lifestyle"])
	res := knowledge.Assess(a)
	doc := Build(a, res, Options{})
	reasons := doc.Section(SectionReasons)
	for _, b := range reasons.Blocks {
		if b.Kind == FlagItem && b.Level != res.Triage.Level {
			t.Errorf("flag %q (%s) among those that set the level", b.Text, b.Level)
		}
	}
	also := doc.Section(SectionAlso)
	if also == nil {
		t.Fatal("no lower flags to mention")
	}
	for _, b := range also.Blocks {
		if b.Level == res.Triage.Level {
			t.Errorf("flag %q (%s) under %q", b.Text, b.Level, AlsoMention)
		}
	}
	n := 0
	for _, s := range []*Section{reasons, also} {
		for _, b := range s.Blocks {
			if b.Kind == FlagItem {
				n++
			}
		}
	}
	if n != len(res.Triage.Flags) {
		t.Errorf("%d flags shown, want every one of %d", n, len(res.Triage.Flags))
	}
	noted := 0
	for _, tr := range res.Triggers {
		if tr.AdviceShown() {
			continue
		}
		noted++
		for _, b := range doc.Section(SectionTriggers).Blocks {
			if strings.HasPrefix(b.Name, tr.Name+" ") {
				t.Errorf("trigger %s shown as a trigger, though a flag works against its advice", tr.ID)
			}
		}
		for _, n := range tr.AdviceNotes {
			found := false
			for _, b := range reasons.Blocks {
				found = found || b.Text == n.Text
			}
			if !found {
				t.Errorf("trigger %s: its note is not with the flags", tr.ID)
			}
		}
	}
	if noted == 0 {
		t.Fatal("the answers raise no advice note: the test tests nothing")
	}
	if rb.LevelRank(res.Triage.Level) <= rb.LevelRank(rb.Reassurance.MaxLevel) {
		t.Fatal("the answers are not above self-care's levels")
	}
	if doc.Section(SectionReassurance) != nil {
		t.Error("reassurance under an urgent or emergency level")
	}
	for _, b := range doc.Section(SectionTriggers).Blocks {
		if len(b.Details) > 0 {
			t.Errorf("self-care advice %q under level %s", b.Details[0].Text, res.Triage.Level)
		}
	}
}

// TestReferencesOnceAndWhole checks each source's words say its title once
// and every address shows whole, on one line, in every format.
func TestReferencesOnceAndWhole(t *testing.T) {
	rb, cases := sampleCases(t)
	for _, s := range rb.Sources {
		words := SourceWords(&s)
		if n := strings.Count(strings.ToLower(words), strings.ToLower(strings.TrimSuffix(s.Title, "."))); n != 1 {
			t.Errorf("%s: the title shows %d times in %q", s.ID, n, words)
		}
	}
	for _, c := range cases {
		res := knowledge.Assess(c.Answers)
		text, md, page := renderAll(t, c.Answers)
		refs := Build(c.Answers, res, Options{}).Section(SectionReferences)
		if refs == nil {
			t.Fatalf("%s: no references", c.ID)
		}
		for _, b := range refs.Blocks {
			url := b.Ref.URL
			if url == "" {
				continue
			}
			if !strings.Contains(text, url) {
				t.Errorf("%s: the text breaks %s", c.ID, url)
			}
			if !strings.Contains(md, "<"+url+">") {
				t.Errorf("%s: Markdown breaks %s", c.ID, url)
			}
			if !strings.Contains(page, `href="`+html.EscapeString(url)+`"`) {
				t.Errorf("%s: HTML lacks the link %s", c.ID, url)
			}
		}
		for _, l := range strings.Split(text, "\n") {
			if strings.HasSuffix(l, "-") && strings.Contains(l, "://") {
				t.Errorf("%s: an address broken at a hyphen: %q", c.ID, l)
			}
		}
		for _, m := range regexp.MustCompile(`https?://\S+`).FindAllString(text, -1) {
			found := false
			for _, s := range rb.Sources {
				found = found || s.URL == m
			}
			if !found {
				t.Errorf("%s: %q is a broken address", c.ID, m)
			}
		}
	}
}

// TestWrapKeepsAddresses checks Wrap never breaks an address, at a hyphen
// or anywhere, and wraps other words at spaces.
func TestWrapKeepsAddresses(t *testing.T) {
	const url = "https://www.example.org/a-very-long-address/with-hyphens-and-more-hyphens/syc-20350820"
	for _, width := range []int{20, 40, 80} {
		out := Wrap("See the page "+url+" for more.", width, 2, 4)
		if !strings.Contains(out, url) {
			t.Errorf("width %d: the address is broken:\n%s", width, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if len(l) > width && !strings.Contains(l, url) {
				t.Errorf("width %d: a line too wide: %q", width, l)
			}
		}
	}
}
