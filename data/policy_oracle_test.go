package data_test

// An independent reading of triage policy version 3, written from
// shared/clinical/triage.md in Go rather than in the rule base's
// conditions, checked against the real content on many random answer
// sets: the level must be exactly the policy's, neither lower nor higher.

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// policyView reads answers as the policy's terms do.
type policyView struct {
	a  knowledge.Answers // pruned: follow-ups not asked are dropped
	rb *knowledge.RuleBase
}

// countsAs is the policy's "old and overlapping answers".
var countsAs = map[string]map[string][]string{
	"diuretic_kind": {"combination": {"potassium_sparing", "thiazide", "loop"}},
	"alcohol":       {"dependent": {"heavy"}, "stopped_recently": {"heavy"}},
	"conditions":    {"weight_loss_surgery": {"malabsorption"}},
	"gi_duration":   {"days": {"under_3_days"}},
}

// has reports whether question q's answer includes any of opts, directly
// or through an option that counts as it.
func (p policyView) has(q string, opts ...string) bool {
	for _, s := range p.a.Selected(q) {
		if slices.Contains(opts, s) {
			return true
		}
		for _, c := range countsAs[q][s] {
			if slices.Contains(opts, c) {
				return true
			}
		}
	}
	return false
}

// read is has for red flags: a follow-up asked but not answered counts as
// the policy's safe-side reading (principle 2).
func (p policyView) read(q string, opts ...string) bool {
	if p.a.IsAnswered(q) {
		return p.has(q, opts...)
	}
	if !p.a.Shown(p.rb.QuestionIndex(q)) {
		return false
	}
	safe := map[string]string{"vomiting": "keeping_fluids_down", "pregnancy_stage": "20_weeks_plus", "drinking_amount": "more_than_thirst"}[q]
	return slices.Contains(opts, safe)
}

// policyLevel is the level triage.md version 3 gives, with the likely
// shortages (principle 3) taken from the result's scores.
func policyLevel(rb *knowledge.RuleBase, a knowledge.Answers, res knowledge.Result) string {
	p := policyView{a: a.Pruned(), rb: rb}
	sym := func(o ...string) bool { return p.has("symptoms", o...) }
	ser := func(o ...string) bool { return p.has("serious", o...) }
	med := func(o ...string) bool { return p.has("medications", o...) }
	cond := func(o ...string) bool { return p.has("conditions", o...) }
	sup := func(o ...string) bool { return p.has("supplements", o...) }

	vomiting := sym("nausea_vomiting") && p.read("vomiting", "keeping_fluids_down", "cannot_keep_fluids_down")
	vomiting3 := vomiting && p.has("gi_duration", "3_to_6_days", "week_plus")
	thiamineRisk := p.has("alcohol", "heavy") || cond("malabsorption", "weight_loss_surgery", "eating_disorder") ||
		p.has("gi_duration", "week_plus") || vomiting3
	kSparing := p.has("diuretic_kind", "potassium_sparing")
	strenuous := p.has("exercise", "strenuous")
	water := (strenuous || p.has("sweating", "yes")) && p.has("rehydration", "plain_water") ||
		strenuous && p.has("rehydration", "electrolytes") && p.read("drinking_amount", "more_than_thirst")
	late := cond("pregnant") && p.read("pregnancy_stage", "20_weeks_plus") || cond("recently_gave_birth")
	ws := func(o ...string) bool { return p.has("weakness_speed", o...) }

	switch {
	case ser("breathing_difficulty", "chest_pain", "stroke_signs", "one_side_spells", "seizure"),
		ws("hours"),
		ser("fainting") && sym("palpitations"),
		sym("confusion"),
		ws("hours", "days") && ser("swallowing_difficulty"),
		sym("double_vision") && sym("headache"),
		water && (sym("nausea_vomiting", "confusion") || ser("fainting", "seizure")),
		cond("recent_wound") && (sym("jaw_stiffness", "stiffness") || ser("sustained_spasm")),
		cond("neck_surgery", "parathyroid") && ser("sustained_spasm"),
		med("corticosteroid") && ser("fainting"):
		return "emergency"
	}
	switch {
	case ser("fainting", "swallowing_difficulty", "sustained_spasm"),
		ws("days"),
		(ser("progressive_weakness") || ws("weeks", "days")) && sym("breathless_on_exertion"),
		sym("palpitations") && (med("diuretic", "laxative", "ppi") || sym("nausea_vomiting", "diarrhea", "weakness")),
		cond("neck_surgery", "parathyroid") && (sym("tingling_mouth", "numbness_tingling", "cramps") || p.has("location", "mouth", "face", "hands")),
		water && sym("headache"),
		med("diuretic") && sym("nausea_vomiting", "diarrhea"),
		p.read("vomiting", "cannot_keep_fluids_down") && sym("nausea_vomiting"),
		vomiting3,
		sym("diarrhea") && p.has("gi_duration", "week_plus"),
		med("corticosteroid") && (vomiting || sym("diarrhea")),
		late && (sym("headache", "double_vision") || vomiting),
		cond("pregnant") && sym("nausea_vomiting") && p.read("vomiting", "cannot_keep_fluids_down"),
		med("lithium") && (vomiting || sym("diarrhea", "balance_problems", "weakness", "double_vision", "confusion")),
		med("antipsychotic") && (ser("sustained_spasm") || sym("jaw_stiffness")),
		med("antidepressant") && serotoninSigns(p) >= 2,
		sym("dark_urine") && (sym("muscle_aches", "weakness", "pain") || strenuous || med("statin")),
		med("statin") && sym("muscle_aches", "weakness", "pain"),
		sym("double_vision"),
		thiamineRisk && sym("balance_problems", "double_vision"),
		cond("kidney_disease") && (sup("potassium", "magnesium") || kSparing || med("ace_arb")) && (sym("palpitations", "weakness") || vomiting),
		sup("potassium") && (kSparing || med("ace_arb")) && sym("palpitations", "weakness"),
		p.has("alcohol", "stopped_recently") && (sym("tremor", "palpitations") || p.has("sweating", "yes")):
		return "urgent"
	}
	locations := p.a.Selected("location")
	switch {
	case !p.a.IsAnswered("serious"),
		p.has("duration", "2_weeks_to_3_months", "over_3_months"),
		len(locations) >= 2 || p.has("location", "all_over"),
		p.has("spreading", "yes"),
		ser("muscle_wasting", "progressive_weakness", "falls"),
		sym("weakness", "stiffness", "numbness_tingling", "tingling_mouth", "balance_problems", "pain", "palpitations"),
		p.has("location", "tongue") || sym("speech_changes"),
		sym("dark_urine"),
		med("lithium") && sym("tremor"),
		med("new_medicine"),
		sup("b6_high_dose") && sym("numbness_tingling"),
		sym("pale_skin") && sym("breathless_on_exertion"),
		p.has("gi_duration", "week_plus"),
		med("laxative") && vomiting,
		p.has("ppi_duration", "over_1_year"),
		cond("neck_surgery"),
		sup("potassium") && (cond("kidney_disease") || kSparing || med("ace_arb")),
		cond("eating_disorder"),
		p.has("alcohol", "dependent", "stopped_recently"),
		(cond("pregnant") || p.has("age", "under_18")) && p.has("alcohol", "heavy"):
		return "see_doctor"
	}
	for _, d := range res.Deficiencies {
		if d.ForScore >= rb.Bands.Likely {
			return "see_doctor"
		}
	}
	return "self_care"
}

