package knowledge

import (
	"math/bits"
	"strconv"
)

// Compiling: the fourth step of the pipeline (see doc.go). A condition
// gets the index of its question and the bits of its options, with every
// option that counts as one of them (counts_as) folded in, so assessing
// is a few bit tests. Load compiles while validating (validate.go);
// FromSnapshot compiles a copy of a loaded rule base, whose conditions
// carry only what the YAML says.

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

// compileAtom fills in the question index and the mask of an answer or a
// count condition: for an answer, the options named that its question has
// and those that count as one of them; for a count, the bit of "none",
// which is not counted. It reports whether the question exists.
func (c *Cond) compileAtom(rb *RuleBase, countsAs [][]uint64) bool {
	qi := rb.QuestionIndex(c.Question)
	if qi < 0 {
		return false
	}
	q := &rb.Questions[qi]
	c.qIndex = qi
	if c.Op == OpCount {
		c.mask = q.noneMask()
		return true
	}
	var named uint64
	for _, o := range c.Options {
		if i := q.OptionIndex(o); i >= 0 {
			named |= 1 << i
		}
	}
	c.mask = expand(countsAs, qi, named)
	return true
}

// compiler copies the conditions of a snapshot and compiles the copies,
// so the snapshot itself is never written to.
type compiler struct {
	rb       *RuleBase
	countsAs [][]uint64
	spare    []Cond // room for copied sub-conditions and pointed-to conditions
}

// compileSnapshot gives rb (a shallow copy of a snapshot, indexed) its own
// copy of every part that holds a condition, compiled. It panics if a
// condition names a question rb does not have: a snapshot is a copy of a
// rule base that Load returned, so that is a bug in the snapshot's
// generator, and a condition that silently never held could hide a red
// flag.
func (rb *RuleBase) compileSnapshot() {
	cp := compiler{rb: rb, countsAs: make([][]uint64, len(rb.Questions))}
	for i := range rb.Questions {
		q := &rb.Questions[i]
		cp.countsAs[i] = countsAsClosure(q, directCountsAs(q), nil)
	}
	cp.spare = make([]Cond, 0, rb.condsToCopy())

	rb.Questions = cloneEach(rb.Questions, func(q *Question) { q.EnableWhen = cp.pointer(q.EnableWhen) })
	rb.Reassurance.HideWhen = cp.pointer(rb.Reassurance.HideWhen)
	cp.cond(&rb.Skipped.When)
	rb.Deficiencies = cloneEach(rb.Deficiencies, func(d *Deficiency) {
		d.Rules = cloneEach(d.Rules, func(r *Rule) { cp.cond(&r.When) })
		d.FoodNotes = cloneEach(d.FoodNotes, func(c *Caveat) { cp.cond(&c.When) })
	})
	rb.Triggers = cloneEach(rb.Triggers, func(t *Trigger) {
		t.Rules = cloneEach(t.Rules, func(r *TriggerRule) { cp.cond(&r.When) })
		t.AdviceNotes = cloneEach(t.AdviceNotes, func(c *Caveat) { cp.cond(&c.When) })
	})
	rb.Others = cloneEach(rb.Others, func(o *Other) { cp.cond(&o.When) })
	rb.RedFlags = cloneEach(rb.RedFlags, func(f *RedFlag) { cp.cond(&f.When) })
	rb.Cautions = cloneEach(rb.Cautions, func(c *Caution) { cp.cond(&c.When) })
}

// cloneEach returns a copy of s (nil stays nil) with fix applied to each
// element of the copy.
func cloneEach[T any](s []T, fix func(*T)) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	copy(out, s)
	for i := range out {
		fix(&out[i])
	}
	return out
}

// pointer returns a compiled copy of *c, or nil for nil.
func (cp *compiler) pointer(c *Cond) *Cond {
	if c == nil {
		return nil
	}
	p := &cp.take(1)[0]
	*p = *c
	cp.cond(p)
	return p
}

// cond compiles c in place, giving it its own copy of its parts first.
func (cp *compiler) cond(c *Cond) {
	switch c.Op {
	case OpAnswer, OpCount:
		if !c.compileAtom(cp.rb, cp.countsAs) {
			panic("knowledge.FromSnapshot: a condition names question " + strconv.Quote(c.Question) + ", which the rule base does not have: the snapshot is not a copy of a loaded rule base")
		}
	case OpAny, OpAll:
		if len(c.Subs) == 0 {
			return
		}
		subs := cp.take(len(c.Subs))
		copy(subs, c.Subs)
		c.Subs = subs
		for i := range c.Subs {
			cp.cond(&c.Subs[i])
		}
	}
}

// take returns room for n conditions, carved from spare, which
// compileSnapshot makes as large as all of them (condsToCopy), so copying
// them is one allocation. Were it too small, take would start another.
func (cp *compiler) take(n int) []Cond {
	if cap(cp.spare)-len(cp.spare) < n {
		cp.spare = make([]Cond, 0, n)
	}
	from := len(cp.spare)
	cp.spare = cp.spare[:from+n]
	return cp.spare[from : from+n : from+n]
}

// condsToCopy counts the conditions compileSnapshot puts in spare: the
// sub-conditions of every condition, and the conditions pointed to (a
// follow-up's enable_when, reassurance's hide_when) with theirs.
func (rb *RuleBase) condsToCopy() int {
	n := 0
	subs := func(c *Cond) { n += c.nodes() - 1 }
	for i := range rb.Questions {
		if c := rb.Questions[i].EnableWhen; c != nil {
			n += c.nodes()
		}
	}
	if c := rb.Reassurance.HideWhen; c != nil {
		n += c.nodes()
	}
	subs(&rb.Skipped.When)
	for i := range rb.Deficiencies {
		d := &rb.Deficiencies[i]
		for j := range d.Rules {
			subs(&d.Rules[j].When)
		}
		for j := range d.FoodNotes {
			subs(&d.FoodNotes[j].When)
		}
	}
	for i := range rb.Triggers {
		t := &rb.Triggers[i]
		for j := range t.Rules {
			subs(&t.Rules[j].When)
		}
		for j := range t.AdviceNotes {
			subs(&t.AdviceNotes[j].When)
		}
	}
	for i := range rb.Others {
		subs(&rb.Others[i].When)
	}
	for i := range rb.RedFlags {
		subs(&rb.RedFlags[i].When)
	}
	for i := range rb.Cautions {
		subs(&rb.Cautions[i].When)
	}
	return n
}

// nodes counts c and its sub-conditions.
func (c *Cond) nodes() int {
	n := 1
	for i := range c.Subs {
		n += c.Subs[i].nodes()
	}
	return n
}
