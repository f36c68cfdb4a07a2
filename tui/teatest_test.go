package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// magnesiumScript answers every question, follow-ups included, for
// someone who points to magnesium.
var magnesiumScript = script{
	{"serious", []string{"none"}},
	{"location", []string{"eyelid", "legs"}},
	{"duration", []string{"1_to_2_weeks"}},
	{"frequency", []string{"daily"}},
	{"spreading", []string{"no"}},
	{"symptoms", []string{"cramps", "fatigue", "diarrhea"}},
	{"gi_duration", []string{"week_plus"}},
	{"caffeine", []string{"3_4_cups"}},
	{"stress", []string{"high"}},
	{"sleep", []string{"5_6"}},
	{"exercise", []string{"strenuous"}},
	{"fluids", []string{"good"}},
	{"sweating", []string{"yes"}},
	{"rehydration", []string{"electrolytes"}},
	{"alcohol", []string{"heavy"}},
	{"nicotine", []string{"no"}},
	{"diet", []string{"omnivore"}},
	{"dairy", []string{"daily"}},
	{"greens", []string{"rarely"}},
	{"fruit_veg", []string{"sometimes"}},
	{"sun", []string{"daily"}},
	{"medications", []string{"ppi"}},
	{"ppi_duration", []string{"over_1_year"}},
	{"supplements", []string{"none"}},
	{"conditions", []string{"none"}},
	{"age", []string{"50_64"}},
}

// emergencyScript answers chest pain, goes on from the emergency screen
// ("c" is not an answer: see the flow) and skips the rest.
var emergencyScript = script{
	{"serious", []string{"chest_pain"}},
}

type flow struct {
	name    string
	keys    []string
	answers knowledge.Answers
	level   string // triage label in upper case
	top     string // top deficiency id
}

func TestTeatestFlows(t *testing.T) {
	rb := ruleBase(t)
	var skipRest []string
	for i := 1; i < len(veganScript); i++ { // every question after serious, skipped
		skipRest = append(skipRest, "tab")
	}
	flows := []flow{
		{
			name:    "vegan",
			keys:    append(append([]string{"enter"}, veganScript.keys(t, rb)...), "r", "q"),
			answers: veganScript.answers(t, rb),
			level:   "SEE A DOCTOR",
			top:     "vitamin_b12",
		},
		{
			name:    "magnesium with follow-ups",
			keys:    append(append([]string{"enter"}, magnesiumScript.keys(t, rb)...), "r", "q"),
			answers: magnesiumScript.answers(t, rb),
			level:   "SEE A DOCTOR",
			top:     "magnesium",
		},
		{
			name:    "emergency then continue",
			keys:    append(append(append(append([]string{"enter"}, emergencyScript.keys(t, rb)...), "c"), skipRest...), "down", "up", "r", "q"),
			answers: emergencyScript.answers(t, rb),
			level:   "EMERGENCY: CALL EMERGENCY SERVICES NOW",
			top:     "magnesium",
		},
		{
			name:    "emergency straight to results",
			keys:    append(append([]string{"enter"}, emergencyScript.keys(t, rb)...), "r", "q"),
			answers: emergencyScript.answers(t, rb),
			level:   "EMERGENCY: CALL EMERGENCY SERVICES NOW",
			top:     "magnesium",
		},
	}
	for _, f := range flows {
		t.Run(f.name, func(t *testing.T) {
			start := time.Now()
			opts := testOptions(t)
			tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(100, 30))
			for _, k := range f.keys {
				tm.Send(keyOf(t, k))
			}
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
			m, ok := fm.(Model)
			if !ok {
				t.Fatalf("final model is %T", fm)
			}
			if !m.quitting || m.ExitCode() != 0 {
				t.Errorf("quitting %v, exit %d", m.quitting, m.ExitCode())
			}
			if m.screen != resultsScreen {
				t.Errorf("final screen %v, want results", m.screen)
			}
			if !m.Answers().Equal(f.answers) {
				t.Errorf("answers = %v\nwant %v", m.Answers().Refs(), f.answers.Refs())
			}
			if m.width != 100 || m.height != 30 {
				t.Errorf("window %d×%d, want 100×30", m.width, m.height)
			}
			res := knowledge.Assess(m.Answers())
			if res.Deficiencies[0].ID != f.top {
				t.Errorf("top deficiency %s, want %s", res.Deficiencies[0].ID, f.top)
			}
			if got := strings.ToUpper(report.LevelLabel(rb, res.Triage.Level)); got != f.level {
				t.Errorf("triage %s, want %s", got, f.level)
			}
			// A quitting model draws nothing (the alternate screen is
			// left); the screen it quit from is drawn once quitting is
			// cleared.
			if c := m.View().Content; c != "" {
				t.Errorf("the quitting view is %q, want empty", c)
			}
			m.quitting = false
			v := ansi.Strip(m.View().Content)
			mustContain(t, v, "Triage: "+f.level, "> ▸ "+res.Deficiencies[0].Name)
			checkFits(t, m, 100, 30, "final")
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("the flow took %v", d)
			}
		})
	}
}

func TestTeatestResize(t *testing.T) {
	tm := teatest.NewTestModel(t, New(testOptions(t)), teatest.WithInitialTermSize(100, 30))
	tm.Send(kEnter)
	tm.Send(tea.WindowSizeMsg{Width: 30, Height: 10})
	tm.Send(letter('x'))
	tm.Send(tea.WindowSizeMsg{Width: 90, Height: 25})
	tm.Send(kEnter)
	tm.Send(kCtrlC)
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	m := fm.(Model)
	if m.ExitCode() != 130 {
		t.Errorf("exit %d after ctrl+c, want 130", m.ExitCode())
	}
	if !m.Answers().Has("serious", "none") {
		t.Errorf("answers %v: a key pressed in a too-small window was lost", m.Answers().Refs())
	}
	if m.width != 90 || m.height != 25 {
		t.Errorf("window %d×%d", m.width, m.height)
	}
}
