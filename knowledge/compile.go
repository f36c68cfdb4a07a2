package knowledge

import (
	"math/bits"
	"strconv"
)

// Compiling: the fourth step of the pipeline (see doc.go). Every condition
// of the rule base becomes a node: the index of its question and the bits
// of its options, with every option that counts as one of them (counts_as)
// folded in, so assessing is a few bit tests. The nodes live beside the
// model, in RuleBase.conds, and the model (the Cond trees, as the YAML says
// them) is never written: Load compiles once validation has passed,
// FromSnapshot compiles a snapshot in place of copying it. All the nodes
// of a rule base are a few allocations of about 48 bytes a condition.

// directCountsAs returns, per option of q, the bits of the options it
// lists in counts_as, leaving out what validation refuses (an unknown
// option, the option itself, "none" of a multiple choice, "none" counting
// as anything); nil when no option of q has counts_as.
func directCountsAs(q *Question) []uint64 {
	var direct []uint64
	for oi := range q.Options {
		o := &q.Options[oi]
		if len(o.CountsAs) == 0 {
			continue
		}
		if direct == nil {
			direct = make([]uint64, len(q.Options))
		}
		if o.ID == NoneOption && q.Kind == Multi {
			continue
		}
		for _, id := range o.CountsAs {
			j := q.OptionIndex(id)
			if j < 0 || j == oi || q.Options[j].ID == NoneOption && q.Kind == Multi {
				continue
			}
			if j < 64 && oi < 64 {
				direct[oi] |= 1 << j
			}
		}
	}
	return direct
}

// countsAsClosure returns, per option of q, the bits of every option it
// counts as, directly (direct, from directCountsAs) or through another;
// nil when direct is nil or counts_as forms a cycle. onCycle, if not nil,
// is told of every cycle: the options on the path, then the option the
// path comes back to.
func countsAsClosure(q *Question, direct []uint64, onCycle func(path []int, back int)) []uint64 {
	if direct == nil {
		return nil
	}
	// The closure, by a depth-first walk from each option; a walk that
	// comes back to an option on its own path is a cycle.
	closure := make([]uint64, len(direct))
	state := make([]uint8, len(direct)) // 0 new, 1 on the path, 2 done
	var path []int
	cyclic := false
	var visit func(i int)
	visit = func(i int) {
		state[i] = 1
		path = append(path, i)
		for m := direct[i]; m != 0; m &= m - 1 {
			j := bits.TrailingZeros64(m)
			switch state[j] {
			case 0:
				visit(j)
			case 1:
				if onCycle != nil {
					k := len(path) - 1
					for path[k] != j {
						k--
					}
					onCycle(path[k:], j)
				}
				cyclic = true
				continue
			}
			closure[i] |= 1<<j | closure[j]
		}
		path = path[:len(path)-1]
		state[i] = 2
	}
	for i := range direct {
		if state[i] == 0 {
			visit(i)
		}
	}
	if cyclic {
		return nil
	}
	return closure
}

// expand returns mask (options of question qi) with the options that
// count as any of them added; countsAs holds, per question, what
// countsAsClosure returned.
func expand(countsAs [][]uint64, qi int, mask uint64) uint64 {
	if qi < 0 || qi >= len(countsAs) || countsAs[qi] == nil {
		return mask
	}
	out := mask
	for o, c := range countsAs[qi] {
		if c&mask != 0 {
			out |= 1 << o
		}
	}
	return out
}

// node is a compiled condition (see Cond for what each kind means).
type node struct {
	op      CondOp
	q       int32 // the question's index: answer, count
	atLeast int32 // count
	// mask holds, for an answer, the bits of the options named and of
	// those that count as one of them; for a count, the bit of "none",
	// which is not counted.
	mask uint64
	subs []node // any, all
}

// conds holds the compiled conditions of a rule base, in the places of
// the model's: rules[d][r] is the condition of Deficiencies[d].Rules[r],
// and so on. Nothing in it is exported; Assess and Answers read it.
type conds struct {
	enable   []*node // per question: its enable_when, or nil
	hide     *node   // Reassurance.HideWhen, or nil
	skipped  node
	rules    [][]node // per deficiency, per rule
	food     [][]node // per deficiency, per food note
	trigger  [][]node // per trigger, per rule
	advice   [][]node // per trigger, per advice note
	others   []node
	flags    []node
	cautions []node
	// countsAs[q] is what countsAsClosure returned for question q.
	countsAs [][]uint64
}

// nodeChunk is how many nodes the compiler allocates at a time: 12 KB,
// about half the embedded rule base's.
const nodeChunk = 256

// compiler lays out the nodes of a rule base in a few slices.
type compiler struct {
	rb       *RuleBase
	countsAs [][]uint64
	room     []node
}

// countsAsOf returns, per question of rb, the closure of its options'
// counts_as (nil for a question with none, or with a cycle, which
// validation refuses).
func countsAsOf(rb *RuleBase) [][]uint64 {
	out := make([][]uint64, len(rb.Questions))
	for i := range rb.Questions {
		q := &rb.Questions[i]
		out[i] = countsAsClosure(q, directCountsAs(q), nil)
	}
	return out
}

