package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// behaviourSuite checks, on rb, what must hold whatever the rule base
// holds: an answer is only what the user chose; nothing clinical is cut at
// any size; every screen fits; the cursor is always in view; the help
// shows exactly the keys handled.
func behaviourSuite(t *testing.T, rb *knowledge.RuleBase) {
	t.Run("enter only records nothing", func(t *testing.T) { testEnterOnly(t, rb) })
	t.Run("enter chooses the option moved to", func(t *testing.T) { testEnterOnOption(t, rb) })
	t.Run("enter on an emergency sign chooses it", func(t *testing.T) { testEnterOnSign(t, rb) })
	t.Run("ticks survive tab and back", func(t *testing.T) { testTicksSurvive(t, rb) })
	t.Run("single choice starts with nothing chosen", func(t *testing.T) { testSingleStartsEmpty(t, rb) })
	t.Run("every screen fits and cuts nothing", func(t *testing.T) { testScreensFit(t, rb) })
	t.Run("help shows the keys handled", func(t *testing.T) { testHelpMatchesKeys(t, rb) })
}

func TestBehaviour(t *testing.T) {
	t.Parallel()
	behaviourSuite(t, testRules(t))
}

// TestRealBehaviour runs the behaviour suite on the real rule base.
func TestRealBehaviour(t *testing.T) {
	t.Parallel()
	behaviourSuite(t, realRules(t))
}

// TestRealBehaviourWithAddedContent adds a question and a deficiency to a
// copy of the real rule base and runs the behaviour suite on it: adding
// content breaks none of the behaviour tests.
func TestRealBehaviourWithAddedContent(t *testing.T) {
	t.Parallel()
	y := string(data.Rules())
	last := realRules(t).Questions[len(realRules(t).Questions)-1].Section
	q := `  - id: extra_test_question
    section: ` + last + `
    kind: single
    text: "A question added by a test: do you walk to work?"
    short: "Walks to work"
    options:
      - {id: "yes", label: "Yes, most days"}
      - {id: "no", label: "No, or rarely"}

levels:`
	d := `  - id: extra_test_nutrient
    name: "A nutrient added by a test"
    role: "Role."
    mechanism: "Mechanism."
    symptoms: [tiredness]
    risks: [walking]
    tests: [a test]
    foods: [a food]
    prior: -2.5
    sources: [mayo_magnesium]
    rules:
      - {when: {extra_test_question: "yes"}, weight: 1, why: "A test rule.", source: mayo_magnesium}

triggers:`
	if !strings.Contains(y, "\nlevels:") || !strings.Contains(y, "\ntriggers:") {
		t.Fatal("rules.yaml has no levels or triggers section to add before")
	}
	y = strings.Replace(y, "\nlevels:", "\n"+q, 1)
	y = strings.Replace(y, "\ntriggers:", "\n"+d, 1)
	rb, err := knowledge.Load("rules-plus.yaml", []byte(y))
	if err != nil {
		t.Fatalf("the real rule base with a question and a deficiency added does not load: %v", err)
	}
	if rb.Question("extra_test_question") == nil || rb.Deficiency("extra_test_nutrient") == nil {
		t.Fatal("the added content is missing")
	}
	behaviourSuite(t, rb)
}

// testEnterOnly presses only enter through the whole app: nothing is
// answered, the review's cursor rests on "See the results", and the result
// says first that the emergency check was skipped, with every sign.
func testEnterOnly(t *testing.T, rb *knowledge.RuleBase) {
	m := newModelOpts(t, optionsFor(t, rb), 100, 30)
	m = press(t, m, "enter")
	for n := 0; n < 200 && screenName(m) == "question"; n++ {
		m = press(t, m, "enter")
	}
	onScreen(t, m, "review")
	if n := m.c.answers.Count(); n != 0 {
		t.Fatalf("pressing only enter recorded %d answers: %v", n, m.c.answers.Refs())
	}
	rv := m.top().(reviewScreen)
	if rv.cursor != len(m.c.answers.Visible()) {
		t.Errorf("the review's cursor is on row %d, not on See the results", rv.cursor)
	}
	v := text(m)
	mustContain(t, v, "0 of ", "(not answered)", "> See the results")
	m = press(t, m, "enter")
	onScreen(t, m, "results")
	all := flat(ansi.Strip(screenContent(t, m)))
	head := flat(text(m))
	if !strings.HasPrefix(head, "! "+report.SkippedHeading) {
		t.Errorf("the results do not start with %q:\n%s", report.SkippedHeading, text(m))
	}
	for _, s := range rb.EmergencySigns() {
		mustContain(t, all, flat(clean(report.SignLine(s))))
	}
	if !m.c.result.Triage.Skipped() {
		t.Error("the triage does not say the check was skipped")
	}
}

