package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// veganResults is a model at the results screen for the vegan script.
func veganResults(t *testing.T, w, h int) Model {
	t.Helper()
	m := veganScript.run(t, newModel(t, w, h))
	m = press(t, m, "r")
	onScreen(t, m, resultsScreen)
	return m
}

func TestResultsTriageLineAndRanking(t *testing.T) {
	m := veganResults(t, 100, 40)
	rb := m.rb
	res := knowledge.Assess(m.Answers())
	lvl := res.Triage.Level
	label := strings.ToUpper(rb.Level(lvl).Label)
	v := text(m)
	mustContain(t, v, "Triage: "+label, rb.Level(lvl).Action[:30], "What your answers may point to")
	if label != "SEE A DOCTOR" {
		t.Errorf("vegan case triage = %q, want SEE A DOCTOR", label)
	}
	// The top deficiency is selected and shown first.
	top := res.Deficiencies[0]
	if top.ID != "vitamin_b12" {
		t.Fatalf("top deficiency = %s, want vitamin_b12", top.ID)
	}
	mustContain(t, v, fmt.Sprintf("> ▸ %s", top.Name), fmt.Sprintf("%3d  %s", top.Score, top.Band))
	// Every red flag that fired is listed with its reason.
	for _, f := range res.Triage.Flags {
		mustContain(t, strings.Join(strings.Fields(v), " "), f.Reason)
	}
}

func TestResultsTabMovesSelection(t *testing.T) {
	m := veganResults(t, 100, 50)
	res := m.result
	if m.results.selected != 0 {
		t.Fatalf("selected = %d at first, want 0", m.results.selected)
	}
	m = press(t, m, "tab")
	if m.results.selected != 1 {
		t.Fatalf("selected = %d after tab, want 1", m.results.selected)
	}
	v := text(m)
	mustContain(t, v, "> ▸ "+res.Deficiencies[1].Name)
	mustNotContain(t, v, "> ▸ "+res.Deficiencies[0].Name)
	m = press(t, m, "shift+tab", "shift+tab")
	if want := len(res.Deficiencies) - 1; m.results.selected != want {
		t.Errorf("selected = %d after shift+tab twice, want %d (wraps)", m.results.selected, want)
	}
	m = press(t, m, "tab")
	if m.results.selected != 0 {
		t.Errorf("selected = %d after wrapping forward, want 0", m.results.selected)
	}
}

func TestResultsExpand(t *testing.T) {
	m := veganResults(t, 100, 50)
	d := m.result.Deficiencies[0]
	mustNotContain(t, text(m), "Blood tests to ask for")
	m = press(t, m, "enter")
	if !m.results.expanded[d.ID] {
		t.Fatal("enter did not expand the selected deficiency")
	}
	v := text(m)
	mustContain(t, v, "> ▾ "+d.Name, "For:", fmt.Sprintf("Starts at %d before any answer.", d.Baseline))
	// The end of the details may be below the fold: scroll down to it.
	for i := 0; i < 10 && !strings.Contains(text(m), "Blood tests to ask for"); i++ {
		m = press(t, m, "down")
	}
	mustContain(t, text(m), "Blood tests to ask for: "+d.Tests[0])
	// space collapses it again.
	m = press(t, m, "space")
	if m.results.expanded[d.ID] {
		t.Error("space did not collapse the details")
	}
	mustNotContain(t, text(m), "Blood tests to ask for")
}

func TestResultsExplainAddsUp(t *testing.T) {
	m := veganResults(t, 100, 60)
	d := m.result.Deficiencies[0]
	m = press(t, m, "e")
	onScreen(t, m, explainScreen)
	v := text(m)
	mustContain(t, v, fmt.Sprintf("Why %s scores %d", d.Name, d.Score),
		fmt.Sprintf("%3d  start (before any answer)", d.Baseline))
	// The running score after each answer is shown, and the last one is
	// the score.
	running := d.Baseline
	for _, e := range d.Evidence {
		running += e.Points
		mustContain(t, v, fmt.Sprintf("%3d  %+d  %s", running, e.Points, report.AnswerLabels(m.rb, e.Answers())))
	}
	if running != d.Score {
		t.Errorf("baseline %d + points = %d, want the score %d", d.Baseline, running, d.Score)
	}
	parts := make([]string, len(d.Evidence))
	for i, e := range d.Evidence {
		parts[i] = fmt.Sprintf("%+d", e.Points)
	}
	mustContain(t, v, fmt.Sprintf("= %d (%s). %d + (%s) = %d.", d.Score, d.Band, d.Baseline, strings.Join(parts, " "), d.Score))

	// tab shows the next nutrient; esc goes back to the results with it
	// selected.
	m = press(t, m, "tab")
	d1 := m.result.Deficiencies[1]
	mustContain(t, text(m), fmt.Sprintf("Why %s scores %d", d1.Name, d1.Score))
	m = press(t, m, "esc")
	onScreen(t, m, resultsScreen)
	if m.results.selected != 1 {
		t.Errorf("back from explaining %s: selected = %d, want 1", d1.ID, m.results.selected)
	}
}

