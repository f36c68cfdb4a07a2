package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/twitchcheck/twitchcheck/report"
)

// finalModel waits for the program to end and returns the app's model.
func finalModel(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	m, ok := fm.(Model)
	if !ok {
		t.Fatalf("final model is %T", fm)
	}
	return m
}

// TestTeatestEnterOnly runs the real program, pressing only enter: nothing
// is recorded, and the result says first that the
// emergency check was skipped.
func TestTeatestEnterOnly(t *testing.T) {
	t.Parallel()
	tm := teatest.NewTestModel(t, New(testOptions(t)), teatest.WithInitialTermSize(100, 30))
	// Thirty enters go through every question to the results (r there
	// would open the sources).
	for range 30 {
		tm.Send(kEnter)
	}
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(string(b), report.SkippedHeading)
	}, teatest.WithDuration(5*time.Second))
	tm.Send(letter('q'))
	m := finalModel(t, tm)
	if m.c.answers.Count() != 0 || !m.c.result.Triage.Skipped() {
		t.Fatalf("answers %v; skipped %v", m.c.answers.Refs(), m.c.result.Triage.Skipped())
	}
	if m.ExitCode() != 0 {
		t.Errorf("exit %d", m.ExitCode())
	}
}

// TestTeatestAnswerAndSave answers the questionnaire, saves the report
// through the real command, and quits without being asked (it is saved).
func TestTeatestAnswerAndSave(t *testing.T) {
	t.Parallel()
	rb := testRules(t)
	opts := testOptions(t)
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(100, 30))
	tm.Send(kEnter)
	for _, k := range tinglingScript.keys(t, rb) {
		tm.Send(keyOf(t, k))
	}
	for _, k := range []string{"r", "s", "m", "enter"} {
		tm.Send(keyOf(t, k))
	}
	path := filepath.Join(opts.Dir, "twitchcheck-report-2026-11-23.md")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		_, err := os.Stat(path)
		return err == nil && strings.Contains(string(b), "Saved")
	}, teatest.WithDuration(5*time.Second))
	tm.Send(letter('q'))
	m := finalModel(t, tm)
	if !m.c.answers.Equal(tinglingScript.answers(t, rb).Pruned()) {
		t.Errorf("answers %v", m.c.answers.Refs())
	}
	if !m.quitting || m.ExitCode() != 0 {
		t.Errorf("quitting %v, exit %d", m.quitting, m.ExitCode())
	}
}

// TestTeatestResize resizes below the smallest size and back: keys typed
// while the window is too small still count, and ctrl+c ends with 130.
func TestTeatestResize(t *testing.T) {
	t.Parallel()
	tm := teatest.NewTestModel(t, New(testOptions(t)), teatest.WithInitialTermSize(100, 30))
	tm.Send(kEnter)
	tm.Send(tea.WindowSizeMsg{Width: 30, Height: 10})
	tm.Send(kDown)
	tm.Send(kSpace)
	tm.Send(tea.WindowSizeMsg{Width: 90, Height: 25})
	tm.Send(kEnter)
	tm.Send(kCtrlC)
	m := finalModel(t, tm)
	if m.ExitCode() != exitInterrupted {
		t.Errorf("exit %d after ctrl+c, want %d", m.ExitCode(), exitInterrupted)
	}
	if !m.c.answers.Has("serious", "none") {
		t.Errorf("answers %v: a key pressed in a too-small window was lost", m.c.answers.Refs())
	}
	if m.winW != 90 || m.winH != 25 {
		t.Errorf("window %d×%d", m.winW, m.winH)
	}
}

// TestTeatestQuitShowsTheEmergencyFirst runs the real program: an
// emergency sign ticked, q shows the emergency notice, not the quit
// question; q and y there quit.
func TestTeatestQuitShowsTheEmergencyFirst(t *testing.T) {
	t.Parallel()
	rb := testRules(t)
	tm := teatest.NewTestModel(t, New(testOptions(t)), teatest.WithInitialTermSize(100, 30))
	tm.Send(kEnter)
	for range rb.Question("serious").OptionIndex("chest_pain") + 1 {
		tm.Send(kDown)
	}
	tm.Send(kSpace)
	tm.Send(letter('q'))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(string(b), "Call emergency services now.")
	}, teatest.WithDuration(5*time.Second))
	tm.Send(letter('q'))
	tm.Send(letter('y'))
	m := finalModel(t, tm)
	if _, ok := m.top().(emergencyScreen); !ok {
		t.Errorf("quit from the %s screen, not the emergency notice", screenName(m))
	}
	if !m.c.answers.Has("serious", "chest_pain") || m.ExitCode() != 0 {
		t.Errorf("answers %v, exit %d", m.c.answers.Refs(), m.ExitCode())
	}
}
