package knowledge_test

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestTriagePolicy implements shared/clinical/triage.md rule by rule. Each
// case checks the level and that a flag of that level names exactly the
// answers that raised it (flags are found by level and answers, not by id,
// so the test does not depend on how rules.yaml names them).
func TestTriagePolicy(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		name    string
		answers string
		level   string
		// flag lists the answers the flag of that level must name; it is
		// empty for self_care, where no flag may fire.
		flag []string
	}{
		// Emergency.
		{"breathing difficulty", "serious: [breathing_difficulty]", "emergency", []string{"serious=breathing_difficulty"}},
		{"chest pain", "serious: [chest_pain]", "emergency", []string{"serious=chest_pain"}},
		{"stroke signs", "serious: [stroke_signs]", "emergency", []string{"serious=stroke_signs"}},
		{"seizure", "serious: [seizure]", "emergency", []string{"serious=seizure"}},
		{"fainting with palpitations", "serious: [fainting]\nsymptoms: [palpitations]", "emergency", []string{"serious=fainting", "symptoms=palpitations"}},
		{"chest pain among other answers", "serious: [chest_pain, falls]\nsymptoms: [cramps, fatigue]\nduration: under_1_day\ndiet: vegan", "emergency", []string{"serious=chest_pain"}},

		// Urgent.
		{"fainting alone", "serious: [fainting]", "urgent", []string{"serious=fainting"}},
		{"fainting without palpitations", "serious: [fainting]\nsymptoms: [cramps]", "urgent", []string{"serious=fainting"}},
		{"swallowing difficulty", "serious: [swallowing_difficulty]", "urgent", []string{"serious=swallowing_difficulty"}},
		{"sustained spasm", "serious: [sustained_spasm]", "urgent", []string{"serious=sustained_spasm"}},
		{"confusion", "symptoms: [confusion]", "urgent", []string{"symptoms=confusion"}},
		{"palpitations with a diuretic", "symptoms: [palpitations]\nmedications: [diuretic]", "urgent", []string{"symptoms=palpitations", "medications=diuretic"}},
		{"palpitations with a laxative", "symptoms: [palpitations]\nmedications: [laxative]", "urgent", []string{"symptoms=palpitations", "medications=laxative"}},
		{"palpitations with nausea or vomiting", "symptoms: [palpitations, nausea_vomiting]", "urgent", []string{"symptoms=palpitations", "symptoms=nausea_vomiting"}},
		{"palpitations with diarrhoea", "symptoms: [palpitations, diarrhea]", "urgent", []string{"symptoms=palpitations", "symptoms=diarrhea"}},
		{"palpitations with weakness", "symptoms: [palpitations, weakness]", "urgent", []string{"symptoms=palpitations", "symptoms=weakness"}},
		{"palpitations with a diuretic and a laxative", "symptoms: [palpitations]\nmedications: [diuretic, laxative]", "urgent", []string{"symptoms=palpitations", "medications=diuretic", "medications=laxative"}},

		// See a doctor.
		{"palpitations alone", "symptoms: [palpitations]", "see_doctor", []string{"symptoms=palpitations"}},
		{"duration 2 weeks to 3 months", "duration: 2_weeks_to_3_months", "see_doctor", []string{"duration=2_weeks_to_3_months"}},
		{"duration over 3 months", "duration: over_3_months", "see_doctor", []string{"duration=over_3_months"}},
		{"two places", "location: [eyelid, legs]", "see_doctor", []string{"location=eyelid", "location=legs"}},
		{"two other places", "location: [hands, feet]", "see_doctor", []string{"location=hands", "location=feet"}},
		{"three places", "location: [face, arms, trunk]", "see_doctor", []string{"location=face", "location=arms", "location=trunk"}},
		{"all over alone", "location: [all_over]", "see_doctor", []string{"location=all_over"}},
		{"spreading", "spreading: \"yes\"", "see_doctor", []string{"spreading=yes"}},
		{"muscle wasting", "serious: [muscle_wasting]", "see_doctor", []string{"serious=muscle_wasting"}},
		{"progressive weakness", "serious: [progressive_weakness]", "see_doctor", []string{"serious=progressive_weakness"}},
		{"falls", "serious: [falls]", "see_doctor", []string{"serious=falls"}},
		{"weakness", "symptoms: [weakness]", "see_doctor", []string{"symptoms=weakness"}},
		{"stiffness", "symptoms: [stiffness]", "see_doctor", []string{"symptoms=stiffness"}},
		{"numbness or tingling", "symptoms: [numbness_tingling]", "see_doctor", []string{"symptoms=numbness_tingling"}},
		{"tingling around the mouth", "symptoms: [tingling_mouth]", "see_doctor", []string{"symptoms=tingling_mouth"}},
		{"balance problems", "symptoms: [balance_problems]", "see_doctor", []string{"symptoms=balance_problems"}},
		{"significant pain", "symptoms: [pain]", "see_doctor", []string{"symptoms=pain"}},
		{"new medicine", "medications: [new_medicine]", "see_doctor", []string{"medications=new_medicine"}},
		{"high-dose B6 with numbness", "supplements: [b6_high_dose]\nsymptoms: [numbness_tingling]", "see_doctor", []string{"supplements=b6_high_dose", "symptoms=numbness_tingling"}},

		// Self-care: everything else, including the near misses.
		{"nothing answered", "{}", "self_care", nil},
		{"none of everything", "serious: [none]\nsymptoms: [none]\nmedications: [none]\nsupplements: [none]\nconditions: [none]", "self_care", nil},
		{"duration 1 to 2 weeks", "duration: 1_to_2_weeks", "self_care", nil},
		{"duration under 1 day", "duration: under_1_day", "self_care", nil},
		{"one place", "location: [eyelid]", "self_care", nil},
		{"not spreading", "spreading: \"no\"", "self_care", nil},
		{"high-dose B6 alone", "supplements: [b6_high_dose]", "self_care", nil},
		{"a diuretic without palpitations", "medications: [diuretic, laxative]", "self_care", nil},
		{"nausea and diarrhoea without palpitations", "symptoms: [nausea_vomiting, diarrhea]", "self_care", nil},
		{"a typical benign case", "serious: [none]\nlocation: [eyelid]\nduration: 1_to_6_days\nfrequency: daily\nspreading: \"no\"\nsymptoms: [fatigue, cramps]\ncaffeine: 5_plus_cups\nstress: high\nsleep: under_5", "self_care", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := mustAnswers(t, rb, c.answers)
			tr := knowledge.Assess(a).Triage
			if tr.Level != c.level {
				t.Errorf("level = %s, want %s; flags: %v", tr.Level, c.level, flagSummary(tr.Flags))
			}
			if c.flag == nil {
				if len(tr.Flags) != 0 {
					t.Errorf("flags = %v, want none", flagSummary(tr.Flags))
				}
				return
			}
			want := refs(c.flag...)
			found := false
			for _, f := range tr.Flags {
				found = found || f.Level == c.level && sameRefs(f.Answers, want)
			}
			if !found {
				t.Errorf("no %s flag names exactly %v; flags: %v", c.level, c.flag, flagSummary(tr.Flags))
			}
			if !reflect.DeepEqual(knowledge.TriageOf(a), tr) {
				t.Errorf("TriageOf differs from Assess(...).Triage")
			}
		})
	}
}

