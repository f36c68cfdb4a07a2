package knowledge

// The answers contract, version 3 (docs/answers.md), is a public interface: every
// rule base must offer at least these questions, options, deficiencies,
// triggers and levels. A rule base may add more; it may not rename or drop
// any of these. This is interface, not clinical content, so it lives in code.

// ContractQuestion is one question the contract fixes.
type ContractQuestion struct {
	ID      string
	Kind    Kind
	Options []string
	// AskedWhen lists, for a follow-up question, the answers any one of
	// which makes it asked; nil for a question always asked.
	AskedWhen []AnswerRef
}

// contractQuestions lists the contract's questions in the contract's order.
var contractQuestions = []ContractQuestion{
	{"location", Multi, []string{"eyelid", "face", "mouth", "tongue", "hands", "arms", "legs", "feet", "trunk", "all_over"}, nil},
	{"duration", Single, []string{"under_1_day", "1_to_6_days", "1_to_2_weeks", "2_weeks_to_3_months", "over_3_months"}, nil},
	{"frequency", Single, []string{"occasional", "daily", "constant"}, nil},
	{"spreading", Single, []string{"yes", "no"}, nil},
	{"serious", Multi, []string{"none", "breathing_difficulty", "chest_pain", "fainting", "stroke_signs", "one_side_spells", "seizure", "swallowing_difficulty", "sustained_spasm", "muscle_wasting", "progressive_weakness", "falls"}, nil},
	{"symptoms", Multi, []string{"none", "cramps", "numbness_tingling", "tingling_mouth", "fatigue", "weakness", "palpitations", "constipation", "memory_problems", "mood_changes", "sore_tongue", "bone_pain", "muscle_aches", "restless_legs", "nausea_vomiting", "diarrhea", "appetite_loss", "balance_problems", "stiffness", "pain", "headache", "confusion", "pale_skin", "breathless_on_exertion", "double_vision", "dark_urine", "jaw_stiffness", "tremor", "speech_changes"}, nil},
	{"gi_duration", Single, []string{"under_3_days", "3_to_6_days", "week_plus", "days"}, []AnswerRef{{Question: "symptoms", Answer: "nausea_vomiting"}, {Question: "symptoms", Answer: "diarrhea"}}},
	{"vomiting", Single, []string{"nausea_only", "keeping_fluids_down", "cannot_keep_fluids_down"}, []AnswerRef{{Question: "symptoms", Answer: "nausea_vomiting"}}},
	{"weakness_speed", Single, []string{"hours", "days", "weeks", "months", "not_worse"}, []AnswerRef{{Question: "symptoms", Answer: "weakness"}, {Question: "serious", Answer: "progressive_weakness"}}},
	{"caffeine", Single, []string{"none", "1_2_cups", "3_4_cups", "5_plus_cups"}, nil},
	{"stress", Single, []string{"low", "moderate", "high"}, nil},
	{"sleep", Single, []string{"7_plus", "5_6", "under_5"}, nil},
	{"exercise", Single, []string{"none", "light", "moderate", "strenuous"}, nil},
	{"fluids", Single, []string{"good", "low"}, nil},
	{"sweating", Single, []string{"yes", "no"}, nil},
	{"rehydration", Single, []string{"plain_water", "electrolytes", "little"}, []AnswerRef{{Question: "sweating", Answer: "yes"}, {Question: "exercise", Answer: "strenuous"}}},
	{"drinking_amount", Single, []string{"more_than_thirst", "to_thirst"}, []AnswerRef{{Question: "rehydration", Answer: "plain_water"}, {Question: "rehydration", Answer: "electrolytes"}}},
	{"alcohol", Single, []string{"none", "moderate", "heavy", "dependent", "stopped_recently"}, nil},
	{"nicotine", Single, []string{"yes", "no"}, nil},
	{"diet", Single, []string{"omnivore", "pescatarian", "vegetarian", "vegan"}, nil},
	{"dairy", Single, []string{"daily", "sometimes", "rarely"}, nil},
	{"greens", Single, []string{"daily", "sometimes", "rarely"}, nil},
	{"fruit_veg", Single, []string{"daily", "sometimes", "rarely"}, nil},
	{"sun", Single, []string{"daily", "sometimes", "rarely"}, nil},
	{"medications", Multi, []string{"none", "diuretic", "corticosteroid", "ppi", "laxative", "metformin", "stimulant", "statin", "antidepressant", "lithium", "diabetes_medicine", "ace_arb", "antipsychotic", "anticonvulsant", "new_medicine", "other"}, nil},
	{"diuretic_kind", Single, []string{"thiazide", "loop", "potassium_sparing", "combination", "not_sure"}, []AnswerRef{{Question: "medications", Answer: "diuretic"}}},
	{"ppi_duration", Single, []string{"under_1_year", "over_1_year"}, []AnswerRef{{Question: "medications", Answer: "ppi"}}},
	{"supplements", Multi, []string{"none", "magnesium", "calcium", "vitamin_d", "b12", "b6_high_dose", "multivitamin", "iron", "potassium"}, nil},
	{"conditions", Multi, []string{"none", "kidney_disease", "malabsorption", "weight_loss_surgery", "diabetes", "neck_surgery", "parathyroid", "thyroid_disease", "heart_condition", "eating_disorder", "recent_wound", "pregnant", "recently_gave_birth", "heavy_periods"}, nil},
	{"pregnancy_stage", Single, []string{"under_20_weeks", "20_weeks_plus"}, []AnswerRef{{Question: "conditions", Answer: "pregnant"}}},
	{"age", Single, []string{"under_18", "18_49", "50_64", "65_plus"}, nil},
}

