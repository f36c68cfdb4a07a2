package knowledge_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

const propertyIterations = 3000

// newRand returns the fixed-seed generator of the property tests, so that a
// failure can be reproduced.
func newRand() *rand.Rand { return rand.New(rand.NewPCG(0x7417c4ec, 2026)) }

// randomAnswers answers about half the questions (follow-ups included,
// whatever their gates), picking "none" now and then on multi-choice
// questions and otherwise a few options.
func randomAnswers(tb testing.TB, r *rand.Rand, rb *knowledge.RuleBase) knowledge.Answers {
	tb.Helper()
	a := knowledge.NewAnswers(rb)
	for i := range rb.Questions {
		q := &rb.Questions[i]
		if r.IntN(2) == 0 {
			continue
		}
		var opts []string
		switch {
		case q.Kind == knowledge.Single:
			opts = []string{q.Options[r.IntN(len(q.Options))].ID}
		case q.OptionIndex(knowledge.NoneOption) >= 0 && r.IntN(5) == 0:
			opts = []string{knowledge.NoneOption}
		default:
			for _, o := range q.Options {
				if o.ID != knowledge.NoneOption && r.IntN(6) == 0 {
					opts = append(opts, o.ID)
				}
			}
			if len(opts) == 0 {
				for {
					o := q.Options[r.IntN(len(q.Options))].ID
					if o != knowledge.NoneOption {
						opts = []string{o}
						break
					}
				}
			}
		}
		var err error
		if a, err = a.With(q.ID, opts...); err != nil {
			tb.Fatalf("With(%q, %v): %v", q.ID, opts, err)
		}
	}
	return a
}

// addOne returns a with one more answer: an unanswered question answered
// with one option, or one more option added to a multi-choice answer that
// is not "none". ok is false when nothing can be added.
func addOne(tb testing.TB, r *rand.Rand, rb *knowledge.RuleBase, a knowledge.Answers) (b knowledge.Answers, what string, ok bool) {
	tb.Helper()
	type choice struct {
		q    string
		opts []string
	}
	var choices []choice
	for i := range rb.Questions {
		q := &rb.Questions[i]
		sel := a.Selected(q.ID)
		switch {
		case sel == nil:
			for _, o := range q.Options {
				choices = append(choices, choice{q.ID, []string{o.ID}})
			}
		case q.Kind == knowledge.Multi && !slices.Contains(sel, knowledge.NoneOption):
			for _, o := range q.Options {
				if o.ID != knowledge.NoneOption && !slices.Contains(sel, o.ID) {
					choices = append(choices, choice{q.ID, append(slices.Clone(sel), o.ID)})
				}
			}
		}
	}
	if len(choices) == 0 {
		return a, "", false
	}
	c := choices[r.IntN(len(choices))]
	b, err := a.With(c.q, c.opts...)
	if err != nil {
		tb.Fatalf("With(%q, %v): %v", c.q, c.opts, err)
	}
	return b, c.q + "=" + c.opts[len(c.opts)-1], true
}