func flagSummary(fs []knowledge.Flag) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID+"("+f.Level+"):"+refString(f.Answers))
	}
	return out
}

func refString(rs []knowledge.AnswerRef) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Question+"="+r.Answer)
	}
	return strings.Join(parts, ",")
}

// TestFlagAnswersHaveNoRepeats: a flag names each answer once, as trigger
// hits do.
func TestFlagAnswersHaveNoRepeats(t *testing.T) {
	rb := ruleBase(t)
	a := mustAnswers(t, rb, "location: [eyelid, all_over]\n")
	for _, f := range knowledge.Assess(a).Triage.Flags {
		seen := map[knowledge.AnswerRef]bool{}
		for _, r := range f.Answers {
			if seen[r] {
				t.Errorf("flag %q names %s=%s twice (%s): a condition such as any: [count location >= 2, location: all_over] appends the answers of every branch that holds, and only trigger hits remove repeats; reports show \"all over the body\" twice",
					f.ID, r.Question, r.Answer, refString(f.Answers))
			}
			seen[r] = true
		}
	}
}

// TestRedFlagShowsWhenADeficiencyExplainsIt: a red flag always shows, even
// when a deficiency is likely and explains the symptoms.
func TestRedFlagShowsWhenADeficiencyExplainsIt(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		name, answers, deficiency, flagLevel string
		flag                                 []string
	}{
		{"vegan with numbness", "serious: [none]\nlocation: [legs]\nsymptoms: [numbness_tingling, sore_tongue, fatigue, memory_problems]\ndiet: vegan\ndairy: rarely\nsupplements: [none]",
			"vitamin_b12", "see_doctor", []string{"symptoms=numbness_tingling"}},
		{"tetany after parathyroid surgery", "location: [mouth]\nserious: [sustained_spasm]\nsymptoms: [tingling_mouth, cramps]\nconditions: [parathyroid]\ndairy: rarely",
			"calcium", "urgent", []string{"serious=sustained_spasm"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := knowledge.Assess(mustAnswers(t, rb, c.answers))
			top := res.Deficiencies[0]
			if top.ID != c.deficiency || top.Band != knowledge.BandLikely {
				t.Errorf("top deficiency = %s (%d, %s), want %s likely", top.ID, top.Score, top.Band, c.deficiency)
			}
			found := false
			for _, f := range res.Triage.Flags {
				found = found || f.Level == c.flagLevel && sameRefs(f.Answers, refs(c.flag...))
			}
			if !found || rb.LevelRank(res.Triage.Level) < rb.LevelRank(c.flagLevel) {
				t.Errorf("triage %s with flags %v; want a %s flag on %v although %s explains the symptoms",
					res.Triage.Level, flagSummary(res.Triage.Flags), c.flagLevel, c.flag, c.deficiency)
			}
		})
	}
}

