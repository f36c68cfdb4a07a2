package knowledge

import (
	"math"
	"sort"
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

// Flag is a red flag that fired, with the answers that raised it.
type Flag struct {
	ID      string
	Level   string
	Reason  string
	Action  string
	Source  string
	Answers []AnswerRef
}

// Scored is one deficiency's score and the evidence behind it.
type Scored struct {
	ID   string
	Name string
	// Score is 0–100: the probability, in percent, that the scoring model
	// gives this deficiency. Baseline is the score before any answer.
	Score    int
	Baseline int
	Band     string
	LogOdds  float64
	Evidence []Evidence
	Tests    []string
	Foods    []string
}

// Evidence is one rule that fired for a deficiency.
type Evidence struct {
	Rule string
	// Question and Answer are the first answer that made the rule fire;
	// Answers lists them all.
	Question string
	Answer   string
	Answers  []AnswerRef
	// Weight is the rule's log-likelihood ratio. Points is what it changed
	// the score by, taking the evidence in order from the baseline: the
	// Points of all evidence add up to Score − Baseline.
	Weight float64
	Points int
	Why    string
	Source string
}

// TriggerHit is a trigger the answers point to.
type TriggerHit struct {
	ID       string
	Name     string
	Strength Strength
	// Why joins the reasons of every rule that fired, strongest first.
	Why     string
	Advice  string
	Sources []string
	Answers []AnswerRef
}

// CautionHit is a caution that applies.
type CautionHit struct {
	ID      string
	Text    string
	Source  string
	Answers []AnswerRef
}

// Percent turns log-odds into a whole-number percentage, 0–100.
func Percent(logOdds float64) int {
	return int(math.Round(100 / (1 + math.Exp(-logOdds))))
}

// Assess scores the answers. It never fails: answers made by NewAnswers,
// With or ParseAnswers for rb are always valid. Answers to follow-up
// questions that are not asked are left out, as Pruned does.
func Assess(a Answers) Result {
	// An answer to a follow-up that is not asked (its enable_when does not
	// hold) is not counted, as in the questionnaire, which drops it.
	a = a.Pruned()
	rb := a.rb
	return Result{
		Triage:       evalTriage(rb, a.sel),
		Deficiencies: score(rb, a.sel),
		Triggers:     triggers(rb, a.sel),
		Cautions:     cautions(rb, a.sel),
	}
}

// TriageOf evaluates only the red flags of a, as the questionnaire does
// after the emergency screen.
func TriageOf(a Answers) Triage { return evalTriage(a.rb, a.sel) }

// evalTriage evaluates the red flags. It is apart from scoring on purpose: a
// deficiency that explains the symptoms never hides a red flag.
func evalTriage(rb *RuleBase, sel []uint64) Triage {
	t := Triage{Level: rb.Levels[0].ID}
	best := 0
	for i := range rb.RedFlags {
		f := &rb.RedFlags[i]
		if !f.When.holds(sel) {
			continue
		}
		t.Flags = append(t.Flags, Flag{
			ID: f.ID, Level: f.Level, Reason: f.Reason, Action: f.Action, Source: f.Source,
			Answers: f.When.refs(rb, sel),
		})
		if r := rb.LevelRank(f.Level); r > best {
			best = r
			t.Level = f.Level
		}
	}
	sort.SliceStable(t.Flags, func(i, j int) bool {
		return rb.LevelRank(t.Flags[i].Level) > rb.LevelRank(t.Flags[j].Level)
	})
	return t
}

func score(rb *RuleBase, sel []uint64) []Scored {
	out := make([]Scored, len(rb.Deficiencies))
	for di := range rb.Deficiencies {
		d := &rb.Deficiencies[di]
		s := Scored{ID: d.ID, Name: d.Name, Tests: d.Tests, Foods: d.Foods, LogOdds: d.Prior}
		for ri := range d.Rules {
			r := &d.Rules[ri]
			if !r.When.holds(sel) {
				continue
			}
			refs := r.When.refs(rb, sel)
			s.Evidence = append(s.Evidence, Evidence{
				Rule: r.ID, Question: refs[0].Question, Answer: refs[0].Answer, Answers: refs,
				Weight: r.Weight, Why: r.Why, Source: r.Source,
			})
		}
		// Take the evidence in question order, so the running score reads
		// like the questionnaire.
		sort.SliceStable(s.Evidence, func(i, j int) bool {
			return rb.questionIndex[s.Evidence[i].Question] < rb.questionIndex[s.Evidence[j].Question]
		})
		s.Baseline = Percent(d.Prior)
		prev := s.Baseline
		for i := range s.Evidence {
			s.LogOdds += s.Evidence[i].Weight
			now := Percent(s.LogOdds)
			s.Evidence[i].Points = now - prev
			prev = now
		}
		s.Score = prev
		s.Band = rb.Bands.Band(s.Score)
		out[di] = s
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func triggers(rb *RuleBase, sel []uint64) []TriggerHit {
	var out []TriggerHit
	for ti := range rb.Triggers {
		t := &rb.Triggers[ti]
		var hit *TriggerHit
		var whys []struct {
			s   Strength
			why string
		}
		for ri := range t.Rules {
			r := &t.Rules[ri]
			if !r.When.holds(sel) {
				continue
			}
			if hit == nil {
				out = append(out, TriggerHit{ID: t.ID, Name: t.Name, Advice: t.Advice})
				hit = &out[len(out)-1]
			}
			if r.Strength.rank() > hit.Strength.rank() {
				hit.Strength = r.Strength
			}
			whys = append(whys, struct {
				s   Strength
				why string
			}{r.Strength, r.Why})
			if !contains(hit.Sources, r.Source) {
				hit.Sources = append(hit.Sources, r.Source)
			}
			for _, ref := range r.When.refs(rb, sel) {
				if !containsRef(hit.Answers, ref) {
					hit.Answers = append(hit.Answers, ref)
				}
			}
		}
		if hit != nil {
			sort.SliceStable(whys, func(i, j int) bool { return whys[i].s.rank() > whys[j].s.rank() })
			parts := make([]string, len(whys))
			for i, w := range whys {
				parts[i] = w.why
			}
			hit.Why = strings.Join(parts, " ")
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Strength.rank() > out[j].Strength.rank() })
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

func cautions(rb *RuleBase, sel []uint64) []CautionHit {
	var out []CautionHit
	for i := range rb.Cautions {
		c := &rb.Cautions[i]
		if c.When.holds(sel) {
			out = append(out, CautionHit{ID: c.ID, Text: c.Text, Source: c.Source, Answers: c.When.refs(rb, sel)})
		}
	}
	return out
}
