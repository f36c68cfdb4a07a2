package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/report"
)

// explainScreen is "why, answer by answer" for one nutrient: each answer
// that counts, in order, with the running score as a bar; then every red
// flag with the exact answers that raised it and its source.
type explainScreen struct {
	id      string // the deficiency
	text    textView
	laidOut layoutKey
	km      explainKeys
}

func newExplain(c *common, id string) explainScreen {
	return explainScreen{id: id, km: c.keys.Explain}
}

func (s explainScreen) isSubView() {}

func (s explainScreen) title() string { return "why, answer by answer" }

func (s explainScreen) keys(c *common) keySet {
	k := s.km
	k.nav = s.text.keys(k.nav)
	return keySet{
		short: []key.Binding{k.nav.Down, k.nav.Up, k.Next, k.Close},
		more:  []key.Binding{k.Prev, k.nav.PageDown, k.nav.PageUp, k.nav.Top, k.nav.Bottom},
	}
}

// rank is the place of the deficiency in the result, or -1.
func (s explainScreen) rank(c *common) int {
	for i, d := range c.result.Deficiencies {
		if d.ID == s.id {
			return i
		}
	}
	return -1
}

func (s explainScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	i := s.rank(c)
	if i < 0 {
		c.back() // the rule base changed under it
		return s, nil
	}
	n := len(c.result.Deficiencies)
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		k := s.km
		switch {
		case key.Matches(msg, k.Next):
			s = newExplain(c, c.result.Deficiencies[(i+1)%n].ID)
		case key.Matches(msg, k.Prev):
			s = newExplain(c, c.result.Deficiencies[(i-1+n)%n].ID)
		case key.Matches(msg, k.Close):
			c.back()
			return s, nil
		case s.text.scrolls():
			s.text.scroll(s.text.keys(k.nav), msg)
		}
	}
	if s.laidOut != c.layoutKey() {
		s.laidOut = c.layoutKey()
		s.text.set(s.content(c), c.height)
	}
	return s, nil
}

func (s explainScreen) content(c *common) []string {
	st := c.styles
	rb := c.rb
	w := c.width
	d := c.result.Deficiencies[s.rank(c)]
	barW := max(5, min(20, w-40))
	var out []string
	add := func(t string) { out = append(out, strings.Split(t, "\n")...) }
	add(st.Title.Render(wrapText("Why "+clean(d.Name)+" scores "+itoa(d.Score), w)))
	add(st.Faint.Render(wrapText(clean(report.ScoreLegend(rb)), w)))
	add(st.Faint.Render(wrapText("Each answer that counts, in order, and how far it moved the score.", w)))
	add("")
	bar := func(score int) string { return "  " + report.Bar(score, barW) + " " + lpad(itoa(score), 3) + "  " }
	textCol := 2 + barW + 1 + 3 + 2
	add(bar(d.Baseline) + "start (before any answer)")
	running := d.Baseline
	for _, e := range d.Evidence {
		running += e.Points
		add(lead(bar(running)+signed(e.Points, 4)+"  ", st.Question.Render(clean(report.AnswerLabels(rb, e.Answers()))), w))
		add(hang(clean(e.Rule.Why)+" "+st.Faint.Render("Source: "+clean(report.SourceName(rb, e.Rule.Source))), w, textCol+6, textCol+6))
	}
	if len(d.Evidence) == 0 {
		add(hang("No answer so far moves this score.", w, 2, 2))
	}
	sum := make([]string, len(d.Evidence))
	for i, e := range d.Evidence {
		sum[i] = strings.TrimSpace(signed(e.Points, 0))
	}
	total := itoa(d.Baseline)
	if len(sum) > 0 {
		total += " " + strings.Join(sum, " ")
	}
	add("")
	add(hang("= "+itoa(d.Score)+" ("+report.BandWords(d.Band)+"): "+total+" = "+itoa(d.Score)+".", w, 2, 4))
	add("")
	add(st.Title.Render("Red flags"))
	if len(c.result.Triage.Flags) == 0 {
		add(hang("None: no answer raised a red flag.", w, 2, 2))
	}
	for _, f := range c.result.Triage.Flags {
		out = append(out, flagLines(c, f)...)
	}
	return out
}

func (s explainScreen) view(c *common) string { return s.text.view(c.styles.Faint) }
