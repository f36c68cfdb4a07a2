package knowledge_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// The answers contract (version 3), copied from docs/answers.md on purpose: the
// tests check the rule base against the document, not against the copy in
// knowledge/contract.go.
var specQuestions = []struct {
	id      string
	kind    knowledge.Kind
	options []string
}{
	{"location", knowledge.Multi, []string{"eyelid", "face", "mouth", "tongue", "hands", "arms", "legs", "feet", "trunk", "all_over"}},
	{"duration", knowledge.Single, []string{"under_1_day", "1_to_6_days", "1_to_2_weeks", "2_weeks_to_3_months", "over_3_months"}},
	{"frequency", knowledge.Single, []string{"occasional", "daily", "constant"}},
	{"spreading", knowledge.Single, []string{"yes", "no"}},
	{"serious", knowledge.Multi, []string{"none", "breathing_difficulty", "chest_pain", "fainting", "stroke_signs", "one_side_spells", "seizure", "swallowing_difficulty", "sustained_spasm", "muscle_wasting", "progressive_weakness", "falls"}},
	{"symptoms", knowledge.Multi, []string{"none", "cramps", "numbness_tingling", "tingling_mouth", "fatigue", "weakness", "palpitations", "constipation", "memory_problems", "mood_changes", "sore_tongue", "bone_pain", "muscle_aches", "restless_legs", "nausea_vomiting", "diarrhea", "appetite_loss", "balance_problems", "stiffness", "pain", "headache", "confusion", "pale_skin", "breathless_on_exertion", "double_vision", "dark_urine", "jaw_stiffness", "tremor", "speech_changes"}},
	{"caffeine", knowledge.Single, []string{"none", "1_2_cups", "3_4_cups", "5_plus_cups"}},
	{"stress", knowledge.Single, []string{"low", "moderate", "high"}},
	{"sleep", knowledge.Single, []string{"7_plus", "5_6", "under_5"}},
	{"exercise", knowledge.Single, []string{"none", "light", "moderate", "strenuous"}},
	{"fluids", knowledge.Single, []string{"good", "low"}},
	{"sweating", knowledge.Single, []string{"yes", "no"}},
	{"alcohol", knowledge.Single, []string{"none", "moderate", "heavy", "dependent", "stopped_recently"}},
	{"nicotine", knowledge.Single, []string{"yes", "no"}},
	{"diet", knowledge.Single, []string{"omnivore", "pescatarian", "vegetarian", "vegan"}},
	{"dairy", knowledge.Single, []string{"daily", "sometimes", "rarely"}},
	{"greens", knowledge.Single, []string{"daily", "sometimes", "rarely"}},
	{"fruit_veg", knowledge.Single, []string{"daily", "sometimes", "rarely"}},
	{"sun", knowledge.Single, []string{"daily", "sometimes", "rarely"}},
	{"medications", knowledge.Multi, []string{"none", "diuretic", "corticosteroid", "ppi", "laxative", "metformin", "stimulant", "statin", "antidepressant", "lithium", "diabetes_medicine", "ace_arb", "antipsychotic", "anticonvulsant", "new_medicine", "other"}},
	{"supplements", knowledge.Multi, []string{"none", "magnesium", "calcium", "vitamin_d", "b12", "b6_high_dose", "multivitamin", "iron", "potassium"}},
	{"conditions", knowledge.Multi, []string{"none", "kidney_disease", "malabsorption", "weight_loss_surgery", "diabetes", "neck_surgery", "parathyroid", "thyroid_disease", "heart_condition", "eating_disorder", "recent_wound", "pregnant", "recently_gave_birth", "heavy_periods"}},
	{"age", knowledge.Single, []string{"under_18", "18_49", "50_64", "65_plus"}},
}

// specFollowUps are the contract's follow-up questions: their options, the
// options kept for old files, what options count as, and what red flags
// read an unanswered one as.
var specFollowUps = []struct {
	id       string
	kind     knowledge.Kind
	options  []string
	kept     []string
	countsAs map[string][]string
	readsAs  string
}{
	{"gi_duration", knowledge.Single, []string{"under_3_days", "3_to_6_days", "week_plus", "days"}, []string{"days"}, map[string][]string{"days": {"under_3_days"}}, ""},
	{"vomiting", knowledge.Single, []string{"nausea_only", "keeping_fluids_down", "cannot_keep_fluids_down"}, nil, nil, "keeping_fluids_down"},
	{"weakness_speed", knowledge.Single, []string{"hours", "days", "weeks", "months", "not_worse"}, nil, nil, ""},
	{"rehydration", knowledge.Single, []string{"plain_water", "electrolytes", "little"}, nil, nil, ""},
	{"drinking_amount", knowledge.Single, []string{"more_than_thirst", "to_thirst"}, nil, nil, "more_than_thirst"},
	{"diuretic_kind", knowledge.Single, []string{"thiazide", "loop", "potassium_sparing", "combination", "not_sure"}, nil, map[string][]string{"combination": {"potassium_sparing", "thiazide", "loop"}}, ""},
	{"ppi_duration", knowledge.Single, []string{"under_1_year", "over_1_year"}, nil, nil, ""},
	{"pregnancy_stage", knowledge.Single, []string{"under_20_weeks", "20_weeks_plus"}, nil, nil, "20_weeks_plus"},
}

// specCountsAs are the contract's counts-as rules on questions always
// asked.
var specCountsAs = map[string]map[string][]string{
	"alcohol":    {"dependent": {"heavy"}, "stopped_recently": {"heavy"}},
	"conditions": {"weight_loss_surgery": {"malabsorption"}},
}

