package tui

import (
	"errors"
	"image/color"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

func TestTooSmallWindow(t *testing.T) {
	m := veganScript.run(t, newModel(t, 80, 24))
	want := m.Answers()
	m = press(t, m, "enter") // open the first question from review
	m = resize(t, m, 39, 11)
	v := text(m)
	mustContain(t, flat(v), "make the window larger", "at least 40×12 (now 39×11)", "Your answers are kept.")
	checkFits(t, m, 39, 11, "too small")
	if !m.Answers().Equal(want) {
		t.Error("a small window changed the answers")
	}
	// Just one dimension too small is also too small.
	mustContain(t, flat(text(resize(t, m, 39, 40))), "make the window larger")
	mustContain(t, flat(text(resize(t, m, 120, 11))), "make the window larger")
	// Back to a usable size: the same question, the same answers.
	m = resize(t, m, 80, 24)
	onQuestion(t, m, "serious")
	mustNotContain(t, text(m), "make the window larger")
	if !m.Answers().Equal(want) {
		t.Error("resizing changed the answers")
	}
}

// layoutSizes are the window sizes every screen is drawn at.
var layoutSizes = [][2]int{
	{1, 1}, {2, 30}, {39, 11}, {40, 12}, {41, 13}, {50, 14}, {60, 20}, {80, 24}, {100, 30},
	{109, 30}, {110, 30}, {111, 12}, {120, 40}, {139, 40}, {140, 45}, {300, 100}, {40, 100}, {300, 12},
}

// screenStates returns a model at every screen and sub-state the app has.
func screenStates(t *testing.T) map[string]Model {
	t.Helper()
	opts := testOptions(t)
	var err error
	if opts.Cases, err = loadCases(t); err != nil {
		t.Fatal(err)
	}
	base := newModelOpts(t, opts, 80, 24)
	states := map[string]Model{"welcome": base}
	q := press(t, base, "enter")
	states["question multi"] = q
	states["question multi, full help"] = press(t, q, "?")
	states["question multi, ticked"] = press(t, q, "down", "down", "down", "space")
	states["emergency"] = press(t, q, "down", "down", "space", "enter")
	states["question single"] = press(t, q, "space", "enter", "tab")
	states["question single, panel"] = press(t, q, "space", "enter", "tab", "p")
	review := veganScript.run(t, base)
	states["review"] = review
	states["review, panel"] = press(t, review, "p")
	states["review, editing"] = press(t, review, "down", "down", "enter")
	res := press(t, review, "r")
	states["results"] = res
	states["results, expanded"] = press(t, res, "enter", "tab", "enter")
	states["results, full help"] = press(t, res, "?")
	states["explain"] = press(t, res, "e")
	states["save prompt"] = press(t, res, "s")
	states["save answers prompt"] = press(t, res, "a")
	conf := press(t, res, "s")
	conf.save.confirm = true
	states["save confirm"] = conf
	saved := press(t, res, "s")
	saved, _ = send(t, saved, savedMsg{path: "/a/very/long/path/" + strings.Repeat("x", 200) + ".md", err: errors.New(strings.Repeat("cannot save it ", 20))})
	states["save error"] = saved
	states["browser"] = press(t, res, "k")
	states["browser detail"] = press(t, res, "k", "enter")
	states["browser filter"] = press(t, res, "k", "/", "m", "a")
	states["cases"] = press(t, base, "d")
	banner := review
	banner, _ = send(t, banner, rulesReloadedMsg{err: knowledge.Problems{{File: "rules.yaml", Pos: knowledge.Pos{Line: 12, Col: 3}, Msg: strings.Repeat("something is wrong ", 10)}}})
	states["banner review"] = banner
	states["banner results"] = press(t, banner, "r")
	return states
}

func TestEverySizeFits(t *testing.T) {
	for name, m := range screenStates(t) {
		t.Run(name, func(t *testing.T) {
			screen := m.screen
			for _, sz := range layoutSizes {
				w, h := sz[0], sz[1]
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("panic at %d×%d: %v", w, h, r)
						}
					}()
					m = resize(t, m, w, h)
					checkFits(t, m, w, h, name)
				}()
			}
			if m.screen != screen {
				t.Errorf("resizing moved from %v to %v", screen, m.screen)
			}
		})
	}
}

func TestKeysAtEverySizeDoNotPanic(t *testing.T) {
	// Keys pressed in a tiny window still work (and never panic).
	keys := []string{"enter", "down", "space", "up", "enter", "tab", "b", "left", "p", "?", "?", "tab", "tab"}
	for _, sz := range [][2]int{{1, 1}, {39, 11}, {40, 12}, {300, 100}} {
		m := newModel(t, sz[0], sz[1])
		for _, k := range keys {
			m = press(t, m, k)
			checkFits(t, m, sz[0], sz[1], "after "+k)
		}
	}
}

// panelNumber returns the score the live panel shows for name, or -1 if
// the panel does not show it.
func panelNumber(t *testing.T, v, name string) int {
	t.Helper()
	for _, l := range strings.Split(v, "\n") {
		i := strings.Index(l, "│ "+name+" ")
		if i < 0 {
			continue
		}
		rest := l[i+len("│ "+name):]
		if j := strings.Index(rest, "│"); j >= 0 {
			rest = rest[:j]
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			continue
		}
		n, err := strconv.Atoi(f[len(f)-1])
		if err != nil {
			t.Fatalf("panel line %q: %v", l, err)
		}
		return n
	}
	return -1
}