// testEnterOnOption moves to "None of these" on the emergency check and
// presses enter: with nothing ticked, enter chooses the option moved to,
// and only it. With an option ticked, enter confirms the ticks and adds
// nothing.
func testEnterOnOption(t *testing.T, rb *knowledge.RuleBase) {
	m := newModelOpts(t, optionsFor(t, rb), 80, 24)
	m = press(t, m, "enter")
	onQuestion(t, m, knowledge.FirstQuestion)
	q := rb.Question(knowledge.FirstQuestion)
	for i := 0; i <= q.OptionIndex(knowledge.NoneOption); i++ {
		m = press(t, m, "down")
	}
	m = press(t, m, "enter")
	if got := m.c.answers.Refs(); len(got) != 1 || !m.c.answers.Has(q.ID, knowledge.NoneOption) {
		t.Fatalf("down and enter on None of these recorded %v", got)
	}
	if screenName(m) != "question" || currentQuestion(t, m).ID == q.ID {
		t.Fatalf("enter did not go on: %s", screenName(m))
	}
	mustContain(t, text(m), "1 answered")

	i := firstMulti(t, rb)
	mq := &rb.Questions[i]
	m = toQuestion(t, newModelOpts(t, optionsFor(t, rb), 80, 24), i)
	m = press(t, m, "down", "down", "space", "down", "enter")
	if got := m.c.answers.Selected(mq.ID); len(got) != 1 || got[0] != mq.Options[1].ID {
		t.Fatalf("enter after a tick recorded %v, want only the tick %s", got, mq.Options[1].ID)
	}
}

// testEnterOnSign moves onto an emergency sign and presses enter: it is
// chosen, as the person moved to it, and the emergency notice opens.
func testEnterOnSign(t *testing.T, rb *knowledge.RuleBase) {
	m := newModelOpts(t, optionsFor(t, rb), 80, 24)
	m = press(t, m, "enter")
	onQuestion(t, m, knowledge.FirstQuestion)
	for i := 0; i <= emergencyOption(t, rb); i++ {
		m = press(t, m, "down")
	}
	m = press(t, m, "enter")
	q := rb.Question(knowledge.FirstQuestion)
	if got := m.c.answers.Selected(q.ID); len(got) != 1 || got[0] != q.Options[emergencyOption(t, rb)].ID {
		t.Fatalf("enter on an emergency sign recorded %v", got)
	}
	onScreen(t, m, "emergency")
}

// testTicksSurvive ticks two options, leaves with tab, comes back with
// each back key, and finds them still ticked and recorded.
func testTicksSurvive(t *testing.T, rb *knowledge.RuleBase) {
	i := firstMulti(t, rb)
	q := &rb.Questions[i]
	var want []string
	var keys []string
	for _, o := range q.Options {
		keys = append(keys, "down")
		if o.ID == knowledge.NoneOption {
			continue
		}
		keys = append(keys, "space")
		want = append(want, o.ID)
		if len(want) == 2 {
			break
		}
	}
	m := toQuestion(t, newModelOpts(t, optionsFor(t, rb), 80, 24), i)
	m = press(t, m, keys...)
	for _, back := range []string{"b", "left", "esc", "shift+tab"} {
		m = press(t, m, "tab")
		if got := m.c.answers.Selected(q.ID); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("after tab: %s = %v, want %v", q.ID, got, want)
		}
		m = press(t, m, back)
		onQuestion(t, m, q.ID)
		if n := strings.Count(text(m), "[x]"); n != len(want) {
			t.Fatalf("after tab and %s: %d ticks shown, want %d:\n%s", back, n, len(want), text(m))
		}
	}
}

// testSingleStartsEmpty opens a single-choice question never answered: no
// row is under the cursor, none is chosen, and enter records nothing.
func testSingleStartsEmpty(t *testing.T, rb *knowledge.RuleBase) {
	i := firstSingle(t, rb)
	m := toQuestion(t, newModelOpts(t, optionsFor(t, rb), 80, 24), i)
	v := text(m)
	mustNotContain(t, v, "(•)", "> ")
	m = press(t, m, "enter")
	if m.c.answers.IsAnswered(rb.Questions[i].ID) {
		t.Fatalf("enter with nothing chosen recorded %v", m.c.answers.Selected(rb.Questions[i].ID))
	}
}

