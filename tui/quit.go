package tui

import (
	tea "charm.land/bubbletea/v2"
)

// Quitting: asked first when answers would be lost, never past an
// emergency notice unseen, and never in the middle of a save.

// askQuit quits, asking first when answers would be lost. On a question
// whose answer has just called for emergency care, it shows the emergency
// notice instead, as leaving the question does: nobody quits past it
// unseen. Quitting from the notice is then the person's choice.
func (m *Model) askQuit() tea.Cmd {
	if q, ok := m.top().(questionScreen); ok && m.c.flow.raisedToEmergency(q.before, m.c.result) {
		m.stack = []screen{newEmergency(&m.c, q.index, q.editing)}
		return nil
	}
	if m.c.dirty && m.c.answers.Count() > 0 {
		m.confirm = &confirmation{
			question: "Quit? Your answers are not saved (on the results, s then a saves them).",
			yesDesc:  "quit",
			yes:      func(c *common) { c.req.quitNow = true },
		}
		return nil
	}
	return m.quit(0)
}

// quit ends the program with an exit status.
func (m *Model) quit(code int) tea.Cmd {
	m.quitting, m.exitCode = true, code
	return tea.Quit
}

// quitSoon quits with an exit status once the save in flight, if any, has
// ended: a save is whole or not made.
func (m *Model) quitSoon(code int) tea.Cmd {
	if m.c.saves.running() {
		m.quitAfterSave = code
		m.status = status{"Finishing the save, then quitting…", statusInfo}
		return nil
	}
	return m.quit(code)
}
