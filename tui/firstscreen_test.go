package tui

import (
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// caseResults opens the results of a sample case at w×h.
func caseResults(t *testing.T, id string, w, h int) Model {
	t.Helper()
	rb := realRules(t)
	cases, err := knowledge.ReadCases(rb, data.Cases(), "data/cases")
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.FindCase(cases, id)
	if err != nil {
		t.Fatal(err)
	}
	m := press(t, withAnswers(t, c.Answers, c.Title, w, h), "r")
	onScreen(t, m, "results")
	return m
}

// TestResultsFirstScreen checks the first screen of every sample case's
// results, at 80×24, holds the level, what to do, the reasons that set
// the level and what the answers point to most; at 40×12 they come first,
// in that order, as the screen scrolls. Named cases name what they
// point to; the diuretic case's urgent reasons come before any lower one.
func TestResultsFirstScreen(t *testing.T) {
	rb := realRules(t)
	cases, err := knowledge.ReadCases(rb, data.Cases(), "data/cases")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string][]string{
		"exam_week": {"Caffeine", "sleep", "Stress"},
		"vegan_b12": {"Vitamin B12"},
	}
	for _, c := range cases {
		m := caseResults(t, c.ID, 80, 24)
		first := flat(text(m))
		doc := report.Build(m.c.answers, m.c.result, report.Options{})
		want := []string{flat(doc.Section(report.SectionLevel).Title), flat(clean(doc.Section(report.SectionLevel).Blocks[0].Text)), report.PointsToTitle}
		for _, b := range doc.Section(report.SectionReasons).Blocks {
			if b.Kind == report.FlagItem {
				want = append(want, flat(clean(b.Text)))
			}
		}
		want = append(want, flat(clean(doc.Section(report.SectionPointsTo).Blocks[0].Text)))
		want = append(want, names[c.ID]...)
		for _, w := range want {
			if !strings.Contains(first, w) {
				t.Errorf("%s at 80x24: the first screen lacks %q:\n%s", c.ID, w, text(m))
			}
		}
		if also := doc.Section(report.SectionAlso); also != nil {
			lower := flat(clean(also.Blocks[0].Text))
			if i := strings.Index(first, lower); i >= 0 && i < strings.Index(first, report.PointsToTitle) {
				t.Errorf("%s: a lower reason %q before what the answers point to", c.ID, lower)
			}
		}
		// At 40×12, scrolling: the same, in order.
		small := caseResults(t, c.ID, 40, 12)
		all := flat(resultsText(small))
		at := 0
		for _, w := range want[:3] {
			i := strings.Index(all[at:], w)
			if i < 0 {
				t.Errorf("%s at 40x12: %q missing or out of order", c.ID, w)
				break
			}
			at += i
		}
	}
}

// resultsText is the results' header and whole text, unstyled.
func resultsText(m Model) string {
	s := m.top().(resultsScreen)
	return text(m) + "\n" + xansi.Strip(strings.Join(s.text.lines, "\n"))
}