// TestPropertyScoresAreMonotone: conditions have no negation, so adding an
// answer only makes more rules fire. A deficiency's score cannot fall unless
// a rule with a negative weight newly fires, and its log-odds must rise when
// only positive rules newly fire.
func TestPropertyScoresAreMonotone(t *testing.T) {
	rb := ruleBase(t)
	r := newRand()
	rises := 0
	for it := 0; it < propertyIterations; it++ {
		a := randomAnswers(t, r, rb)
		b, what, ok := addOne(t, r, rb, a)
		if !ok {
			continue
		}
		before, after := scored(knowledge.Assess(a)), scored(knowledge.Assess(b))
		for id, da := range before {
			db := after[id]
			old := map[string]bool{}
			for _, e := range da.Evidence {
				old[e.Rule.ID] = true
			}
			newPos, newNeg := false, false
			for _, e := range db.Evidence {
				if !old[e.Rule.ID] {
					newPos = newPos || e.Rule.Weight > 0
					newNeg = newNeg || e.Rule.Weight < 0
				}
				delete(old, e.Rule.ID)
			}
			if len(old) > 0 {
				t.Fatalf("iteration %d: adding %s made rules of %s stop firing: %v\nanswers:\n%s", it, what, id, old, a.YAML())
			}
			if !newNeg && (db.Score < da.Score || db.LogOdds < da.LogOdds) {
				t.Fatalf("iteration %d: adding %s lowered %s from %d (%.3f) to %d (%.3f) with no new negative rule\nanswers:\n%s",
					it, what, id, da.Score, da.LogOdds, db.Score, db.LogOdds, a.YAML())
			}
			if newPos && !newNeg {
				rises++
				if !(db.LogOdds > da.LogOdds) {
					t.Fatalf("iteration %d: adding %s fired a positive rule of %s but its log-odds went from %.3f to %.3f\nanswers:\n%s",
						it, what, id, da.LogOdds, db.LogOdds, a.YAML())
				}
			}
		}
	}
	if rises < propertyIterations/10 {
		t.Errorf("only %d additions fired a new positive rule; the generator does not exercise the property", rises)
	}
}

// redFlagAnswers returns the answers the red flags of rb test.
func redFlagAnswers(rb *knowledge.RuleBase) map[knowledge.AnswerRef]bool {
	out := map[knowledge.AnswerRef]bool{}
	var walk func(c *knowledge.Cond)
	walk = func(c *knowledge.Cond) {
		for _, o := range c.Options {
			out[knowledge.AnswerRef{Question: c.Question, Answer: o}] = true
		}
		for i := range c.Subs {
			walk(&c.Subs[i])
		}
	}
	for i := range rb.RedFlags {
		walk(&rb.RedFlags[i].When)
	}
	return out
}

// TestPropertyTriageNeverFalls: adding a red-flag answer never lowers the
// triage level; adding any answer never removes a red flag of the rule
// base or a likely shortage's flag (their evidence only grows), and the
// flag of a skipped emergency check goes only when the check is answered.
// A newly fired flag raises the level to at least its own. The one answer
// that may lower the level is to a follow-up that red flags read on the
// safe side while it was unanswered: answering it with the option it was
// read as keeps every flag.
func TestPropertyTriageNeverFalls(t *testing.T) {
	rb := ruleBase(t)
	r := newRand()
	redFlag := redFlagAnswers(rb)
	newFlags, redAdds, answeredSafe := 0, 0, 0
	for it := 0; it < propertyIterations; it++ {
		a := randomAnswers(t, r, rb)
		b, what, ok := addOne(t, r, rb, a)
		if !ok {
			continue
		}
		ta, tb := knowledge.Assess(a).Triage, knowledge.Assess(b).Triage
		q, o, _ := strings.Cut(what, "=")
		if readAs := readOnSafeSide(rb, a, q); readAs != "" {
			// Answering a follow-up that red flags read on the safe side
			// replaces what was assumed with what is true: the safe
			// option keeps every flag; another may lower the level.
			answeredSafe++
			if o == readAs && !sameFlags(ta, tb) {
				t.Fatalf("iteration %d: answering %s, the option it was read as, changed the flags from %v to %v\nanswers:\n%s", it, what, flagIDs(ta), flagIDs(tb), a.YAML())
			}
			continue
		}
		if redFlag[knowledge.AnswerRef{Question: q, Answer: o}] {
			redAdds++
			if rb.LevelRank(tb.Level) < rb.LevelRank(ta.Level) {
				t.Fatalf("iteration %d: adding the red-flag answer %s lowered triage from %s to %s\nanswers:\n%s", it, what, ta.Level, tb.Level, a.YAML())
			}
		}
		had := map[string]bool{}
		for _, f := range ta.Flags {
			had[f.ID] = true
		}
		for _, f := range tb.Flags {
			if had[f.ID] {
				delete(had, f.ID)
				continue
			}
			newFlags++
			if rb.LevelRank(tb.Level) < rb.LevelRank(f.Level) {
				t.Fatalf("iteration %d: adding %s fired %s (%s) but the level is only %s", it, what, f.ID, f.Level, tb.Level)
			}
		}
		if had[knowledge.SkippedFlagID] {
			if q != knowledge.FirstQuestion || tb.Skipped() {
				t.Fatalf("iteration %d: adding %s removed the skipped-check flag", it, what)
			}
			delete(had, knowledge.SkippedFlagID)
		}
		if len(had) > 0 {
			t.Fatalf("iteration %d: adding %s removed flags %v\nanswers:\n%s", it, what, had, a.YAML())
		}
	}
	if newFlags < propertyIterations/20 || redAdds < propertyIterations/20 || answeredSafe == 0 {
		t.Errorf("only %d additions fired a new flag, %d added a red-flag answer and %d answered a follow-up read on the safe side; the generator does not exercise the property", newFlags, redAdds, answeredSafe)
	}
}

