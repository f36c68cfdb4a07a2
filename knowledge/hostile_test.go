package knowledge_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// hostile is an input built to hurt a parser: huge, deeply nested, full
// of aliases, binary, empty, or repetitive.
type hostile struct {
	name string
	in   []byte
	want string // in the first problem
}

func billionLaughs() []byte {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		fmt.Fprintf(&b, "%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", n, n, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = n
	}
	return []byte(b.String())
}

func binary() []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	b[10] = 0
	return b
}

// hostileInputs builds the inputs; dup is a line with a key the parser
// knows, repeated to make duplicate keys.
func hostileInputs(limit int, what, dup string) []hostile {
	nested := []byte("a: " + strings.Repeat("[", 60000) + strings.Repeat("]", 60000) + "\n")
	var nestedMap bytes.Buffer
	for i := 0; i < 200; i++ {
		nestedMap.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	nestedMap.WriteString(strings.Repeat(" ", 200) + "b\n")
	var dupes bytes.Buffer
	for i := 0; i < 5000; i++ {
		dupes.WriteString(dup + "\n")
	}
	var unknown bytes.Buffer
	for i := 0; dupes.Len()+unknown.Len() < limit-64; i++ {
		fmt.Fprintf(&unknown, "q%d: x\n", i)
	}
	return []hostile{
		{"10 MB", bytes.Repeat([]byte("diet: vegan\n"), 10<<20/12), fmt.Sprintf("the limit is %d bytes", limit)},
		{"one byte over the limit", bytes.Repeat([]byte(" "), limit+1), fmt.Sprintf("the limit is %d bytes", limit)},
		{"deeply nested lists", nested, "YAML syntax error"},
		{"deeply nested mappings", nestedMap.Bytes(), "nesting is deeper than"},
		{"billion laughs", billionLaughs(), "YAML anchors (&a) are not supported"},
		{"binary", binary(), "not UTF-8 text"},
		{"empty", nil, what + " file is empty"},
		{"only spaces", []byte("   \n\n  "), what + " file is empty"},
		{"duplicate keys", dupes.Bytes(), "given twice"},
		{"thousands of unknown keys", unknown.Bytes(), ""},
	}
}

// TestHostileInputs refuses each hostile input with a clear error, in
// bounded memory, for answers files and rule bases alike.
func TestHostileInputs(t *testing.T) {
	rb := data.RuleBase()
	parsers := []struct {
		what  string
		dup   string
		limit int
		parse func([]byte) error
		// memory is the most the parse may allocate, in bytes.
		memory uint64
	}{
		{"answers", "diet: vegan", knowledge.MaxAnswersBytes, func(b []byte) error { _, err := knowledge.ParseAnswers(rb, "answers.yaml", b); return err }, 64 << 20},
		{"rule base", "version: x", knowledge.MaxRuleBaseBytes, func(b []byte) error { _, err := knowledge.Load("rules.yaml", b); return err }, 256 << 20},
		{"vignette", "id: x", knowledge.MaxVignetteBytes, func(b []byte) error { _, err := knowledge.ParseVignettes(rb, "v.yaml", b); return err }, 128 << 20},
	}
	for _, p := range parsers {
		for _, h := range hostileInputs(p.limit, p.what, p.dup) {
			t.Run(p.what+"/"+h.name, func(t *testing.T) {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				err := p.parse(h.in)
				runtime.ReadMemStats(&after)
				var probs knowledge.Problems
				if !errors.As(err, &probs) || len(probs) == 0 {
					t.Fatalf("accepted, or not a Problems error: %v", err)
				}
				if h.want != "" && !strings.Contains(probs[0].Msg, h.want) {
					t.Errorf("first problem %q does not say %q", probs[0].Msg, h.want)
				}
				if len(probs) > knowledge.MaxProblems+1 {
					t.Errorf("%d problems reported; at most %d (and a count of the rest)", len(probs), knowledge.MaxProblems)
				}
				if size := len(probs.Error()); size > 1<<20 {
					t.Errorf("the error message is %d bytes", size)
				}
				if used := after.TotalAlloc - before.TotalAlloc; used > p.memory {
					t.Errorf("parsing allocated %d MiB; the bound is %d MiB", used>>20, p.memory>>20)
				}
			})
		}
	}
}

// TestManyProblemsAreCounted checks the report of a file with more problems
// than MaxProblems ends with how many more there were.
func TestManyProblemsAreCounted(t *testing.T) {
	rb := data.RuleBase()
	var b strings.Builder
	for i := 0; i < 250; i++ {
		fmt.Fprintf(&b, "q%d: x\n", i)
	}
	_, err := knowledge.ParseAnswers(rb, "a.yaml", []byte(b.String()))
	var probs knowledge.Problems
	if !errors.As(err, &probs) {
		t.Fatal(err)
	}
	if len(probs) != knowledge.MaxProblems+1 {
		t.Fatalf("%d problems, want %d and a count", len(probs), knowledge.MaxProblems)
	}
	if last := probs[len(probs)-1].Msg; last != "… and 150 more problems" {
		t.Errorf("last problem %q", last)
	}
}

// BenchmarkHostile shows hostile inputs are refused quickly.
func BenchmarkHostile(b *testing.B) {
	rb := data.RuleBase()
	for _, h := range hostileInputs(knowledge.MaxAnswersBytes, "answers", "diet: vegan") {
		b.Run(strings.ReplaceAll(h.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := knowledge.ParseAnswers(rb, "answers.yaml", h.in); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

// likelyBomb is the test rule base with a likely_flag reason that repeats
// {tests} reps times and a magnesium with tests blood tests: small files
// whose filled-in flags would be huge.
func likelyBomb(reps, tests int) []byte {
	src := string(testrules.YAML())
	src = strings.Replace(src, `reason: "Points strongly to low {name}."`, `reason: "Points strongly to low {name}. `+strings.Repeat("{tests}", reps)+`"`, 1)
	list := make([]string, tests)
	for i := range list {
		list[i] = fmt.Sprintf("test%06d", i)
	}
	return []byte(strings.Replace(src, "tests: [test m]", "tests: ["+strings.Join(list, ", ")+"]", 1))
}

// TestLikelyFlagBoundedBeforeExpansion refuses rule bases whose likely
// flag, filled in, would be huge (about 0.5 GB and 300 GB from files of
// 1.3 MB and 3 MB), cheaply: the size is worked out before anything is
// expanded.
func TestLikelyFlagBoundedBeforeExpansion(t *testing.T) {
	for _, c := range []struct {
		name         string
		reps, tests  int
		wantAccepted bool
	}{
		{"normal", 1, 3, true},
		{"half a gigabyte", 170_000, 250, false},
		{"300 gigabytes", 250_000, 100_000, false},
		{"just over one flag's limit", 1, 400, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := likelyBomb(c.reps, c.tests)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := knowledge.Load("rules.yaml", in)
			runtime.ReadMemStats(&after)
			if c.wantAccepted {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			probs := asProblems(t, err)
			if !strings.Contains(probs[0].Msg, "likely_flag: the reason, filled in for deficiency \"magnesium\"") {
				t.Errorf("first problem %q", probs[0].Msg)
			}
			if used, bound := after.TotalAlloc-before.TotalAlloc, uint64(64*len(in)+(16<<20)); used > bound {
				t.Errorf("loading allocated %d MiB for a %d KiB file; the bound is %d MiB", used>>20, len(in)>>10, bound>>20)
			}
		})
	}
}

// TestLikelyFlagFilledOnce checks {name} and {tests} are filled in one
// pass: a deficiency name that holds "{tests}" stays as written.
func TestLikelyFlagFilledOnce(t *testing.T) {
	src := strings.Replace(string(testrules.YAML()), `name: "Magnesium"`, `name: "Magnesium {tests} {name}"`, 1)
	rb, err := knowledge.Load("rules.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f := rb.LikelyFlagOf(rb.Deficiency("magnesium"))
	if want := "Points strongly to low Magnesium {tests} {name}."; f == nil || f.Reason != want {
		t.Fatalf("reason %+v, want %q", f, want)
	}
	if want := "Ask about: test m."; f.Action != want {
		t.Errorf("action %q, want %q", f.Action, want)
	}
}
