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

// welcomeView says what twitchcheck does and does not do, that nothing
// leaves the machine, and the disclaimer. In a short window the paragraphs
// that matter most are kept, and the way to start always shows.
func (m Model) welcomeView() string {
	s := m.styles
	w := m.contentWidth()
	title := s.Title.Render("twitchcheck") + s.Faint.Render(" · a symptom checker for muscle twitching")
	start := s.Key.Render("Press Enter to start.")
	if len(m.opts.Cases) > 0 {
		start += s.Faint.Render(" Or press d to demo a sample case.")
	}
	// In the order shown; rank is the order in which they are kept.
	paras := []struct {
		text string
		rank int
	}{
		{"It asks where the twitching is, how long it has lasted, and about your lifestyle, diet, medicines and other symptoms. Then it shows which nutrient shortages and everyday triggers your answers may point to, and whether to see a doctor.", 3},
		{s.Question.Render("It screens; it does not diagnose.") + " Only a health professional, often with a blood test, can tell what is going on.", 0},
		{"Private: nothing leaves this computer, and nothing is saved unless you ask.", 1},
		{s.Faint.Render(m.rb.Disclaimer), 2},
	}
	sp := blank(s.Spacing)
	room := m.bodyHeight() - lineCount(title) - lineCount(start) - 2*s.Spacing
	keep := make([]bool, len(paras))
	for rank := 0; rank < len(paras); rank++ {
		for i, p := range paras {
			if p.rank != rank {
				continue
			}
			if n := lineCount(wrapText(p.text, w)) + s.Spacing; n <= room {
				keep[i] = true
				room -= n
			}
		}
	}
	var b strings.Builder
	b.WriteString(title + "\n" + sp)
	for i, p := range paras {
		if keep[i] {
			b.WriteString(wrapText(p.text, w) + "\n" + sp)
		}
	}
	b.WriteString(wrapText(start, w))
	return b.String()
}
