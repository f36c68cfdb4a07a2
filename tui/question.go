package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// questionState is the question on screen: which one, where the cursor is
// and, for multi-choice questions, what is ticked but not yet confirmed.
type questionState struct {
	index  int    // into rb.Questions
	cursor int    // an option, or len(options) for "Not sure / skip"
	ticked []bool // multi choice: options ticked
}

// openQuestion shows question i with its current answer selected.
func (m *Model) openQuestion(i int) {
	q := &m.rb.Questions[i]
	st := questionState{index: i, ticked: make([]bool, len(q.Options))}
	sel := m.answers.Selected(q.ID)
	for _, o := range sel {
		st.ticked[q.OptionIndex(o)] = true
	}
	if len(sel) > 0 {
		st.cursor = q.OptionIndex(sel[0])
	}
	m.q = st
	m.screen = questionScreen
}

// position returns the question's place among the questions shown, and
// how many are shown: the progress is honest as follow-ups come and go.
func (m Model) position() (int, int) {
	vis := m.answers.Visible()
	for n, i := range vis {
		if i == m.q.index {
			return n + 1, len(vis)
		}
	}
	return 0, len(vis)
}

func (m *Model) questionKey(msg tea.KeyPressMsg) tea.Cmd {
	q := m.currentQuestion()
	rows := len(q.Options) + 1 // the last row is "Not sure / skip"
	skipRow := len(q.Options)
	k := m.keys
	if c, ok := k.move(msg, m.q.cursor, rows); ok {
		m.q.cursor = c
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		m.back()
	case key.Matches(msg, k.Skip):
		m.answer(nil)
	case key.Matches(msg, k.Toggle) && q.Kind == knowledge.Multi && m.q.cursor < skipRow:
		m.toggle(q, m.q.cursor)
	case key.Matches(msg, k.Select):
		if m.q.cursor == skipRow {
			m.answer(nil)
			return nil
		}
		if q.Kind == knowledge.Single {
			m.answer([]string{q.Options[m.q.cursor].ID})
			return nil
		}
		// Enter with nothing ticked chooses the option under the cursor.
		if !anyTrue(m.q.ticked) {
			m.toggle(q, m.q.cursor)
		}
		var opts []string
		for i, t := range m.q.ticked {
			if t {
				opts = append(opts, q.Options[i].ID)
			}
		}
		m.answer(opts)
	}
	return nil
}