// compile compiles every condition of rb into rb.conds. countsAs is what
// countsAsOf returns (validation has it already). It panics if a
// condition names a question rb does not have: Load compiles only a
// validated rule base and FromSnapshot only a copy of one, so that is a
// bug (in the snapshot's generator, say), and a condition that silently
// never held could hide a red flag.
func (rb *RuleBase) compile(countsAs [][]uint64) {
	cp := compiler{rb: rb, countsAs: countsAs}
	c := &rb.conds
	*c = conds{countsAs: countsAs}
	c.enable = make([]*node, len(rb.Questions))
	for i := range rb.Questions {
		c.enable[i] = cp.pointer(rb.Questions[i].EnableWhen)
	}
	c.hide = cp.pointer(rb.Reassurance.HideWhen)
	cp.into(&c.skipped, &rb.Skipped.When)
	c.rules = make([][]node, len(rb.Deficiencies))
	c.food = make([][]node, len(rb.Deficiencies))
	for i := range rb.Deficiencies {
		d := &rb.Deficiencies[i]
		c.rules[i] = compileEach(&cp, d.Rules, func(r *Rule) *Cond { return &r.When })
		c.food[i] = compileEach(&cp, d.FoodNotes, func(n *Caveat) *Cond { return &n.When })
	}
	c.trigger = make([][]node, len(rb.Triggers))
	c.advice = make([][]node, len(rb.Triggers))
	for i := range rb.Triggers {
		t := &rb.Triggers[i]
		c.trigger[i] = compileEach(&cp, t.Rules, func(r *TriggerRule) *Cond { return &r.When })
		c.advice[i] = compileEach(&cp, t.AdviceNotes, func(n *Caveat) *Cond { return &n.When })
	}
	c.others = compileEach(&cp, rb.Others, func(o *Other) *Cond { return &o.When })
	c.flags = compileEach(&cp, rb.RedFlags, func(f *RedFlag) *Cond { return &f.When })
	c.cautions = compileEach(&cp, rb.Cautions, func(n *Caution) *Cond { return &n.When })
}

// compileEach compiles the condition when picks out of each element of s,
// into consecutive nodes; nil for an empty s.
func compileEach[T any](cp *compiler, s []T, when func(*T) *Cond) []node {
	if len(s) == 0 {
		return nil
	}
	out := cp.take(len(s))
	for i := range s {
		cp.into(&out[i], when(&s[i]))
	}
	return out
}

// pointer returns the compiled *c, or nil for nil.
func (cp *compiler) pointer(c *Cond) *node {
	if c == nil {
		return nil
	}
	n := &cp.take(1)[0]
	cp.into(n, c)
	return n
}

// into compiles c into n.
func (cp *compiler) into(n *node, c *Cond) {
	*n = node{op: c.Op, atLeast: int32(c.AtLeast)}
	switch c.Op {
	case OpAnswer, OpCount:
		qi := cp.rb.QuestionIndex(c.Question)
		if qi < 0 {
			panic("knowledge: a condition names question " + strconv.Quote(c.Question) + ", which the rule base does not have: it was not validated (or the snapshot is not a copy of a loaded rule base)")
		}
		n.q, n.mask = int32(qi), atomMask(cp.rb, cp.countsAs, qi, c)
	case OpAny, OpAll:
		if len(c.Subs) == 0 {
			return
		}
		n.subs = cp.take(len(c.Subs))
		for i := range c.Subs {
			cp.into(&n.subs[i], &c.Subs[i])
		}
	}
}

// atomMask is the mask of an answer or count condition on question qi:
// for an answer, the options named that the question has and those that
// count as one of them; for a count, the bit of "none".
func atomMask(rb *RuleBase, countsAs [][]uint64, qi int, c *Cond) uint64 {
	q := &rb.Questions[qi]
	if c.Op == OpCount {
		return q.noneMask()
	}
	var named uint64
	for _, o := range c.Options {
		if i := q.OptionIndex(o); i >= 0 && i < 64 {
			named |= 1 << i
		}
	}
	return expand(countsAs, qi, named)
}

// compileOne compiles c on its own, for validation, which tests
// conditions before the rule base as a whole can be compiled; ok is false
// when c names a question rb does not have.
func compileOne(rb *RuleBase, countsAs [][]uint64, c *Cond) (n node, ok bool) {
	if !c.resolvable(rb) {
		return node{}, false
	}
	cp := compiler{rb: rb, countsAs: countsAs, room: make([]node, 0, c.nodes()-1)}
	cp.into(&n, c)
	return n, true
}

// resolvable reports whether every question c names is in rb.
func (c *Cond) resolvable(rb *RuleBase) bool {
	switch c.Op {
	case OpAnswer, OpCount:
		return rb.QuestionIndex(c.Question) >= 0
	}
	for i := range c.Subs {
		if !c.Subs[i].resolvable(rb) {
			return false
		}
	}
	return true
}

// take returns room for n nodes, carved from room, which it allocates
// nodeChunk nodes at a time (or n, when more), so a rule base's nodes are
// a few allocations however many conditions it has.
func (cp *compiler) take(n int) []node {
	if cap(cp.room)-len(cp.room) < n {
		cp.room = make([]node, 0, max(n, nodeChunk))
	}
	from := len(cp.room)
	cp.room = cp.room[:from+n]
	return cp.room[from : from+n : from+n]
}

// nodes counts c and its sub-conditions.
func (c *Cond) nodes() int {
	n := 1
	for i := range c.Subs {
		n += c.Subs[i].nodes()
	}
	return n
}
