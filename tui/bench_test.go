package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// benchResults is the app on the results screen of a full answer set on
// the real rule base, the first nutrient expanded, at w×h.
func benchResults(b *testing.B, w, h int) Model {
	b.Helper()
	rb := realRules(b)
	a := fullAnswers(b, rb)
	m := withAnswers(b, a, "", w, h)
	m = press(b, m, "r", "enter")
	return m
}

// BenchmarkResultsView draws the results screen at 120×40.
func BenchmarkResultsView(b *testing.B) {
	m := benchResults(b, 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkResultsRefresh lays the results out again after the answers
// change.
func BenchmarkResultsRefresh(b *testing.B) {
	m := benchResults(b, 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		m.c.gen++
		m.layout()
	}
}

// BenchmarkSavePromptKey is one key typed in the save prompt over the
// results, and the frame drawn after it.
func BenchmarkSavePromptKey(b *testing.B) {
	m := press(b, benchResults(b, 120, 40), "s", "m")
	k := letter('x')
	b.ReportAllocs()
	for b.Loop() {
		next, _ := m.Update(k)
		_ = next.(Model).View()
	}
}

// BenchmarkQuestionKey is a cursor move on a question and the frame.
func BenchmarkQuestionKey(b *testing.B) {
	m := press(b, newModelOpts(b, optionsFor(b, realRules(b)), 120, 40), "enter", "down")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := kDown
		if i%2 == 1 {
			k = kUp
		}
		next, _ := m.Update(k)
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkFirstFrame is the in-process part of the time from start to
// the first frame: the embedded rule base, the model, the window size and
// the first View of the welcome screen.
func BenchmarkFirstFrame(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m := New(Options{Rules: realRules(b)})
		tm, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		_ = tm.(Model).View()
	}
}

// BenchmarkHugeWindow draws the results in a 4000×2000 window: the work
// and memory are those of the content width and the rows shown, not of
// the window's area.
func BenchmarkHugeWindow(b *testing.B) {
	m := benchResults(b, 4000, 2000)
	b.ReportAllocs()
	for b.Loop() {
		next, _ := m.Update(kDown)
		_ = next.(Model).View()
	}
}
