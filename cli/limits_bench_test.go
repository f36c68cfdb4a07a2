package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// BenchmarkLimits measures the worst case of every input limit through
// the whole command line (read with the bound, parse, validate, assess,
// render), in process: the numbers BENCHMARKS.md records. Each input is
// built to cost the most its limit allows.
//
//	go test -run '^$' -bench Limits -benchtime 3x -benchmem ./cli
func BenchmarkLimits(b *testing.B) {
	dir := b.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			b.Fatal(err)
		}
		return p
	}
	rules := string(testrules.YAML())
	for _, bc := range []struct {
		name string
		args func() []string
		code int
	}{
		{"rule base/valid, the most rules with conditions 8 deep the limits allow", func() []string {
			return []string{"rules", "check", file("deep.yaml", deepRuleBase(rules, knowledge.MaxRuleBaseBytes))}
		}, 0},
		{"rule base/syntax error on the last line of 4 MiB", func() []string {
			y := padYAML(rules, knowledge.MaxRuleBaseBytes-64) + "oops: [\n"
			return []string{"rules", "check", file("syntax.yaml", []byte(y))}
		}, 2},
		{"rule base/flow list of 4 MiB (node limit)", func() []string {
			return []string{"rules", "check", file("flow.yaml", flowList(knowledge.MaxRuleBaseBytes))}
		}, 2},
		{"rule base/a condition testing one answer more than the limit", func() []string {
			atoms := strings.Repeat("{location: eyelid}, ", knowledge.MaxCondAtoms) + "{location: legs}"
			return []string{"rules", "check", file("atoms.yaml", []byte(strings.Replace(rules, "    rules:\n", "    rules:\n      - {when: {any: ["+atoms+"]}, weight: 0.1, why: \"x\", source: src_a}\n", 1)))}
		}, 2},
		{"rule base/conditions testing more answers in all than the limit", func() []string {
			atoms := strings.Repeat("{location: eyelid}, ", knowledge.MaxCondAtoms-1) + "{location: legs}"
			var extra strings.Builder
			for k := 0; k <= knowledge.MaxRuleBaseAtoms/knowledge.MaxCondAtoms; k++ {
				fmt.Fprintf(&extra, "      - {id: wide_%d, when: {any: [%s]}, weight: 0.1, why: \"x\", source: src_a}\n", k, atoms)
			}
			return []string{"rules", "check", file("wide.yaml", []byte(strings.Replace(rules, "    rules:\n", "    rules:\n"+extra.String(), 1)))}
		}, 2},
		{"rule base/the most follow-ups, each on a condition over many questions", func() []string {
			return []string{"rules", "check", file("followups.yaml", manyFollowUps(rules))}
		}, 0},
		{"rule base/one question more than the limit", func() []string {
			var extra strings.Builder
			for k := 0; k <= knowledge.MaxQuestions; k++ {
				fmt.Fprintf(&extra, "  - {id: extra_%d, section: lifestyle, kind: single, text: \"Extra?\", options: [{id: a, label: A}, {id: b, label: B}]}\n", k)
			}
			return []string{"rules", "check", file("questions.yaml", []byte(strings.Replace(rules, "  - id: age\n", extra.String()+"  - id: age\n", 1)))}
		}, 2},
		{"rule base/a likely flag that would fill in to 300 GB (3 MB file)", func() []string {
			y := strings.Replace(rules, `reason: "Points strongly to low {name}."`, `reason: "Points strongly to low {name}. `+strings.Repeat("{tests}", 250_000)+`"`, 1)
			tests := make([]string, 100_000)
			for i := range tests {
				tests[i] = fmt.Sprintf("test%06d", i)
			}
			y = strings.Replace(y, "tests: [test m]", "tests: ["+strings.Join(tests, ", ")+"]", 1)
			return []string{"rules", "check", file("likely.yaml", []byte(y))}
		}, 2},
		{"rule base/nested 64 deep, then 65", func() []string {
			return []string{"rules", "check", file("nest.yaml", []byte("a: "+strings.Repeat("[", 65)+strings.Repeat("]", 65)+"\n"))}
		}, 2},
		{"rule base/one byte over the limit", func() []string {
			return []string{"rules", "check", file("big.yaml", bytes.Repeat([]byte(" "), knowledge.MaxRuleBaseBytes+1))}
		}, 2},
		{"answers/256 KiB of unknown questions", func() []string {
			var s strings.Builder
			for i := 0; s.Len() < knowledge.MaxAnswersBytes-32; i++ {
				fmt.Fprintf(&s, "q%d: x\n", i)
			}
			return []string{"assess", "--answers", file("unknown.yaml", []byte(s.String()))}
		}, 2},
		{"answers/256 KiB flow list (node limit)", func() []string {
			return []string{"assess", "--answers", file("flow-answers.yaml", flowList(knowledge.MaxAnswersBytes))}
		}, 2},
		{"answers/syntax error on the last line of 256 KiB", func() []string {
			y := strings.Repeat("# padding to the limit\n", (knowledge.MaxAnswersBytes-64)/23) + "caffeine: [\n"
			return []string{"assess", "--answers", file("syntax-answers.yaml", []byte(y))}
		}, 2},
		{"answers/endless input (/dev/zero)", func() []string {
			return []string{"assess", "--answers", "/dev/zero"}
		}, 2},
		{"answers/FHIR response of 256 KiB, every item unknown", func() []string {
			return []string{"assess", "--answers", file("qr.json", bigResponse(knowledge.MaxAnswersBytes))}
		}, 2},
		{"answers/FHIR response of 256 KiB, one object of the most keys", func() []string {
			return []string{"assess", "--answers", file("keys-qr.json", manyKeys(knowledge.MaxAnswersBytes))}
		}, 2},
		{"answers/FHIR response nested 64 deep, then 65", func() []string {
			qr := `{"resourceType": "QuestionnaireResponse", "id": ` + strings.Repeat("[", 66) + strings.Repeat("]", 66) + `}`
			return []string{"assess", "--answers", file("deep-qr.json", []byte(qr))}
		}, 2},
		{"vignettes/1 MiB of valid vignettes", func() []string {
			return []string{"eval", file("vignettes.yaml", manyVignettes(knowledge.MaxVignetteBytes))}
		}, 0},
		{"vignettes/endless input (/dev/zero)", func() []string {
			return []string{"eval", "/dev/zero"}
		}, 2},
	} {
		args := bc.args()
		size := int64(-1)
		if st, err := os.Stat(args[len(args)-1]); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var out, errb bytes.Buffer
				if code := Run(args, Env{Stdout: &out, Stderr: &errb, Content: testContent()}); code != bc.code {
					b.Fatalf("exit %d, want %d: %.300s", code, bc.code, errb.String())
				}
			}
			if size >= 0 {
				b.ReportMetric(float64(size), "input-bytes")
			}
		})
	}
	// A sample case is read with the answers limit.
	b.Run("cases/a case of 256 KiB", func(b *testing.B) {
		var s strings.Builder
		s.WriteString("id: big\ntitle: \"Big\"\nstory: \"")
		for s.Len() < knowledge.MaxAnswersBytes-200 {
			s.WriteString("A long story. ")
		}
		s.WriteString("\"\nanswers:\n  serious: [none]\n  caffeine: 5_plus_cups\n")
		c := testContent()
		c.Cases = fstest.MapFS{"big.yaml": {Data: []byte(s.String())}}
		b.ReportAllocs()
		for b.Loop() {
			var out bytes.Buffer
			if code := Run([]string{"cases"}, Env{Stdout: &out, Content: c}); code != 0 {
				b.Fatal("exit", code)
			}
		}
	})
}

