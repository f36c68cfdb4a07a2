package tui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

func TestWelcomeEnterOpensSerious(t *testing.T) {
	m := newModel(t, 80, 24)
	onScreen(t, m, welcomeScreen)
	mustContain(t, text(m), "twitchcheck", "Press Enter to start.")
	m = press(t, m, "enter")
	onQuestion(t, m, knowledge.FirstQuestion)
	mustContain(t, text(m), "question 1 of 23", "First, do you have any of these", "> [ ] None of these", "Not sure / skip")
	if m.Answers().Count() != 0 {
		t.Errorf("answers = %d before any was given", m.Answers().Count())
	}
}

// openAt opens question id of a fresh model directly.
func openAt(t *testing.T, id string, w, h int) Model {
	t.Helper()
	m := newModel(t, w, h)
	i := m.rb.QuestionIndex(id)
	if i < 0 {
		t.Fatalf("no question %s", id)
	}
	m.openQuestion(i)
	onQuestion(t, m, id)
	return m
}

func TestMultiChoiceSpaceTogglesEnterConfirms(t *testing.T) {
	m := openAt(t, "location", 80, 24)
	// space ticks the option under the cursor, space again unticks it.
	m = press(t, m, "space")
	if !m.q.ticked[0] {
		t.Fatal("space did not tick the first option")
	}
	mustContain(t, text(m), "> [x] Eyelid")
	m = press(t, m, "space")
	if m.q.ticked[0] {
		t.Fatal("second space did not untick the option")
	}
	// x ticks too.
	m = press(t, m, "down", "x", "down", "down", "space")
	if m.q.ticked[0] || !m.q.ticked[1] || m.q.ticked[2] || !m.q.ticked[3] {
		t.Fatalf("ticked = %v, want face and hands", m.q.ticked)
	}
	if m.Answers().IsAnswered("location") {
		t.Fatal("ticking answered the question before enter")
	}
	m = press(t, m, "enter")
	if got := m.Answers().Selected("location"); !slices.Equal(got, []string{"face", "hands"}) {
		t.Errorf("location = %v, want [face hands]", got)
	}
	onQuestion(t, m, "duration")
}

func TestMultiChoiceNoneIsExclusive(t *testing.T) {
	m := openAt(t, "symptoms", 80, 24)
	q := m.currentQuestion()
	none, cramps, fatigue := q.OptionIndex("none"), q.OptionIndex("cramps"), q.OptionIndex("fatigue")
	if none != 0 || cramps != 1 || fatigue != 4 {
		t.Fatalf("unexpected option order: none %d cramps %d fatigue %d", none, cramps, fatigue)
	}
	// Tick cramps and fatigue, then none: none clears them.
	m = press(t, m, "down", "space", "down", "down", "down", "space")
	if !m.q.ticked[cramps] || !m.q.ticked[fatigue] {
		t.Fatalf("ticked = %v, want cramps and fatigue", m.q.ticked)
	}
	m = press(t, m, "up", "up", "up", "up", "space")
	if m.q.cursor != none {
		t.Fatalf("cursor = %d, want none", m.q.cursor)
	}
	for i, tk := range m.q.ticked {
		if tk != (i == none) {
			t.Fatalf("after ticking none, ticked = %v, want only none", m.q.ticked)
		}
	}
	// Ticking another option clears none.
	m = press(t, m, "down", "space")
	if m.q.ticked[none] || !m.q.ticked[cramps] {
		t.Fatalf("after ticking cramps, ticked = %v, want only cramps", m.q.ticked)
	}
	m = press(t, m, "enter")
	if got := m.Answers().Selected("symptoms"); !slices.Equal(got, []string{"cramps"}) {
		t.Errorf("symptoms = %v, want [cramps]", got)
	}
	// None alone is a valid answer.
	m = openAt(t, "symptoms", 80, 24)
	m = press(t, m, "space", "enter")
	if got := m.Answers().Selected("symptoms"); !slices.Equal(got, []string{"none"}) {
		t.Errorf("symptoms = %v, want [none]", got)
	}
}

func TestMultiChoiceEnterWithNothingTickedChoosesCursor(t *testing.T) {
	m := openAt(t, "location", 80, 24)
	m = press(t, m, "down", "down", "enter")
	if got := m.Answers().Selected("location"); !slices.Equal(got, []string{"mouth"}) {
		t.Errorf("location = %v, want [mouth]", got)
	}
	onQuestion(t, m, "duration")
}

