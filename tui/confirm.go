package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// confirmation is a yes/no question in the footer: quitting with answers
// not saved, starting over. While it is open, only its keys answer.
type confirmation struct {
	question string
	yesDesc  string
	yes      func(c *common)
}

// toConfirm answers the question in the footer with msg: y does what was
// asked, n or esc changes nothing, and any other key leaves it open.
func (m *Model) toConfirm(msg tea.KeyPressMsg) tea.Cmd {
	q := *m.confirm
	m.confirm = nil
	k := m.c.keys.Confirm
	switch {
	case key.Matches(msg, k.Yes):
		q.yes(&m.c)
		return m.apply()
	case key.Matches(msg, k.No):
		m.status = status{"Nothing changed.", statusInfo}
	default:
		m.confirm = &q // only y, n or esc answer it
	}
	return nil
}
