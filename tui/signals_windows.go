//go:build windows

package tui

import (
	"os"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// suspendSupported reports whether ctrl+z can suspend the app.
const suspendSupported = false

// quitSignals end the app cleanly. (syscall.SIGINT is os.Interrupt, named
// by its constant so the list is static data, not made at start-up.)
var quitSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM}

func newSignals() *signals { return &signals{quit: make(chan os.Signal, 2)} }

func signalNumber(v os.Signal) int {
	if n, ok := v.(syscall.Signal); ok {
		return int(n)
	}
	return 0
}

func (s *signals) startSuspend(chan struct{}) {}

func (s *signals) stopSuspend() {}

func (s *signals) filter(_ tea.Model, msg tea.Msg) tea.Msg { return msg }