func TestExplainWithoutEvidence(t *testing.T) {
	m := press(t, newModel(t, 100, 40), "enter")
	m = press(t, m, "tab") // skip serious
	m.openResults()
	m = press(t, m, "e")
	onScreen(t, m, explainScreen)
	d := m.result.Deficiencies[0]
	mustContain(t, text(m), "No answer so far moves this score.", fmt.Sprintf("= %d (%s). %d + 0 = %d.", d.Score, d.Band, d.Baseline, d.Score))
}

func TestRuleBrowser(t *testing.T) {
	m := veganResults(t, 100, 40)
	rb := m.rb
	m = press(t, m, "k")
	onScreen(t, m, browserScreen)
	items := m.browser.list.Items()
	if want := len(rb.Deficiencies) + len(rb.Triggers) + len(rb.RedFlags) + len(rb.Sources); len(items) != want {
		t.Errorf("the browser lists %d entries, want %d", len(items), want)
	}
	got := map[string]bool{}
	for _, it := range items {
		bi := it.(browserItem)
		got[bi.kind+":"+bi.id] = true
	}
	for _, d := range rb.Deficiencies {
		if !got["deficiency:"+d.ID] {
			t.Errorf("deficiency %s is not listed", d.ID)
		}
	}
	for _, tr := range rb.Triggers {
		if !got["trigger:"+tr.ID] {
			t.Errorf("trigger %s is not listed", tr.ID)
		}
	}
	for _, f := range rb.RedFlags {
		if !got["red flag:"+f.ID] {
			t.Errorf("red flag %s is not listed", f.ID)
		}
	}
	for _, s := range rb.Sources {
		if !got["source:"+s.ID] {
			t.Errorf("source %s is not listed", s.ID)
		}
	}
	v := text(m)
	mustContain(t, v, "Rule browser: knowledge base "+rb.Version, rb.Deficiencies[0].Name)

	// enter shows the first entry's rules; esc goes back to the list,
	// esc again back to the results.
	m = press(t, m, "enter")
	if m.browser.showing == nil {
		t.Fatal("enter did not open the entry")
	}
	mustContain(t, text(m), rb.Deficiencies[0].Name, "Rules", "when ")
	m = press(t, m, "esc")
	if m.browser.showing != nil {
		t.Fatal("esc did not close the entry")
	}
	onScreen(t, m, browserScreen)
	m = press(t, m, "esc")
	onScreen(t, m, resultsScreen)
	if !m.Answers().Equal(veganScript.answers(t, rb)) {
		t.Error("the rule browser changed the answers")
	}
}

func TestRuleBrowserFromWelcome(t *testing.T) {
	m := press(t, newModel(t, 80, 24), "k")
	onScreen(t, m, browserScreen)
	m = press(t, m, "esc")
	onScreen(t, m, welcomeScreen)
}

func TestRuleBrowserFilterKeepsLetters(t *testing.T) {
	// While typing a filter, q and k are letters, not commands.
	m := press(t, newModel(t, 80, 24), "k", "/")
	if !m.browser.typing() {
		t.Fatal("/ did not start filtering")
	}
	m, cmd := send(t, m, letter('q'))
	if isQuit(cmd) || m.quitting {
		t.Fatal("q typed into the filter quit the app")
	}
	m = press(t, m, "k")
	onScreen(t, m, browserScreen)
	if got := m.browser.list.FilterValue(); got != "qk" {
		t.Errorf("filter = %q, want qk", got)
	}
}

func TestResultsRestartAndReview(t *testing.T) {
	m := veganResults(t, 100, 40)
	m = press(t, m, "v")
	onScreen(t, m, reviewScreen)
	// On results, r asks first: n keeps every answer, y starts over.
	kept := press(t, m, "r", "r", "n")
	onScreen(t, kept, resultsScreen)
	if !kept.Answers().Equal(m.Answers()) {
		t.Error("answering n to start over changed the answers")
	}
	m = press(t, m, "r", "r")
	mustContain(t, text(m), "Start over? This clears every answer. (y/n)")
	m = press(t, m, "y")
	onScreen(t, m, welcomeScreen)
	if m.Answers().Count() != 0 {
		t.Errorf("start over kept %d answers", m.Answers().Count())
	}
}

func TestExplainShiftTabShowsPreviousNutrient(t *testing.T) {
	m := veganResults(t, 100, 40)
	m = press(t, m, "e", "tab", "tab", "shift+tab")
	onScreen(t, m, explainScreen)
	d1 := m.result.Deficiencies[1]
	if m.explain.id != d1.ID {
		t.Errorf("explaining %s, want %s", m.explain.id, d1.ID)
	}
}

func TestExplainLinesAreNotCut(t *testing.T) {
	m := veganResults(t, 80, 40)
	m = press(t, m, "e")
	d := m.result.Deficiencies[0]
	v := flat(text(m))
	for _, e := range d.Evidence {
		mustContain(t, v, fmt.Sprintf("(weight %+g)", e.Rule.Weight))
	}
}
