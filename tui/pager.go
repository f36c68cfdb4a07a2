package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pagerScreen is a sub-view that shows a text that scrolls: the help, an
// entry of the rule browser, the warnings. Its text is built for the width
// each time the width changes.
type pagerScreen struct {
	name    string
	isHelp  bool // the help: "?" closes it too
	build   func(c *common) []string
	text    textView
	laidOut layoutKey
	km      pagerKeys
}

func newPager(c *common, name string, build func(c *common) []string) pagerScreen {
	return pagerScreen{name: name, build: build, km: c.keys.Pager}
}

func (s pagerScreen) isSubView() {}

func (s pagerScreen) title() string { return s.name }

func (s pagerScreen) keys(c *common) keySet {
	k := s.km
	k.nav = s.text.keys(k.nav)
	return keySet{
		short: []key.Binding{k.nav.Down, k.nav.Up, k.Close},
		more:  []key.Binding{k.nav.PageDown, k.nav.PageUp, k.nav.Top, k.nav.Bottom},
	}
}

func (s pagerScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, s.km.Close):
			c.back()
			return s, nil
		case s.text.scrolls():
			s.text.scroll(s.text.keys(s.km.nav), msg)
		}
	}
	if s.laidOut != c.layoutKey() {
		s.laidOut = c.layoutKey()
		s.text.set(s.build(c), c.height)
	}
	return s, nil
}

func (s pagerScreen) view(c *common) string { return s.text.view(c.styles.Faint) }