// readOnSafeSide returns the option red flags read question q as in a (q
// is asked, unanswered and has an unanswered_reads_as), or "".
func readOnSafeSide(rb *knowledge.RuleBase, a knowledge.Answers, q string) string {
	p := a.Pruned()
	i := rb.QuestionIndex(q)
	if i < 0 || p.IsAnswered(q) || !p.Shown(i) {
		return ""
	}
	return rb.Questions[i].UnansweredReadsAs
}

// sameFlags reports whether two triages raise the same flags at the same
// levels.
func sameFlags(a, b knowledge.Triage) bool {
	return a.Level == b.Level && slices.Equal(flagIDs(a), flagIDs(b))
}

func flagIDs(t knowledge.Triage) []string {
	ids := make([]string, len(t.Flags))
	for i, f := range t.Flags {
		ids[i] = f.ID + "/" + f.Level
	}
	slices.Sort(ids)
	return ids
}

// TestPropertyUnansweredReadsAs: while a follow-up with an
// unanswered_reads_as is asked but unanswered, red flags read it as that
// option and nothing else does: the flags are exactly those of the same
// answers with that option chosen, each flag names the missing answer as
// unanswered (read as the option), and no evidence, trigger, caution or
// other cause names it.
func TestPropertyUnansweredReadsAs(t *testing.T) {
	rb := ruleBase(t)
	r := newRand()
	tried, flagged := 0, 0
	for it := 0; it < propertyIterations; it++ {
		a := randomAnswers(t, r, rb).Pruned()
		for i := range rb.Questions {
			q := &rb.Questions[i]
			readAs := readOnSafeSide(rb, a, q.ID)
			if readAs == "" {
				continue
			}
			tried++
			res := knowledge.Assess(a)
			b, err := a.With(q.ID, readAs)
			if err != nil {
				t.Fatal(err)
			}
			if want := knowledge.Assess(b).Triage; !sameFlags(res.Triage, want) {
				t.Fatalf("iteration %d: %s unanswered gives flags %v; chosen as %s, %v\nanswers:\n%s", it, q.ID, flagIDs(res.Triage), readAs, flagIDs(want), a.YAML())
			}
			for _, f := range res.Triage.Flags {
				for _, ref := range f.Answers {
					if ref.Question != q.ID {
						continue
					}
					flagged++
					if !ref.Unanswered() || ref.Answer != knowledge.UnansweredAnswer || rb.ReadAs(ref) != readAs {
						t.Fatalf("iteration %d: flag %s names %+v for the unanswered %s, want answer %q read as %q", it, f.ID, ref, q.ID, knowledge.UnansweredAnswer, readAs)
					}
				}
			}
			var named []knowledge.AnswerRef
			for _, d := range res.Deficiencies {
				for _, e := range d.Evidence {
					named = append(named, e.Answers()...)
				}
			}
			for _, h := range res.Triggers {
				named = append(named, h.Answers...)
			}
			for _, c := range res.Cautions {
				named = append(named, c.Answers...)
			}
			for _, o := range res.Others {
				named = append(named, o.Answers...)
			}
			for _, ref := range named {
				if ref.Question == q.ID || ref.Unanswered() {
					t.Fatalf("iteration %d: scoring read the unanswered %s: %+v\nanswers:\n%s", it, q.ID, ref, a.YAML())
				}
			}
		}
	}
	if tried < propertyIterations/20 || flagged == 0 {
		t.Errorf("only %d follow-ups were read on the safe side, %d of them in a flag; the generator does not exercise the property", tried, flagged)
	}
}