// realisticAnswers are answer sets used by several tests.
var realisticAnswers = []string{
	"{}",
	"serious: [none]\nlocation: [eyelid]\nduration: 1_to_6_days\nfrequency: daily\nspreading: \"no\"\nsymptoms: [fatigue, cramps]\ncaffeine: 5_plus_cups\nstress: high\nsleep: under_5\n",
	"serious: [none]\nlocation: [legs, feet]\nduration: 2_weeks_to_3_months\nfrequency: daily\nspreading: \"no\"\nsymptoms: [numbness_tingling, sore_tongue, fatigue, memory_problems]\ncaffeine: 1_2_cups\nstress: moderate\nsleep: 7_plus\ndiet: vegan\ndairy: rarely\nsupplements: [none]\nmedications: [none]\nconditions: [none]\nage: 18_49\n",
	"serious: [fainting]\nsymptoms: [palpitations, weakness, cramps, constipation]\nmedications: [diuretic]\ndiuretic_kind: loop\nfruit_veg: rarely\nage: 65_plus\n",
	"location: [legs, all_over]\nsymptoms: [headache, nausea_vomiting, confusion]\ngi_duration: days\nexercise: strenuous\nsweating: \"yes\"\nrehydration: plain_water\n",
	"symptoms: [fatigue, pale_skin, breathless_on_exertion, restless_legs]\nconditions: [heavy_periods]\ndiet: vegetarian\nsun: rarely\nsupplements: [vitamin_d]\n",
	"serious: [sustained_spasm]\nlocation: [mouth, hands]\nsymptoms: [tingling_mouth]\nconditions: [parathyroid, kidney_disease]\nmedications: [ppi]\nppi_duration: over_1_year\nalcohol: heavy\n",
}

