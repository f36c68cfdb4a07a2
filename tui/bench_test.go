package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// benchModel is the app at w×h on the results screen of a full answer set.
func benchModel(b *testing.B, w, h int) Model {
	b.Helper()
	rb := data.RuleBase()
	a, err := knowledge.ParseAnswers(rb, "bench", []byte(`serious: [none]
location: [eyelid, legs]
duration: 2_weeks_to_3_months
frequency: daily
spreading: "no"
symptoms: [cramps, numbness_tingling, fatigue, palpitations, sore_tongue]
caffeine: 5_plus_cups
stress: high
sleep: under_5
exercise: strenuous
sweating: "yes"
alcohol: moderate
diet: vegan
dairy: rarely
medications: [ppi, diuretic]
supplements: [magnesium]
conditions: [kidney_disease]
age: 65_plus
`))
	if err != nil {
		b.Fatal(err)
	}
	m := New(Options{Rules: rb, Answers: &a, Now: func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) }})
	tm, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m = tm.(Model)
	m.openResults()
	m.results.expanded[m.result.Deficiencies[0].ID] = true
	m.refreshResults()
	return m
}

// BenchmarkResultsView renders the results screen at 120×40 (target:
// 200 µs).
func BenchmarkResultsView(b *testing.B) {
	m := benchModel(b, 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkResultsRefresh rebuilds the results after an answer changes.
func BenchmarkResultsRefresh(b *testing.B) {
	m := benchModel(b, 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		m.refreshResults()
	}
}

// BenchmarkFirstFrame is the in-process part of the time from start to
// first frame: the embedded rule base, the model, the first window size
// and the first View of the welcome screen.
func BenchmarkFirstFrame(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		rb := data.RuleBase()
		m := New(Options{Rules: rb})
		tm, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		_ = tm.(Model).View()
	}
}