// TestPropertyResultIsWellFormed: every result is complete and sorted, and
// everything in it is explained and sourced.
func TestPropertyResultIsWellFormed(t *testing.T) {
	rb := ruleBase(t)
	r := newRand()
	for it := 0; it < propertyIterations; it++ {
		a := randomAnswers(t, r, rb)
		if it%2 == 1 {
			a = a.Pruned()
		}
		res := knowledge.Assess(a)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("iteration %d: "+format+"\nanswers:\n%s", append(append([]any{it}, args...), a.YAML())...)
		}
		checkSortedDeficiencies(t, rb, res.Deficiencies)
		if t.Failed() {
			fail("deficiencies are not complete and sorted")
		}
		for _, d := range res.Deficiencies {
			if d.Band != rb.Bands.Band(d.Score) {
				fail("%s: band %q for score %d, want %q", d.ID, d.Band, d.Score, rb.Bands.Band(d.Score))
			}
			sum := d.Baseline
			for _, e := range d.Evidence {
				sum += e.Points
				if e.Rule.Why == "" || rb.Source(e.Rule.Source) == nil {
					fail("%s: evidence %s lacks a why or a known source", d.ID, e.Rule.ID)
				}
				checkRefs(t, a, e.Answers(), fail)
			}
			if sum != d.Score {
				fail("%s: baseline + points = %d, score %d", d.ID, sum, d.Score)
			}
		}

		for i, h := range res.Triggers {
			if h.Why == "" || h.Name == "" || len(h.Sources) == 0 || len(h.Answers) == 0 {
				fail("trigger %s lacks a why, a name, a source or answers", h.ID)
			}
			for _, s := range h.Sources {
				if rb.Source(s) == nil {
					fail("trigger %s cites unknown source %q", h.ID, s)
				}
			}
			if i > 0 && strengthRank(res.Triggers[i-1].Strength) < strengthRank(h.Strength) {
				fail("triggers are not sorted strongest first")
			}
			if !slices.Contains(specTriggers, h.ID) && !slices.ContainsFunc(rb.Triggers, func(x knowledge.Trigger) bool { return x.ID == h.ID }) {
				fail("unknown trigger %s", h.ID)
			}
			checkRefs(t, a, h.Answers, fail)
		}

		tr := res.Triage
		want := rb.Levels[0].ID
		skipped := !a.IsAnswered(knowledge.FirstQuestion)
		if tr.Skipped() != skipped || (tr.EmergencyCheck != knowledge.EmergencyCheckAnswered && tr.EmergencyCheck != knowledge.EmergencyCheckSkipped) {
			fail("emergency check %q, but the check is answered: %v", tr.EmergencyCheck, !skipped)
		}
		likely := map[string]bool{}
		for _, d := range res.Deficiencies {
			if d.ForScore < d.Score {
				fail("%s: score from the evidence for it (%d) below its score (%d)", d.ID, d.ForScore, d.Score)
			}
			if d.ForScore >= rb.Bands.Likely {
				likely[knowledge.LikelyFlagPrefix+d.ID] = true
			}
		}
		sawSkipped := false
		for i, f := range tr.Flags {
			if f.Reason == "" || f.Action == "" || rb.Source(f.Source) == nil || (len(f.Answers) == 0) != (f.ID == knowledge.SkippedFlagID) {
				fail("flag %s lacks a reason, an action, a known source or answers", f.ID)
			}
			if strings.ContainsAny(f.Reason+f.Action, "{}") {
				fail("flag %s has an unfilled placeholder: %q %q", f.ID, f.Reason, f.Action)
			}
			if f.ID == knowledge.SkippedFlagID {
				sawSkipped = true
			}
			if strings.HasPrefix(f.ID, knowledge.LikelyFlagPrefix) {
				if !likely[f.ID] {
					fail("flag %s raised for a shortage that is not likely", f.ID)
				}
				delete(likely, f.ID)
			}
			if rb.LevelRank(f.Level) < 0 {
				fail("flag %s has unknown level %q", f.ID, f.Level)
			}
			if rb.LevelRank(f.Level) > rb.LevelRank(want) {
				want = f.Level
			}
			if i > 0 && rb.LevelRank(tr.Flags[i-1].Level) < rb.LevelRank(f.Level) {
				fail("flags are not sorted highest level first")
			}
			checkFlagRefs(t, rb, a, f.Answers, fail)
		}
		if tr.Level != want {
			fail("triage level %s, want the highest flag level %s", tr.Level, want)
		}
		if sawSkipped != skipped {
			fail("the skipped-check flag is %v with the emergency check answered: %v", sawSkipped, !skipped)
		}
		if len(likely) > 0 {
			fail("likely shortages without their flag: %v", likely)
		}
		reassure := !skipped && rb.LevelRank(tr.Level) <= rb.LevelRank(rb.Reassurance.MaxLevel)
		if reassure && rb.Reassurance.HideWhen != nil {
			reassure = !condHolds(rb, a.Pruned(), rb.Reassurance.HideWhen)
		}
		if (len(res.Reassurance) > 0) != (reassure && len(rb.Reassurance.Notes) > 0) {
			fail("reassurance shown: %v, allowed: %v (level %s)", len(res.Reassurance) > 0, reassure, tr.Level)
		}
		for _, o := range res.Others {
			if o.Reassuring && !reassure {
				fail("reassuring look-alike %s shown where reassurance may not be", o.ID)
			}
			if o.Text == "" || rb.Source(o.Source) == nil || len(o.Answers) == 0 {
				fail("other cause %s lacks text, a known source or answers", o.ID)
			}
			checkRefs(t, a, o.Answers, fail)
		}
		for _, d := range res.Deficiencies {
			strictest := knowledge.FoodsAdvice
			for _, n := range d.FoodNotes {
				checkRefs(t, a, n.Answers, fail)
				if n.Foods == knowledge.FoodsHidden || n.Foods == knowledge.FoodsInfo && strictest == knowledge.FoodsAdvice {
					strictest = n.Foods
				}
			}
			if d.FoodsAs != strictest {
				fail("%s: foods shown as %s, but its notes say %s", d.ID, d.FoodsAs, strictest)
			}
		}
		for _, h := range res.Triggers {
			if h.AdviceShown() != (len(h.AdviceNotes) == 0) {
				fail("trigger %s: advice shown %v with %d notes", h.ID, h.AdviceShown(), len(h.AdviceNotes))
			}
		}
		for _, c := range res.Cautions {
			if c.Text == "" || rb.Source(c.Source) == nil || len(c.Answers) == 0 {
				fail("caution %s lacks text, a known source or answers", c.ID)
			}
			checkRefs(t, a, c.Answers, fail)
		}
		// The engine's compiled conditions agree with reading them on the
		// answers' own terms (counts_as included): for cautions always,
		// for red flags when no follow-up is read on the safe side.
		p := a.Pruned()
		for i := range rb.Cautions {
			c := &rb.Cautions[i]
			fired := slices.ContainsFunc(res.Cautions, func(h knowledge.CautionHit) bool { return h.ID == c.ID })
			if want := condHolds(rb, p, &c.When); fired != want {
				fail("caution %s shown: %v, but its condition %s holds: %v", c.ID, fired, &c.When, want)
			}
		}
		safeSide := false
		for i := range rb.Questions {
			safeSide = safeSide || readOnSafeSide(rb, a, rb.Questions[i].ID) != ""
		}
		for i := range rb.RedFlags {
			f := &rb.RedFlags[i]
			fired := slices.ContainsFunc(tr.Flags, func(h knowledge.Flag) bool { return h.ID == f.ID })
			if want := condHolds(rb, p, &f.When); fired != want && !(safeSide && fired) {
				fail("flag %s raised: %v, but its condition %s holds: %v", f.ID, fired, &f.When, want)
			}
		}
	}
}

