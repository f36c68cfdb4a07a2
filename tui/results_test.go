package tui

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// resultsOf opens the results of answers given in YAML, at w×h.
func resultsOf(t *testing.T, yaml string, w, h int) Model {
	t.Helper()
	m := press(t, withAnswers(t, answersOf(t, testRules(t), yaml), "", w, h), "r")
	onScreen(t, m, "results")
	return m
}

// all is everything the results screen can show, as one line.
func all(t *testing.T, m Model) string { return flat(ansi.Strip(screenContent(t, m))) }

func TestResultsSaySkippedCheckFirst(t *testing.T) {
	rb := testRules(t)
	m := resultsOf(t, "caffeine: 5_plus_cups\n", 80, 40)
	lines := strings.Split(text(m), "\n")
	if got := strings.TrimSpace(lines[0]); got != "! "+report.SkippedHeading {
		t.Fatalf("first line %q, want the skipped heading", got)
	}
	a := all(t, m)
	// The reason, then every sign with what to do, before the triage's
	// action and anything else.
	reason := strings.Index(a, flat(rb.Skipped.Reason))
	intro := strings.Index(a, report.SignsIntro)
	action := strings.Index(a, flat(rb.Level(m.c.result.Triage.Level).Action))
	if reason < 0 || intro < reason || action < intro {
		t.Fatalf("order: reason %d, signs %d, action %d:\n%s", reason, intro, action, a)
	}
	for _, s := range rb.EmergencySigns() {
		i := strings.Index(a, flat(report.SignLine(s)))
		if i < intro || i > action {
			t.Errorf("sign %q is not listed with what to do, before the rest", report.SignLine(s))
		}
	}
	mustContain(t, a, "Because the emergency check was not answered.")
}

// TestResultsKeepWhatToDoInView scrolls the results to the end: what to do
// at the triage level is still on screen, under the level, once; in a
// window too small for it, it opens the text; with the check skipped, the
// signs come first.
func TestResultsKeepWhatToDoInView(t *testing.T) {
	rb := testRules(t)
	m := press(t, resultsOf(t, "serious: [none]\nduration: over_3_months\n", 80, 24), "end")
	action := clean(rb.Level(m.c.result.Triage.Level).Action)
	v := text(m)
	if !m.top().(resultsScreen).text.scrolls() {
		t.Fatal("the results do not scroll at 80x24: the test shows nothing")
	}
	mustContain(t, v, "Triage: SEE A DOCTOR\n "+action+"\n", "Disclaimer")
	if n := strings.Count(all(t, m), action); n != 1 {
		t.Errorf("what to do shows %d times", n)
	}
	// The real rule base's longer words at 40x12: it scrolls, first.
	rrb := realRules(t)
	r := press(t, withAnswers(t, fullAnswers(t, rrb), "", 40, 12), "r")
	act := flat(clean(rrb.Level(r.c.result.Triage.Level).Action))
	if head := flat(ansi.Strip(r.top().(resultsScreen).header(&r.c))); strings.Contains(head, act) {
		t.Errorf("at 40x12 what to do is pinned, leaving the text no room: %q", head)
	}
	if txt := flat(ansi.Strip(strings.Join(r.top().(resultsScreen).text.lines, "\n"))); !strings.Contains(txt, act) || strings.Index(txt, act) > strings.Index(txt, report.ReasonsTitle) {
		t.Errorf("at 40x12 what to do is not before the reasons: %q", txt[:min(len(txt), 300)])
	}
	// Skipped: not pinned; the signs come first (TestResultsSaySkippedCheckFirst).
	sk := resultsOf(t, "caffeine: 5_plus_cups\n", 80, 24)
	if sk.top().(resultsScreen).pinned(&sk.c) {
		t.Error("with the check skipped, what to do is pinned above the signs")
	}
}