var (
	specDeficiencies = []string{"magnesium", "calcium", "potassium", "vitamin_b12", "vitamin_d", "thiamine", "iron", "sodium"}
	specTriggers     = []string{"caffeine", "stress", "sleep", "overexertion", "dehydration", "nicotine", "alcohol", "medication", "b6_excess"}
	specLevels       = []string{"self_care", "see_doctor", "urgent", "emergency"}
)

var (
	embeddedOnce sync.Once
	embeddedRB   *knowledge.RuleBase
	embeddedErr  error
)

// ruleBase returns the small, fixed rule base the behaviour tests run on,
// so that a change to the real content breaks none of them. Tests must
// not modify it.
func ruleBase(tb testing.TB) *knowledge.RuleBase {
	tb.Helper()
	return testrules.RuleBase()
}

// realRuleBase returns the embedded rule base, loaded from YAML once per
// test binary, for the few tests about the real content and its
// snapshot. Tests must not modify it.
func realRuleBase(tb testing.TB) *knowledge.RuleBase {
	tb.Helper()
	embeddedOnce.Do(func() {
		embeddedRB, embeddedErr = knowledge.Load(data.RulesName, data.Rules())
	})
	if embeddedErr != nil {
		tb.Fatalf("loading the embedded rule base: %v", embeddedErr)
	}
	return embeddedRB
}

// mustAnswers parses answers (YAML or JSON) for rb, failing the test on any
// error.
func mustAnswers(tb testing.TB, rb *knowledge.RuleBase, src string) knowledge.Answers {
	tb.Helper()
	a, err := knowledge.ParseAnswers(rb, "test.yaml", []byte(src))
	if err != nil {
		tb.Fatalf("ParseAnswers(%q): %v", src, err)
	}
	return a
}

// asProblems extracts knowledge.Problems from err, failing the test when
// err is nil or of another type.
func asProblems(tb testing.TB, err error) knowledge.Problems {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got no error, want knowledge.Problems")
	}
	var ps knowledge.Problems
	if !errors.As(err, &ps) {
		tb.Fatalf("error %v (%T) is not knowledge.Problems", err, err)
	}
	if len(ps) == 0 {
		tb.Fatalf("knowledge.Problems is empty")
	}
	return ps
}

// refs builds answer references from "question=answer" strings.
func refs(pairs ...string) []knowledge.AnswerRef {
	out := make([]knowledge.AnswerRef, len(pairs))
	for i, p := range pairs {
		q, a, ok := strings.Cut(p, "=")
		if !ok {
			panic("refs: want question=answer, got " + p)
		}
		out[i] = knowledge.AnswerRef{Question: q, Answer: a}
	}
	return out
}

// sameRefs reports whether a and b hold the same references, in any order,
// ignoring repeats.
func sameRefs(a, b []knowledge.AnswerRef) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

// marker marks a position in test input: the text is searched for it, its
// line and column are the expected position of a problem, and it is
// removed before the text is used.
const marker = "@@"

// stripMarker removes the single marker from s and returns the 1-based line
// and column (in characters, as the YAML parser counts) where it was. ok is
// false when s holds no marker; the test fails when it holds several.
func stripMarker(tb testing.TB, s string) (string, knowledge.Pos, bool) {
	tb.Helper()
	switch n := strings.Count(s, marker); {
	case n == 0:
		return s, knowledge.Pos{}, false
	case n > 1:
		tb.Fatalf("the test input holds %d position markers %q; want one", n, marker)
	}
	i := strings.Index(s, marker)
	return s[:i] + s[i+len(marker):], posAt(s, i), true
}

// posAt returns the 1-based line and column of byte offset i in s.
func posAt(s string, i int) knowledge.Pos {
	before := s[:i]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	return knowledge.Pos{Line: line, Col: col}
}

// lineOf returns the line of the single occurrence of snippet in s, after
// any newlines that begin snippet.
func lineOf(tb testing.TB, s, snippet string) int {
	tb.Helper()
	if n := strings.Count(s, snippet); n != 1 {
		tb.Fatalf("snippet %q occurs %d times; want exactly once", snippet, n)
	}
	lead := len(snippet) - len(strings.TrimLeft(snippet, "\n"))
	return posAt(s, strings.Index(s, snippet)+lead).Line
}

// checkSortedDeficiencies checks the ordering and completeness rules of
// answers.md for a result's deficiencies.
func checkSortedDeficiencies(tb testing.TB, rb *knowledge.RuleBase, ds []knowledge.Scored) {
	tb.Helper()
	if len(ds) != len(rb.Deficiencies) {
		tb.Errorf("got %d deficiencies, want %d (every deficiency is scored)", len(ds), len(rb.Deficiencies))
	}
	seen := map[string]bool{}
	for i, d := range ds {
		if seen[d.ID] {
			tb.Errorf("deficiency %q is listed twice", d.ID)
		}
		seen[d.ID] = true
		if d.Score < 0 || d.Score > 100 {
			tb.Errorf("deficiency %q: score %d is outside 0..100", d.ID, d.Score)
		}
		if i > 0 {
			p := ds[i-1]
			if p.Score < d.Score || p.Score == d.Score && p.ID >= d.ID {
				tb.Errorf("deficiencies out of order: %s (%d) before %s (%d); want score descending, ties by id", p.ID, p.Score, d.ID, d.Score)
			}
		}
	}
	for _, id := range specDeficiencies {
		if !seen[id] {
			tb.Errorf("contract deficiency %q is not in the result", id)
		}
	}
}