func TestSingleChoiceArrowsAndJK(t *testing.T) {
	m := openAt(t, "duration", 80, 24)
	q := m.currentQuestion()
	rows := len(q.Options) + 1
	m = press(t, m, "down", "down", "up")
	if m.q.cursor != 1 {
		t.Fatalf("cursor = %d after down down up, want 1", m.q.cursor)
	}
	m = press(t, m, "j", "j", "k")
	if m.q.cursor != 2 {
		t.Fatalf("cursor = %d after j j k, want 2", m.q.cursor)
	}
	mustContain(t, text(m), "> ( ) 1 to 2 weeks")
	m = press(t, m, "enter")
	if got := m.Answers().Selected("duration"); !slices.Equal(got, []string{"1_to_2_weeks"}) {
		t.Errorf("duration = %v, want [1_to_2_weeks]", got)
	}
	onQuestion(t, m, "frequency")

	// The cursor wraps: up from the first row is the skip row, and down
	// from the skip row is the first option.
	m = openAt(t, "duration", 80, 24)
	m = press(t, m, "up")
	if m.q.cursor != rows-1 {
		t.Errorf("up from the top: cursor = %d, want the skip row %d", m.q.cursor, rows-1)
	}
	mustContain(t, text(m), ">     Not sure / skip")
	m = press(t, m, "down")
	if m.q.cursor != 0 {
		t.Errorf("down from the skip row: cursor = %d, want 0", m.q.cursor)
	}
}

func TestSkipLeavesUnanswered(t *testing.T) {
	t.Run("skip row", func(t *testing.T) {
		m := openAt(t, "frequency", 80, 24)
		m = press(t, m, "up", "enter") // up wraps to "Not sure / skip"
		if m.Answers().IsAnswered("frequency") {
			t.Error("the skip row answered the question")
		}
		onQuestion(t, m, "spreading")
	})
	t.Run("tab", func(t *testing.T) {
		m := openAt(t, "frequency", 80, 24)
		m = press(t, m, "down", "tab")
		if m.Answers().IsAnswered("frequency") {
			t.Error("tab answered the question")
		}
		onQuestion(t, m, "spreading")
	})
	t.Run("skip on a multi choice ignores ticks", func(t *testing.T) {
		m := openAt(t, "location", 80, 24)
		m = press(t, m, "space", "tab")
		if m.Answers().IsAnswered("location") {
			t.Error("tab kept the ticked options")
		}
		onQuestion(t, m, "duration")
	})
	t.Run("skip clears an earlier answer", func(t *testing.T) {
		m := openAt(t, "frequency", 80, 24)
		m = press(t, m, "enter") // occasional
		if !m.Answers().IsAnswered("frequency") {
			t.Fatal("frequency not answered")
		}
		m = press(t, m, "b")
		onQuestion(t, m, "frequency")
		m = press(t, m, "tab")
		if m.Answers().IsAnswered("frequency") {
			t.Error("skipping an answered question kept its answer")
		}
	})
}

func TestBackKeepsAnswers(t *testing.T) {
	rb := ruleBase(t)
	m := press(t, newModel(t, 80, 24), "enter")
	m = answerQ(t, m, "serious", "none")
	m = answerQ(t, m, "location", "legs", "feet")
	m = answerQ(t, m, "duration", "1_to_6_days")
	m = answerQ(t, m, "frequency", "daily")
	onQuestion(t, m, "spreading")
	want := m.Answers()
	if want.Count() != 4 {
		t.Fatalf("answered %d, want 4", want.Count())
	}

	m = press(t, m, "shift+tab")
	onQuestion(t, m, "frequency")
	// The current answer is selected and under the cursor.
	if q := rb.Question("frequency"); m.q.cursor != q.OptionIndex("daily") || !m.q.ticked[q.OptionIndex("daily")] {
		t.Errorf("frequency reopened with cursor %d, ticked %v; want its answer daily", m.q.cursor, m.q.ticked)
	}
	mustContain(t, text(m), "> (•) Every day", "question 4 of 23 · 4 answered")
	m = press(t, m, "left")
	onQuestion(t, m, "duration")
	m = press(t, m, "b")
	onQuestion(t, m, "location")
	mustContain(t, text(m), "[x] Legs", "[x] Feet")
	m = press(t, m, "b")
	onQuestion(t, m, "serious")
	if !m.Answers().Equal(want) {
		t.Errorf("going back changed the answers: %v, want %v", m.Answers().Refs(), want.Refs())
	}
	// Back from the first question is the welcome screen, answers kept.
	m = press(t, m, "b")
	onScreen(t, m, welcomeScreen)
	if !m.Answers().Equal(want) {
		t.Errorf("back to welcome changed the answers")
	}
	// Forward again with enter keeps each answer.
	m = press(t, m, "enter")
	onQuestion(t, m, "serious")
	m = press(t, m, "enter")
	onQuestion(t, m, "location")
	if !m.Answers().Equal(want) {
		t.Errorf("confirming the same answer changed the answers: %v", m.Answers().Refs())
	}
}

