//go:build !paniccheck

package tui

import tea "charm.land/bubbletea/v2"

// debugKey is a hook for the terminal-safety test build (tag paniccheck);
// in every other build it does nothing.
func debugKey(tea.KeyPressMsg) {}
