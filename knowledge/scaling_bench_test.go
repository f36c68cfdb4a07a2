package knowledge_test

import (
	"fmt"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// scaled returns a synthetic rule base k times the size of rb: every
// deficiency, trigger and red flag (with all their rules) k times over,
// under new ids. The conditions are already resolved against the same
// questions, so the copies are as valid as the originals.
func scaled(rb *knowledge.RuleBase, k int) *knowledge.RuleBase {
	c := *rb
	c.Deficiencies, c.Triggers, c.RedFlags = nil, nil, nil
	for i := 0; i < k; i++ {
		suffix := ""
		if i > 0 {
			suffix = fmt.Sprintf("_%d", i)
		}
		for _, d := range rb.Deficiencies {
			d.ID += suffix
			c.Deficiencies = append(c.Deficiencies, d)
		}
		for _, t := range rb.Triggers {
			t.ID += suffix
			c.Triggers = append(c.Triggers, t)
		}
		for _, f := range rb.RedFlags {
			f.ID += suffix
			c.RedFlags = append(c.RedFlags, f)
		}
	}
	return knowledge.FromSnapshot(&c)
}

func rules(rb *knowledge.RuleBase) int {
	n := len(rb.RedFlags)
	for _, d := range rb.Deficiencies {
		n += len(d.Rules)
	}
	for _, t := range rb.Triggers {
		n += len(t.Rules)
	}
	return n
}

// BenchmarkScaling measures one assessment against synthetic rule bases of
// 1×, 10× and 100× the real one. Time per rule should stay flat: the cost
// grows linearly with the rule base (scoring is one pass over the rules,
// then a sort of the deficiencies).
func BenchmarkScaling(b *testing.B) {
	rb := data.RuleBase()
	for _, k := range []int{1, 10, 100} {
		big := scaled(rb, k)
		a, err := knowledge.ParseAnswers(big, "bench", []byte(benchAnswers))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dx", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				knowledge.Assess(a)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rules(big)), "ns/rule")
			b.ReportMetric(float64(rules(big)), "rules")
		})
	}
}