// expected is what must appear, whole, on a screen: option labels, flag
// reasons, headings, names.
func expected(t testing.TB, m Model) []string {
	t.Helper()
	rb := m.c.rb
	res := m.c.result
	var out []string
	switch s := m.top().(type) {
	case questionScreen:
		// The rows shown: every row, or those found after /.
		q := m.c.question(s.index)
		out = append(out, clean(q.Text))
		// The help shows whole, or gives way to the options and is the
		// first thing ? shows (checkQuestionHelp).
		rows := s.shown
		if s.find.Value() == "" {
			rows = nil
			for r := range (field{q}).rows() {
				rows = append(rows, r)
			}
		}
		for _, r := range rows {
			out = append(out, field{q}.row(m.c.answers, r).label)
		}
	case emergencyScreen:
		out = append(out, clean(report.TriageLine(rb, res.Triage.Level)))
		for _, f := range res.Triage.Flags {
			if f.Level == res.Triage.Level {
				out = append(out, clean(f.Reason), clean(f.Action))
			}
		}
	case reviewScreen:
		for _, i := range m.c.answers.Visible() {
			q := m.c.question(i)
			out = append(out, clean(q.Short))
			if a := answerText(m.c.answers, q); a != "" {
				out = append(out, a)
			}
		}
	case resultsScreen:
		if res.Triage.Skipped() {
			out = append(out, report.SkippedHeading)
			for _, sg := range rb.EmergencySigns() {
				out = append(out, clean(report.SignLine(sg)))
			}
		}
		doc := report.Build(m.c.answers, res, report.Options{})
		out = append(out, clean(report.TriageLine(rb, res.Triage.Level)), clean(doc.Section(report.SectionLevel).Blocks[0].Text),
			report.NutrientsTitle, report.PointsToTitle, "Lifestyle triggers", "Disclaimer", clean(rb.Disclaimer))
		for _, f := range res.Triage.Flags {
			out = append(out, clean(f.Reason), clean(f.Action))
		}
		if m.c.answers.Count() == 0 {
			out = append(out, report.NothingAnswered) // and no scores
		} else {
			out = append(out, clean(report.ScoreLegend(rb)))
			for _, d := range res.Deficiencies {
				out = append(out, clean(d.Name))
			}
		}
		for _, tr := range res.Triggers {
			if !tr.AdviceShown() {
				// Shown as the note that replaces its advice, under the
				// reasons for the level (issue 15), not as a trigger.
				for _, n := range tr.AdviceNotes {
					out = append(out, clean(n.Text))
				}
				continue
			}
			out = append(out, clean(tr.Name))
		}
	case explainScreen:
		out = append(out, "Why "+clean(rb.Deficiency(s.id).Name)+" scores")
	case browserScreen:
		out = append(out, pickTexts(m, s.pick, s.heading(&m.c))...)
	case casesScreen:
		out = append(out, pickTexts(m, s.pick, casesHeading)...)
	}
	return out
}

// pickTexts is the title and description of every entry a pick list
// shows, whole, that fits the window with the markers above and below it;
// an entry taller than that says so, and opens in full
// (TestPickListTallEntry).
func pickTexts(m Model, p pickList, heading string) []string {
	room := m.c.height - lineCount(p.header(&m.c, heading)) - 2
	var out []string
	for n, h := range p.rowHeights(m.c.width) {
		if h <= room {
			it := p.items[p.shown[n]]
			out = append(out, it.title, it.desc)
		}
	}
	return out
}

