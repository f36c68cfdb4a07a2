package knowledge

import (
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
	// Others are the other causes and look-alikes the answers fit.
	Others []OtherHit
	// Reassurance holds the reassurance notes this result may show: none
	// beside danger (see RuleBase.Reassurance).
	Reassurance []Note
}

// Triage is the triage level and every red flag that raised it.
type Triage struct {
	Level string
	// Flags holds every red flag that fired, highest level first: those
	// of the rule base, the flag of a skipped emergency check, and the
	// flag of each likely deficiency.
	Flags []Flag
	// EmergencyCheck is EmergencyCheckAnswered or EmergencyCheckSkipped.
	EmergencyCheck string
}

// Skipped reports whether the emergency check was left unanswered.
func (t Triage) Skipped() bool { return t.EmergencyCheck == EmergencyCheckSkipped }

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
	// Score is 0–100: how strongly the answers match the signs and risks
	// of this shortage, on the logistic scale of the scoring model; a
	// ranking aid, not the chance of having it. Baseline is the score
	// before any answer.
	Score    int
	Baseline int
	Band     string
	LogOdds  float64
	// ForScore is the score from the evidence for it alone: the signs
	// and risks, before anything that makes it less likely (a supplement
	// already taken). When it reaches the likely band, the shortage needs
	// a blood test whatever lowered the score.
	ForScore int
	Evidence []Evidence
	// FoodsAs says how the foods may be shown; FoodNotes say why they
	// are not the fix, when they are not.
	FoodsAs   FoodsShown
	FoodNotes []CaveatHit
	// index is the deficiency's place in the rule base.
	index int
}

// CaveatHit is a food or advice note that applies.
type CaveatHit struct {
	*Caveat
	Answers []AnswerRef
}

// OtherHit is another cause or look-alike the answers fit.
type OtherHit struct {
	*Other
	Answers []AnswerRef
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
	// when is the rule's compiled condition; answers are the answers
	// assessed. Answers names the ones that made the rule fire when asked,
	// so assessing stays cheap.
	when    *node
	answers *Answers
}

// Answers returns the answers that made the rule fire, in the order of its
// condition; never empty.
func (e Evidence) Answers() []AnswerRef { return e.when.refs(e.answers.rb, e.answers.sel) }

// Question is the question of the first answer that made the rule fire.
func (e Evidence) Question() string {
	return e.answers.rb.Questions[e.when.firstQuestion(e.answers.sel)].ID
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
	// AdviceNotes replace the trigger's advice when any applies: the
	// advice would work against a flag.
	AdviceNotes []CaveatHit
	// index is the trigger's place in the rule base.
	index int
}

// firedRule is a trigger rule that fired, with its compiled condition.
type firedRule struct {
	*TriggerRule
	when *node
}

