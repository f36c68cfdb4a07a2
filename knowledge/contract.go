package knowledge

// The answers contract (shared/spec/answers.md) is a public interface: every
// rule base must offer at least these questions, options, deficiencies,
// triggers and levels. A rule base may add more; it may not rename or drop
// any of these. This is interface, not clinical content, so it lives in code.

// ContractQuestion is one question the contract fixes.
type ContractQuestion struct {
	ID      string
	Kind    Kind
	Options []string
}

// contractQuestions lists the contract's questions in the contract's order.
var contractQuestions = []ContractQuestion{
	{"location", Multi, []string{"eyelid", "face", "mouth", "hands", "arms", "legs", "feet", "trunk", "all_over"}},
	{"duration", Single, []string{"under_1_day", "1_to_6_days", "1_to_2_weeks", "2_weeks_to_3_months", "over_3_months"}},
	{"frequency", Single, []string{"occasional", "daily", "constant"}},
	{"spreading", Single, []string{"yes", "no"}},
	{"serious", Multi, []string{"none", "breathing_difficulty", "chest_pain", "fainting", "stroke_signs", "seizure", "swallowing_difficulty", "sustained_spasm", "muscle_wasting", "progressive_weakness", "falls"}},
	{"symptoms", Multi, []string{"none", "cramps", "numbness_tingling", "tingling_mouth", "fatigue", "weakness", "palpitations", "constipation", "memory_problems", "mood_changes", "sore_tongue", "bone_pain", "muscle_aches", "restless_legs", "nausea_vomiting", "diarrhea", "appetite_loss", "balance_problems", "stiffness", "pain", "headache", "confusion", "pale_skin", "breathless_on_exertion"}},
	{"caffeine", Single, []string{"none", "1_2_cups", "3_4_cups", "5_plus_cups"}},
	{"stress", Single, []string{"low", "moderate", "high"}},
	{"sleep", Single, []string{"7_plus", "5_6", "under_5"}},
	{"exercise", Single, []string{"none", "light", "moderate", "strenuous"}},
	{"fluids", Single, []string{"good", "low"}},
	{"sweating", Single, []string{"yes", "no"}},
	{"alcohol", Single, []string{"none", "moderate", "heavy"}},
	{"nicotine", Single, []string{"yes", "no"}},
	{"diet", Single, []string{"omnivore", "pescatarian", "vegetarian", "vegan"}},
	{"dairy", Single, []string{"daily", "sometimes", "rarely"}},
	{"greens", Single, []string{"daily", "sometimes", "rarely"}},
	{"fruit_veg", Single, []string{"daily", "sometimes", "rarely"}},
	{"sun", Single, []string{"daily", "sometimes", "rarely"}},
	{"medications", Multi, []string{"none", "diuretic", "corticosteroid", "ppi", "laxative", "metformin", "stimulant", "new_medicine", "other"}},
	{"supplements", Multi, []string{"none", "magnesium", "calcium", "vitamin_d", "b12", "b6_high_dose", "multivitamin", "iron", "potassium"}},
	{"conditions", Multi, []string{"none", "kidney_disease", "malabsorption", "diabetes", "parathyroid", "pregnant", "heavy_periods"}},
	{"age", Single, []string{"under_18", "18_49", "50_64", "65_plus"}},
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