// testScreensFit checks every screen at every size: it fits the window,
// the cursor's row shows, and every option label, flag reason, heading and
// name shows whole (wrapped, never cut).
func testScreensFit(t *testing.T, rb *knowledge.RuleBase) {
	for _, sz := range testSizes {
		for _, st := range states(t, rb, sz[0], sz[1]) {
			checkFits(t, st.m, sz[0], sz[1], st.name)
			checkBodyFits(t, st.m, st.name)
			checkCursorShown(t, st.m, st.name)
			all := ansi.Strip(screenContent(t, st.m))
			sall := solid(all)
			var missing []string
			for _, want := range expected(t, st.m) {
				if !strings.Contains(sall, solid(want)) {
					missing = append(missing, want)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%s: not shown whole: %q; the screen shows:\n%s", st.name, missing, short(all))
			}
			checkQuestionHelp(t, st.m, sall, st.name)
		}
	}
}

// solid is s without spaces: text wrapped anywhere (at a hyphen too) is
// still found whole.
func solid(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// short cuts a long text for a failure message.
func short(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// checkCursorShown fails when a list has a current row that is not in
// the view.
func checkCursorShown(t testing.TB, m Model, where string) {
	t.Helper()
	cur := false
	switch s := m.top().(type) {
	case questionScreen:
		cur = s.cursor >= 0
	case reviewScreen:
		cur = true
	case browserScreen:
		cur = len(s.pick.shown) > 0
	case casesScreen:
		cur = len(s.pick.shown) > 0
	}
	if !cur {
		return
	}
	for _, l := range strings.Split(text(m), "\n") {
		if strings.HasPrefix(l, " > ") {
			return
		}
	}
	t.Errorf("%s: the cursor's row is not in the view:\n%s", where, text(m))
}

// allKeys is every key a test presses to find what a screen handles.
var allKeys = func() []string {
	keys := []string{"enter", "space", "tab", "shift+tab", "up", "down", "left", "esc", "home", "end", "pgup", "pgdown", "ctrl+c", "ctrl+z", "ctrl+v"}
	for r := 'a'; r <= 'z'; r++ {
		keys = append(keys, string(r), strings.ToUpper(string(r)))
	}
	for _, r := range "0123456789/?.,;:!-_=+*" {
		keys = append(keys, string(r))
	}
	return keys
}()

// handled reports whether pressing k on m did something: the view, the
// answers or the screen changed, or a command was returned.
func handled(t testing.TB, m Model, k string) bool {
	t.Helper()
	next, cmd := pressCmd(t, m, k)
	return cmd != nil || next.View().Content != m.View().Content || !next.c.answers.Equal(m.c.answers) ||
		screenName(next) != screenName(m) || next.quitting
}

// testHelpMatchesKeys checks, on every screen: every key the help bar
// shows is handled there, and every key that is handled is in the screen's
// full help (the help page). Typed text in a filter or a prompt is typing,
// and the full help says so.
func testHelpMatchesKeys(t *testing.T, rb *knowledge.RuleBase) {
	for _, sz := range [][2]int{{80, 24}, {40, 12}} {
		for _, st := range states(t, rb, sz[0], sz[1]) {
			m := st.m
			own, always := m.footerKeys()
			for _, b := range append(own, always...) {
				if !b.Enabled() {
					t.Errorf("%s: the help bar shows the disabled key %q", st.name, b.Help().Key)
					continue
				}
				for _, k := range b.Keys() {
					if !handled(t, m, k) {
						t.Errorf("%s: the help bar shows %q (%s), but pressing %s does nothing", st.name, b.Help().Key, b.Help().Desc, k)
					}
				}
			}
			full := m.fullHelp()
			typing := m.save != nil || isTyping(m.top())
			for _, k := range allKeys {
				if typing && len([]rune(k)) == 1 {
					continue // typed into the filter or the prompt
				}
				if !handled(t, m, k) {
					continue
				}
				found := false
				for _, b := range full {
					if b.Enabled() && matchesName(b, k) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: %s does something but is not in the full help", st.name, k)
				}
			}
		}
	}
}

// matchesName reports whether binding b has key k.
func matchesName(b interface{ Keys() []string }, k string) bool {
	for _, x := range b.Keys() {
		if x == k {
			return true
		}
	}
	return false
}

// TestFullHelpPageShowsEveryKey checks the help page lists every binding
// of the screen with every key that does it, and the disclaimer.
func TestFullHelpPageShowsEveryKey(t *testing.T) {
	for _, st := range states(t, testRules(t), 80, 24) {
		if st.m.save != nil || st.m.confirm != nil || isTyping(st.m.top()) || screenName(st.m) == "help" {
			continue
		}
		h := press(t, st.m, "?")
		onScreen(t, h, "help")
		all := flat(ansi.Strip(screenContent(t, h)))
		for _, b := range st.m.fullHelp() {
			if !strings.Contains(all, flat(keyNames(b)+" "+b.Help().Desc)) {
				t.Errorf("%s: the help page lacks %q %q:\n%s", st.name, keyNames(b), b.Help().Desc, all)
			}
		}
		mustContain(t, all, flat(clean(st.m.c.rb.Disclaimer)))
		if back := press(t, h, "?"); screenName(back) == "help" {
			t.Errorf("%s: ? does not close the help", st.name)
		}
	}
}

// TestNoInternalIDsOnScreens checks no user-facing screen shows an
// internal id, a weight or a file name (the rule browser may, labelled).
func TestNoInternalIDsOnScreens(t *testing.T) {
	rb := realRules(t)
	for _, st := range states(t, rb, 120, 40) {
		switch st.m.top().(type) {
		case browserScreen, pagerScreen:
			continue
		}
		all := ansi.Strip(screenContent(t, st.m))
		for _, bad := range []string{".yaml", ".txt", "seed ", "weight", "log-likelihood", "chest_pain", "vitamin_b12", "_"} {
			if strings.Contains(all, bad) {
				t.Errorf("%s shows %q:\n%s", st.name, bad, all)
			}
		}
	}
}

// checkQuestionHelp: a question's help shows whole on the screen (all, as
// solid), or ? shows it whole.
func checkQuestionHelp(t *testing.T, m Model, all, where string) {
	t.Helper()
	s, ok := m.top().(questionScreen)
	if !ok {
		return
	}
	h := clean(m.c.question(s.index).Help)
	if h == "" || strings.Contains(all, solid(h)) {
		return
	}
	if s.finding {
		m = press(t, m, "enter")
	}
	if p := solid(ansi.Strip(screenContent(t, press(t, m, "?")))); !strings.Contains(p, solid(h)) {
		t.Errorf("%s: the question's help shows neither on the screen nor after ?:\n%s", where, p)
	}
}