func serotoninSigns(p policyView) int {
	n := 0
	for _, s := range []string{"tremor", "confusion", "palpitations", "diarrhea"} {
		if p.has("symptoms", s) {
			n++
		}
	}
	if p.has("sweating", "yes") {
		n++
	}
	return n
}

// policyAnswers answers each question with probability pAnswer; on the
// questions the policy reads together it picks few options, so that the
// combinations of two or three answers the rules need come up often.
func policyAnswers(tb testing.TB, r *rand.Rand, rb *knowledge.RuleBase, pAnswer float64) knowledge.Answers {
	tb.Helper()
	a := knowledge.NewAnswers(rb)
	for i := range rb.Questions {
		q := &rb.Questions[i]
		// The emergency check is answered nearly always, and "none" often,
		// so the lower levels are reached too.
		pq := pAnswer
		if q.ID == knowledge.FirstQuestion {
			pq = 0.95
		}
		if r.Float64() >= pq {
			continue
		}
		var opts []string
		switch {
		case q.Kind == knowledge.Single:
			opts = []string{q.Options[r.IntN(len(q.Options))].ID}
		case q.OptionIndex(knowledge.NoneOption) >= 0 && r.IntN(3) == 0:
			opts = []string{knowledge.NoneOption}
		default:
			n := 1 + r.IntN(3)
			for len(opts) < n {
				o := q.Options[r.IntN(len(q.Options))].ID
				if o != knowledge.NoneOption && !slices.Contains(opts, o) {
					opts = append(opts, o)
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

// TestPolicyOracle: on random answer sets, the rule base gives exactly the
// level of the independent reading of triage.md version 3.
func TestPolicyOracle(t *testing.T) {
	rb := ruleBase(t)
	r := rand.New(rand.NewPCG(0x7472, 3))
	n := 20000
	if testing.Short() {
		n = 3000
	}
	levels := map[string]int{}
	misses := 0
	for i := 0; i < n; i++ {
		a := policyAnswers(t, r, rb, []float64{0.3, 0.5, 0.8}[i%3])
		res := knowledge.Assess(a)
		want := policyLevel(rb, a, res)
		levels[want]++
		if res.Triage.Level != want {
			misses++
			if misses <= 10 {
				t.Errorf("level %s, policy %s; flags %v\nanswers:\n%s", res.Triage.Level, want, flagSummary(res.Triage.Flags), strings.TrimSpace(string(a.Pruned().YAML())))
			}
		}
	}
	if misses > 0 {
		t.Errorf("%d of %d random answer sets differ from the policy", misses, n)
	}
	for _, l := range []string{"self_care", "see_doctor", "urgent", "emergency"} {
		if levels[l] < n/100 {
			t.Errorf("only %d of %d random answer sets reach %s: the generator does not test it", levels[l], n, l)
		}
	}
	t.Logf("policy levels over %d random answer sets: %v", n, levels)
}
