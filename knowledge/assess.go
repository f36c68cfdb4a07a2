package knowledge

import (
	"math"
	"slices"
	"strings"
)

// Result is the outcome of one assessment.
type Result struct {
	Triage Triage
	// Deficiencies holds every deficiency, highest score first, ties by ID.
	Deficiencies []Scored
	// Triggers holds only the triggers the answers point to, strongest
	// first.
	Triggers []TriggerHit
	Cautions []CautionHit
}

// Triage is the triage level and every red flag that raised it.
type Triage struct {
	Level string
	// Flags holds every red flag that fired, highest level first.
	Flags []Flag
}

// Flag is a red flag that fired (its ID, Level, Reason, Action and
// Source), with the answers that raised it. Results refer to their rule
// base rather than copy it, which keeps an assessment small and fast.
type Flag struct {
	*RedFlag
	Answers []AnswerRef
}

// Scored is one deficiency (its ID, Name, Tests, Foods and the rest), its
// score and the evidence behind it.
type Scored struct {
	*Deficiency
	// Score is 0–100: the probability, in percent, that the scoring model
	// gives this deficiency. Baseline is the score before any answer.
	Score    int
	Baseline int
	Band     string
	LogOdds  float64
	Evidence []Evidence
}

// Evidence is one rule that fired for a deficiency.
type Evidence struct {
	// Rule is the rule that fired: its ID, Weight (a log-likelihood
	// ratio), Why and Source.
	Rule *Rule
	// Points is what the rule changed the score by, taking the evidence in
	// order from the baseline: the Points of all evidence add up to
	// Score − Baseline.
	Points int
	// answers are the answers assessed; Answers names the ones that made
	// the rule fire when asked, so assessing stays cheap.
	answers *Answers
}

// Answers returns the answers that made the rule fire, in the order of its
// condition; never empty.
func (e Evidence) Answers() []AnswerRef { return e.Rule.When.refs(e.answers.rb, e.answers.sel) }

// Question is the question of the first answer that made the rule fire.
func (e Evidence) Question() string {
	return e.answers.rb.Questions[e.Rule.When.firstQuestion(e.answers.sel)].ID
}

// Answer is the first answer that made the rule fire.
func (e Evidence) Answer() string { return e.Answers()[0].Answer }

// TriggerHit is a trigger the answers point to (its ID, Name and
// Advice).
type TriggerHit struct {
	*Trigger
	Strength Strength
	// Why joins the reasons of every rule that fired, strongest first.
	Why     string
	Sources []string
	Answers []AnswerRef
}

// CautionHit is a caution that applies.
type CautionHit struct {
	*Caution
	Answers []AnswerRef
}

// Percent turns log-odds into a whole-number percentage, 0–100: the
// logistic function, rounded half up. It looks the answer up among the
// log-odds at which the rounded percentage steps up, which is exact and
// much cheaper than an exponential.
func Percent(logOdds float64) int {
	lo, hi := 0, len(percentSteps)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if logOdds >= percentSteps[mid] {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// percentSteps[k] is the log-odds from which Percent is more than k: the
// logit of (k + 0.5) / 100. It is computed once and never changes.
var percentSteps = func() (s [100]float64) {
	for k := range s {
		p := (float64(k) + 0.5) / 100
		s[k] = math.Log(p / (1 - p))
	}
	return s
}()

// Assess scores the answers. It never fails: answers made by NewAnswers,
// With or ParseAnswers for rb are always valid. Answers to follow-up
// questions that are not asked are left out, as Pruned does.
func Assess(a Answers) Result {
	// An answer to a follow-up that is not asked (its enable_when does not
	// hold) is not counted, as in the questionnaire, which drops it.
	a = a.Pruned()
	rb := a.rb
	// Every answer a result names lives in one shared array: slices of it
	// stay valid when it grows, since what they hold is never rewritten.
	refs := make([]AnswerRef, 0, 16)
	return Result{
		Triage:       evalTriage(rb, a.sel, &refs),
		Deficiencies: score(a),
		Triggers:     triggers(rb, a.sel, &refs),
		Cautions:     cautions(rb, a.sel, &refs),
	}
}

// named appends the answers that make c hold to the shared array and
// returns them.
func named(rb *RuleBase, sel []uint64, c *Cond, refs *[]AnswerRef) []AnswerRef {
	from := len(*refs)
	*refs = c.appendRefs(rb, sel, *refs)
	return (*refs)[from:len(*refs):len(*refs)]
}

// TriageOf evaluates only the red flags of a, as the questionnaire does
// after the emergency screen.
func TriageOf(a Answers) Triage { return evalTriage(a.rb, a.sel, new([]AnswerRef)) }

// evalTriage evaluates the red flags. It is apart from scoring on purpose: a
// deficiency that explains the symptoms never hides a red flag.
func evalTriage(rb *RuleBase, sel []uint64, refs *[]AnswerRef) Triage {
	t := Triage{Level: rb.Levels[0].ID}
	best := 0
	var rankBuf [32]int
	ranks := rankBuf[:0]
	for i := range rb.RedFlags {
		f := &rb.RedFlags[i]
		if !f.When.holds(sel) {
			continue
		}
		r := rb.LevelRank(f.Level)
		if t.Flags == nil {
			t.Flags = make([]Flag, 0, 8)
		}
		t.Flags = append(t.Flags, Flag{RedFlag: f, Answers: named(rb, sel, &f.When, refs)})
		ranks = append(ranks, r)
		if r > best {
			best = r
			t.Level = f.Level
		}
	}
	// Highest level first, keeping the rule base's order within a level:
	// in place for the usual few flags, through an index for many.
	if len(t.Flags) <= 32 {
		for i := 1; i < len(t.Flags); i++ {
			for j := i; j > 0 && ranks[j] > ranks[j-1]; j-- {
				t.Flags[j], t.Flags[j-1] = t.Flags[j-1], t.Flags[j]
				ranks[j], ranks[j-1] = ranks[j-1], ranks[j]
			}
		}
	} else {
		idx := make([]int, len(t.Flags))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return ranks[b] - ranks[a] })
		sorted := make([]Flag, len(t.Flags))
		for k, i := range idx {
			sorted[k] = t.Flags[i]
		}
		t.Flags = sorted
	}
	return t
}

