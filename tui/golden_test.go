package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// Golden views. Refresh with: go test ./tui -run TestGolden -update
// (the -update flag is golden's).

var goldenSizes = [][2]int{{40, 12}, {80, 24}, {120, 40}}

// goldenText is the view as plain text, one line per row, with trailing
// spaces kept: the layout is what is compared.
func goldenText(m Model) string {
	return ansi.Strip(m.View().Content) + "\n"
}

func TestGoldenQuestion(t *testing.T) {
	c := veganCase(t)
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := withAnswers(t, c.Answers, c.Title, sz[0], sz[1])
			m = press(t, m, "down", "down", "down", "down", "down", "enter") // symptoms
			onQuestion(t, m, "symptoms")
			m = press(t, m, "down", "down") // cursor on a ticked option
			golden.RequireEqual(t, goldenText(m))
		})
	}
}

func TestGoldenResults(t *testing.T) {
	c := veganCase(t)
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := withAnswers(t, c.Answers, c.Title, sz[0], sz[1])
			m = press(t, m, "r")
			onScreen(t, m, resultsScreen)
			golden.RequireEqual(t, goldenText(m))
		})
	}
}

func TestGoldenIsDeterministic(t *testing.T) {
	// The same model drawn twice, and two models built alike, draw the
	// same text: nothing depends on the clock or on map order.
	c := veganCase(t)
	a := press(t, withAnswers(t, c.Answers, c.Title, 80, 24), "r", "tab", "enter")
	b := press(t, withAnswers(t, c.Answers, c.Title, 80, 24), "r", "tab", "enter")
	once, twice := goldenText(a), goldenText(a)
	if once != twice || once != goldenText(b) {
		t.Error("the results view is not deterministic")
	}
	if strings.Contains(goldenText(a), "\x1b") {
		t.Error("escape codes left after stripping")
	}
}
