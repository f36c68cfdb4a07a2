package tui

import (
	"fmt"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

func TestScratch(t *testing.T) {
	rb := ruleBase(t)
	s := script{
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
	res := knowledge.Assess(s.answers(t, rb))
	fmt.Println(res.Triage.Level)
	for _, d := range res.Deficiencies { fmt.Println(d.ID, d.Score) }
	for _, tr := range res.Triggers { fmt.Println(tr.ID) }
	e := knowledge.Assess(knowledge.NewAnswers(rb))
	for _, d := range e.Deficiencies[:2] { fmt.Println(d.ID, d.Score) }
}
