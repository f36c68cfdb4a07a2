package tui

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// The screen states that the size, truncation, key and golden tests walk:
// every screen of the app, on any rule base, in a state away from the edges
// (a cursor in the middle of a list, a text scrolled a little) so that
// every key shown can do something.

// testSizes are the window sizes every screen is checked at.
var testSizes = [][2]int{{40, 12}, {60, 20}, {80, 24}, {120, 40}}

// state is one screen in one state.
type state struct {
	name string
	m    Model
}

// fullAnswers answers every question shown on rb: the first option that
// is not "None of these" for a multiple choice, the last option for a
// single one, and "None of these" for the emergency check.
func fullAnswers(t testing.TB, rb *knowledge.RuleBase) knowledge.Answers {
	t.Helper()
	a := knowledge.NewAnswers(rb)
	f := flow{rb}
	for i := f.first(a); i >= 0; i = f.next(a, i) {
		q := &rb.Questions[i]
		o := q.Options[len(q.Options)-1].ID
		switch {
		case q.ID == knowledge.FirstQuestion && q.OptionIndex(knowledge.NoneOption) >= 0:
			o = knowledge.NoneOption
		case q.Kind == knowledge.Multi:
			o = q.Options[0].ID
			if o == knowledge.NoneOption && len(q.Options) > 1 {
				o = q.Options[1].ID
			}
		}
		var err error
		if a, err = a.With(q.ID, o); err != nil {
			t.Fatal(err)
		}
	}
	return a.Pruned()
}

// emergencyOption is an option of the emergency check that raises an
// emergency on its own.
func emergencyOption(t testing.TB, rb *knowledge.RuleBase) int {
	t.Helper()
	top := rb.Levels[len(rb.Levels)-1].ID
	q := rb.Question(knowledge.FirstQuestion)
	for _, s := range rb.EmergencySigns() {
		if s.Flag != nil && s.Flag.Level == top {
			return q.OptionIndex(s.Option.ID)
		}
	}
	t.Fatal("no option of the emergency check raises an emergency")
	return -1
}

// firstMulti is the index of the first multiple-choice question after the
// emergency check, with at least three options.
func firstMulti(t testing.TB, rb *knowledge.RuleBase) int {
	t.Helper()
	for i, q := range rb.Questions {
		if q.Kind == knowledge.Multi && q.ID != knowledge.FirstQuestion && q.EnableWhen == nil && len(q.Options) >= 3 {
			return i
		}
	}
	t.Fatal("no multiple-choice question")
	return -1
}

// firstSingle is the index of the first single-choice question that is
// always asked.
func firstSingle(t testing.TB, rb *knowledge.RuleBase) int {
	t.Helper()
	for i, q := range rb.Questions {
		if q.Kind == knowledge.Single && q.EnableWhen == nil {
			return i
		}
	}
	t.Fatal("no single-choice question")
	return -1
}

// toQuestion presses tab from the welcome screen until question i shows.
func toQuestion(t testing.TB, m Model, i int) Model {
	t.Helper()
	m = press(t, m, "enter")
	for n := 0; n < 200; n++ {
		if q, ok := m.top().(questionScreen); ok && q.index == i {
			return m
		}
		m = press(t, m, "tab")
	}
	t.Fatalf("question %d never showed", i)
	return m
}

// enterOnly presses enter from the welcome screen until the review shows.
func enterOnly(t testing.TB, m Model) Model {
	t.Helper()
	for n := 0; n < 500 && screenName(m) != "review"; n++ {
		m = press(t, m, "enter")
	}
	onScreen(t, m, "review")
	return m
}