// AdviceShown reports whether the trigger's own advice may be shown.
func (t TriggerHit) AdviceShown() bool { return len(t.AdviceNotes) == 0 }

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
// logit of (k + 0.5) / 100, math.Log(p / (1 - p)). It is written out, not
// computed, so the program does no work for it at start-up;
// TestPercentSteps checks every value against the formula.
var percentSteps = [100]float64{
	-5.293304824724492, -4.1845914400698785, -3.6635616461296463, -3.316780039849572,
	-3.0550488507104103, -2.843851742261272, -2.66615925939305, -2.512305623976115,
	-2.3762728087852047, -2.2540580520993854, -2.142863368117332, -2.0406555166446796,
	-1.9459101490553135, -1.8574547284934497, -1.774367726516186, -1.6959115104379272,
	-1.6214862509502748, -1.550597412411167, -1.4828322881625378, -1.4178427188548164,
	-1.3553321355159238, -1.2950456896547458, -1.2367626271489267, -1.180290319682377,
	-1.1254595387042978, -1.0721206732211335, -1.0201406732266145, -0.9694005571881034,
	-0.9197933624253573, -0.871222446472449, -0.8236000689573807, -0.7768461994365923,
	-0.7308875085427924, -0.6856565088307877, -0.6410908186038922, -0.5971325273203567,
	-0.5537276453102002, -0.5108256237659907, -0.4683789335187335, -0.4263426931297195,
	-0.3846743384390906, -0.34333332700115815, -0.3022808718729335, -0.2614797000577567,
	-0.22089383158019413, -0.18048837571229354, -0.14022934130865, -0.10008345855698265,
	-0.06001800972625304, -0.020000666706669543, 0.020000666706669435, 0.06001800972625295,
	0.10008345855698263, 0.1402293413086503, 0.1804883757122938, 0.22089383158019443,
	0.26147970005775656, 0.3022808718729335, 0.34333332700115804, 0.38467433843909055,
	0.42634269312971956, 0.4683789335187336, 0.5108256237659907, 0.5537276453102002,
	0.5971325273203568, 0.6410908186038923, 0.6856565088307879, 0.7308875085427926,
	0.7768461994365925, 0.8236000689573804, 0.8712224464724485, 0.919793362425357,
	0.9694005571881035, 1.0201406732266143, 1.0721206732211332, 1.1254595387042978,
	1.180290319682377, 1.2367626271489272, 1.2950456896547458, 1.355332135515924,
	1.4178427188548168, 1.4828322881625375, 1.5505974124111666, 1.6214862509502748,
	1.695911510437927, 1.7743677265161857, 1.8574547284934497, 1.9459101490553132,
	2.0406555166446796, 2.1428633681173324, 2.2540580520993854, 2.376272808785205,
	2.5123056239761152, 2.666159259393051, 2.843851742261271, 3.0550488507104094,
	3.3167800398495713, 3.6635616461296454, 4.184591440069878, 5.293304824724491,
}

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
	refs := make([]AnswerRef, 0, 24)
	res := Result{Deficiencies: score(a)}
	res.Triage = evalTriage(rb, a.sel, res.Deficiencies, &refs)
	res.Triggers = triggers(rb, a.sel, &refs)
	res.Cautions = cautions(rb, a.sel, &refs)
	reassure := reassuring(rb, a.sel, res.Triage)
	if reassure {
		res.Reassurance = rb.Reassurance.Notes
	}
	for i := range rb.Others {
		o, w := &rb.Others[i], &rb.conds.others[i]
		if (!o.Reassuring || reassure) && w.fires(a.sel) {
			res.Others = append(res.Others, OtherHit{Other: o, Answers: named(rb, a.sel, w, &refs)})
		}
	}
	// The notes that apply, like the answers, share one array.
	var notes []CaveatHit
	for i := range res.Deficiencies {
		d := &res.Deficiencies[i]
		d.FoodsAs, d.FoodNotes = caveats(rb, a.sel, d.Deficiency.FoodNotes, rb.conds.food[d.index], &refs, &notes)
	}
	for i := range res.Triggers {
		t := &res.Triggers[i]
		_, t.AdviceNotes = caveats(rb, a.sel, t.Trigger.AdviceNotes, rb.conds.advice[t.index], &refs, &notes)
	}
	return res
}

// reassuring reports whether reassurance may be shown (principle 4): the
// emergency check was answered, the level is at most the rule base's
// maximum, and no neurological warning sign is present.
func reassuring(rb *RuleBase, sel []uint64, t Triage) bool {
	re := &rb.Reassurance
	switch {
	case t.Skipped():
		return false
	case rb.LevelRank(t.Level) > rb.LevelRank(re.MaxLevel):
		return false
	case rb.conds.hide != nil && rb.conds.hide.holds(sel):
		return false
	}
	for _, id := range re.RequiresAnswered {
		if qi := rb.QuestionIndex(id); qi >= 0 && sel[qi] == 0 {
			return false
		}
	}
	return true
}

// caveats returns the notes that apply (cs, whose compiled conditions are
// ws), appended to the shared array, and how foods are then shown: the
// strictest of them.
func caveats(rb *RuleBase, sel []uint64, cs []Caveat, ws []node, refs *[]AnswerRef, shared *[]CaveatHit) (FoodsShown, []CaveatHit) {
	shown := FoodsAdvice
	from := len(*shared)
	for i := range cs {
		c, w := &cs[i], &ws[i]
		if !w.fires(sel) {
			continue
		}
		if *shared == nil {
			*shared = make([]CaveatHit, 0, 8)
		}
		*shared = append(*shared, CaveatHit{Caveat: c, Answers: named(rb, sel, w, refs)})
		switch {
		case c.Foods == FoodsHidden:
			shown = FoodsHidden
		case c.Foods == FoodsInfo && shown == FoodsAdvice:
			shown = FoodsInfo
		}
	}
	if len(*shared) == from {
		return shown, nil
	}
	// A full slice expression: a later append to the shared array never
	// writes into this one.
	return shown, (*shared)[from:len(*shared):len(*shared)]
}

// named appends the answers that make c hold to the shared array and
// returns them.
func named(rb *RuleBase, sel []uint64, c *node, refs *[]AnswerRef) []AnswerRef {
	from := len(*refs)
	*refs = c.appendRefs(rb, sel, *refs)
	return (*refs)[from:len(*refs):len(*refs)]
}