// TestScoring checks the scoring invariants of answers.md and of the
// scoring model on realistic answer sets.
func TestScoring(t *testing.T) {
	rb := ruleBase(t)
	for _, src := range realisticAnswers {
		a := mustAnswers(t, rb, src)
		res := knowledge.Assess(a)
		checkSortedDeficiencies(t, rb, res.Deficiencies)
		for _, d := range res.Deficiencies {
			def := rb.Deficiency(d.ID)
			if def == nil {
				t.Fatalf("result names unknown deficiency %q", d.ID)
			}
			if d.Name != def.Name || !slices.Equal(d.Tests, def.Tests) || !slices.Equal(d.Foods, def.Foods) {
				t.Errorf("%s: name, tests or foods differ from the rule base", d.ID)
			}
			if d.Baseline != knowledge.Percent(def.Prior) {
				t.Errorf("%s: baseline %d, want Percent(prior %v) = %d", d.ID, d.Baseline, def.Prior, knowledge.Percent(def.Prior))
			}
			sumPoints, logOdds := d.Baseline, def.Prior
			lastQ := -1
			for _, e := range d.Evidence {
				sumPoints += e.Points
				logOdds += e.Rule.Weight
				if e.Rule.Why == "" || rb.Source(e.Rule.Source) == nil || e.Rule.ID == "" {
					t.Errorf("%s: evidence %+v lacks a why, a known source or a rule", d.ID, e)
				}
				if len(e.Answers()) == 0 || e.Answers()[0].Question != e.Question() || e.Answers()[0].Answer != e.Answer() {
					t.Errorf("%s: evidence question/answer %s=%s is not the first of its answers %v", d.ID, e.Question(), e.Answer(), e.Answers())
				}
				for _, r := range e.Answers() {
					if !a.Has(r.Question, r.Answer) {
						t.Errorf("%s: evidence names %s=%s, which was not answered", d.ID, r.Question, r.Answer)
					}
				}
				if qi := rb.QuestionIndex(e.Question()); qi < lastQ {
					t.Errorf("%s: evidence is not in question order", d.ID)
				} else {
					lastQ = qi
				}
				if w := rulesWeight(def, e.Rule.ID); w != e.Rule.Weight {
					t.Errorf("%s: evidence %s has weight %v, the rule has %v", d.ID, e.Rule.ID, e.Rule.Weight, w)
				}
			}
			if sumPoints != d.Score {
				t.Errorf("%s: baseline %d + points = %d, want the score %d", d.ID, d.Baseline, sumPoints, d.Score)
			}
			if math.Abs(logOdds-d.LogOdds) > 1e-9 || knowledge.Percent(d.LogOdds) != d.Score {
				t.Errorf("%s: log-odds %v, want prior + weights = %v, and score %d = Percent(log-odds)", d.ID, d.LogOdds, logOdds, d.Score)
			}
			if d.Band != rb.Bands.Band(d.Score) {
				t.Errorf("%s: band %q for score %d, want %q", d.ID, d.Band, d.Score, rb.Bands.Band(d.Score))
			}
		}
	}
}

func rulesWeight(d *knowledge.Deficiency, id string) float64 {
	for _, r := range d.Rules {
		if r.ID == id {
			return r.Weight
		}
	}
	return math.NaN()
}

// TestUnansweredContributesNothing: with no answers every score is its
// baseline; and removing one answer removes every piece of evidence that
// names it.
func TestUnansweredContributesNothing(t *testing.T) {
	rb := ruleBase(t)
	res := knowledge.Assess(knowledge.NewAnswers(rb))
	checkSortedDeficiencies(t, rb, res.Deficiencies)
	for _, d := range res.Deficiencies {
		if d.Score != d.Baseline || len(d.Evidence) != 0 || d.LogOdds != rb.Deficiency(d.ID).Prior {
			t.Errorf("%s with no answers: score %d, baseline %d, %d evidence; want the baseline and no evidence", d.ID, d.Score, d.Baseline, len(d.Evidence))
		}
	}
	for _, src := range realisticAnswers[1:] {
		a := mustAnswers(t, rb, src)
		for _, q := range rb.Questions {
			if !a.IsAnswered(q.ID) {
				continue
			}
			for _, d := range knowledge.Assess(a.Without(q.ID)).Deficiencies {
				for _, e := range d.Evidence {
					for _, r := range e.Answers() {
						if r.Question == q.ID {
							t.Errorf("without %q, %s still has evidence %s naming it", q.ID, d.ID, e.Rule.ID)
						}
					}
				}
			}
		}
	}
}