// states builds every screen of the app on rb at w×h.
func states(t testing.TB, rb *knowledge.RuleBase, w, h int) []state {
	t.Helper()
	full := fullAnswers(t, rb)
	opts := optionsFor(t, rb)
	opts.Dir = "saves" // nothing is saved here; a fixed name keeps views stable
	opts.Cases = []knowledge.Case{
		{ID: "first_case", Title: "A first sample case with a long title", Story: "A story about a person, long enough to wrap on narrow windows.", Answers: full},
		{ID: "second_case", Title: "A second case", Story: "Another story.", Answers: knowledge.NewAnswers(rb)},
		{ID: "third_case", Title: "A third case", Story: "A third story.", Answers: full},
	}
	fresh := func() Model { return newModelOpts(t, opts, w, h) }
	loaded := func() Model {
		o := opts
		o.Answers = &full
		return newModelOpts(t, o, w, h)
	}
	var out []state
	add := func(name string, m Model) {
		m.status = status{}
		out = append(out, state{name, m})
	}
	add("welcome", fresh())
	add("question-multi", press(t, toQuestion(t, fresh(), firstMulti(t, rb)), "down", "down", "space"))
	add("question-single", press(t, toQuestion(t, fresh(), firstSingle(t, rb)), "down"))
	add("question-first", press(t, fresh(), "enter", "down", "down"))
	add("question-finding", press(t, toQuestion(t, fresh(), firstMulti(t, rb)), "/", "e"))
	add("question-found", press(t, toQuestion(t, fresh(), firstMulti(t, rb)), "/", "e", "enter", "down"))
	em := press(t, fresh(), "enter")
	for i := 0; i <= emergencyOption(t, rb); i++ {
		em = press(t, em, "down")
	}
	add("emergency", press(t, em, "space", "enter"))
	add("review", press(t, loaded(), "down", "down"))
	add("review-empty", press(t, enterOnly(t, fresh()), "up", "up"))
	res := press(t, loaded(), "r", "enter", "tab")
	add("results", res)
	add("results-skipped", press(t, enterOnly(t, fresh()), "r", "down"))
	add("explain", press(t, loaded(), "r", "e", "down"))
	add("browser", press(t, fresh(), "i", "down", "down"))
	add("browser-filter", press(t, fresh(), "i", "/", "a"))
	add("browser-detail", press(t, fresh(), "i", "enter"))
	add("browser-flag", press(t, fresh(), "i", "/", "f", "l", "a", "g", "enter", "enter"))
	add("cases", press(t, fresh(), "d", "down"))
	add("help", press(t, loaded(), "r", "?"))
	add("save-menu", press(t, loaded(), "r", "s"))
	add("sources", press(t, loaded(), "r", "r"))
	add("save", press(t, loaded(), "r", "s", "m"))
	add("confirm-restart", press(t, loaded(), "r", "n"))
	panel := loaded()
	panel.c.panel = true
	add("review-panel", resize(t, press(t, panel, "down"), w, h))
	add("question-panel", resize(t, press(t, panel, "enter", "down", "down"), w, h))
	// Fix the names up with the size, for messages.
	for i := range out {
		out[i].name = fmt.Sprintf("%s@%dx%d", out[i].name, w, h)
	}
	return out
}

// screenContent is every line a screen can show: a text view's whole text,
// or, for a list, the view with the cursor on each row in turn.
func screenContent(t testing.TB, m Model) string {
	t.Helper()
	var b strings.Builder
	if ls, ok := textLines(m); ok {
		b.WriteString(strings.Join(ls, "\n"))
		return b.String()
	}
	eachRow(t, m, func(m Model) {
		b.WriteString(ansi.Strip(m.top().view(&m.c)) + "\n") // the body alone: not the panel beside it
	})
	return b.String()
}

// textLines is the whole text of a screen that scrolls a text (with the
// results' fixed header), or false for a list.
func textLines(m Model) ([]string, bool) {
	switch s := m.top().(type) {
	case resultsScreen:
		return append(lines(s.header(&m.c)), s.text.lines...), true
	case emergencyScreen:
		return s.text.lines, true
	case welcomeScreen:
		return s.text.lines, true
	case explainScreen:
		return s.text.lines, true
	case pagerScreen:
		return s.text.lines, true
	}
	return nil, false
}

// eachRow calls fn with the list on m's screen walked from its first row
// to its last, one row at a time, until the view stops changing.
func eachRow(t testing.TB, m Model, fn func(m Model)) {
	t.Helper()
	m = press(t, m, "home")
	prev := ""
	for n := 0; n < 500; n++ {
		v := m.top().view(&m.c)
		if v == prev {
			return
		}
		fn(m)
		prev = v
		m = press(t, m, "down")
	}
}

// checkBodyFits fails when a screen draws, before the frame clips it to
// the body, a line wider than the body or more lines than its height:
// the frame's clip would cut it, unseen by a check of the frame. A text is
// checked whole; a list with the cursor on each row in turn.
func checkBodyFits(t testing.TB, m Model, where string) {
	t.Helper()
	w, h := m.frame.bodyW, m.frame.bodyH
	check := func(ls []string, height int) {
		t.Helper()
		if height > 0 && len(ls) > height {
			t.Errorf("%s: the body draws %d lines in %d", where, len(ls), height)
		}
		for i, l := range ls {
			if n := ansi.StringWidth(l); n > w {
				t.Errorf("%s: line %d is %d cells in a body %d wide, so it is cut: %q", where, i+1, n, w, ansi.Strip(l))
			}
		}
	}
	check(strings.Split(m.top().view(&m.c), "\n"), h)
	if ls, ok := textLines(m); ok {
		check(ls, 0)
		return
	}
	eachRow(t, m, func(m Model) {
		t.Helper()
		check(strings.Split(m.top().view(&m.c), "\n"), h)
	})
}
