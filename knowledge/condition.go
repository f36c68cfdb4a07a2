package knowledge

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// CondOp is the kind of a condition node.
type CondOp uint8

// The condition kinds.
const (
	// OpAnswer holds when Question's answer includes any of Options.
	OpAnswer CondOp = iota + 1
	// OpAny holds when any of Subs holds.
	OpAny
	// OpAll holds when all of Subs hold.
	OpAll
	// OpCount holds when Question has at least AtLeast options selected
	// (not counting "none").
	OpCount
)

// Cond is a condition on answers. Conditions have no negation, so they are
// monotone: selecting more options never turns a true condition false
// (except by way of the exclusive "none" option, which excludes the others).
// An unanswered question makes every atom on it false.
type Cond struct {
	Op       CondOp
	Question string   // OpAnswer, OpCount
	Options  []string // OpAnswer
	AtLeast  int      // OpCount
	Subs     []Cond   // OpAny, OpAll
	Pos      Pos
}

// Matches reports whether choosing option i (an index into the options
// of c's question) makes the answer condition c hold: i is one of the
// options c names or counts as one of them (counts_as). It is false for
// any other kind of condition, and for a question rb does not have.
func (rb *RuleBase) Matches(c *Cond, i int) bool {
	if c.Op != OpAnswer || i < 0 || i >= 64 {
		return false
	}
	qi := rb.QuestionIndex(c.Question)
	if qi < 0 {
		return false
	}
	return atomMask(rb, rb.conds.countsAs, qi, c)&(1<<i) != 0
}

// AnswerRef names one selected option of one question: the option the
// person chose, never one it counts as. For a follow-up that was asked but
// not answered, which a red flag read on the safe side, Answer is
// UnansweredAnswer; RuleBase.ReadAs says what it was read as.
type AnswerRef struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// Unanswered reports whether r names a follow-up that was asked but not
// answered, which a red flag read as its unanswered_reads_as option.
func (r AnswerRef) Unanswered() bool { return r.Answer == UnansweredAnswer }

// ReadAs returns the option a red flag read r as when r names a follow-up
// asked but not answered (its question's unanswered_reads_as), or "".
func (rb *RuleBase) ReadAs(r AnswerRef) string {
	if !r.Unanswered() {
		return ""
	}
	if q := rb.Question(r.Question); q != nil {
		return q.UnansweredReadsAs
	}
	return ""
}

// fires is holds with the common case, one answer test, inlined: most
// conditions are a single answer, and this saves a call for each.
func (c *node) fires(sel []uint64) bool {
	if c.op == OpAnswer {
		return sel[c.q]&c.mask != 0
	}
	return c.holds(sel)
}

// holds evaluates c against selections indexed by question.
func (c *node) holds(sel []uint64) bool {
	switch c.op {
	case OpAnswer:
		return sel[c.q]&c.mask != 0
	case OpAny:
		for i := range c.subs {
			if c.subs[i].holds(sel) {
				return true
			}
		}
		return false
	case OpAll:
		for i := range c.subs {
			if !c.subs[i].holds(sel) {
				return false
			}
		}
		return len(c.subs) > 0
	case OpCount:
		return bits.OnesCount64(sel[c.q]&^c.mask) >= int(c.atLeast)
	}
	return false
}

// refs returns the answers that make c hold, each once. It must only be
// called when c holds.
func (c *node) refs(rb *RuleBase, sel []uint64) []AnswerRef {
	return c.appendRefs(rb, sel, nil)
}

// appendRefs appends the answers that make c hold to out, each once.
func (c *node) appendRefs(rb *RuleBase, sel []uint64, out []AnswerRef) []AnswerRef {
	from := len(out)
	out = c.matched(rb, sel, out)
	n := from
	for i := from; i < len(out); i++ {
		if !containsRef(out[from:n], out[i]) {
			out[n] = out[i]
			n++
		}
	}
	return out[:n]
}

// firstQuestion is the question of the first answer that makes c hold.
func (c *node) firstQuestion(sel []uint64) int {
	switch c.op {
	case OpAnswer, OpCount:
		return int(c.q)
	}
	for i := range c.subs {
		if c.subs[i].holds(sel) {
			return c.subs[i].firstQuestion(sel)
		}
	}
	return 0
}

