package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// listState is a cursor over a list of rows.
type listState struct {
	cursor int
}

// openReview shows every answer at a glance.
func (m *Model) openReview() {
	m.editing = false
	m.screen = reviewScreen
	rows := len(m.answers.Visible()) + 1
	m.review.cursor = max(0, min(m.review.cursor, rows-1))
}

func (m *Model) reviewKey(msg tea.KeyPressMsg) tea.Cmd {
	vis := m.answers.Visible()
	rows := len(vis) + 1 // the last row is "See the results"
	m.review.cursor = max(0, min(m.review.cursor, rows-1))
	k := m.keys
	if c, ok := k.move(msg, m.review.cursor, rows); ok {
		m.review.cursor = c
		return nil
	}
	switch {
	case key.Matches(msg, k.Results):
		m.openResults()
	case key.Matches(msg, k.Back):
		m.openQuestion(vis[len(vis)-1])
	case key.Matches(msg, k.Change):
		if m.review.cursor == len(vis) {
			m.openResults()
			return nil
		}
		m.openQuestion(vis[m.review.cursor])
		m.editing = true
	}
	return nil
}

func (m Model) reviewView() string {
	s := m.styles
	w := m.questionWidth()
	vis := m.answers.Visible()
	head := s.Title.Render("Review your answers")
	if m.caseName != "" {
		head += s.Faint.Render(" · case: " + m.caseName)
	}
	top := head + "\n" + wrapText(s.Faint.Render(fmt.Sprintf("%d of %d answered. Pick one to change it.", m.answers.Count(), len(vis))), w) + "\n" + blank(s.Spacing)
	qw := min(38, w/2)
	rows := make([]string, 0, len(vis)+1)
	for n, i := range vis {
		q := &m.rb.Questions[i]
		ans := answerText(m.rb, m.answers, q)
		line := fmt.Sprintf("%s  %s", pad(ansi.Truncate(q.Short, qw, "…"), qw), ans)
		rows = append(rows, m.reviewRow(n == m.review.cursor, line, w, ans == notAnswered))
	}
	rows = append(rows, m.reviewRow(m.review.cursor == len(vis), "See the results →", w, false))
	avail := m.bodyHeight() - strings.Count(top, "\n")
	return top + listRows(rows, m.review.cursor, max(3, avail), s.Faint)
}

const notAnswered = "(not answered)"

func (m Model) reviewRow(current bool, line string, w int, faint bool) string {
	s := m.styles
	if current {
		return clip(s.Cursor.Render("> "+line), w, 1)
	}
	if faint {
		return clip(s.Faint.Render("  "+line), w, 1)
	}
	return clip("  "+line, w, 1)
}

// answerText is an answer in the words the person read.
func answerText(rb *knowledge.RuleBase, a knowledge.Answers, q *knowledge.Question) string {
	sel := a.Selected(q.ID)
	if sel == nil {
		return notAnswered
	}
	labels := make([]string, len(sel))
	for i, o := range sel {
		labels[i] = report.OptionLabel(rb, knowledge.AnswerRef{Question: q.ID, Answer: o})
	}
	return strings.Join(labels, "; ")
}

// pad pads s with spaces to width cells.
func pad(s string, width int) string {
	if n := width - ansi.StringWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}
