package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Behaviour tests run on the small fixed rule base of internal/testrules,
// so a question or a deficiency added to data/rules.yaml breaks none of
// them. Only the tests named Real… use the real rule base: a few golden
// views and end-to-end runs, and the behaviour suite run on it (and on a
// copy with a question and a deficiency added) to show that the behaviour
// does not depend on the content.

// fixedNow is the clock of every test model.
var fixedNow = time.Date(2026, 11, 23, 10, 30, 0, 0, time.UTC)

// testRules is the small test rule base.
func testRules(t testing.TB) *knowledge.RuleBase {
	t.Helper()
	return testrules.RuleBase()
}

// realRules is the embedded rule base.
func realRules(t testing.TB) *knowledge.RuleBase {
	t.Helper()
	return data.RuleBase()
}

// optionsFor are the options of a test model on rb: a fixed clock and a
// temporary save folder.
func optionsFor(t testing.TB, rb *knowledge.RuleBase) Options {
	t.Helper()
	return Options{Rules: rb, Now: func() time.Time { return fixedNow }, Dir: t.TempDir()}
}

// testOptions are optionsFor the test rule base.
func testOptions(t testing.TB) Options { return optionsFor(t, testRules(t)) }

// newModelOpts builds a model from opts in a window of w×h.
func newModelOpts(t testing.TB, opts Options, w, h int) Model {
	t.Helper()
	return resize(t, New(opts), w, h)
}

// newModel builds a model on the test rule base in a window of w×h.
func newModel(t testing.TB, w, h int) Model {
	t.Helper()
	return newModelOpts(t, testOptions(t), w, h)
}

// withAnswers opens a model on answers a (at the review).
func withAnswers(t testing.TB, a knowledge.Answers, caseTitle string, w, h int) Model {
	t.Helper()
	opts := optionsFor(t, a.RuleBase())
	opts.Answers = &a
	opts.CaseTitle = caseTitle
	return newModelOpts(t, opts, w, h)
}

// answersOf parses answers in YAML for rb.
func answersOf(t testing.TB, rb *knowledge.RuleBase, yaml string) knowledge.Answers {
	t.Helper()
	a, err := knowledge.ParseAnswers(rb, "test", []byte(yaml))
	if err != nil {
		t.Fatalf("answers: %v", err)
	}
	return a
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
	kHome     = tea.KeyPressMsg{Code: tea.KeyHome}
	kEnd      = tea.KeyPressMsg{Code: tea.KeyEnd}
	kPgUp     = tea.KeyPressMsg{Code: tea.KeyPgUp}
	kPgDown   = tea.KeyPressMsg{Code: tea.KeyPgDown}
	kCtrlC    = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	kBack     = tea.KeyPressMsg{Code: tea.KeyBackspace}
	kCtrlV    = tea.KeyPressMsg{Code: 'v', Mod: tea.ModCtrl}
	kCtrlZ    = tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
)

// letter is the key press of a printable character.
func letter(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// keyOf turns a key name ("enter", "space", "down", "shift+tab", ...) or a
// single character into a key press.
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
	case "home":
		return kHome
	case "end":
		return kEnd
	case "pgup":
		return kPgUp
	case "pgdown":
		return kPgDown
	case "ctrl+c":
		return kCtrlC
	case "backspace":
		return kBack
	case "ctrl+v":
		return kCtrlV
	case "ctrl+z":
		return kCtrlZ
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

// pressCmd presses one key and returns the command too.
func pressCmd(t testing.TB, m Model, k string) (Model, tea.Cmd) {
	t.Helper()
	return send(t, m, keyOf(t, k))
}

// run runs cmd and the commands it leads to, feeding the app's own
// messages (a save's end) back into the model; other messages are
// dropped. It reports whether the model asked to quit.
func run(t testing.TB, m Model, cmd tea.Cmd) (Model, bool) {
	t.Helper()
	quit := false
	var walk func(cmd tea.Cmd)
	walk = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				walk(c)
			}
		case tea.QuitMsg:
			quit = true
		case savedMsg:
			var next tea.Cmd
			m, next = send(t, m, msg)
			walk(next)
		}
	}
	walk(cmd)
	return m, quit
}

// text is the view without styles.
func text(m Model) string { return ansi.Strip(m.View().Content) }

// flat joins the words of s with single spaces, so text wrapped across
// lines can be searched.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

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

