package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/cli"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestMonkey drives the root model with 10,000 random key presses and
// window sizes (1×1 and 300×100 among them) from a fixed seed. It must
// never panic; the answers it holds must always be valid per the contract
// (they survive a round trip through the answers parser); and View() must
// always fit the size it was given.
func TestMonkey(t *testing.T) {
	rb := ruleBase(t)
	cases, err := cli.LoadCases(rb)
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(t)
	opts.Cases = cases
	keys := []string{"enter", "enter", "space", "space", "up", "down", "down", "tab", "shift+tab", "left", "esc",
		"b", "c", "d", "e", "k", "j", "p", "r", "v", "y", "n", "x", "/", "?", "a", "s", "1", "z"}
	sizes := [][2]int{{1, 1}, {39, 11}, {40, 12}, {80, 24}, {100, 30}, {110, 30}, {120, 40}, {300, 100}, {60, 15}}
	const steps = 10000
	r := rand.New(rand.NewPCG(20261122, 1))
	m := New(opts)
	var tm tea.Model = m
	w, h := 80, 24
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: w, Height: h})
	screens := map[screenID]int{}
	for i := 0; i < steps; i++ {
		var msg tea.Msg
		switch n := r.IntN(100); {
		case n < 4:
			s := sizes[r.IntN(len(sizes))]
			w, h = s[0], s[1]
			msg = tea.WindowSizeMsg{Width: w, Height: h}
		case n < 5:
			msg = tea.BackgroundColorMsg{} // light background
		default:
			k := keys[r.IntN(len(keys))]
			msg = keyOf(t, k)
		}
		var cmd tea.Cmd
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("step %d: panic on %#v at %dx%d on screen %v: %v", i, msg, w, h, tm.(Model).screen, p)
				}
			}()
			tm, cmd = tm.Update(msg)
		}()
		m := tm.(Model)
		screens[m.screen]++
		// Commands are not run, so a save writes no file.
		_ = cmd
		if m.quitting {
			// Quitting ends a real program; start a fresh one at the
			// same size, as a new run would.
			tm, _ = New(opts).Update(tea.WindowSizeMsg{Width: w, Height: h})
			continue
		}
		checkAnswers(t, i, rb, m.Answers())
		view := m.View().Content
		lines := strings.Split(view, "\n")
		if len(lines) > max(h, 1) {
			t.Fatalf("step %d: %d lines at height %d on %v:\n%s", i, len(lines), h, m.screen, ansi.Strip(view))
		}
		for _, l := range lines {
			if lw := ansi.StringWidth(l); lw > w {
				t.Fatalf("step %d: a line of %d cells at width %d on %v: %q", i, lw, w, m.screen, ansi.Strip(l))
			}
		}
	}
	// The walk should reach most screens, or it proves little.
	t.Logf("steps per screen: %v", screens)
	for _, s := range []screenID{welcomeScreen, questionScreen, reviewScreen, resultsScreen, explainScreen, casesScreen, browserScreen} {
		if screens[s] == 0 {
			t.Errorf("the monkey never reached %v: %v", s, screens)
		}
	}
}

// checkAnswers checks answers are valid per the contract: they re-parse
// to the same answers.
func checkAnswers(t *testing.T, step int, rb *knowledge.RuleBase, a knowledge.Answers) {
	t.Helper()
	back, err := knowledge.ParseAnswers(rb, "monkey", a.YAML())
	if err != nil {
		t.Fatalf("step %d: the answers held are not valid: %v\n%s", step, err, a.YAML())
	}
	if !back.Equal(a) {
		t.Fatalf("step %d: the answers do not survive a round trip:\n%s", step, a.YAML())
	}
}
