package knowledge

import "strings"

// The limits: every bound on the size of an input and of what is built
// from it, in one place, with the checks that are only about them. Sizes
// are bounded before anything is expanded (see doc.go).

// Input limits. Real rule bases are well under 200 KiB and real answers
// files under 4 KiB; anything far larger is refused before parsing, so a
// hostile file cannot make the parser use unbounded time or memory.
const (
	// MaxRuleBaseBytes is the largest rule-base file accepted.
	MaxRuleBaseBytes = 4 << 20
	// MaxAnswersBytes is the largest answers file accepted.
	MaxAnswersBytes = 256 << 10
	// MaxVignetteBytes is the largest vignette file accepted.
	MaxVignetteBytes = 1 << 20
	// maxDepth is the deepest nesting of YAML collections accepted.
	maxDepth = 64
	// maxNodes bounds the number of YAML nodes in one document.
	maxNodes = 200_000
	// MaxProblems is how many problems are reported for one file; past it
	// they are only counted, so a hostile file cannot make the messages
	// themselves huge.
	MaxProblems = 100
)

// Documented ranges of the numbers in a rule base, and bounds on its size.
const (
	MinWeight    = -3.0 // a rule's weight, as a natural-log likelihood ratio
	MaxWeight    = 3.0
	MinPrior     = -6.0 // a deficiency's prior log-odds
	MaxPrior     = 0.0
	maxCondDepth = 8
	maxOptions   = 63 // options of one question: they are held in a bitmask

	// MaxCondAtoms bounds the answers one condition tests, and
	// MaxRuleBaseAtoms those of all conditions together: assessing costs
	// time in proportion to them, and validating a follow-up's condition
	// more. MaxQuestions bounds the questions.
	MaxCondAtoms     = 64
	MaxRuleBaseAtoms = 20_000
	MaxQuestions     = 256

	// MaxFlagTextBytes bounds the reason or the action of a likely
	// deficiency's flag once {name} and {tests} are filled in, and
	// MaxLikelyBytes all of them together: the sizes are worked out from
	// the template before anything is expanded, so a small file cannot
	// make the loader build huge text.
	MaxFlagTextBytes = 4 << 10
	MaxLikelyBytes   = 1 << 20
)

// totals refuses a rule base whose conditions test more than
// MaxRuleBaseAtoms answers in all, or that has more than MaxQuestions
// questions.
func (v *validator) totals() {
	if v.atoms > MaxRuleBaseAtoms {
		v.errorAt(Pos{}, "the conditions of the rule base test %d answers in all; the limit is %d", v.atoms, MaxRuleBaseAtoms)
	}
	if n := len(v.rb.Questions); n > MaxQuestions {
		v.errorAt(Pos{}, "the rule base has %d questions; the limit is %d", n, MaxQuestions)
	}
}

// condSize adds the answers c tests to the rule base's total and refuses a
// condition that tests more than MaxCondAtoms. It reports whether c is
// within the limit.
func (v *validator) condSize(c *Cond, what label) bool {
	n := c.atoms()
	v.atoms += n
	if n > MaxCondAtoms {
		v.errorAt(c.Pos, "%s tests %d answers; a condition may test at most %d: split it into several rules", what, n, MaxCondAtoms)
		return false
	}
	return true
}

// likelySize refuses a likely_flag whose reason or action, filled in for
// some deficiency, would be longer than MaxFlagTextBytes, or whose filled-in
// texts would be longer than MaxLikelyBytes in all. The lengths are worked
// out from the counts of placeholders, before anything is expanded.
func (v *validator) likelySize() {
	rb := v.rb
	what := label{"likely_flag", "", ""}
	type tmpl struct {
		field        string
		base         int64 // the length without its placeholders
		names, tests int64 // how many of each
	}
	var ts []tmpl
	for _, f := range []struct{ field, text string }{{"reason", rb.Likely.Reason}, {"action", rb.Likely.Action}} {
		n, t := int64(strings.Count(f.text, "{name}")), int64(strings.Count(f.text, "{tests}"))
		ts = append(ts, tmpl{f.field, int64(len(f.text)) - 6*n - 7*t, n, t})
	}
	var total int64
	for i := range rb.Deficiencies {
		d := &rb.Deficiencies[i]
		tests := int64(max(0, 2*len(d.Tests)-2))
		for _, s := range d.Tests {
			tests += int64(len(s))
		}
		for _, t := range ts {
			size := t.base + t.names*int64(len(d.Name)) + t.tests*tests
			if size > MaxFlagTextBytes {
				v.errorAt(rb.Likely.Pos, "%s: the %s, filled in for deficiency %q, would be %d bytes; the limit is %d bytes (use {name} and {tests} once or twice)", what, t.field, d.ID, size, MaxFlagTextBytes)
				return
			}
			total += size
		}
	}
	if total > MaxLikelyBytes {
		v.errorAt(rb.Likely.Pos, "%s: filled in for every deficiency, the flags would be %d bytes; the limit is %d bytes", what, total, MaxLikelyBytes)
	}
}