func TestLivePanelBesideInWideWindows(t *testing.T) {
	m := press(t, newModel(t, 140, 40), "enter")
	v := text(m)
	mustContain(t, v, "Live scores", "Triage: SELF-CARE")
	// Beside the question: on the same line as the header.
	first := strings.Split(v, "\n")[0]
	if !strings.Contains(first, "question 1 of") || !strings.Contains(first, "╭") {
		t.Errorf("the panel is not beside the question; first line %q", first)
	}
	if n := panelNumber(t, v, "Vitamin B12"); n != scoreOf(t, m, "vitamin_b12") {
		t.Errorf("panel shows Vitamin B12 %d, want %d", n, scoreOf(t, m, "vitamin_b12"))
	}
	// p does nothing in a wide window: the panel is always there.
	mustContain(t, text(press(t, m, "p")), "Live scores")
}

func TestLivePanelReadableFrom110Columns(t *testing.T) {
	for _, w := range []int{110, 120, 130} {
		m := press(t, newModel(t, w, 30), "enter")
		v := text(m)
		mustContain(t, v, "Live scores", "Triage: SELF-CARE")
		if n := panelNumber(t, v, "Vitamin B12"); n < 0 {
			t.Errorf("at %d columns the panel does not name Vitamin B12:\n%s", w, v)
		}
	}
}

func TestLivePanelToggleInNarrowWindows(t *testing.T) {
	m := press(t, newModel(t, 80, 30), "enter")
	mustNotContain(t, text(m), "Live scores")
	// The key is listed in the full help.
	mustContain(t, flat(text(press(t, m, "?"))), "p live scores")
	m = press(t, m, "p")
	mustContain(t, text(m), "Live scores")
	checkFits(t, m, 80, 30, "panel overlay")
	m = press(t, m, "p")
	mustNotContain(t, text(m), "Live scores")
	// Not on the welcome screen or the results.
	w := newModel(t, 80, 30)
	w = press(t, w, "p")
	mustNotContain(t, text(w), "Live scores")
}

func TestLivePanelFollowsAnswers(t *testing.T) {
	m := press(t, newModel(t, 80, 40), "enter", "p")
	m = answerQ(t, m, "serious", "none")
	m = toQuestion(t, m, "diet")
	before := panelNumber(t, text(m), "Vitamin B12")
	if before < 0 {
		t.Fatalf("the panel does not show Vitamin B12:\n%s", text(m))
	}
	if before != scoreOf(t, m, "vitamin_b12") {
		t.Errorf("panel %d, engine %d", before, scoreOf(t, m, "vitamin_b12"))
	}
	m = answerQ(t, m, "diet", "vegan")
	after := panelNumber(t, text(m), "Vitamin B12")
	if after <= before {
		t.Errorf("Vitamin B12 in the panel: %d before vegan, %d after; want it to rise", before, after)
	}
	if after != scoreOf(t, m, "vitamin_b12") {
		t.Errorf("panel %d, engine %d", after, scoreOf(t, m, "vitamin_b12"))
	}
}

func TestLivePanelUpdatesFromReview(t *testing.T) {
	m := veganScript.run(t, newModel(t, 140, 45))
	v := text(m)
	before := panelNumber(t, v, "Vitamin B12")
	if before != scoreOf(t, m, "vitamin_b12") {
		t.Fatalf("panel %d, engine %d:\n%s", before, scoreOf(t, m, "vitamin_b12"), v)
	}
	vis := m.Answers().Visible()
	for m.rb.Questions[vis[m.review.cursor]].ID != "diet" {
		m = press(t, m, "down")
	}
	m = press(t, m, "enter", "up", "up", "up", "enter") // vegan → omnivore
	onScreen(t, m, reviewScreen)
	after := panelNumber(t, text(m), "Vitamin B12")
	if after >= before || after != scoreOf(t, m, "vitamin_b12") {
		t.Errorf("Vitamin B12 in the panel: %d as vegan, %d as omnivore (engine %d)", before, after, scoreOf(t, m, "vitamin_b12"))
	}
	// The triage line in the panel follows too.
	mustContain(t, text(m), "Triage: SEE A DOCTOR")
}

func TestBackgroundColourKeepsText(t *testing.T) {
	// Styles change with the background; the words and the layout do not.
	for name, m := range map[string]Model{
		"question": press(t, newModel(t, 80, 24), "enter"),
		"results":  veganResults(t, 100, 40),
	} {
		before := text(m)
		light, _ := send(t, m, tea.BackgroundColorMsg{Color: color.White})
		if light.isDark {
			t.Errorf("%s: a white background is not light", name)
		}
		if got := text(light); got != before {
			t.Errorf("%s: the text changed with the background:\n%s\nwas\n%s", name, got, before)
		}
	}
}

func TestHighContrastTheme(t *testing.T) {
	opts := testOptions(t)
	opts.Theme = ThemeHighContrast
	m := newModelOpts(t, opts, 80, 24)
	if m.styles.Spacing != 2 {
		t.Errorf("spacing %d, want 2", m.styles.Spacing)
	}
	m = veganScript.run(t, m)
	m = press(t, m, "r")
	mustContain(t, text(m), "Triage: SEE A DOCTOR")
	for _, sz := range layoutSizes {
		m = resize(t, m, sz[0], sz[1])
		checkFits(t, m, sz[0], sz[1], "high contrast results")
	}
	q := press(t, newModelOpts(t, opts, 60, 20), "enter")
	for _, sz := range layoutSizes {
		q = resize(t, q, sz[0], sz[1])
		checkFits(t, q, sz[0], sz[1], "high contrast question")
	}
}