func score(a Answers) []Scored {
	rb, sel := a.rb, a.sel
	ap := &a // shared by every piece of evidence
	out := make([]Scored, len(rb.Deficiencies))
	// One pass finds the rules that fire and the answers they name, into
	// arrays shared by every deficiency, so an assessment makes a handful
	// of allocations however many rules fire.
	evs := make([]Evidence, 0, 32)
	// qs[i] is the question of evs[i]'s first answer: evidence is listed
	// in question order.
	var qBuf [64]int
	qs := qBuf[:0]
	var endBuf [16]int
	ends := endBuf[:0]
	for di := range rb.Deficiencies {
		d := &rb.Deficiencies[di]
		start := len(evs)
		for ri := range d.Rules {
			r := &d.Rules[ri]
			if !r.When.holds(sel) {
				continue
			}
			// Stable insertion by question: few items, no allocation.
			i := len(evs)
			evs = append(evs, Evidence{Rule: r, answers: ap})
			qs = append(qs, r.When.firstQuestion(sel))
			for ; i > start && qs[i] < qs[i-1]; i-- {
				evs[i], evs[i-1] = evs[i-1], evs[i]
				qs[i], qs[i-1] = qs[i-1], qs[i]
			}
		}
		ends = append(ends, len(evs))
	}
	// Order the deficiencies by score, highest first, ties by id, before
	// laying them out, so no large struct is moved twice.
	n := len(rb.Deficiencies)
	var orderBuf, scoreBuf [16]int
	order, scores := orderBuf[:0], scoreBuf[:0]
	if n > len(orderBuf) {
		order, scores = make([]int, 0, n), make([]int, 0, n)
	}
	start := 0
	for di := range rb.Deficiencies {
		lo := rb.Deficiencies[di].Prior
		for _, e := range evs[start:ends[di]] {
			lo += e.Rule.Weight
		}
		scores = append(scores, Percent(lo))
		start = ends[di]
		order = append(order, di)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if scores[a] != scores[b] {
			return scores[b] - scores[a]
		}
		return strings.Compare(rb.Deficiencies[a].ID, rb.Deficiencies[b].ID)
	})
	for k, di := range order {
		d := &rb.Deficiencies[di]
		from := 0
		if di > 0 {
			from = ends[di-1]
		}
		s := &out[k]
		*s = Scored{Deficiency: d, LogOdds: d.Prior, Baseline: Percent(d.Prior)}
		if ends[di] > from {
			s.Evidence = evs[from:ends[di]:ends[di]]
		}
		prev := s.Baseline
		for i := range s.Evidence {
			e := &s.Evidence[i]
			s.LogOdds += e.Rule.Weight
			now := Percent(s.LogOdds)
			e.Points = now - prev
			prev = now
		}
		s.Score = prev
		s.Band = rb.Bands.Band(s.Score)
	}
	return out
}

func triggers(rb *RuleBase, sel []uint64, refs *[]AnswerRef) []TriggerHit {
	var out []TriggerHit
	var sources []string // shared by every hit
	for ti := range rb.Triggers {
		t := &rb.Triggers[ti]
		// The rules that fire, strongest first, stably.
		var buf [8]*TriggerRule
		hits := buf[:0]
		for ri := range t.Rules {
			r := &t.Rules[ri]
			if !r.When.holds(sel) {
				continue
			}
			i := len(hits)
			hits = append(hits, r)
			for ; i > 0 && hits[i].Strength.rank() > hits[i-1].Strength.rank(); i-- {
				hits[i], hits[i-1] = hits[i-1], hits[i]
			}
		}
		if len(hits) == 0 {
			continue
		}
		if out == nil {
			out = make([]TriggerHit, 0, len(rb.Triggers))
			sources = make([]string, 0, len(rb.Triggers)+4)
		}
		from := len(sources)
		hit := TriggerHit{Trigger: t, Strength: hits[0].Strength, Why: hits[0].Why}
		for i, r := range hits {
			if i > 0 {
				hit.Why += " " + r.Why
			}
			if !contains(sources[from:], r.Source) {
				sources = append(sources, r.Source)
			}
			if i == 0 {
				hit.Answers = named(rb, sel, &r.When, refs)
				continue
			}
			// Keep each answer once across the rules.
			for _, ref := range named(rb, sel, &r.When, refs) {
				if !containsRef(hit.Answers, ref) {
					hit.Answers = append(hit.Answers, ref)
				}
			}
		}
		hit.Sources = sources[from:len(sources):len(sources)]
		out = append(out, hit)
	}
	slices.SortStableFunc(out, func(a, b TriggerHit) int { return b.Strength.rank() - a.Strength.rank() })
	return out
}

func containsRef(list []AnswerRef, r AnswerRef) bool {
	for _, x := range list {
		if x == r {
			return true
		}
	}
	return false
}

func cautions(rb *RuleBase, sel []uint64, refs *[]AnswerRef) []CautionHit {
	var out []CautionHit
	for i := range rb.Cautions {
		c := &rb.Cautions[i]
		if c.When.holds(sel) {
			out = append(out, CautionHit{Caution: c, Answers: named(rb, sel, &c.When, refs)})
		}
	}
	return out
}
