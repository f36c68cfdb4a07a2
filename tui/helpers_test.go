package tui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/cli"
	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// fixedNow is the clock of every test model.
var fixedNow = time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC)

// ruleBase returns the embedded rule base.
func ruleBase(t testing.TB) *knowledge.RuleBase {
	t.Helper()
	return data.RuleBase()
}

// testOptions are the options of a test model: the embedded rules, a
// fixed clock and a temporary save folder.
func testOptions(t testing.TB) Options {
	t.Helper()
	return Options{Rules: ruleBase(t), Now: func() time.Time { return fixedNow }, Dir: t.TempDir()}
}

// newModel builds a model from opts and gives it a window of w×h.
func newModelOpts(t testing.TB, opts Options, w, h int) Model {
	t.Helper()
	return resize(t, New(opts), w, h)
}

// newModel builds a model with testOptions and a window of w×h.
func newModel(t testing.TB, w, h int) Model {
	t.Helper()
	return newModelOpts(t, testOptions(t), w, h)
}

// resize sends a WindowSizeMsg.
func resize(t testing.TB, m Model, w, h int) Model {
	t.Helper()
	m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// send feeds one message through Update and returns the model and command.
func send(t testing.TB, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(msg)
	nm, ok := next.(Model)
	if !ok {
		t.Fatalf("Update returned %T, want tui.Model", next)
	}
	return nm, cmd
}

// Key presses.
var (
	kEnter    = tea.KeyPressMsg{Code: tea.KeyEnter}
	kSpace    = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	kTab      = tea.KeyPressMsg{Code: tea.KeyTab}
	kShiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	kUp       = tea.KeyPressMsg{Code: tea.KeyUp}
	kDown     = tea.KeyPressMsg{Code: tea.KeyDown}
	kLeft     = tea.KeyPressMsg{Code: tea.KeyLeft}
	kEsc      = tea.KeyPressMsg{Code: tea.KeyEscape}
	kCtrlC    = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
)

// letter is the key press of a printable character.
func letter(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// keysOf turns key names ("enter", "space", "down", "shift+tab", ...) or
// single characters into key presses.
func keyOf(t testing.TB, name string) tea.KeyPressMsg {
	t.Helper()
	switch name {
	case "enter":
		return kEnter
	case "space":
		return kSpace
	case "tab":
		return kTab
	case "shift+tab":
		return kShiftTab
	case "up":
		return kUp
	case "down":
		return kDown
	case "left":
		return kLeft
	case "esc":
		return kEsc
	case "ctrl+c":
		return kCtrlC
	}
	r := []rune(name)
	if len(r) != 1 {
		t.Fatalf("unknown key %q", name)
	}
	return letter(r[0])
}

// press feeds key presses, by name, through Update, one at a time, and
// returns the model. Commands are dropped.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m, _ = send(t, m, keyOf(t, k))
	}
	return m
}

// text is the view without styles.
func text(m Model) string { return ansi.Strip(m.View().Content) }

// mustContain fails unless s contains every want.
func mustContain(t testing.TB, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("view lacks %q; view:\n%s", w, s)
		}
	}
}

// mustNotContain fails if s contains any of bad.
func mustNotContain(t testing.TB, s string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(s, b) {
			t.Errorf("view has %q; view:\n%s", b, s)
		}
	}
}

// question returns the question on screen, failing if there is none.
func onQuestion(t testing.TB, m Model, id string) {
	t.Helper()
	if m.screen != questionScreen {
		t.Fatalf("screen = %v, want the question %q", m.screen, id)
	}
	if q := m.currentQuestion(); q == nil || q.ID != id {
		got := "<nil>"
		if q != nil {
			got = q.ID
		}
		t.Fatalf("question on screen = %s, want %s", got, id)
	}
}

// onScreen fails unless m shows screen s.
func onScreen(t testing.TB, m Model, s screenID) {
	t.Helper()
	if m.screen != s {
		t.Fatalf("screen = %v, want %v", m.screen, s)
	}
}

func (s screenID) String() string {
	switch s {
	case welcomeScreen:
		return "welcome"
	case questionScreen:
		return "question"
	case emergencyScreen:
		return "emergency"
	case reviewScreen:
		return "review"
	case resultsScreen:
		return "results"
	case explainScreen:
		return "explain"
	case casesScreen:
		return "cases"
	case browserScreen:
		return "browser"
	}
	return "screen(" + strconv.Itoa(int(s)) + ")"
}