// TestSupplementsLowerTheirScore: taking a supplement lowers the matching
// deficiency, which still stays in the list.
func TestSupplementsLowerTheirScore(t *testing.T) {
	rb := ruleBase(t)
	base := "location: [eyelid, legs, hands]\nsymptoms: [cramps, fatigue, numbness_tingling, tingling_mouth, pale_skin]\ndiet: vegan\ngreens: rarely\ndairy: rarely\nsun: rarely\nfruit_veg: rarely\n"
	cases := []struct{ supplement, deficiency string }{
		{"magnesium", "magnesium"},
		{"calcium", "calcium"},
		{"vitamin_d", "vitamin_d"},
		{"b12", "vitamin_b12"},
		{"iron", "iron"},
		{"potassium", "potassium"},
	}
	before := scored(knowledge.Assess(mustAnswers(t, rb, base)))
	for _, c := range cases {
		t.Run(c.supplement, func(t *testing.T) {
			res := knowledge.Assess(mustAnswers(t, rb, base+"supplements: ["+c.supplement+"]\n"))
			checkSortedDeficiencies(t, rb, res.Deficiencies)
			after := scored(res)
			b, ok1 := before[c.deficiency]
			d, ok2 := after[c.deficiency]
			if !ok1 || !ok2 {
				t.Fatalf("%s is missing from the result", c.deficiency)
			}
			if !(d.LogOdds < b.LogOdds && d.Score < b.Score) {
				t.Errorf("taking %s: %s went from %d (%.2f) to %d (%.2f); want lower", c.supplement, c.deficiency, b.Score, b.LogOdds, d.Score, d.LogOdds)
			}
			found := false
			for _, e := range d.Evidence {
				if slices.Contains(e.Answers(), knowledge.AnswerRef{Question: "supplements", Answer: c.supplement}) {
					found = e.Rule.Weight < 0 && e.Points <= 0 && e.Rule.Why != ""
				}
			}
			if !found {
				t.Errorf("%s has no negative evidence naming supplements=%s", c.deficiency, c.supplement)
			}
		})
	}
}

func scored(res knowledge.Result) map[string]knowledge.Scored {
	m := map[string]knowledge.Scored{}
	for _, d := range res.Deficiencies {
		m[d.ID] = d
	}
	return m
}

// TestEvidenceNamesTheAnswer spot-checks that typical answers count for the
// deficiency that the sources tie them to, with a reason and a source.
func TestEvidenceNamesTheAnswer(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		answers, deficiency, question, answer string
	}{
		{"diet: vegan", "vitamin_b12", "diet", "vegan"},
		{"symptoms: [tingling_mouth]", "calcium", "symptoms", "tingling_mouth"},
		{"symptoms: [cramps]", "magnesium", "symptoms", "cramps"},
		{"sun: rarely", "vitamin_d", "sun", "rarely"},
		{"conditions: [heavy_periods]", "iron", "conditions", "heavy_periods"},
		{"alcohol: heavy", "thiamine", "alcohol", "heavy"},
		{"medications: [diuretic]", "potassium", "medications", "diuretic"},
		{"symptoms: [headache]", "sodium", "symptoms", "headache"},
	}
	for _, c := range cases {
		d := scored(knowledge.Assess(mustAnswers(t, rb, c.answers)))[c.deficiency]
		found := false
		for _, e := range d.Evidence {
			if e.Question() == c.question && e.Answer() == c.answer && e.Rule.Weight > 0 && e.Points >= 0 && e.Rule.Why != "" && rb.Source(e.Rule.Source) != nil {
				found = true
			}
		}
		if !found || d.Score <= d.Baseline {
			t.Errorf("%s: %s has score %d (baseline %d) and evidence %+v; want positive evidence naming %s=%s with a why and a source",
				c.answers, c.deficiency, d.Score, d.Baseline, d.Evidence, c.question, c.answer)
		}
	}
}

