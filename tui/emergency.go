package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/report"
)

func (m *Model) emergencyKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Continue):
		m.next()
	case key.Matches(msg, m.keys.Results):
		m.openResults()
	case key.Matches(msg, m.keys.Back):
		m.openQuestion(0)
	}
	return nil
}

// emergencyView tells the person to call emergency services now, with the
// reasons. They may still go on with the questions, or quit.
func (m Model) emergencyView() string {
	s := m.styles
	w := m.contentWidth()
	lvl := m.result.Triage.Level
	var b strings.Builder
	b.WriteString(s.level(lvl).Render(" "+report.TriageLine(m.rb, lvl)+" ") + "\n\n")
	b.WriteString(wrapText(s.Question.Render(m.rb.Level(lvl).Action), w) + "\n\n")
	b.WriteString("Because you answered:\n")
	for _, f := range m.result.Triage.Flags {
		if f.Level != lvl {
			continue
		}
		b.WriteString(wrapText("  ! "+f.Reason, w) + "\n")
	}
	b.WriteString("\n" + wrapText(s.Faint.Render("When you are safe, you can go on with the questions (c) to see what else your answers may point to, see the results now (r), or quit (q)."), w))
	return b.String()
}
