// Package knowledge holds twitchcheck's domain: it loads and validates the
// YAML rule base, parses answers, scores nutrient deficiencies and lifestyle
// triggers, evaluates red flags into a triage level, and explains every
// result. It has no terminal, TUI or network code; everything else calls
// into it.
package knowledge

// Pos is a position in a source file, 1-based. A zero Pos means unknown.
type Pos struct {
	Line int
	Col  int
}

// RuleBase is a loaded and validated knowledge base. It is immutable after
// Load returns, so it may be shared between goroutines.
type RuleBase struct {
	File       string // the name it was loaded from, for messages
	Version    string
	Date       string
	Disclaimer string
	// Reassurance holds short, sourced statements shown with every result.
	Reassurance []Note
	Sources     []Source
	Sections    []Section
	Questions   []Question
	Levels      []Level
	Bands       Bands
	// Deficiencies are scored; Triggers are listed when their rules fire.
	Deficiencies []Deficiency
	Triggers     []Trigger
	RedFlags     []RedFlag
	Cautions     []Caution

	questionIndex map[string]int
	sourceIndex   map[string]int
}

// Source is a document that rules cite by ID.
type Source struct {
	ID    string
	Title string
	// Where says where the source comes from: a seed file name or the
	// publisher of a public reference.
	Where string
	Pos   Pos
}

// Section groups questions for display.
type Section struct {
	ID    string
	Title string
	Pos   Pos
}

// Kind is how many options a question accepts.
type Kind string

// The question kinds.
const (
	Single Kind = "single"
	Multi  Kind = "multi"
)

// NoneOption is the option ID that, in a multi-choice question, means
// "none of these" and may not be combined with any other option.
const NoneOption = "none"

// Question is one question of the questionnaire.
type Question struct {
	ID      string
	Section string
	Kind    Kind
	Text    string
	// Short names the question in lists and explanations, such as
	// "Caffeinated drinks a day"; it defaults to Text.
	Short   string
	Help    string
	Options []Option
	// EnableWhen, when set, shows the question only while the condition
	// holds for the answers given so far. It only refers to earlier
	// questions. Nil means always shown.
	EnableWhen *Cond
	Pos        Pos
}

// Option is one answer a question offers.
type Option struct {
	ID    string
	Label string
	Help  string
	Pos   Pos
}

// OptionIndex returns the index of option id in q, or -1.
func (q *Question) OptionIndex(id string) int {
	for i := range q.Options {
		if q.Options[i].ID == id {
			return i
		}
	}
	return -1
}

// OptionIDs lists q's option IDs in order.
func (q *Question) OptionIDs() []string {
	ids := make([]string, len(q.Options))
	for i, o := range q.Options {
		ids[i] = o.ID
	}
	return ids
}

// Level is a triage level. Levels are ordered lowest to highest.
type Level struct {
	ID     string
	Label  string
	Action string
	Pos    Pos
}

// Bands maps a score (0–100) to a band: at least Likely is "likely", at
// least Possible is "possible", anything lower is "unlikely".
type Bands struct {
	Likely   int
	Possible int
}

// Band names.
const (
	BandLikely   = "likely"
	BandPossible = "possible"
	BandUnlikely = "unlikely"
)

// Band returns the band of score.
func (b Bands) Band(score int) string {
	switch {
	case score >= b.Likely:
		return BandLikely
	case score >= b.Possible:
		return BandPossible
	default:
		return BandUnlikely
	}
}

// Deficiency is a nutrient that is scored against the answers.
type Deficiency struct {
	ID        string
	Name      string
	Role      string   // what it does for nerve and muscle
	Mechanism string   // how a shortage causes twitching
	Symptoms  []string // signs that point to it, in words
	Risks     []string // risk factors, in words
	Tests     []string // blood tests to ask for
	Foods     []string // food sources
	// Prior is the log-odds before any answer.
	Prior   float64
	Sources []string
	Rules   []Rule
	Pos     Pos
}