// deepRuleBase adds rules whose conditions nest to the depth limit (8)
// to the test rule base: as many as the size and node limits allow while
// it still loads.
func deepRuleBase(base string, limit int) []byte {
	// A condition 8 levels deep, alternating any and all, with two
	// branches at each level and answer atoms at the leaves.
	var cond func(depth int) string
	cond = func(depth int) string {
		if depth == 8 {
			return "{symptoms: [cramps, fatigue]}"
		}
		op := "any"
		if depth%2 == 1 {
			op = "all"
		}
		return "{" + op + ": [" + cond(depth+1) + ", {diet: [vegan, vegetarian]}]}"
	}
	c := cond(1)
	marker := "    rules:\n"
	i := strings.Index(base, marker)
	build := func(n int) []byte {
		var extra strings.Builder
		for k := range n {
			fmt.Fprintf(&extra, "      - {id: deep_%d, when: %s, weight: 0.1, why: \"Deep rule %d.\", source: src_a}\n", k, c, k)
		}
		return []byte(base[:i+len(marker)] + extra.String() + base[i+len(marker):])
	}
	one := len(build(1)) - len(base)
	lo, hi := 0, (limit-len(base))/one
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if _, err := knowledge.Load("deep.yaml", build(mid)); err == nil {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return build(lo)
}

// padYAML pads a YAML document with comments to n bytes.
func padYAML(y string, n int) string {
	var b strings.Builder
	b.WriteString(y)
	for b.Len() < n-40 {
		b.WriteString("# padding to the size limit of the file\n")
	}
	return b.String()
}

// flowList is one flow list of single-character items, n bytes long.
func flowList(n int) []byte {
	items := (n - 8) / 2
	return []byte("a: [" + strings.Repeat("1,", items-1) + "1]\n")
}

// bigResponse is a FHIR QuestionnaireResponse of about n bytes whose
// items all have unknown linkIds.
func bigResponse(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"resourceType": "QuestionnaireResponse", "questionnaire": "` + fhir.QuestionnaireURL + `|test-1", "status": "completed", "item": [`)
	for i := 0; b.Len() < n-100; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"linkId": "q%d", "answer": [{"valueCoding": {"code": "x"}}]}`, i)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// manyKeys is a FHIR QuestionnaireResponse of about n bytes: one object
// with as many short, distinct keys as fit, the worst case for checking
// that no key appears twice.
func manyKeys(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"resourceType": "QuestionnaireResponse"`)
	for i := 0; b.Len() < n-16; i++ {
		fmt.Fprintf(&b, `,"%s":0`, strconv.FormatInt(int64(i), 36))
	}
	b.WriteString("}")
	return []byte(b.String())
}

// manyVignettes is a vignette file of about n bytes, each vignette with a
// full set of answers and expectations that hold.
func manyVignettes(n int) []byte {
	const one = "- id: v%d\n  story: \"A person with cramps, numbness and much coffee.\"\n  answers: {serious: [none], location: [eyelid, legs], duration: 1_to_2_weeks, symptoms: [cramps, numbness_tingling, fatigue], caffeine: 5_plus_cups, stress: high, sleep: under_5, diet: vegan, alcohol: heavy, supplements: [none]}\n  expect: {triggers: [caffeine]}\n"
	var b strings.Builder
	for i := 0; b.Len() < n-len(one)-16; i++ {
		fmt.Fprintf(&b, one, i)
	}
	return []byte(b.String())
}

// manyFollowUps adds to the test rule base as many follow-up questions as
// the question limit allows, each asked on a condition as large as the
// limit allows over eleven earlier questions: the worst case for checking
// that every follow-up can be asked.
func manyFollowUps(base string) []byte {
	qs := []string{"location: all_over", "duration: over_3_months", "frequency: constant", "spreading: \"yes\"", "symptoms: cramps", "caffeine: none", "stress: high", "sleep: under_5", "exercise: strenuous", "fluids: low", "sweating: \"no\""}
	var parts []string
	for len(parts) < knowledge.MaxCondAtoms/2 {
		q := qs[len(parts)%len(qs)]
		parts = append(parts, "{any: [{"+q+"}, {"+q+"}]}")
	}
	cond := "{all: [" + strings.Join(parts, ", ") + "]}"
	rb := testrules.RuleBase()
	var extra strings.Builder
	for k := 0; k < knowledge.MaxQuestions-len(rb.Questions); k++ {
		fmt.Fprintf(&extra, "  - {id: follow_%d, section: lifestyle, kind: single, text: \"Extra?\", enable_when: %s, options: [{id: a, label: A}, {id: b, label: B}]}\n", k, cond)
	}
	return []byte(strings.Replace(base, "  - id: age\n", extra.String()+"  - id: age\n", 1))
}
