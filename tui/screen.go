package tui

import (
	tea "charm.land/bubbletea/v2"
)

// screen is one view of the app: the welcome, a question, the review, the
// results, or a sub-view opened over them (help, rule browser, explain, the
// sample cases). It is the whole contract a screen has with the app, in the
// manner of soft-serve's Component:
//
//   - update handles a message (keys, the window size, a layoutMsg when the
//     answers, the rules or the space it has changed) and returns the screen
//     as it now is, with any command to run;
//   - view draws it in c.width × c.height cells;
//   - keys lists the bindings it handles in its present state, for the help
//     bar and the full help, and it handles no other key. They are its
//     part of c.keys (keys.go), enabled and worded for the state.
//
// Everything screens share (the rule base, the answers and their result,
// the styles, the keys, the size) is in the common value they are given,
// and so is every request they make of the app: to open another screen,
// go back, save, ask before quitting. The root model routes between
// screens without reaching into their state. To add a screen: declare its
// keys in keys.go, write a type with these three methods, and open it with
// c.open or c.push from another screen.
type screen interface {
	update(c *common, msg tea.Msg) (screen, tea.Cmd)
	view(c *common) string
	keys(c *common) keySet
}

// layoutMsg tells the top screen that its size, the answers, the rules or
// the styles may have changed since it last drew: it lays itself out again
// if they did. The root sends it after every message.
type layoutMsg struct{}

// layoutKey is what a screen's layout depends on: when it is unchanged,
// the screen need not lay out again.
type layoutKey struct{ gen, width, height int }

// layoutKey is what a screen's layout depends on, now.
func (c *common) layoutKey() layoutKey { return layoutKey{c.gen, c.width, c.height} }

// memo remembers drawn strings by a key that says all they depend on, so
// it never goes stale; it forgets everything when full.
type memo struct{ m map[string]string }

const memoSize = 64

func (m *memo) get(k string) (string, bool) {
	v, ok := m.m[k]
	return v, ok
}

func (m *memo) put(k, v string) {
	if m.m == nil || len(m.m) >= memoSize {
		m.m = make(map[string]string, memoSize)
	}
	m.m[k] = v
}

// subView is a screen opened over another: q and esc close it and go back
// to the one below.
type subView interface {
	screen
	isSubView()
}

// typist is a screen that sometimes takes typed text (a filter): while it
// does, the app's own letter keys (q, ?, p) are typed, not acted on.
type typist interface {
	typing() bool
}

// panelHost is a screen beside or below which the live scores panel may
// show (the questions and the review).
type panelHost interface {
	hostsPanel()
}

// titled is a screen with a name for the help page.
type titled interface {
	title() string
}

// isTyping reports whether s takes typed text now.
func isTyping(s screen) bool {
	t, ok := s.(typist)
	return ok && t.typing()
}

// hostsPanel reports whether the live panel may show with s.
func hostsPanel(s screen) bool {
	_, ok := s.(panelHost)
	return ok
}

// isSub reports whether s is a sub-view.
func isSub(s screen) bool {
	_, ok := s.(subView)
	return ok
}

// titleOf names a screen for the help page.
func titleOf(s screen) string {
	if t, ok := s.(titled); ok {
		return t.title()
	}
	return "this screen"
}
