package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMap holds every binding of the app. Screens enable the ones that work
// where they are, so the help bar shows only what can be pressed.
type keyMap struct {
	Quit, ForceQuit, Help key.Binding

	Start, Demo, Rules key.Binding

	Up, Down, Select, Toggle, Confirm, Back, Skip key.Binding

	Change, Results, Review key.Binding

	Next, Prev, Expand, Explain, Save, SaveAnswers, Restart, ScrollUp, ScrollDown, PageUp, PageDown key.Binding

	Panel, Continue key.Binding

	Yes, No, Cancel, Submit, Close, Filter key.Binding
}

func newKeyMap() keyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return keyMap{
		Quit:      b([]string{"q"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Help:      b([]string{"?"}, "?", "help"),

		Start: b([]string{"enter"}, "enter", "start"),
		Demo:  b([]string{"d"}, "d", "demo a sample case"),
		Rules: b([]string{"k"}, "k", "rule browser"),

		Up:      b([]string{"up", "k"}, "↑/k", "up"),
		Down:    b([]string{"down", "j"}, "↓/j", "down"),
		Select:  b([]string{"enter"}, "enter", "choose"),
		Toggle:  b([]string{"space", "x"}, "space", "tick"),
		Confirm: b([]string{"enter"}, "enter", "confirm"),
		Back:    b([]string{"shift+tab", "left", "b"}, "←/b", "back"),
		Skip:    b([]string{"ctrl+s", "tab"}, "tab", "skip"),

		Change:  b([]string{"enter"}, "enter", "change answer"),
		Results: b([]string{"r"}, "r", "see results"),
		Review:  b([]string{"v"}, "v", "review answers"),

		Next:        b([]string{"tab"}, "tab", "next nutrient"),
		Prev:        b([]string{"shift+tab"}, "shift+tab", "previous nutrient"),
		Expand:      b([]string{"enter", "space"}, "enter", "details"),
		Explain:     b([]string{"e"}, "e", "why, answer by answer"),
		Save:        b([]string{"s"}, "s", "save report"),
		SaveAnswers: b([]string{"a"}, "a", "save answers"),
		Restart:     b([]string{"r"}, "r", "start over"),
		ScrollUp:    b([]string{"up"}, "↑", "scroll"),
		ScrollDown:  b([]string{"down"}, "↓", "scroll"),
		PageUp:      b([]string{"pgup"}, "pgup", "page up"),
		PageDown:    b([]string{"pgdown"}, "pgdn", "page down"),

		Panel:    b([]string{"p"}, "p", "live scores"),
		Continue: b([]string{"c"}, "c", "continue questions"),

		Yes:    b([]string{"y"}, "y", "yes"),
		No:     b([]string{"n", "esc"}, "n", "no"),
		Cancel: b([]string{"esc"}, "esc", "cancel"),
		Submit: b([]string{"enter"}, "enter", "save"),
		Close:  b([]string{"esc"}, "esc", "back"),
		Filter: b([]string{"/"}, "/", "filter"),
	}
}

// move moves a cursor over rows rows, wrapping around, when msg is up or
// down; ok reports whether it was.
func (k keyMap) move(msg tea.KeyPressMsg, cursor, rows int) (next int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return (cursor - 1 + rows) % rows, true
	case key.Matches(msg, k.Down):
		return (cursor + 1) % rows, true
	}
	return cursor, false
}

// bindings is a help.KeyMap over a fixed list of bindings.
type bindings struct {
	short []key.Binding
	full  [][]key.Binding
}

func (b bindings) ShortHelp() []key.Binding  { return b.short }
func (b bindings) FullHelp() [][]key.Binding { return b.full }
