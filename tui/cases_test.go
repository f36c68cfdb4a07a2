package tui

import (
	"testing"
)

func TestDemoCase(t *testing.T) {
	cases, err := loadCases(t)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no sample cases")
	}
	opts := testOptions(t)
	opts.Cases = cases
	m := newModelOpts(t, opts, 100, 30)
	mustContain(t, text(m), "press d to demo a sample case")
	m = press(t, m, "d")
	onScreen(t, m, casesScreen)
	mustContain(t, text(m), "Demo a sample case", cases[0].Title)
	m = press(t, m, "enter")
	onScreen(t, m, reviewScreen)
	if m.caseName != cases[0].Title {
		t.Errorf("case name = %q, want %q", m.caseName, cases[0].Title)
	}
	mustContain(t, text(m), "Review your answers · case: "+cases[0].Title)
	if !m.Answers().Equal(cases[0].Answers) {
		t.Errorf("answers = %v, want the case's %v", m.Answers().Refs(), cases[0].Answers.Refs())
	}
	// The case title stays on the results and on the questions.
	r := press(t, m, "r")
	mustContain(t, text(r), "case: "+cases[0].Title)
	q := press(t, m, "enter")
	mustContain(t, text(q), "case: ")
	// Start over forgets the case.
	r = press(t, r, "r", "y")
	onScreen(t, r, welcomeScreen)
	if r.caseName != "" || r.Answers().Count() != 0 {
		t.Errorf("start over kept the case %q with %d answers", r.caseName, r.Answers().Count())
	}
}

func TestDemoCaseEscReturns(t *testing.T) {
	cases, err := loadCases(t)
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(t)
	opts.Cases = cases
	m := press(t, newModelOpts(t, opts, 80, 24), "d", "esc")
	onScreen(t, m, welcomeScreen)
	if m.Answers().Count() != 0 {
		t.Error("leaving the case list loaded answers")
	}
}

func TestNoCasesNoDemo(t *testing.T) {
	m := newModel(t, 80, 24)
	mustNotContain(t, text(m), "press d")
	m = press(t, m, "d")
	onScreen(t, m, welcomeScreen)
}

func TestOptionsAnswersOpenReview(t *testing.T) {
	c := veganCase(t)
	m := withAnswers(t, c.Answers, c.Title, 100, 30)
	onScreen(t, m, reviewScreen)
	mustContain(t, text(m), "case: "+c.Title, "15 of 23 answered")
	if !m.Answers().Equal(veganScript.answers(t, m.rb)) {
		t.Error("the vegan script differs from the vegan_b12 case")
	}
}
