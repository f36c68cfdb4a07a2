package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func (m *Model) welcomeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Start):
		m.startQuestions()
	case key.Matches(msg, m.keys.Demo) && len(m.opts.Cases) > 0:
		m.openCases()
	case key.Matches(msg, m.keys.Rules):
		m.openBrowser()
	}
	return nil
}

// startQuestions opens the first question: the emergency screen.
func (m *Model) startQuestions() {
	m.editing = false
	m.openQuestion(0)
}

func (m Model) welcomeView() string {
	s := m.styles
	w := m.contentWidth()
	sp := blank(s.Spacing)
	var b strings.Builder
	b.WriteString(s.Title.Render("twitchcheck") + s.Faint.Render(" · a symptom checker for muscle twitching") + "\n" + sp)
	b.WriteString(wrapText("It asks where the twitching is, how long it has lasted, and about your lifestyle, diet, medicines and other symptoms. Then it shows which nutrient shortages and everyday triggers your answers may point to, and whether to see a doctor.", w) + "\n" + sp)
	b.WriteString(wrapText(s.Question.Render("It screens; it does not diagnose.")+" Only a health professional, often with a blood test, can tell what is going on.", w) + "\n" + sp)
	b.WriteString(wrapText("Private: nothing leaves this computer, and nothing is saved unless you ask.", w) + "\n" + sp)
	b.WriteString(wrapText(s.Faint.Render(m.rb.Disclaimer), w) + "\n" + sp)
	b.WriteString(s.Key.Render("Press Enter to start."))
	if len(m.opts.Cases) > 0 {
		b.WriteString(s.Faint.Render("  Or press d to demo a sample case."))
	}
	return b.String()
}