// tooMuch reports whether a raised flag warns of too much of deficiency
// id: its answers then point to an excess, not a shortage.
func tooMuch(flags []Flag, id string) bool {
	for _, f := range flags {
		if slices.Contains(f.TooMuch, id) {
			return true
		}
	}
	return false
}

// evalTriage evaluates the red flags. It is apart from scoring on purpose: a
// deficiency that explains the symptoms never hides a red flag. Besides the
// rule base's red flags, it raises the flag of a skipped emergency check
// (principle 2) and one for each deficiency whose signs and risks reach
// the likely band (principle 3).
func evalTriage(rb *RuleBase, sel []uint64, ds []Scored, refs *[]AnswerRef) Triage {
	t := Triage{Level: rb.Levels[0].ID, EmergencyCheck: EmergencyCheckAnswered}
	best := 0
	var rankBuf [32]int
	ranks := rankBuf[:0]
	add := func(f *RedFlag, answers []AnswerRef) {
		r := rb.LevelRank(f.Level)
		if t.Flags == nil {
			t.Flags = make([]Flag, 0, 8)
		}
		t.Flags = append(t.Flags, Flag{RedFlag: f, Answers: answers})
		ranks = append(ranks, r)
		if r > best {
			best = r
			t.Level = f.Level
		}
	}
	if qi := rb.QuestionIndex(FirstQuestion); qi >= 0 && sel[qi] == 0 {
		t.EmergencyCheck = EmergencyCheckSkipped
		add(&rb.Skipped, nil)
	}
	// maskBuf is scratch space, on the stack when the questions fit: for
	// the selections red flags read, then for the answers of likely flags.
	var maskBuf [64]uint64
	// Red flags read a follow-up that is asked but unanswered on the safe
	// side (principle 2): as its unanswered_reads_as option, on a copy of
	// the selections made only when one is.
	flagSel := sel
	readAsUsed := false
	for _, ra := range rb.readsAs {
		if sel[ra.q] != 0 || !ra.when.holds(sel) {
			continue
		}
		if !readAsUsed {
			flagSel = scratchMasks(&maskBuf, len(sel))
			copy(flagSel, sel)
			readAsUsed = true
		}
		flagSel[ra.q] = ra.bit
	}
	for i := range rb.RedFlags {
		f, w := &rb.RedFlags[i], &rb.conds.flags[i]
		if w.fires(flagSel) {
			answers := named(rb, flagSel, w, refs)
			if readAsUsed {
				markUnanswered(rb, sel, answers)
			}
			add(f, answers)
		}
	}
	if readAsUsed {
		clear(flagSel) // scratchMasks hands out zeroed masks
	}
	var masks []uint64 // per question, the answers a likely flag names
	for i := range ds {
		d := &ds[i]
		if d.ForScore < rb.Bands.Likely || tooMuch(t.Flags, d.ID) {
			continue
		}
		if masks == nil {
			masks = scratchMasks(&maskBuf, len(sel))
		}
		for _, e := range d.Evidence {
			if e.Rule.Weight > 0 {
				e.when.mark(sel, masks)
			}
		}
		from := len(*refs)
		*refs = appendMarked(rb, masks, *refs)
		add(rb.LikelyFlagOf(d.Deficiency), (*refs)[from:len(*refs):len(*refs)])
	}
	// Highest level first, keeping the order within a level: in place for
	// the usual few flags, through an index for many.
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

// markUnanswered rewrites, in place, the answers a flag names that the
// person did not give (a follow-up read as its unanswered_reads_as): they
// name the missing answer (RuleBase.ReadAs says what it was read as).
func markUnanswered(rb *RuleBase, sel []uint64, answers []AnswerRef) {
	for i := range answers {
		r := &answers[i]
		qi := rb.QuestionIndex(r.Question)
		if qi >= 0 && sel[qi] == 0 {
			r.Answer = UnansweredAnswer
		}
	}
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
		d, ws := &rb.Deficiencies[di], rb.conds.rules[di]
		start := len(evs)
		for ri := range d.Rules {
			w := &ws[ri]
			if !w.fires(sel) {
				continue
			}
			evs = append(evs, Evidence{Rule: &d.Rules[ri], when: w, answers: ap})
			qs = append(qs, w.firstQuestion(sel))
		}
		sortByQuestion(evs[start:], qs[start:])
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
		*s = Scored{Deficiency: d, index: di, LogOdds: d.Prior, Baseline: Percent(d.Prior)}
		if ends[di] > from {
			s.Evidence = evs[from:ends[di]:ends[di]]
		}
		prev := s.Baseline
		forOdds := d.Prior
		for i := range s.Evidence {
			e := &s.Evidence[i]
			s.LogOdds += e.Rule.Weight
			if e.Rule.Weight > 0 {
				forOdds += e.Rule.Weight
			}
			now := Percent(s.LogOdds)
			e.Points = now - prev
			prev = now
		}
		s.Score = prev
		s.ForScore = Percent(forOdds)
		s.Band = rb.Bands.Band(s.Score)
	}
	return out
}

