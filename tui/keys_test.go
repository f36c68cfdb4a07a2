package tui

import (
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// TestKeyHelpers checks that the key presses the tests build read as the
// names the keymap binds, so that a test pressing "space" presses what a
// terminal sends for the space bar.
func TestKeyHelpers(t *testing.T) {
	km := newKeyMap()
	for _, tc := range []struct {
		name string
		msg  tea.KeyPressMsg
		want string
		b    key.Binding
	}{
		{"enter", kEnter, "enter", km.Select},
		{"space", kSpace, "space", km.Toggle},
		{"tab", kTab, "tab", km.Skip},
		{"shift+tab", kShiftTab, "shift+tab", km.Back},
		{"up", kUp, "up", km.Up},
		{"down", kDown, "down", km.Down},
		{"left", kLeft, "left", km.Back},
		{"esc", kEsc, "esc", km.Cancel},
		{"ctrl+c", kCtrlC, "ctrl+c", km.ForceQuit},
		{"b", letter('b'), "b", km.Back},
		{"k", letter('k'), "k", km.Up},
		{"j", letter('j'), "j", km.Down},
		{"x", letter('x'), "x", km.Toggle},
		{"q", letter('q'), "q", km.Quit},
		{"r", letter('r'), "r", km.Results},
		{"c", letter('c'), "c", km.Continue},
		{"p", letter('p'), "p", km.Panel},
		{"e", letter('e'), "e", km.Explain},
		{"s", letter('s'), "s", km.Save},
		{"a", letter('a'), "a", km.SaveAnswers},
		{"y", letter('y'), "y", km.Yes},
		{"n", letter('n'), "n", km.No},
		{"d", letter('d'), "d", km.Demo},
	} {
		if got := tc.msg.String(); got != tc.want {
			t.Errorf("%s: String() = %q, want %q", tc.name, got, tc.want)
		}
		if !key.Matches(tc.msg, tc.b) {
			t.Errorf("%s: does not match binding %v", tc.name, tc.b.Keys())
		}
		if got := keyOf(t, tc.name); got.String() != tc.want {
			t.Errorf("keyOf(%q).String() = %q", tc.name, got.String())
		}
	}
	// The bindings use v2 key names only: " " would never match.
	for _, b := range []key.Binding{km.Toggle, km.Expand} {
		for _, k := range b.Keys() {
			if k == " " {
				t.Errorf("binding %v uses \" \" rather than \"space\"", b.Keys())
			}
		}
	}
}
