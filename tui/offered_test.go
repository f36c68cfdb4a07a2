package tui

import (
	"slices"
	"testing"
)

// TestOldOptionNotOffered: an option kept only for old files is not a row
// of its question, but an answer holding it shows by its label in the
// review and survives opening the question and keeping the answer.
func TestOldOptionNotOffered(t *testing.T) {
	rb := testRules(t)
	a := answersOf(t, rb, "serious: [none]\nsymptoms: [diarrhea]\ngi_duration: days\n")
	m := withAnswers(t, a, "", 120, 40)
	onScreen(t, m, "review")
	mustContain(t, text(m), "Days")
	row := slices.Index(m.c.answers.Visible(), rb.QuestionIndex("gi_duration"))
	if row < 0 {
		t.Fatal("gi_duration is not in the review")
	}
	m = press(t, m, "home")
	for range row {
		m = press(t, m, "down")
	}
	m = press(t, m, "enter")
	onQuestion(t, m, "gi_duration")
	view := text(m)
	mustContain(t, view, "Under 3 days", "3 to 6 days", "Week plus")
	mustNotContain(t, view, "( ) Days", "(•) Days")
	// Enter with no row chosen keeps the old answer.
	m = press(t, m, "enter")
	if !m.c.answers.Has("gi_duration", "days") {
		t.Errorf("keeping the question dropped the old answer: %s", m.c.answers.YAML())
	}
}
