package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twitchcheck/twitchcheck/internal/tmuxtest"
)

// TestTerminalQuestionnaire answers a whole questionnaire in tmux at
// 100×30 and checks the result, then that the terminal is restored.
func TestTerminalQuestionnaire(t *testing.T) {
	s := tmuxtest.New(t, 100, 30)
	s.Line(binPath + "; echo EXIT=$?")
	s.WaitFor("Press Enter to start", 5*time.Second)
	s.Keys("Enter")
	s.WaitFor("question 1 of", 2*time.Second)
	// No option is under the cursor until ↓: enter on its own records
	// nothing. Ticks take space.
	s.Keys("Down", "Space", "Enter") // serious: None of these
	s.WaitFor("Where do you feel the twitching?", 2*time.Second)
	s.Keys("Down", "Down", "Down", "Down", "Down", "Down", "Space", "Down", "Space", "Enter") // legs, feet
	s.WaitFor("How long has the twitching been going on?", 2*time.Second)
	s.Keys("Down", "Down", "Down", "Down", "Enter") // 2 weeks to 3 months
	s.Keys("Tab", "Tab")                            // frequency, spreading: skipped
	s.WaitFor("Do you have any of these as well?", 2*time.Second)
	s.Keys("Down", "Down", "Down", "Space") // numbness or pins and needles
	for i := 0; i < 8; i++ {
		s.Keys("Down")
	}
	s.Keys("Space", "Enter") // a sore, red, smooth tongue
	s.WaitFor("caffeinated drinks", 2*time.Second)
	for i := 0; i < 8; i++ { // caffeine … nicotine
		s.Keys("Tab")
	}
	s.WaitFor("Which best describes how you eat?", 2*time.Second)
	s.Keys("Down", "Down", "Down", "Down", "Enter") // vegan
	for i := 0; i < 8; i++ {                        // dairy … age
		s.Keys("Tab")
	}
	s.WaitFor("Review your answers", 2*time.Second)
	s.Keys("r")
	s.WaitFor("Triage: SEE A DOCTOR", 2*time.Second)
	s.Keys("Tab", "BTab") // the reasons come first: go to the nutrients
	scr := s.WaitFor("> ▸ ", 2*time.Second)
	if !strings.Contains(scr, "> ▸ Vitamin B12") {
		t.Errorf("top deficiency is not Vitamin B12:\n%s", scr)
	}
	s.Keys("q") // answers not saved: it asks first
	s.WaitFor("Quit? Your answers are not saved", 2*time.Second)
	s.Keys("y")
	scr = s.WaitFor("EXIT=0", 3*time.Second)
	if strings.Contains(scr, "Triage:") {
		t.Errorf("the app's screen is still shown after quitting:\n%s", scr)
	}
	s.CheckRestored()
}

// TestTerminalSmallAndAccessible checks the smallest window and that the
// app writes nothing unless asked.
func TestTerminalSmallWindow(t *testing.T) {
	s := tmuxtest.New(t, 40, 12)
	s.Line(binPath + "; echo EXIT=$?")
	s.WaitFor("Press Enter", 5*time.Second)
	s.Resize(30, 10)
	s.WaitFor("make the window larger", 2*time.Second)
	s.Resize(40, 12)
	s.WaitFor("Press Enter", 2*time.Second)
	s.Keys("C-c")
	s.WaitFor("EXIT=130", 3*time.Second)
	s.CheckRestored()
	dir := strings.TrimSpace(s.Format("#{pane_current_path}"))
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			t.Errorf("the app wrote %s without being asked", filepath.Join(dir, e.Name()))
		}
	}
}

// TestTerminalResultsFirstScreen opens a sample case's results in tmux at
// 60, 80 and 120 columns: the first screen names what the answers point
// to, the footer holds the save key, s opens the save menu, and esc
// cancels it without a tick.
func TestTerminalResultsFirstScreen(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}} {
		s := tmuxtest.New(t, size[0], size[1])
		s.Line(binPath + " --case exam_week; echo EXIT=$?")
		s.WaitFor("Review your answers", 5*time.Second)
		s.Keys("r")
		scr := s.WaitFor("Triage: SELF-CARE", 2*time.Second)
		for _, want := range []string{"Caffeine", "sleep", "Stress", "s save"} {
			if !strings.Contains(strings.Join(strings.Fields(scr), " "), want) {
				t.Errorf("%dx%d: the first screen lacks %q:\n%s", size[0], size[1], want, scr)
			}
		}
		s.Keys("s")
		s.WaitFor("Save which?", 2*time.Second)
		s.Keys("Escape")
		scr = s.WaitFor("Not saved.", 2*time.Second)
		if strings.Contains(scr, "✓") {
			t.Errorf("%dx%d: a tick on a save not made:\n%s", size[0], size[1], scr)
		}
		s.Keys("C-c")
		s.WaitFor("EXIT=", 3*time.Second)
	}
}
