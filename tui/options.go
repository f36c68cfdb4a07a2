// Package tui is twitchcheck's interactive terminal app: a bubbletea program
// over the knowledge engine, and the plain accessible mode that asks the
// same questions line by line. Every question, option and result comes from
// the rule base; the app holds no clinical content of its own.
//
// The app is built from screens (screen.go): small values with update,
// view and keys, sharing one common value (common.go). The root model
// (app.go) routes between them; it draws the frame (frame.go) and the
// footer with its help bar (footer.go), and runs saves and the rule-file
// watcher (watch.go, reload.go). The questionnaire's order lives in flow.go and one
// question's handling in field.go, used by both the app and accessible
// mode.
package tui

import (
	"os"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Options are everything the command line hands the app: one type from the
// flags to the screens.
type Options struct {
	// Rules is the rule base; required.
	Rules *knowledge.RuleBase
	// Answers, when set, are loaded and the app opens at the review.
	// Answers to follow-ups that are not asked are dropped with a warning.
	Answers *knowledge.Answers
	// CaseTitle names the sample case Answers come from (demo mode: the
	// live scores panel starts open).
	CaseTitle string
	// Cases are the sample cases offered by "demo a sample case".
	Cases []knowledge.Case
	// RulesPath and Watch make the app reload the rule base when the file
	// changes.
	RulesPath string
	Watch     bool
	// Theme is ThemeAuto (or "") or ThemeHighContrast.
	Theme string
	// Dir is where saved files go by default; "" is the current directory.
	Dir string
	// Now is the clock for dates in saved files; nil is time.Now.
	Now func() time.Time
	// Accessible asks for the plain, line-by-line mode on stdin and stdout
	// instead of the full-screen app.
	Accessible bool
	// Diary keeps the twitch diary; nil means the app offers none.
	Diary diary.Store
}

// Streams are the process's standard streams and environment.
type Streams struct {
	Stdin          *os.File
	Stdout, Stderr *os.File
	// Environ is the environment, for colours (NO_COLOR, COLORFGBG, TERM).
	Environ []string
}

// Accessible reports whether the plain, line-by-line mode is asked for:
// the --accessible flag, ACCESSIBLE set to anything but an off value
// (0, false, no, off, or empty), or TERM=dumb.
func Accessible(flag bool, getenv func(string) string) bool {
	if flag || getenv("TERM") == "dumb" {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(getenv("ACCESSIBLE"))) {
	case "", "0", "false", "no", "off", "n", "f":
		return false
	}
	return true
}

// Layout limits.
const (
	// MaxWidth caps the content at a readable width; wider windows get
	// margins, never more layout work.
	MaxWidth = 100
	// MinWidth and MinHeight are the smallest window the app draws in;
	// below it, it asks for a larger window.
	MinWidth  = 40
	MinHeight = 12
	// PanelMinWidth is the width from which the live scores panel sits
	// beside the questions instead of below them.
	PanelMinWidth = 110
	// panelWidth is the width of the panel beside the questions.
	panelWidth = 40
	// maxFrameWidth and maxFrameHeight bound the frame the app draws and
	// the screen bubbletea keeps for it: the content is at most MaxWidth
	// wide (with the panel beside, a little more), and a window of a
	// thousand rows needs no more than these. Memory stays the same in a
	// 4000×2000 window as in a 160×500 one.
	maxFrameWidth  = 160
	maxFrameHeight = 500
)

// clampSize bounds a window size to the frame the app draws.
func clampSize(w, h int) (int, int) { return min(w, maxFrameWidth), min(h, maxFrameHeight) }

// getenv looks a name up in an environment list.
func getenv(environ []string, name string) string {
	for i := len(environ) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(environ[i], name+"="); ok {
			return v
		}
	}
	return ""
}