// Rule is one piece of evidence for or against a deficiency: when When
// holds, Weight (a log-likelihood ratio) is added to the log-odds.
type Rule struct {
	ID     string
	When   Cond
	Weight float64
	Why    string
	Source string
	Pos    Pos
}

// Strength says how strongly a trigger rule points to its trigger.
type Strength string

// Trigger strengths, weakest first.
const (
	Weak     Strength = "weak"
	Moderate Strength = "moderate"
	Strong   Strength = "strong"
)

func (s Strength) rank() int {
	switch s {
	case Strong:
		return 3
	case Moderate:
		return 2
	case Weak:
		return 1
	}
	return 0
}

// Trigger is a non-nutritional cause of twitching.
type Trigger struct {
	ID     string
	Name   string
	Advice string
	Rules  []TriggerRule
	Pos    Pos
}

// TriggerRule points to a trigger when When holds.
type TriggerRule struct {
	When     Cond
	Strength Strength
	Why      string
	Source   string
	Pos      Pos
}

// RedFlag raises the triage level when When holds. Red flags are evaluated
// apart from scoring: no score can hide one.
type RedFlag struct {
	ID     string
	Level  string
	When   Cond
	Reason string
	Action string
	Source string
	Pos    Pos
}

// Caution is advice about self-treatment shown when When holds.
type Caution struct {
	ID     string
	When   Cond
	Text   string
	Source string
	Pos    Pos
}

// Note is a short sourced statement.
type Note struct {
	Text   string
	Source string
	Pos    Pos
}

// Question returns the question with id, or nil.
func (rb *RuleBase) Question(id string) *Question {
	if i, ok := rb.questionIndex[id]; ok {
		return &rb.Questions[i]
	}
	return nil
}

// QuestionIndex returns the index of question id in rb.Questions, or -1.
func (rb *RuleBase) QuestionIndex(id string) int {
	if i, ok := rb.questionIndex[id]; ok {
		return i
	}
	return -1
}

// Source returns the source with id, or nil.
func (rb *RuleBase) Source(id string) *Source {
	if i, ok := rb.sourceIndex[id]; ok {
		return &rb.Sources[i]
	}
	return nil
}

// Level returns the level with id, or nil.
func (rb *RuleBase) Level(id string) *Level {
	if i := rb.LevelRank(id); i >= 0 {
		return &rb.Levels[i]
	}
	return nil
}

// LevelRank returns the rank of level id (0 is lowest), or -1. There are
// only a few levels, so a scan is cheaper than a map lookup.
func (rb *RuleBase) LevelRank(id string) int {
	for i := range rb.Levels {
		if rb.Levels[i].ID == id {
			return i
		}
	}
	return -1
}

// Section returns the section with id, or nil.
func (rb *RuleBase) Section(id string) *Section {
	for i := range rb.Sections {
		if rb.Sections[i].ID == id {
			return &rb.Sections[i]
		}
	}
	return nil
}

// Deficiency returns the deficiency with id, or nil.
func (rb *RuleBase) Deficiency(id string) *Deficiency {
	for i := range rb.Deficiencies {
		if rb.Deficiencies[i].ID == id {
			return &rb.Deficiencies[i]
		}
	}
	return nil
}

// index builds the lookup maps. It is called once the slices are final.
func (rb *RuleBase) index() {
	rb.questionIndex = make(map[string]int, len(rb.Questions))
	for i, q := range rb.Questions {
		if _, dup := rb.questionIndex[q.ID]; !dup {
			rb.questionIndex[q.ID] = i
		}
	}
	rb.sourceIndex = make(map[string]int, len(rb.Sources))
	for i, s := range rb.Sources {
		if _, dup := rb.sourceIndex[s.ID]; !dup {
			rb.sourceIndex[s.ID] = i
		}
	}
}