// toQuestion skips from the first question to question id.
func toQuestion(t *testing.T, m Model, id string) Model {
	t.Helper()
	for i := 0; i < 40; i++ {
		if q := m.currentQuestion(); m.screen == questionScreen && q != nil && q.ID == id {
			return m
		}
		if m.screen != questionScreen {
			t.Fatalf("left the questions (screen %v) before reaching %s", m.screen, id)
		}
		m = press(t, m, "tab")
	}
	t.Fatalf("never reached %s", id)
	return m
}

func TestBackAcrossConditionalQuestion(t *testing.T) {
	m := press(t, newModel(t, 80, 24), "enter")
	m = answerQ(t, m, "serious", "none")
	m = toQuestion(t, m, "sweating")
	n, total := m.position()
	if total != 23 {
		t.Fatalf("total = %d before sweating, want 23", total)
	}
	mustContain(t, text(m), "question "+strconv.Itoa(n)+" of 23")

	m = answerQ(t, m, "sweating", "yes")
	onQuestion(t, m, "rehydration")
	n2, total2 := m.position()
	if total2 != total+1 || n2 != n+1 {
		t.Fatalf("at rehydration: %d of %d, want %d of %d", n2, total2, n+1, total+1)
	}
	mustContain(t, text(m), "question "+strconv.Itoa(n+1)+" of 24")

	m = answerQ(t, m, "rehydration", "plain_water")
	onQuestion(t, m, "alcohol")
	m = press(t, m, "b")
	onQuestion(t, m, "rehydration")
	if !m.Answers().Has("rehydration", "plain_water") {
		t.Fatal("going back lost the rehydration answer")
	}
	m = press(t, m, "b")
	onQuestion(t, m, "sweating")
	if !m.Answers().Has("sweating", "yes") || !m.Answers().Has("rehydration", "plain_water") {
		t.Fatal("going back lost an answer")
	}
	// Change sweating to no: rehydration is no longer asked, and its
	// answer goes.
	m = press(t, m, "down", "enter")
	if !m.Answers().Has("sweating", "no") {
		t.Fatalf("sweating = %v, want no", m.Answers().Selected("sweating"))
	}
	if m.Answers().IsAnswered("rehydration") {
		t.Error("the rehydration answer was kept after sweating changed to no")
	}
	onQuestion(t, m, "alcohol")
	_, total3 := m.position()
	if total3 != total {
		t.Errorf("total = %d after sweating no, want %d", total3, total)
	}
	mustContain(t, text(m), " of 23 ")
	// Back from alcohol now skips the hidden follow-up.
	m = press(t, m, "b")
	onQuestion(t, m, "sweating")
}

func TestEmergencyScreen(t *testing.T) {
	rb := ruleBase(t)
	var reason string
	for _, f := range rb.RedFlags {
		if f.ID == "chest_pain" {
			reason = f.Reason
		}
	}
	if reason == "" {
		t.Fatal("no chest_pain red flag")
	}
	start := func() Model {
		m := press(t, newModel(t, 100, 30), "enter")
		m = answerQ(t, m, "serious", "chest_pain")
		onScreen(t, m, emergencyScreen)
		return m
	}
	m := start()
	if !m.Answers().Has("serious", "chest_pain") {
		t.Fatal("the answer was not recorded")
	}
	v := text(m)
	mustContain(t, v, "Triage: EMERGENCY", reason, "Because you answered:", "Call emergency services now")

	m = press(t, m, "c")
	onQuestion(t, m, "location")
	if !m.Answers().Has("serious", "chest_pain") {
		t.Error("continuing lost the answer")
	}

	m = press(t, start(), "r")
	onScreen(t, m, resultsScreen)
	mustContain(t, text(m), "Triage: EMERGENCY")
}