// condHolds evaluates c on a by a's own terms: a condition holds when an
// answer it names is selected, or one that counts as it (any), all parts
// hold (all), or enough options are selected (count).
func condHolds(rb *knowledge.RuleBase, a knowledge.Answers, c *knowledge.Cond) bool {
	switch c.Op {
	case knowledge.OpAnswer:
		for _, chosen := range a.Selected(c.Question) {
			counts := countsAsClosure(rb.Question(c.Question), chosen)
			for _, o := range c.Options {
				if chosen == o || counts[o] {
					return true
				}
			}
		}
		return false
	case knowledge.OpCount:
		n := 0
		for _, o := range a.Selected(c.Question) {
			if o != knowledge.NoneOption {
				n++
			}
		}
		return n >= c.AtLeast
	case knowledge.OpAny:
		for i := range c.Subs {
			if condHolds(rb, a, &c.Subs[i]) {
				return true
			}
		}
		return false
	case knowledge.OpAll:
		for i := range c.Subs {
			if !condHolds(rb, a, &c.Subs[i]) {
				return false
			}
		}
		return len(c.Subs) > 0
	}
	return false
}

// checkRefs fails when a result names an answer that was not given.
func checkRefs(t *testing.T, a knowledge.Answers, rs []knowledge.AnswerRef, fail func(string, ...any)) {
	t.Helper()
	for _, r := range rs {
		if !a.Has(r.Question, r.Answer) {
			fail("the result names %s=%s, which was not answered", r.Question, r.Answer)
		}
	}
}