// matched appends the answers that make c hold, possibly more than once.
func (c *node) matched(rb *RuleBase, sel []uint64, out []AnswerRef) []AnswerRef {
	switch c.op {
	case OpAnswer, OpCount:
		q := &rb.Questions[c.q]
		m := sel[c.q] & c.mask
		if c.op == OpCount {
			m = sel[c.q] &^ c.mask
		}
		for m != 0 {
			i := bits.TrailingZeros64(m)
			m &^= 1 << i
			out = append(out, AnswerRef{Question: q.ID, Answer: q.Options[i].ID})
		}
	case OpAny, OpAll:
		for i := range c.subs {
			if c.subs[i].holds(sel) {
				out = c.subs[i].matched(rb, sel, out)
			}
		}
	}
	return out
}

// mark sets in masks, per question, the options that make c hold: the
// answers matched would name, without building them.
func (c *node) mark(sel []uint64, masks []uint64) {
	switch c.op {
	case OpAnswer:
		masks[c.q] |= sel[c.q] & c.mask
	case OpCount:
		masks[c.q] |= sel[c.q] &^ c.mask
	case OpAny, OpAll:
		for i := range c.subs {
			if c.subs[i].holds(sel) {
				c.subs[i].mark(sel, masks)
			}
		}
	}
}

// appendMarked appends the answers masks holds, in question order, each
// once, and clears masks: merging the answers of many conditions this way
// costs time in proportion to them, never to their square.
func appendMarked(rb *RuleBase, masks []uint64, out []AnswerRef) []AnswerRef {
	for qi, m := range masks {
		if m == 0 {
			continue
		}
		q := &rb.Questions[qi]
		for m != 0 {
			i := bits.TrailingZeros64(m)
			m &^= 1 << i
			out = append(out, AnswerRef{Question: q.ID, Answer: q.Options[i].ID})
		}
		masks[qi] = 0
	}
	return out
}

// Questions appends the IDs of the questions c refers to.
func (c *Cond) Questions(out []string) []string {
	switch c.Op {
	case OpAnswer, OpCount:
		out = append(out, c.Question)
	default:
		for i := range c.Subs {
			out = c.Subs[i].Questions(out)
		}
	}
	return out
}

// String renders c for people, for example
// "serious: fainting and symptoms: palpitations".
func (c *Cond) String() string {
	var b strings.Builder
	c.write(&b, false)
	return b.String()
}

func (c *Cond) write(b *strings.Builder, nested bool) {
	switch c.Op {
	case OpAnswer:
		b.WriteString(c.Question)
		b.WriteString(": ")
		b.WriteString(strings.Join(c.Options, " or "))
	case OpCount:
		b.WriteString(strconv.Itoa(c.AtLeast))
		b.WriteString(" or more ")
		b.WriteString(c.Question)
		b.WriteString(" answers")
	case OpAny, OpAll:
		sep := " or "
		if c.Op == OpAll {
			sep = " and "
		}
		if nested && len(c.Subs) > 1 {
			b.WriteByte('(')
		}
		for i := range c.Subs {
			if i > 0 {
				b.WriteString(sep)
			}
			c.Subs[i].write(b, true)
		}
		if nested && len(c.Subs) > 1 {
			b.WriteByte(')')
		}
	}
}

// DescribeCond renders c in the words of the questionnaire, for example
// "Heavy sweating lately: Yes, or Exercise in the last two days: Hard
// training or a long effort".
func DescribeCond(rb *RuleBase, c *Cond) string {
	var b strings.Builder
	describe(&b, rb, c, false)
	return b.String()
}

func describe(b *strings.Builder, rb *RuleBase, c *Cond, nested bool) {
	switch c.Op {
	case OpAnswer:
		q := rb.Question(c.Question)
		if q == nil {
			c.write(b, nested)
			return
		}
		b.WriteString(q.Short)
		b.WriteString(": ")
		for i, o := range c.Options {
			if i > 0 {
				b.WriteString(" or ")
			}
			if j := q.OptionIndex(o); j >= 0 {
				b.WriteString(q.Options[j].Label)
			} else {
				b.WriteString(o)
			}
		}
	case OpCount:
		q := rb.Question(c.Question)
		name := c.Question
		if q != nil {
			name = q.Short
		}
		fmt.Fprintf(b, "%s: %d or more answers", name, c.AtLeast)
	case OpAny, OpAll:
		sep := ", or "
		if c.Op == OpAll {
			sep = ", and "
		}
		if nested && len(c.Subs) > 1 {
			b.WriteByte('(')
		}
		for i := range c.Subs {
			if i > 0 {
				b.WriteString(sep)
			}
			describe(b, rb, &c.Subs[i], true)
		}
		if nested && len(c.Subs) > 1 {
			b.WriteByte(')')
		}
	}
}