// TestResultsWideNames gives a nutrient a name of wide characters: the
// rows are laid out by the cells it takes, so none is cut.
func TestResultsWideNames(t *testing.T) {
	const wide = "マグネシウムマグネシウム" // 12 characters, 24 cells
	y := string(testrules.YAML())
	if strings.Count(y, `name: "Magnesium"`) != 1 {
		t.Fatal("the test rule base does not name Magnesium once")
	}
	rb, err := knowledge.Load("wide.yaml", []byte(strings.Replace(y, `name: "Magnesium"`, `name: "`+wide+`"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, sz := range [][2]int{{40, 12}, {80, 24}} {
		m := press(t, withAnswers(t, answersOf(t, rb, "serious: [none]\nsymptoms: [cramps]\n"), "", sz[0], sz[1]), "r")
		where := fmt.Sprintf("results at %dx%d", sz[0], sz[1])
		checkBodyFits(t, m, where)
		mustContain(t, all(t, m), wide)
	}
}

func TestResultsFlagsSayWhatToDoWhyAndTheSource(t *testing.T) {
	m := resultsOf(t, "serious: [none]\nduration: over_3_months\n", 80, 40)
	mustNotContain(t, text(m), report.SkippedHeading)
	a := all(t, m)
	mustContain(t, a, "Triage: SEE A DOCTOR", "! Long twitching.", "What to do: Book.",
		"Because you answered Q duration: Over 3 months.", "Long twitching. [1]")
	// The sources are a key away, numbered as the marks.
	mustContain(t, all(t, m), "sources: press r")
	mustContain(t, all(t, press(t, m, "r")), "[1] Source A. Test Publisher.", "https://example.org/a")
}

func TestResultsShowTheScoreInWords(t *testing.T) {
	m := resultsOf(t, "serious: [none]\nsymptoms: [cramps]\n", 80, 40)
	legend := flat(report.ScoreLegend(m.c.rb))
	mustContain(t, all(t, m), legend)
	e := press(t, m, "e")
	onScreen(t, e, "explain")
	mustContain(t, flat(ansi.Strip(screenContent(t, e))), legend)
	p := press(t, m, "v", "p")
	mustContain(t, flat(strings.ReplaceAll(ansi.Strip(livePanel(&p.c, panelWidth, 30, true)), "│", "")), "Test score note: a ranking aid, not a chance.")
	mustContain(t, flat(ansi.Strip(livePanel(&p.c, 60, 4, false))), "Test score note: a ranking aid, not a chance.")
}

func TestResultsFoodsAsTheResultAllows(t *testing.T) {
	// On a PPI, magnesium's foods are information only, with the note.
	m := resultsOf(t, "serious: [none]\nsymptoms: [cramps]\nmedications: [ppi]\nppi_duration: over_1_year\n", 100, 40)
	m = press(t, m, "enter") // magnesium is first: expand it
	a := all(t, m)
	mustContain(t, a, "Foods rich in it, for information (not the fix here): food m", "! Food note M. [1]")
	// With kidney disease, potassium's foods are not shown, the note is.
	k := resultsOf(t, "serious: [none]\nsymptoms: [weakness]\nconditions: [kidney_disease]\n", 100, 40)
	for i, d := range k.c.result.Deficiencies {
		if d.ID == "potassium" {
			for range i {
				k = press(t, k, "tab")
			}
		}
	}
	k = press(t, k, "enter")
	a = all(t, k)
	mustContain(t, a, "Food note K.", "A blood test can check it: test k")
	mustNotContain(t, a, "food k")
	// Causes a doctor looks for.
	c := resultsOf(t, "serious: [none]\nconditions: [neck_surgery]\nsymptoms: [tingling_mouth]\n", 100, 40)
	c = press(t, c, "enter")
	mustContain(t, all(t, c), "A doctor looks for: Cause C. [2]")
}

func TestResultsAdviceNotesReplaceTheAdvice(t *testing.T) {
	m := resultsOf(t, "serious: [none]\nfluids: low\nsweating: \"yes\"\nrehydration: plain_water\n", 100, 40)
	a := all(t, m)
	// At self-care the trigger is named, with the note in place of its
	// advice; the advice the note works against never shows.
	mustContain(t, a, "Dehydration (", "! Do not drink more.")
	mustNotContain(t, a, "Drink more.")
	// Above the levels where advice shows, the note goes with the reasons
	// for the level and the trigger is not offered as an explanation.
	m = resultsOf(t, "serious: [chest_pain]\nfluids: low\nsweating: \"yes\"\nrehydration: plain_water\n", 100, 40)
	a = all(t, m)
	mustContain(t, a, "! Do not drink more.")
	mustNotContain(t, a, "Drink more.", "Dehydration (")
}

func TestResultsReassuranceOnlyWhereTheResultAllows(t *testing.T) {
	calm := resultsOf(t, "serious: [none]\ncaffeine: 5_plus_cups\n", 100, 40)
	mustContain(t, all(t, calm), "Good to know", "Test reassurance.")
	for _, yaml := range []string{
		"caffeine: 5_plus_cups\n",                               // the emergency check skipped
		"serious: [muscle_wasting]\n",                           // a warning sign
		"serious: [chest_pain]\n",                               // an emergency
		"serious: [none]\nsymptoms: [cramps]\nalcohol: heavy\n", // fine: see below
	} {
		m := resultsOf(t, yaml, 100, 40)
		if len(m.c.result.Reassurance) == 0 {
			mustNotContain(t, all(t, m), "Test reassurance.")
		}
	}
}

func TestResultsOtherCausesAndSources(t *testing.T) {
	m := resultsOf(t, "serious: [none]\nduration: over_3_months\nconditions: [thyroid_disease]\n", 100, 60)
	a := all(t, m)
	mustContain(t, a, "Other causes a doctor may consider", "Thyroid: Check the thyroid.", "Tests: test tsh", "[2]")
	// Every source cited, in full, with its address or citation, a key away.
	mustContain(t, a, "sources: press r")
	mustContain(t, all(t, press(t, m, "r")), "References", "Source A. Test Publisher. https://example.org/a", "Author A. Title. J Test. 2020;1:1-2. doi:10.0000/test")
	mustNotContain(t, a, ".yaml", "src_a", "seed")
}

func TestResultsSelectExpandAndExplain(t *testing.T) {
	m := resultsOf(t, "serious: [none]\nsymptoms: [cramps, numbness_tingling]\nalcohol: heavy\n", 80, 24)
	first := m.c.result.Deficiencies[0]
	mustContain(t, text(m), "> ▸ "+first.Name)
	m = press(t, m, "tab")
	second := m.c.result.Deficiencies[1]
	mustContain(t, text(m), "> ▸ "+second.Name)
	m = press(t, m, "shift+tab", "enter")
	mustContain(t, text(m), "> ▾ "+first.Name, "Starts at")
	// Points line up in one column.
	col := -1
	for _, l := range strings.Split(text(m), "\n") {
		if i := strings.Index(l, "+"); i >= 0 && strings.Contains(l, ": ") && strings.HasPrefix(strings.TrimSpace(l), "+") {
			p := strings.Index(l, strings.TrimSpace(l))
			end := p + strings.Index(l[p:], " ")
			if col >= 0 && end != col {
				t.Errorf("points end at column %d, earlier at %d:\n%s", end, col, text(m))
			}
			col = end
		}
	}
	// The explanation adds up.
	e := press(t, m, "e")
	a := flat(ansi.Strip(screenContent(t, e)))
	mustContain(t, a, "Why "+first.Name+" scores "+itoa(first.Score), "start (before any answer)")
	sum := first.Baseline
	for _, ev := range first.Evidence {
		sum += ev.Points
	}
	if sum != first.Score {
		t.Fatalf("evidence sums to %d, score %d", sum, first.Score)
	}
	mustContain(t, a, "= "+itoa(first.Score)+" ("+first.Band+")")
	mustNotContain(t, a, "weight", "log-likelihood")
	e = press(t, e, "tab")
	mustContain(t, flat(text(e)), "Why "+second.Name)
}

func TestResultsStartOverAsksFirst(t *testing.T) {
	m := resultsOf(t, "serious: [none]\ncaffeine: 5_plus_cups\n", 80, 24)
	m = press(t, m, "n")
	mustContain(t, text(m), "Start over? This clears every answer.")
	kept := press(t, m, "esc")
	onScreen(t, kept, "results")
	if kept.c.answers.Count() == 0 {
		t.Fatal("no cleared the answers")
	}
	gone := press(t, m, "y")
	onScreen(t, gone, "welcome")
	if gone.c.answers.Count() != 0 {
		t.Fatal("yes kept the answers")
	}
}

func TestResultsScrollHint(t *testing.T) {
	m := resultsOf(t, "serious: [none]\nduration: over_3_months\n", 60, 16)
	mustContain(t, text(m), "more lines (↓, pgdn)")
	m = press(t, m, "pgdown")
	mustContain(t, text(m), "↑ ")
	m = press(t, m, "G")
	mustContain(t, text(m), "Disclaimer")
	mustNotContain(t, text(m), "more lines (↓")
}

func TestRuleBrowser(t *testing.T) {
	m := press(t, newModel(t, 80, 30), "i")
	onScreen(t, m, "browser")
	mustContain(t, text(m), "Rule browser · knowledge base test-1", "Magnesium", "id: magnesium")
	m = press(t, m, "enter")
	a := flat(ansi.Strip(screenContent(t, m)))
	mustContain(t, a, "Rules (weight: log-likelihood ratio)", "when Q symptoms: Cramps", "Cramps point to M.", "Source: Source A (Test Publisher)")
	// A red flag, found by filtering.
	m = press(t, m, "esc", "/", "c", "h", "e", "s", "t", "enter")
	mustContain(t, text(m), "Chest pain.", "Red flag · Emergency · id: chest_pain")
	m = press(t, m, "enter")
	mustContain(t, flat(text(m)), "Level: Emergency", "What to do: Call now.")
	m = press(t, m, "esc", "esc") // clears the filter
	rb := testRules(t)
	entries := len(rb.Deficiencies) + len(rb.Triggers) + len(rb.Others) + len(rb.RedFlags) + len(rb.Cautions) + len(rb.Sources)
	mustContain(t, text(m), "of "+strconv.Itoa(entries))
	m = press(t, m, "esc")
	onScreen(t, m, "welcome")
}

// TestBrowserEntriesOpenWhole checks every entry of the rule browser opens
// to its title in full, at the smallest size.
func TestBrowserEntriesOpenWhole(t *testing.T) {
	m := press(t, newModel(t, 40, 12), "i")
	b := m.top().(browserScreen)
	for n := range b.pick.shown {
		it := b.pick.items[b.pick.shown[n]]
		d := press(t, m, "enter")
		if got := solid(ansi.Strip(screenContent(t, d))); !strings.Contains(got, solid(it.title)) {
			t.Errorf("entry %q does not show its title whole", it.title)
		}
		m = press(t, m, "down")
	}
}

// TestPickListRowsWhole filters the rule browser of the real rule base at
// the smallest size: an entry whose title and description take five lines
// shows them whole; one taller than the window shows its first lines, says
// so, and opens in full.
func TestPickListRowsWhole(t *testing.T) {
	rb := realRules(t)
	browser := press(t, newModelOpts(t, optionsFor(t, rb), 40, 12), "i")
	find := func(id string) pickItem {
		t.Helper()
		for _, it := range browser.top().(browserScreen).pick.items {
			if strings.HasSuffix(it.desc, "id: "+id) {
				return it
			}
		}
		t.Fatalf("the browser has no entry %s", id)
		return pickItem{}
	}
	m := press(t, typeText(t, press(t, browser, "/"), "stroke"), "enter")
	stroke := find("stroke_signs")
	v := text(m)
	checkFits(t, m, 40, 12, "stroke")
	checkBodyFits(t, m, "stroke")
	mustContain(t, solid(v), solid(stroke.title), solid(stroke.desc))
	mustNotContain(t, v, "…")
	// Too tall for the window: marked, and enter shows it all.
	m = press(t, typeText(t, press(t, browser, "/"), "tight throat"), "enter")
	throat := find("breathing_difficulty")
	if b := m.top().(browserScreen); len(b.pick.shown) != 1 {
		t.Fatalf("the filter shows %d entries", len(b.pick.shown))
	}
	checkBodyFits(t, m, "tall entry")
	v = text(m)
	mustContain(t, v, "… (enter shows it all)")
	mustNotContain(t, v, "↓ 0 more")
	d := press(t, m, "enter")
	if got := solid(ansi.Strip(screenContent(t, d))); !strings.Contains(got, solid(throat.title)) {
		t.Errorf("the tall entry does not open whole:\n%s", text(d))
	}
}

// TestCaseTooTallSaysWhere: a sample case's story too long for the
// smallest window says a larger one shows it; enter opens the case.
func TestCaseTooTallSaysWhere(t *testing.T) {
	opts := testOptions(t)
	opts.Cases = []knowledge.Case{{ID: "long", Title: "A long story", Story: strings.Repeat("A long story about twitching. ", 20), Answers: knowledge.NewAnswers(testRules(t))}}
	m := press(t, newModelOpts(t, opts, 40, 12), "d")
	checkBodyFits(t, m, "a tall case")
	v := text(m)
	mustContain(t, v, "… (a larger window shows it all)")
	mustNotContain(t, v, "enter shows it all")
}

// TestPickListFilterShowsItsEnd types a filter longer than the line: the
// filter scrolls so the end typed shows.
func TestPickListFilterShowsItsEnd(t *testing.T) {
	m := press(t, newModel(t, 40, 12), "i", "/")
	m = typeText(t, m, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ")
	checkBodyFits(t, m, "long filter")
	mustContain(t, text(m), "DEFGHIJ")
}

// TestFilterThenPageDownFast is issue 10's crash: filter, enter, then page
// down many times. Filtering is in place, so nothing races.
func TestFilterThenPageDownFast(t *testing.T) {
	for _, sz := range testSizes {
		m := press(t, newModel(t, sz[0], sz[1]), "i", "/", "e", "enter")
		for range 30 {
			m = press(t, m, "pgdown")
		}
		m = press(t, m, "/", "backspace")
		for range 10 {
			m = press(t, m, "pgdown", "pgup", "pgdown")
		}
		checkFits(t, m, sz[0], sz[1], "browser")
	}
}

func TestSampleCases(t *testing.T) {
	rb := testRules(t)
	opts := testOptions(t)
	a := answersOf(t, rb, "serious: [none]\ndiet: vegan\nsymptoms: [numbness_tingling]\n")
	opts.Cases = []knowledge.Case{
		{ID: "one", Title: "One: a vegan", Story: "Tingling feet.", Answers: a},
		{ID: "two", Title: "Two: a runner", Story: "Long runs.", Answers: knowledge.NewAnswers(rb)},
	}
	m := newModelOpts(t, opts, 80, 24)
	mustContain(t, text(m), "d demo a sample case")
	m = press(t, m, "d")
	onScreen(t, m, "cases")
	m = press(t, m, "/", "v", "e", "g", "enter", "enter")
	onScreen(t, m, "review")
	if !m.c.answers.Equal(a) || m.c.caseName != "One: a vegan" || !m.c.panel {
		t.Fatalf("case not loaded: %v %q panel %v", m.c.answers.Refs(), m.c.caseName, m.c.panel)
	}
	if q := press(t, m, "q"); !q.quitting {
		t.Error("q on a sample case asked before quitting: nothing of the person's is lost")
	}
	// The person's own answers, not saved: opening a case asks first.
	own := press(t, newModelOpts(t, opts, 80, 24), "enter")
	own = answerQ(t, own, "serious", "none")
	own = press(t, own, "b", "b")
	onScreen(t, own, "welcome")
	mine := own.c.answers
	own = press(t, own, "d", "enter")
	if own.confirm == nil {
		t.Fatalf("opening a case over unsaved answers did not ask:\n%s", text(own))
	}
	mustContain(t, flat(text(own)), "It replaces your answers, which are not saved. (y/n)")
	if !own.c.answers.Equal(mine) || !own.c.dirty {
		t.Fatalf("asking replaced the answers: %v", own.c.answers.Refs())
	}
	no := press(t, own, "n")
	onScreen(t, no, "cases")
	if !no.c.answers.Equal(mine) || no.c.caseName != "" {
		t.Errorf("n replaced the answers with the case: %v", no.c.answers.Refs())
	}
	yes := press(t, own, "y")
	onScreen(t, yes, "review")
	if !yes.c.answers.Equal(a) || yes.c.caseName != "One: a vegan" {
		t.Errorf("y did not open the case: %v %q", yes.c.answers.Refs(), yes.c.caseName)
	}
	// No cases: no d.
	n := newModel(t, 80, 24)
	mustNotContain(t, text(n), "demo")
	if d := press(t, n, "d"); screenName(d) != "welcome" {
		t.Error("d without cases left the welcome screen")
	}
}