func TestEmergencyShownOnlyWhenTheLevelRises(t *testing.T) {
	// Back on the first question, confirming the same emergency answer
	// goes on to the next question rather than repeating the warning.
	m := press(t, newModel(t, 100, 30), "enter")
	m = answerQ(t, m, "serious", "chest_pain")
	m = press(t, m, "c")
	onQuestion(t, m, "location")
	m = press(t, m, "b")
	onQuestion(t, m, "serious")
	m = press(t, m, "enter")
	onQuestion(t, m, "location")
}

func TestLastQuestionOpensReview(t *testing.T) {
	m := veganScript.run(t, newModel(t, 80, 24))
	if want := veganScript.answers(t, m.rb); !m.Answers().Equal(want) {
		t.Errorf("answers = %v, want %v", m.Answers().Refs(), want.Refs())
	}
	mustContain(t, text(m), "Review your answers", "15 of 23 answered")
}

func TestReviewChangeReturnsToReview(t *testing.T) {
	m := veganScript.run(t, newModel(t, 100, 40))
	vis := m.Answers().Visible()
	diet := slices.Index(vis, m.rb.QuestionIndex("diet"))
	if diet < 0 {
		t.Fatal("diet not shown")
	}
	for i := 0; i < diet; i++ {
		m = press(t, m, "down")
	}
	mustContain(t, text(m), "> Diet ")
	m = press(t, m, "enter")
	onQuestion(t, m, "diet")
	if !m.editing {
		t.Error("a question opened from review is not marked as editing")
	}
	m = press(t, m, "up", "up", "up", "enter") // vegan → omnivore
	onScreen(t, m, reviewScreen)
	if !m.Answers().Has("diet", "omnivore") {
		t.Errorf("diet = %v, want omnivore", m.Answers().Selected("diet"))
	}
	if m.review.cursor != diet {
		t.Errorf("review cursor = %d, want it kept on diet (%d)", m.review.cursor, diet)
	}
	mustContain(t, text(m), "I eat meat and fish")

	// Back (and skip) from an edited question also return to review.
	m = press(t, m, "enter", "b")
	onScreen(t, m, reviewScreen)
	if !m.Answers().Has("diet", "omnivore") {
		t.Error("back from an edited question changed the answer")
	}

	// The last row opens the results, and so does r.
	m2 := press(t, m, "up")
	for m2.review.cursor != len(vis) {
		m2 = press(t, m2, "down")
	}
	m2 = press(t, m2, "enter")
	onScreen(t, m2, resultsScreen)
	m = press(t, m, "r")
	onScreen(t, m, resultsScreen)
	mustContain(t, text(m), "Triage: ")
}

func TestReviewBackOpensLastQuestion(t *testing.T) {
	m := veganScript.run(t, newModel(t, 80, 24))
	m = press(t, m, "b")
	onQuestion(t, m, "age")
	if m.editing {
		t.Error("back from review opened the last question as an edit")
	}
	m = press(t, m, "enter")
	onScreen(t, m, reviewScreen)
}

func TestQuitAndForceQuit(t *testing.T) {
	m := press(t, newModel(t, 80, 24), "enter")
	m, cmd := send(t, m, letter('q'))
	if !isQuit(cmd) || m.ExitCode() != 0 || !m.quitting {
		t.Errorf("q: quit %v, exit %d, quitting %v", isQuit(cmd), m.ExitCode(), m.quitting)
	}
	m = press(t, newModel(t, 80, 24), "enter")
	m, cmd = send(t, m, kCtrlC)
	if !isQuit(cmd) || m.ExitCode() != 130 {
		t.Errorf("ctrl+c: quit %v, exit %d, want 130", isQuit(cmd), m.ExitCode())
	}
}

// isQuit reports whether cmd quits the program.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// TestDisclaimerReachable checks the disclaimer is one key (?) away on
// every screen.
func TestDisclaimerReachable(t *testing.T) {
	m := newModel(t, 100, 40)
	for _, keys := range [][]string{nil, {"enter"}, {"enter", "enter"}} {
		s := press(t, m, keys...)
		s = press(t, s, "?")
		mustContain(t, strings.Join(strings.Fields(text(s)), " "), strings.Join(strings.Fields(s.rb.Disclaimer), " ")[:80])
	}
	r := press(t, veganResults(t, 100, 40), "?")
	mustContain(t, strings.Join(strings.Fields(text(r)), " "), "screening aid, not a diagnosis")
}