// checkFlagRefs is checkRefs for a flag, which may also name a follow-up
// that is asked but unanswered, read as its unanswered_reads_as.
func checkFlagRefs(t *testing.T, rb *knowledge.RuleBase, a knowledge.Answers, rs []knowledge.AnswerRef, fail func(string, ...any)) {
	t.Helper()
	for _, r := range rs {
		if !r.Unanswered() {
			checkRefs(t, a, []knowledge.AnswerRef{r}, fail)
			continue
		}
		if want := readOnSafeSide(rb, a, r.Question); want == "" || rb.ReadAs(r) != want {
			fail("a flag names %s unanswered, read as %q, but it is answered, not asked, or read as %q", r.Question, rb.ReadAs(r), want)
		}
	}
}

func strengthRank(s knowledge.Strength) int {
	switch s {
	case knowledge.Strong:
		return 3
	case knowledge.Moderate:
		return 2
	case knowledge.Weak:
		return 1
	}
	return 0
}

// TestPropertyYAMLRoundTrip: random answers, follow-ups included, survive
// YAML() and ParseAnswers.
func TestPropertyYAMLRoundTrip(t *testing.T) {
	rb := ruleBase(t)
	r := newRand()
	for it := 0; it < propertyIterations; it++ {
		a := randomAnswers(t, r, rb)
		b, err := knowledge.ParseAnswers(rb, "roundtrip.yaml", a.YAML())
		if err != nil || !b.Equal(a) {
			t.Fatalf("iteration %d: %q read back as %q (%v)", it, a.YAML(), b.YAML(), err)
		}
	}
}