// TestTriggers: each trigger of the contract fires from its answers, and
// only it.
func TestTriggers(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		answers string
		trigger string // "" when no trigger may fire
		refs    []string
	}{
		{"caffeine: 5_plus_cups", "caffeine", []string{"caffeine=5_plus_cups"}},
		{"caffeine: 3_4_cups", "caffeine", []string{"caffeine=3_4_cups"}},
		{"stress: high", "stress", []string{"stress=high"}},
		{"sleep: under_5", "sleep", []string{"sleep=under_5"}},
		{"sleep: 5_6", "sleep", []string{"sleep=5_6"}},
		{"exercise: strenuous", "overexertion", []string{"exercise=strenuous"}},
		{"fluids: low", "dehydration", []string{"fluids=low"}},
		{"sweating: \"yes\"", "dehydration", []string{"sweating=yes"}},
		{"nicotine: \"yes\"", "nicotine", []string{"nicotine=yes"}},
		{"alcohol: heavy", "alcohol", []string{"alcohol=heavy"}},
		{"medications: [diuretic]", "medication", []string{"medications=diuretic"}},
		{"medications: [corticosteroid]", "medication", []string{"medications=corticosteroid"}},
		{"medications: [stimulant]", "medication", []string{"medications=stimulant"}},
		{"medications: [new_medicine]", "medication", []string{"medications=new_medicine"}},
		{"supplements: [b6_high_dose]", "b6_excess", []string{"supplements=b6_high_dose"}},
		{"stress: moderate", "", nil},
		{"stress: low", "", nil},
		{"caffeine: 1_2_cups", "", nil},
		{"caffeine: none", "", nil},
		{"sleep: 7_plus", "", nil},
		{"exercise: moderate", "", nil},
		{"fluids: good\nsweating: \"no\"", "", nil},
		{"nicotine: \"no\"", "", nil},
		{"alcohol: moderate", "", nil},
		{"medications: [none]", "", nil},
		{"supplements: [magnesium, multivitamin]", "", nil},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.answers, "\n", " "), func(t *testing.T) {
			hits := knowledge.Assess(mustAnswers(t, rb, c.answers)).Triggers
			if c.trigger == "" {
				if len(hits) != 0 {
					t.Errorf("triggers %+v fired, want none", hits)
				}
				return
			}
			if len(hits) != 1 || hits[0].ID != c.trigger {
				t.Fatalf("triggers = %+v, want only %s", hits, c.trigger)
			}
			h := hits[0]
			if !sameRefs(h.Answers, refs(c.refs...)) {
				t.Errorf("%s names %v, want %v", h.ID, h.Answers, c.refs)
			}
			if h.Why == "" || h.Advice == "" || h.Name == "" || len(h.Sources) == 0 {
				t.Errorf("%s lacks a why, advice, name or source: %+v", h.ID, h)
			}
			for _, s := range h.Sources {
				if rb.Source(s) == nil {
					t.Errorf("%s cites unknown source %q", h.ID, s)
				}
			}
			if h.Strength != knowledge.Weak && h.Strength != knowledge.Moderate && h.Strength != knowledge.Strong {
				t.Errorf("%s has strength %q", h.ID, h.Strength)
			}
		})
	}

	// Several triggers: sorted strongest first, each answer named once.
	hits := knowledge.Assess(mustAnswers(t, rb, "caffeine: 3_4_cups\nsleep: 5_6\nstress: high\nfluids: low\nsweating: \"yes\"\nmedications: [diuretic, corticosteroid]\n")).Triggers
	rank := map[knowledge.Strength]int{knowledge.Weak: 1, knowledge.Moderate: 2, knowledge.Strong: 3}
	var ids []string
	for i, h := range hits {
		ids = append(ids, h.ID)
		if i > 0 && rank[hits[i-1].Strength] < rank[h.Strength] {
			t.Errorf("triggers not sorted strongest first: %s (%s) before %s (%s)", hits[i-1].ID, hits[i-1].Strength, h.ID, h.Strength)
		}
		seen := map[knowledge.AnswerRef]bool{}
		for _, r := range h.Answers {
			if seen[r] {
				t.Errorf("%s names %v twice", h.ID, r)
			}
			seen[r] = true
		}
	}
	if !sameSet(ids, []string{"caffeine", "sleep", "stress", "dehydration", "medication"}) {
		t.Errorf("triggers = %v, want caffeine, sleep, stress, dehydration, medication", ids)
	}
	for _, h := range hits {
		if h.ID == "dehydration" && !sameRefs(h.Answers, refs("fluids=low", "sweating=yes")) {
			t.Errorf("dehydration names %v, want fluids=low and sweating=yes", h.Answers)
		}
		if h.ID == "medication" && !sameRefs(h.Answers, refs("medications=diuretic", "medications=corticosteroid")) {
			t.Errorf("medication names %v, want the diuretic and the corticosteroid", h.Answers)
		}
	}
}