// screenName names the top screen, for messages.
func screenName(m Model) string {
	switch s := m.top().(type) {
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
	case browserScreen:
		return "browser"
	case casesScreen:
		return "cases"
	case pagerScreen:
		if s.isHelp {
			return "help"
		}
		return "pager"
	}
	return "?"
}

// onScreen fails unless the top screen is name.
func onScreen(t testing.TB, m Model, name string) {
	t.Helper()
	if got := screenName(m); got != name {
		t.Fatalf("screen = %s, want %s; view:\n%s", got, name, text(m))
	}
}

// onQuestion fails unless question id is on screen.
func onQuestion(t testing.TB, m Model, id string) {
	t.Helper()
	onScreen(t, m, "question")
	if q := m.c.question(m.top().(questionScreen).index); q.ID != id {
		t.Fatalf("question on screen = %s, want %s", q.ID, id)
	}
}

// currentQuestion is the question on screen.
func currentQuestion(t testing.TB, m Model) *knowledge.Question {
	t.Helper()
	onScreen(t, m, "question")
	return m.c.question(m.top().(questionScreen).index)
}

// optionKeys are the keys that choose opts on question qid freshly opened
// (no row under the cursor): moves, a space on each for a multiple choice,
// then enter. No options: tab.
func optionKeys(t testing.TB, rb *knowledge.RuleBase, qid string, opts ...string) []string {
	t.Helper()
	q := rb.Question(qid)
	if q == nil {
		t.Fatalf("no question %q", qid)
	}
	q = q.Offered() // the rows on screen
	if len(opts) == 0 {
		return []string{"tab"}
	}
	var keys []string
	cur := -1
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

// answerQ answers the question on screen, which must be qid.
func answerQ(t testing.TB, m Model, qid string, opts ...string) Model {
	t.Helper()
	onQuestion(t, m, qid)
	return press(t, m, optionKeys(t, m.c.rb, qid, opts...)...)
}

// step is one question of a script and its answer; no options skips it.
type step struct {
	q    string
	opts []string
}

// script is the answers to each question shown, in order.
type script []step

// keys are the key presses that answer the script from the first question.
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

// run answers the script from the welcome screen, checking each question
// comes in order, and returns the model at the review.
func (s script) run(t testing.TB, m Model) Model {
	t.Helper()
	onScreen(t, m, "welcome")
	m = press(t, m, "enter")
	for _, a := range s {
		m = answerQ(t, m, a.q, a.opts...)
	}
	onScreen(t, m, "review")
	return m
}

// tingling answers every question of the test rule base, with follow-ups:
// someone whose answers point to vitamin B12 and a see-a-doctor flag.
var tinglingScript = script{
	{"serious", []string{"none"}},
	{"location", []string{"legs", "feet"}},
	{"duration", []string{"2_weeks_to_3_months"}},
	{"frequency", []string{"daily"}},
	{"spreading", []string{"no"}},
	{"symptoms", []string{"numbness_tingling", "diarrhea"}},
	{"gi_duration", []string{"week_plus"}},
	{"caffeine", []string{"5_plus_cups"}},
	{"stress", nil},
	{"sleep", []string{"under_5"}},
	{"exercise", nil},
	{"fluids", nil},
	{"sweating", []string{"no"}},
	{"alcohol", nil},
	{"nicotine", nil},
	{"diet", []string{"vegan"}},
	{"dairy", nil},
	{"greens", nil},
	{"fruit_veg", nil},
	{"sun", nil},
	{"medications", []string{"ppi"}},
	{"ppi_duration", []string{"over_1_year"}},
	{"supplements", []string{"none"}},
	{"conditions", []string{"none"}},
	{"age", []string{"18_49"}},
}

// checkFits fails if any line of the view is wider than w or the view has
// more than h lines.
func checkFits(t testing.TB, m Model, w, h int, where string) {
	t.Helper()
	content := m.View().Content
	ls := strings.Split(content, "\n")
	if len(ls) > h {
		t.Errorf("%s at %d×%d: %d lines, more than the height", where, w, h, len(ls))
	}
	for i, l := range ls {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("%s at %d×%d: line %d is %d cells wide: %q", where, w, h, i+1, n, ansi.Strip(l))
		}
	}
}

// scoreOf is the score of deficiency id in m's result.
func scoreOf(t testing.TB, m Model, id string) int {
	t.Helper()
	for _, d := range m.c.result.Deficiencies {
		if d.ID == id {
			return d.Score
		}
	}
	t.Fatalf("no deficiency %q", id)
	return 0
}
