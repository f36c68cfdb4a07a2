package knowledge_test

import (
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// benchAnswers is a realistic, fully filled-in questionnaire: 15 answers.
const benchAnswers = `serious: [none]
location: [eyelid, legs]
duration: 2_weeks_to_3_months
frequency: daily
spreading: "no"
symptoms: [cramps, fatigue, numbness_tingling, palpitations]
caffeine: 5_plus_cups
stress: high
sleep: 5_6
exercise: strenuous
sweating: "yes"
diet: vegetarian
greens: rarely
medications: [ppi]
supplements: [none]
`

func BenchmarkAssess(b *testing.B) {
	rb := realRuleBase(b)
	a := mustAnswers(b, rb, benchAnswers)
	if a.Count() != 15 {
		b.Fatalf("the benchmark answers hold %d answers, want 15", a.Count())
	}
	b.ReportAllocs()
	for b.Loop() {
		res := knowledge.Assess(a)
		if len(res.Deficiencies) != len(rb.Deficiencies) {
			b.Fatal("incomplete result")
		}
	}
}

// BenchmarkAssessUnansweredFollowUp is BenchmarkAssess with two follow-ups
// asked but unanswered that red flags read on the safe side (vomiting,
// weeks pregnant): the path that copies the selections.
func BenchmarkAssessUnansweredFollowUp(b *testing.B) {
	rb := realRuleBase(b)
	src := strings.Replace(benchAnswers, "palpitations]", "palpitations, nausea_vomiting]", 1) + "conditions: [pregnant]\n"
	a := mustAnswers(b, rb, src)
	res := knowledge.Assess(a)
	read := 0
	for _, f := range res.Triage.Flags {
		for _, r := range f.Answers {
			if r.Unanswered() {
				read++
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		res := knowledge.Assess(a)
		if len(res.Deficiencies) != len(rb.Deficiencies) {
			b.Fatal("incomplete result")
		}
	}
	// How many answers the flags name as unanswered: 0 until the rule
	// base has red flags on these follow-ups.
	b.ReportMetric(float64(read), "unanswered-refs")
}

func BenchmarkLoadYAML(b *testing.B) {
	src := data.Rules()
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := knowledge.Load(data.RulesName, src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromSnapshot(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = data.RuleBase()
	}
}

func BenchmarkParseAnswers(b *testing.B) {
	rb := realRuleBase(b)
	src := []byte(benchAnswers)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := knowledge.ParseAnswers(rb, "bench.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}