// optionKeys returns the keys that choose the options opts of question qid
// from a freshly opened question (cursor on the first option): for a single
// choice, downs and enter; for a multi choice, a space on each and enter.
// No options means skip (tab).
func optionKeys(t testing.TB, rb *knowledge.RuleBase, qid string, opts ...string) []string {
	t.Helper()
	q := rb.Question(qid)
	if q == nil {
		t.Fatalf("no question %q", qid)
	}
	if len(opts) == 0 {
		return []string{"tab"}
	}
	var keys []string
	cur := 0
	for _, o := range opts {
		i := q.OptionIndex(o)
		if i < 0 {
			t.Fatalf("question %s has no option %q", qid, o)
		}
		if i < cur {
			t.Fatalf("optionKeys: options of %s must be in order", qid)
		}
		for ; cur < i; cur++ {
			keys = append(keys, "down")
		}
		if q.Kind == knowledge.Multi {
			keys = append(keys, "space")
		}
	}
	return append(keys, "enter")
}

// answer answers the question on screen, which must be qid.
func answerQ(t testing.TB, m Model, qid string, opts ...string) Model {
	t.Helper()
	onQuestion(t, m, qid)
	return press(t, m, optionKeys(t, m.rb, qid, opts...)...)
}

// script is a whole questionnaire: the answer to each question shown, in
// order. nil skips a question.
type script []struct {
	q    string
	opts []string
}

// vegan is the vegan_b12 sample case as a script.
var veganScript = script{
	{"serious", []string{"none"}},
	{"location", []string{"legs", "feet"}},
	{"duration", []string{"2_weeks_to_3_months"}},
	{"frequency", []string{"daily"}},
	{"spreading", []string{"no"}},
	{"symptoms", []string{"numbness_tingling", "fatigue", "memory_problems", "sore_tongue"}},
	{"caffeine", []string{"1_2_cups"}},
	{"stress", []string{"moderate"}},
	{"sleep", []string{"7_plus"}},
	{"exercise", nil},
	{"fluids", nil},
	{"sweating", nil},
	{"alcohol", nil},
	{"nicotine", nil},
	{"diet", []string{"vegan"}},
	{"dairy", []string{"rarely"}},
	{"greens", nil},
	{"fruit_veg", nil},
	{"sun", nil},
	{"medications", []string{"none"}},
	{"supplements", []string{"none"}},
	{"conditions", []string{"none"}},
	{"age", []string{"18_49"}},
}

// keys is the key presses that answer the script from the first question.
func (s script) keys(t testing.TB, rb *knowledge.RuleBase) []string {
	t.Helper()
	var keys []string
	for _, a := range s {
		keys = append(keys, optionKeys(t, rb, a.q, a.opts...)...)
	}
	return keys
}

// answers is the script as answers.
func (s script) answers(t testing.TB, rb *knowledge.RuleBase) knowledge.Answers {
	t.Helper()
	a := knowledge.NewAnswers(rb)
	for _, x := range s {
		var err error
		if a, err = a.With(x.q, x.opts...); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// run answers the script from the welcome screen, checking that each
// question comes in order, and returns the model at the review screen.
func (s script) run(t testing.TB, m Model) Model {
	t.Helper()
	onScreen(t, m, welcomeScreen)
	m = press(t, m, "enter")
	for _, a := range s {
		m = answerQ(t, m, a.q, a.opts...)
	}
	onScreen(t, m, reviewScreen)
	return m
}

// veganCase returns the vegan_b12 sample case.
func veganCase(t testing.TB) knowledge.Case {
	t.Helper()
	cases, err := cli.LoadCases(ruleBase(t))
	if err != nil {
		t.Fatalf("cli.LoadCases: %v", err)
	}
	for _, c := range cases {
		if c.ID == "vegan_b12" {
			return c
		}
	}
	t.Fatal("no vegan_b12 case")
	return knowledge.Case{}
}

// withAnswers returns a model opened on answers a (at the review screen).
func withAnswers(t testing.TB, a knowledge.Answers, title string, w, h int) Model {
	t.Helper()
	opts := testOptions(t)
	opts.Answers = &a
	opts.CaseTitle = title
	return newModelOpts(t, opts, w, h)
}

// checkFits fails if any line of the view is wider than w or the view has
// more than h lines.
func checkFits(t testing.TB, m Model, w, h int, where string) {
	t.Helper()
	content := m.View().Content
	lines := strings.Split(content, "\n")
	if len(lines) > h {
		t.Errorf("%s at %d×%d: %d lines, more than the height", where, w, h, len(lines))
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("%s at %d×%d: line %d is %d cells wide: %q", where, w, h, i+1, n, ansi.Strip(l))
		}
	}
}

// score returns the score of deficiency id in m's current result.
func scoreOf(t testing.TB, m Model, id string) int {
	t.Helper()
	for _, d := range m.result.Deficiencies {
		if d.ID == id {
			return d.Score
		}
	}
	t.Fatalf("no deficiency %q", id)
	return 0
}

// flat joins the words of s with single spaces, so text wrapped across
// lines can be searched.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// loadCases returns the embedded sample cases.
func loadCases(t testing.TB) ([]knowledge.Case, error) {
	t.Helper()
	return cli.LoadCases(ruleBase(t))
}
