package tui

import (
	"charm.land/bubbles/v2/key"
)

// Every key of the app is declared here, once: the keys, and the words the
// help shows for them. A screen holds the bindings it handles, enables the
// ones that work in its state (as huh's fields do), matches keys only
// against them, and lists them for the help bar and the full help: what
// the help shows is what the screen handles. A key means one thing across
// the app: ↑/↓ (and k/j) move or scroll, enter chooses or opens, tab goes
// forward and shift+tab back, esc leaves, space ticks.

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// keySet is what a screen handles in its state: short is shown in the help
// bar (most important first), more only in the full help.
type keySet struct {
	short, more []key.Binding
}

// all lists every enabled binding of the set.
func (k keySet) all() []key.Binding {
	var out []key.Binding
	for _, b := range append(append([]key.Binding(nil), k.short...), k.more...) {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

// globalKeys work on every screen; the root handles them.
type globalKeys struct {
	Help, Quit, ForceQuit, Suspend, Panel, Problems key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Help:      bind("?", "help", "?"),
		Quit:      bind("q", "quit", "q"),
		ForceQuit: bind("ctrl+c", "quit now", "ctrl+c"),
		Suspend:   bind("ctrl+z", "suspend (fg to come back)", "ctrl+z"),
		Panel:     bind("p", "live scores", "p"),
		Problems:  bind("w", "rule-file problems", "w"),
	}
}

// navKeys move a cursor over a list, or scroll a text.
type navKeys struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
}

// newNavKeys returns the keys of a list; what is "up, down" in a list is
// "scroll" in a text.
func newNavKeys(scroll bool) navKeys {
	up, down := "up", "down"
	if scroll {
		up, down = "scroll up", "scroll down"
	}
	return navKeys{
		Up:       bind("↑/k", up, "up", "k"),
		Down:     bind("↓/j", down, "down", "j"),
		Top:      bind("g/home", "first", "home", "g"),
		Bottom:   bind("G/end", "last", "end", "G"),
		PageUp:   bind("pgup", "page up", "pgup"),
		PageDown: bind("pgdn", "page down", "pgdown"),
	}
}

// setEnabled enables or disables every nav key.
func (n *navKeys) setEnabled(on bool) {
	for _, b := range []*key.Binding{&n.Up, &n.Down, &n.Top, &n.Bottom, &n.PageUp, &n.PageDown} {
		b.SetEnabled(on)
	}
}

// backKey leaves a screen for the one before it.
func backKey(desc string) key.Binding { return bind("esc", desc, "esc") }

// questionBackKey goes to the previous question: every key a person might
// try for "back".
func questionBackKey() key.Binding {
	return bind("←/b/esc", "back", "left", "b", "esc", "shift+tab")
}

// foundBackKey goes to the previous question while a find hides some
// options: esc then shows every option again, so it is not back.
func foundBackKey() key.Binding {
	return bind("←/b", "back", "left", "b", "shift+tab")
}

// at enables the keys that move a cursor at cur in rows 0..last (-1: no
// row yet, where any move goes to the first): at the top, up does
// nothing, so it is not offered.
func (n *navKeys) at(cur, last int) {
	n.Up.SetEnabled(cur != 0 && last >= 0)
	n.PageUp.SetEnabled(cur != 0 && last >= 0)
	n.Top.SetEnabled(cur != 0 && last >= 0)
	n.Down.SetEnabled(cur < last)
	n.PageDown.SetEnabled(cur < last)
	n.Bottom.SetEnabled(cur != last && last >= 0)
}

// typingNavKeys move a cursor while letters are typed into a filter:
// arrows and page keys only.
func typingNavKeys() navKeys {
	return navKeys{
		Up:       bind("↑", "up", "up"),
		Down:     bind("↓", "down", "down"),
		PageUp:   bind("pgup", "page up", "pgup"),
		PageDown: bind("pgdn", "page down", "pgdown"),
		Top:      key.NewBinding(key.WithDisabled()),
		Bottom:   key.NewBinding(key.WithDisabled()),
	}
}

// findKeys find a question's option by typing some of its words: / starts,
// enter ends with the options found, esc shows every option again.
type findKeys struct {
	typingNav         navKeys
	Find, Done, Clear key.Binding
}

func newFindKeys() findKeys {
	return findKeys{
		typingNav: typingNavKeys(),
		Find:      bind("/", "find an option", "/"),
		Done:      bind("enter", "done finding", "enter"),
		Clear:     bind("esc", "show every option", "esc"),
	}
}

// textKeys are the keys a text field handles itself (the filter, the file
// name), for the full help.
func textKeys() []key.Binding {
	return []key.Binding{
		bind("letters, space", "type", "space"),
		bind("←/→/home/end", "move in the text", "left", "right", "home", "end", "ctrl+a", "ctrl+e", "ctrl+b", "ctrl+f", "alt+left", "alt+right", "ctrl+left", "ctrl+right", "alt+b", "alt+f"),
		bind("backspace", "delete", "backspace", "delete", "ctrl+h", "ctrl+d", "ctrl+w", "ctrl+k", "ctrl+u", "alt+backspace", "alt+delete", "alt+d"),
	}
}