// contractKept lists, per question, the options kept for old files: valid
// in every file, never offered to someone answering.
func contractKept() map[string][]string {
	return map[string][]string{
		"gi_duration": {"days"},
	}
}

// contractCountsAs lists, per question, options that every rule reads as
// others too (counts_as, directly or through another option): an old or
// overlapping answer that must not escape the rules written for the one
// it covers.
func contractCountsAs() map[string]map[string][]string {
	return map[string]map[string][]string{
		"gi_duration":   {"days": {"under_3_days"}},
		"diuretic_kind": {"combination": {"potassium_sparing", "thiazide", "loop"}},
		"alcohol":       {"dependent": {"heavy"}, "stopped_recently": {"heavy"}},
		"conditions":    {"weight_loss_surgery": {"malabsorption"}},
	}
}

// contractReadsAs lists the follow-ups that red flags read on the safe
// side while they are asked but unanswered (policy v3, principle 2), and
// the option each is read as.
func contractReadsAs() map[string]string {
	return map[string]string{
		"vomiting":        "keeping_fluids_down",
		"pregnancy_stage": "20_weeks_plus",
		"drinking_amount": "more_than_thirst",
	}
}

// contractDeficiencies are the deficiency IDs every rule base scores.
var contractDeficiencies = []string{"magnesium", "calcium", "potassium", "vitamin_b12", "vitamin_d", "thiamine", "iron", "sodium"}

// contractTriggers are the trigger IDs every rule base knows.
var contractTriggers = []string{"caffeine", "stress", "sleep", "overexertion", "dehydration", "nicotine", "alcohol", "medication", "b6_excess"}

// contractLevels are the triage levels, lowest to highest.
var contractLevels = []string{"self_care", "see_doctor", "urgent", "emergency"}

// FirstQuestion is the question every questionnaire asks first: the
// emergency screen.
const FirstQuestion = "serious"

// ContractVersion is the version of the answers contract implemented.
const ContractVersion = 3

// Whether the emergency check was answered, as results report it.
const (
	EmergencyCheckAnswered = "answered"
	EmergencyCheckSkipped  = "skipped"
)

// SkippedFlagID is the id of the flag raised when the emergency check is
// unanswered; LikelyFlagPrefix starts the id of a likely deficiency's flag.
const (
	SkippedFlagID    = "emergency_check_skipped"
	LikelyFlagPrefix = "likely_"
)
