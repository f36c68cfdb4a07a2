//go:build !windows

package tui

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// suspendSupported reports whether ctrl+z can suspend the app.
const suspendSupported = true

// quitSignals end the app cleanly; SIGQUIT too, so the terminal is
// restored rather than left raw. (syscall.SIGINT is os.Interrupt, named
// by its constant so the list is static data, not made at start-up.)
var quitSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

func newSignals() *signals {
	return &signals{quit: make(chan os.Signal, 2), tstp: make(chan os.Signal, 1)}
}

func signalNumber(v os.Signal) int {
	if n, ok := v.(syscall.Signal); ok {
		return int(n)
	}
	return 0
}

// startSuspend handles SIGTSTP. From outside (kill -TSTP), it asks
// bubbletea to suspend, which gives the terminal back first. Bubbletea
// then sends SIGTSTP to the process group to stop: once a Go program has
// listened to a signal, its default action is gone, so the process stops
// itself with SIGSTOP, which cannot be caught. fg (SIGCONT) resumes it and
// bubbletea takes the terminal again.
func (s *signals) startSuspend(done chan struct{}) {
	signal.Notify(s.tstp, syscall.SIGTSTP)
	go func() {
		for {
			select {
			case <-s.tstp:
				if s.suspending.Load() {
					_ = syscall.Kill(syscall.Getpid(), syscall.SIGSTOP)
				} else if s.send != nil {
					s.send(tea.SuspendMsg{})
				}
			case <-done:
				return
			}
		}
	}()
}

func (s *signals) stopSuspend() { signal.Stop(s.tstp) }

// filter sees every message before the app: it notes when bubbletea
// suspends (ctrl+z, or a SIGTSTP relayed) and resumes.
func (s *signals) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.SuspendMsg:
		s.suspending.Store(true)
	case tea.ResumeMsg:
		s.suspending.Store(false)
	}
	return msg
}
