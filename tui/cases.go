package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// caseItem is a sample case in the demo list.
type caseItem struct{ c knowledge.Case }

func (i caseItem) Title() string       { return i.c.Title }
func (i caseItem) Description() string { return i.c.Story }
func (i caseItem) FilterValue() string { return i.c.ID + " " + i.c.Title + " " + i.c.Story }

// casesState is the "Demo a sample case" list.
type casesState struct {
	list  list.Model
	ready bool
}

func newCasesState(cases []knowledge.Case) casesState {
	if len(cases) == 0 {
		return casesState{}
	}
	items := make([]list.Item, len(cases))
	for i, c := range cases {
		items[i] = caseItem{c}
	}
	l := list.New(items, list.NewDefaultDelegate(), 80, 20)
	l.Title = "Demo a sample case"
	l.DisableQuitKeybindings()
	l.SetShowHelp(false)
	return casesState{list: l, ready: true}
}

func (c *casesState) setSize(w, h int) {
	if c.ready {
		c.list.SetSize(w, h)
	}
}

func (c casesState) typing() bool { return c.ready && c.list.FilterState() == list.Filtering }

func (c *casesState) update(msg tea.Msg) tea.Cmd {
	if !c.ready {
		return nil
	}
	var cmd tea.Cmd
	c.list, cmd = c.list.Update(msg)
	return cmd
}

func (m *Model) openCases() {
	m.prev = m.screen
	d := list.NewDefaultDelegate()
	d.Styles = list.NewDefaultItemStyles(m.isDark)
	m.cases.list.SetDelegate(d)
	m.cases.list.Styles = list.DefaultStyles(m.isDark)
	m.cases.setSize(m.contentWidth(), m.bodyHeight())
	m.screen = casesScreen
}

func (m *Model) casesKey(msg tea.KeyPressMsg) tea.Cmd {
	c := &m.cases
	if !c.typing() {
		switch {
		case key.Matches(msg, m.keys.Cancel) && c.list.FilterState() == list.Unfiltered:
			m.screen = m.prev
			return nil
		case key.Matches(msg, m.keys.Select):
			if it, ok := c.list.SelectedItem().(caseItem); ok {
				m.loadCase(it.c)
			}
			return nil
		}
	}
	return c.update(msg)
}

// loadCase opens a sample case at the review screen.
func (m *Model) loadCase(c knowledge.Case) {
	a, err := c.Answers.Rebase(m.rb)
	if err != nil {
		m.status, m.statusErr = err.Error(), true
	}
	m.setAnswers(a)
	m.caseName = c.Title
	m.review.cursor = 0
	m.openReview()
}

func (m Model) casesView() string { return m.cases.list.View() }