// scratchMasks returns n zeroed masks, one per question, for mark and
// appendMarked (which leaves them zeroed again): from buf, on the caller's
// stack, when the questions fit.
func scratchMasks(buf *[64]uint64, n int) []uint64 {
	if n <= len(buf) {
		return buf[:n]
	}
	return make([]uint64, n)
}

// sortByQuestion orders one deficiency's evidence by the question of its
// first answer, keeping the rule base's order among equals: by insertion
// for the usual few items (no allocation), by a stable sort for many, so
// a large rule base costs n log n, not n².
func sortByQuestion(evs []Evidence, qs []int) {
	if len(evs) <= 32 {
		for j := 1; j < len(evs); j++ {
			for i := j; i > 0 && qs[i] < qs[i-1]; i-- {
				evs[i], evs[i-1] = evs[i-1], evs[i]
				qs[i], qs[i-1] = qs[i-1], qs[i]
			}
		}
		return
	}
	idx := make([]int, len(evs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return qs[a] - qs[b] })
	sorted := make([]Evidence, len(evs))
	for k, i := range idx {
		sorted[k] = evs[i]
	}
	copy(evs, sorted)
	for k, i := range idx {
		idx[k] = qs[i]
	}
	copy(qs, idx)
}

func triggers(rb *RuleBase, sel []uint64, refs *[]AnswerRef) []TriggerHit {
	// The hits are gathered on the stack and copied once to a slice of
	// their own size, since most answers raise only a few triggers.
	var outBuf [16]TriggerHit
	out := outBuf[:0]
	var sources []string // shared by every hit
	var masks []uint64   // per question, the answers of a hit's rules
	var maskBuf [64]uint64
	for ti := range rb.Triggers {
		t, ws := &rb.Triggers[ti], rb.conds.trigger[ti]
		// The rules that fire, strongest first, stably.
		var buf [8]firedRule
		hits := buf[:0]
		for ri := range t.Rules {
			w := &ws[ri]
			if !w.fires(sel) {
				continue
			}
			i := len(hits)
			hits = append(hits, firedRule{&t.Rules[ri], w})
			for ; i > 0 && hits[i].Strength.rank() > hits[i-1].Strength.rank(); i-- {
				hits[i], hits[i-1] = hits[i-1], hits[i]
			}
		}
		if len(hits) == 0 {
			continue
		}
		if sources == nil {
			sources = make([]string, 0, len(rb.Triggers)+4)
		}
		from := len(sources)
		hit := TriggerHit{Trigger: t, index: ti, Strength: hits[0].Strength, Why: hits[0].Why}
		if len(hits) == 1 {
			sources = append(sources, hits[0].Source)
			hit.Answers = named(rb, sel, hits[0].when, refs)
		} else {
			// Several rules: each answer and source once across them.
			if masks == nil {
				masks = scratchMasks(&maskBuf, len(sel))
			}
			for i, r := range hits {
				if i > 0 {
					hit.Why += " " + r.Why
				}
				if !contains(sources[from:], r.Source) {
					sources = append(sources, r.Source)
				}
				r.when.mark(sel, masks)
			}
			start := len(*refs)
			*refs = appendMarked(rb, masks, *refs)
			hit.Answers = (*refs)[start:len(*refs):len(*refs)]
		}
		hit.Sources = sources[from:len(sources):len(sources)]
		out = append(out, hit)
	}
	if len(out) == 0 {
		return nil
	}
	// Strongest first, keeping the rule base's order within a strength:
	// one pass per strength, straight into a slice of their size.
	sorted := make([]TriggerHit, 0, len(out))
	for _, st := range [...]Strength{Strong, Moderate, Weak} {
		for _, h := range out {
			if h.Strength == st {
				sorted = append(sorted, h)
			}
		}
	}
	return sorted
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
		c, w := &rb.Cautions[i], &rb.conds.cautions[i]
		if w.fires(sel) {
			out = append(out, CautionHit{Caution: c, Answers: named(rb, sel, w, refs)})
		}
	}
	return out
}
