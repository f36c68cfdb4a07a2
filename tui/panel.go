package tui

import (
	"fmt"
	"strings"

	"github.com/twitchcheck/twitchcheck/report"
)

// panelAvailable reports whether the live scoring panel belongs on the
// current screen: while answering or reviewing.
func (m Model) panelAvailable() bool {
	return m.screen == questionScreen || m.screen == reviewScreen
}

// panel shows the current triage level and the top deficiencies, updated
// after every answer, so a clinician can show "what if".
func (m Model) panel(w int) string {
	s := m.styles
	inner := max(10, w-4)
	lvl := m.result.Triage.Level
	var b strings.Builder
	b.WriteString(s.Title.Render("Live scores") + "\n")
	b.WriteString(wrapText(s.level(lvl).Render(report.TriageLine(m.rb, lvl)), inner) + "\n")
	if n := len(m.result.Triage.Flags); n > 0 {
		b.WriteString(s.Faint.Render(fmt.Sprintf("%d red flag(s)", n)) + "\n")
	}
	b.WriteString("\n")
	nameW := min(12, inner-10)
	barW := max(3, inner-nameW-5)
	for i, d := range m.result.Deficiencies {
		if i == 5 {
			break
		}
		b.WriteString(fmt.Sprintf("%s %s %3d\n", pad(clip(d.Name, nameW, 1), nameW), s.Band[d.Band].Render(report.Bar(d.Score, barW)), d.Score))
	}
	if len(m.result.Triggers) > 0 {
		names := make([]string, len(m.result.Triggers))
		for i, t := range m.result.Triggers {
			names[i] = t.Name
		}
		b.WriteString("\n" + wrapText(s.Faint.Render("Triggers: "+strings.Join(names, ", ")), inner))
	}
	return s.Panel.Width(w).Render(strings.TrimRight(b.String(), "\n"))
}

// overlay draws the panel over the lower part of the body in windows too
// narrow to show it beside the questions.
func (m Model) overlay(body string) string {
	p := m.panel(min(m.contentWidth(), 48))
	ph := strings.Count(p, "\n") + 1
	lines := strings.Split(body, "\n")
	keep := max(0, m.bodyHeight()-ph)
	if len(lines) > keep {
		lines = lines[:keep]
	}
	return strings.Join(append(lines, p), "\n")
}