// TestCautions: the cautions of triage.md show when their answers are given.
func TestCautions(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		answers string
		refs    []string // the answers the caution names; nil for none
		words   []string // the caution's text must say these
	}{
		{"conditions: [kidney_disease]", []string{"conditions=kidney_disease"}, []string{"magnesium", "potassium"}},
		{"conditions: [pregnant]", []string{"conditions=pregnant"}, []string{"supplement"}},
		{"supplements: [b6_high_dose]", []string{"supplements=b6_high_dose"}, []string{"B6"}},
		{"conditions: [none]\nsupplements: [magnesium]", nil, nil},
		{"{}", nil, nil},
	}
	for _, c := range cases {
		hits := knowledge.Assess(mustAnswers(t, rb, c.answers)).Cautions
		if c.refs == nil {
			if len(hits) != 0 {
				t.Errorf("%s: cautions %+v, want none", c.answers, hits)
			}
			continue
		}
		found := false
		for _, h := range hits {
			if !sameRefs(h.Answers, refs(c.refs...)) {
				continue
			}
			found = true
			for _, w := range c.words {
				if !strings.Contains(h.Text, w) {
					t.Errorf("%s: caution %q does not mention %q", c.answers, h.Text, w)
				}
			}
			if rb.Source(h.Source) == nil {
				t.Errorf("%s: caution %s cites unknown source %q", c.answers, h.ID, h.Source)
			}
		}
		if !found {
			t.Errorf("%s: no caution names %v; got %+v", c.answers, c.refs, hits)
		}
	}
	// All three together.
	hits := knowledge.Assess(mustAnswers(t, rb, "conditions: [kidney_disease, pregnant]\nsupplements: [b6_high_dose]")).Cautions
	if len(hits) != 3 {
		t.Errorf("kidney disease, pregnancy and B6 give %d cautions, want 3: %+v", len(hits), hits)
	}
}

func TestPercent(t *testing.T) {
	cases := []struct {
		logOdds float64
		want    int
	}{
		{0, 50}, {math.Log(3), 75}, {-math.Log(3), 25}, {-6, 0}, {50, 100}, {-50, 0},
		{math.Inf(1), 100}, {math.Inf(-1), 0},
	}
	for _, c := range cases {
		if got := knowledge.Percent(c.logOdds); got != c.want {
			t.Errorf("Percent(%v) = %d, want %d", c.logOdds, got, c.want)
		}
	}
}

// TestHiddenFollowUpsDoNotCount: an answer to a follow-up question whose
// gate does not hold (possible in a file, where nothing prunes it) must not
// reach the result: the TUI prunes such answers, so the same answers would
// otherwise score differently there. Rejecting the file is fine too.
func TestHiddenFollowUpsDoNotCount(t *testing.T) {
	rb := ruleBase(t)
	cases := []string{
		"sweating: \"no\"\nrehydration: little\n",
		"medications: [none]\nppi_duration: over_1_year\n",
		"symptoms: [cramps]\ngi_duration: week_plus\n",
		"diuretic_kind: thiazide\n",
	}
	for _, in := range cases {
		a, err := knowledge.ParseAnswers(rb, "answers.yaml", []byte(in))
		if err != nil {
			continue
		}
		res := knowledge.Assess(a)
		var named []knowledge.AnswerRef
		for _, d := range res.Deficiencies {
			for _, e := range d.Evidence {
				named = append(named, e.Answers()...)
			}
		}
		for _, h := range res.Triggers {
			named = append(named, h.Answers...)
		}
		for _, r := range named {
			if qi := rb.QuestionIndex(r.Question); !a.Shown(qi) {
				t.Errorf("answers to hidden follow-up questions are scored: %q gives evidence or a trigger on %s=%s although %s is not shown (%s does not hold); the TUI would have pruned it, and report/json.go leaves it out of the answers it lists",
					in, r.Question, r.Answer, r.Question, rb.Questions[qi].EnableWhen)
			}
		}
	}
}