// toggle ticks or unticks option i; "none" excludes every other option.
func (m *Model) toggle(q *knowledge.Question, i int) {
	m.q.ticked[i] = !m.q.ticked[i]
	if !m.q.ticked[i] {
		return
	}
	none := q.OptionIndex(knowledge.NoneOption)
	if none < 0 {
		return
	}
	if i == none {
		for j := range m.q.ticked {
			m.q.ticked[j] = j == none
		}
	} else {
		m.q.ticked[none] = false
	}
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

// answer records the answer to the current question (nil: skipped, so
// unknown), drops answers to follow-ups that are no longer asked, and moves
// on.
func (m *Model) answer(opts []string) {
	q := m.currentQuestion()
	before := knowledge.TriageOf(m.answers).Level
	a, err := m.answers.With(q.ID, opts...)
	if err != nil {
		// The screen only offers valid choices; say so if one slipped by.
		m.status, m.statusErr = err.Error(), true
		return
	}
	m.setAnswers(a.Pruned())
	if q.ID == knowledge.FirstQuestion {
		lvl := m.result.Triage.Level
		if lvl == emergencyLevel(m.rb) && before != lvl {
			m.screen = emergencyScreen
			return
		}
	}
	m.next()
}

// dependsOn reports whether q's enable_when refers to question id.
func dependsOn(q *knowledge.Question, id string) bool {
	for _, ref := range q.EnableWhen.Questions(nil) {
		if ref == id {
			return true
		}
	}
	return false
}

// emergencyLevel is the highest triage level.
func emergencyLevel(rb *knowledge.RuleBase) string {
	return rb.Levels[len(rb.Levels)-1].ID
}

// next goes to the next question shown, or to the review screen. After a
// change from the review screen, it first asks any follow-up the change
// brought up that has no answer yet.
func (m *Model) next() {
	if m.editing {
		for i := m.q.index + 1; i < len(m.rb.Questions); i++ {
			q := &m.rb.Questions[i]
			if q.EnableWhen != nil && m.answers.Shown(i) && !m.answers.IsAnswered(q.ID) && dependsOn(q, m.rb.Questions[m.q.index].ID) {
				m.openQuestion(i)
				return
			}
		}
		m.openReview()
		return
	}
	for i := m.q.index + 1; i < len(m.rb.Questions); i++ {
		if m.answers.Shown(i) {
			m.openQuestion(i)
			return
		}
	}
	m.openReview()
}

// back goes to the previous question shown, keeping every answer, or to
// where the question was opened from.
func (m *Model) back() {
	if m.editing {
		m.openReview()
		return
	}
	for i := m.q.index - 1; i >= 0; i-- {
		if m.answers.Shown(i) {
			m.openQuestion(i)
			return
		}
	}
	m.screen = welcomeScreen
}

func (m Model) questionView() string {
	q := m.currentQuestion()
	s := m.styles
	w := m.questionWidth()
	n, total := m.position()
	section := ""
	if sec := m.rb.Section(q.Section); sec != nil {
		section = sec.Title
	}
	head := fmt.Sprintf("%s · question %d of %d · %d answered", section, n, total, m.answers.Count())
	if m.caseName != "" {
		head += " · case: " + m.caseName
	}
	// The options matter most: help lines go first when the window is
	// short.
	essential := []string{ansi.Truncate(s.Section.Render(head), w, "…"), "", wrapText(s.Question.Render(q.Text), w)}
	var optional []string
	if q.Help != "" {
		optional = append(optional, wrapText(s.Help.Render(q.Help), w))
	}
	if q.Kind == knowledge.Multi {
		optional = append(optional, wrapText(s.Faint.Render("Tick all that apply with space, then press enter."), w))
	}
	want := min(len(q.Options)+1, 5)
	top := strings.Join(essential, "\n") + "\n"
	for i := range optional {
		withHelp := strings.Join(append(essential, optional[:i+1]...), "\n") + "\n"
		if m.bodyHeight()-strings.Count(withHelp, "\n")-s.Spacing < want {
			break
		}
		top = withHelp
	}
	if m.bodyHeight()-strings.Count(top, "\n")-s.Spacing >= want {
		top += blank(s.Spacing)
	}

	rows := make([]string, 0, len(q.Options)+1)
	for i, o := range q.Options {
		mark := "( )"
		if q.Kind == knowledge.Multi {
			mark = "[ ]"
			if m.q.ticked[i] {
				mark = "[x]"
			}
		} else if m.q.ticked[i] {
			mark = "(•)"
		}
		rows = append(rows, m.optionRow(i == m.q.cursor, mark, o.Label, w))
	}
	rows = append(rows, m.optionRow(m.q.cursor == len(q.Options), "   ", "Not sure / skip", w))
	avail := m.bodyHeight() - strings.Count(top, "\n")
	return top + listRows(rows, m.q.cursor, max(3, avail), s.Faint)
}

// optionRow renders one option: a cursor marker in text (">"), the choice
// marker and the label, cut to one line.
func (m Model) optionRow(current bool, mark, label string, w int) string {
	s := m.styles
	line := fmt.Sprintf("  %s %s", mark, label)
	if current {
		line = fmt.Sprintf("> %s %s", mark, label)
		return clip(s.Cursor.Render(line), w, 1)
	}
	if strings.ContainsAny(mark, "x•") {
		return clip(s.Selected.Render(line), w, 1)
	}
	return clip(s.Option.Render(line), w, 1)
}

// questionWidth leaves room for the live panel when it sits beside.
func (m Model) questionWidth() int {
	if m.panelAvailable() && m.width >= PanelMinWidth {
		return min(m.contentWidth(), m.width-42)
	}
	return m.contentWidth()
}
