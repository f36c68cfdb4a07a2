package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// explainState is the "why, answer by answer" view of one deficiency.
type explainState struct {
	id string
	vp viewport.Model
}

func (m *Model) openExplain(id string) {
	m.explain = explainState{id: id, vp: newViewport()}
	m.screen = explainScreen
	m.refreshExplain()
}

func (m *Model) refreshExplain() {
	w := m.contentWidth()
	m.explain.vp.SetWidth(w)
	m.explain.vp.SetHeight(max(1, m.bodyHeight()))
	off := m.explain.vp.YOffset()
	m.explain.vp.SetContent(m.explainContent(w))
	m.explain.vp.SetYOffset(off)
}

func (m *Model) explainKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	n := len(m.result.Deficiencies)
	i := m.deficiencyRank(m.explain.id)
	switch {
	case key.Matches(msg, k.Next):
		m.openExplain(m.result.Deficiencies[(i+1)%n].ID)
	case key.Matches(msg, k.Prev):
		m.openExplain(m.result.Deficiencies[(i-1+n)%n].ID)
	case key.Matches(msg, k.Cancel), key.Matches(msg, k.Back):
		m.screen = resultsScreen
		m.results.selected = i
		m.refreshResults()
	default:
		var cmd tea.Cmd
		m.explain.vp, cmd = m.explain.vp.Update(msg)
		return cmd
	}
	return nil
}

func (m Model) deficiencyRank(id string) int {
	for i, d := range m.result.Deficiencies {
		if d.ID == id {
			return i
		}
	}
	return 0
}

func (m Model) explainView() string { return m.explain.vp.View() }

// explainContent lists each answer's contribution in question order with
// a bar of the running score, then every red flag with the exact answers
// that raised it and the source it cites.
func (m Model) explainContent(w int) string {
	s := m.styles
	rb := m.rb
	d := m.result.Deficiencies[m.deficiencyRank(m.explain.id)]
	barW := max(5, min(20, w-40))
	var b strings.Builder
	b.WriteString(s.Title.Render("Why "+d.Name+" scores "+fmt.Sprint(d.Score)) + s.Faint.Render("  (tab: next nutrient · esc: back)") + "\n")
	b.WriteString(wrapText(s.Faint.Render("Each answer that counts, in the order asked. Weights are log-likelihood ratios added to the odds; points are what each moved the score by."), w) + "\n\n")
	b.WriteString(fmt.Sprintf("  %s %3d  start (before any answer)\n", report.Bar(d.Baseline, barW), d.Baseline))
	running := d.Baseline
	for _, e := range d.Evidence {
		running += e.Points
		b.WriteString(wrapIndent(fmt.Sprintf("%s %3d  %+d  %s (weight %+g)", report.Bar(running, barW), running, e.Points, s.Question.Render(report.AnswerLabels(rb, e.Answers())), e.Rule.Weight), w, 2, 6+barW) + "\n")
		b.WriteString(wrapIndent(e.Rule.Why+" "+s.Faint.Render("Source: "+report.SourceName(rb, e.Rule.Source)), w, 6+barW, 6+barW) + "\n")
	}
	if len(d.Evidence) == 0 {
		b.WriteString("  No answer so far moves this score.\n")
	}
	b.WriteString(fmt.Sprintf("\n  = %d (%s). %d + %s = %d.\n", d.Score, d.Band, d.Baseline, pointsSum(d.Evidence), d.Score))
	b.WriteString("\n" + s.Title.Render("Red flags") + "\n")
	if len(m.result.Triage.Flags) == 0 {
		b.WriteString("  None: no answer raised a red flag.\n")
	}
	for _, f := range m.result.Triage.Flags {
		b.WriteString(wrapIndent(s.level(f.Level).Render("["+report.LevelLabel(rb, f.Level)+"]")+" "+f.Reason, w, 2, 4) + "\n")
		b.WriteString(wrapIndent("Raised by: "+report.AnswerLabels(rb, f.Answers)+" "+s.Faint.Render("Source: "+report.SourceName(rb, f.Source)), w, 4, 4) + "\n")
	}
	return b.String()
}

// pointsSum renders the sum of the points as "(+12 −3 +5)".
func pointsSum(ev []knowledge.Evidence) string {
	if len(ev) == 0 {
		return "0"
	}
	parts := make([]string, len(ev))
	for i, e := range ev {
		parts[i] = fmt.Sprintf("%+d", e.Points)
	}
	return "(" + strings.Join(parts, " ") + ")"
}
