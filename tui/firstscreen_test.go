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

// TestSourcesAreLinks checks the sources, a key away, show each address
// whole or broken only after a slash, each piece a link (OSC 8) to the
// whole address that the frame guard lets through; a link to anything
// but a plain web address is dropped.
func TestSourcesAreLinks(t *testing.T) {
	m := resultsOf(t, "serious: [none]\nduration: over_3_months\n", 80, 24)
	mustContain(t, all(t, m), "sources: press r")
	r := press(t, m, "r")
	raw := r.View().Content
	if !strings.Contains(raw, "\x1b]8;;https://example.org/a\x07") {
		t.Errorf("no link to https://example.org/a in %q", raw)
	}
	mustContain(t, text(r), "https://example.org/a")
	for _, bad := range []string{"\x1b]8;;javascript:alert(1)\x07x", "\x1b]8;;https://a.example/ b\x07x", "\x1b]8;id=1;https://a.example/\x07x"} {
		if got := safeFrame(bad); strings.Contains(got, "\x1b") {
			t.Errorf("safeFrame(%q) kept %q", bad, got)
		}
	}
	for _, bad := range []string{"javascript:alert(1)", "https://a.example/\x1b]0;x\x07", "https://a.example/ b", "https:///x", "file:///etc/passwd"} {
		if safeLink(bad) {
			t.Errorf("%q would be a link", bad)
		}
	}
	// A long address breaks only after a slash.
	const url = "https://www.example.org/diseases-conditions/muscle-cramp/symptoms-causes/syc-20350820"
	ls := linkLines(url, 40, 6)
	var whole string
	for _, l := range ls {
		l = xansi.Strip(l)
		if xansi.StringWidth(l) > 40 {
			t.Errorf("a line wider than 40: %q", l)
		}
		piece := strings.TrimSpace(l)
		whole += piece
		if piece != "" && !strings.HasSuffix(piece, "/") && !strings.HasSuffix(url, piece) {
			t.Errorf("broken inside a part: %q", piece)
		}
	}
	if whole != url {
		t.Errorf("pieces make %q, want %q", whole, url)
	}
}
