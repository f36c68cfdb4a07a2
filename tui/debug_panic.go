//go:build paniccheck

package tui

import tea "charm.land/bubbletea/v2"

// debugKey panics on F12, so the terminal-safety test can check the
// terminal is restored after a crash. It exists only in builds with the
// paniccheck tag, never in the release binary.
func debugKey(msg tea.KeyPressMsg) {
	if msg.String() == "f12" {
		panic("forced panic (paniccheck build)")
	}
}
