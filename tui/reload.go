package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// The app's side of --watch: news from the watcher (watch.go) replaces
// the rule base in use and moves the answers and every screen onto it.

// watched takes news from the rule-file watcher. A rule base that loads
// replaces the one in use and the answers are scored again at once; one
// with problems leaves the last good one and every answer in place.
func (m *Model) watched(msg watchMsg) tea.Cmd {
	ws := &m.watch
	ws.gone = msg.gone
	if msg.stopped != "" {
		ws.stopped = clean(msg.stopped)
		return nil
	}
	switch {
	case msg.err != nil:
		ws.problems = problemLines(msg.err)
	case msg.rb != nil:
		ws.problems = nil
		ws.version = clean(msg.rb.Version)
		ws.when = m.c.opts.Now().Format("15:04:05")
		m.rebase(msg.rb)
	}
	return msg.next
}

// rebase moves the answers and every screen onto a new rule base.
func (m *Model) rebase(rb *knowledge.RuleBase) {
	old := m.c.rb
	a, err := m.c.answers.Rebase(rb)
	m.c.rb = rb
	m.c.flow = flow{rb}
	// Always scored again and drawn again: the same answers (none, say)
	// mean other words, reasons and levels under other rules. Whether
	// they need saving is unchanged.
	m.c.answers = a.Pruned()
	m.c.result = knowledge.Assess(m.c.answers)
	m.c.gen++
	if err != nil {
		m.status = status{clean(err.Error()), statusWarn}
	}
	for i, s := range m.stack {
		if r, ok := s.(rebaser); ok {
			m.stack[i] = r.rebased(&m.c, old)
		}
	}
}

// rebaser is a screen that holds places in the rule base (a question's
// index, the browser's entries) and is rebuilt when the rules change.
type rebaser interface {
	rebased(c *common, old *knowledge.RuleBase) screen
}
