package knowledge

import "strings"

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
	// ScoreNote says in words what a score is (and is not), wherever
	// scores are shown.
	ScoreNote string
	// Reassurance holds short, sourced statements and when they may be
	// shown: never beside danger.
	Reassurance Reassurance
	// Skipped is the flag raised when the emergency check is unanswered:
	// unanswered is unknown, never "no".
	Skipped RedFlag
	// Likely is the flag raised for each deficiency whose signs and risks
	// reach the likely band: only a blood test confirms a shortage.
	Likely    LikelyFlag
	Sources   []Source
	Sections  []Section
	Questions []Question
	Levels    []Level
	Bands     Bands
	// Deficiencies are scored; Triggers are listed when their rules fire.
	Deficiencies []Deficiency
	Triggers     []Trigger
	// Others are other causes and look-alikes a doctor considers, named
	// when the answers fit them.
	Others   []Other
	RedFlags []RedFlag
	Cautions []Caution

	questionIndex map[string]int
	sourceIndex   map[string]int
	// likelyFlags[i] is the Likely flag of Deficiencies[i], with its
	// reason and action written out.
	likelyFlags []RedFlag
	// signs are the options of the emergency check with what each means.
	signs []Sign
	// readsAs are the follow-ups that red flags read on the safe side
	// while they are asked but unanswered (Question.UnansweredReadsAs).
	readsAs []readAs
	// conds are the compiled conditions (compile.go).
	conds conds
}

// readAs is one follow-up with an unanswered_reads_as: its index, its
// compiled enable_when and the bit of the option it is read as.
type readAs struct {
	q    int
	when *node
	bit  uint64
}

// Reassurance is the sourced reassurance a result may show. It shows only
// when the triage level is at most MaxLevel, the emergency check was
// answered, and HideWhen (the neurological warning signs) does not hold.
type Reassurance struct {
	MaxLevel string
	HideWhen *Cond
	// RequiresAnswered are the questions that must be answered for
	// reassurance to show: a warning sign left unanswered is unknown,
	// never "no" (principles 2 and 4).
	RequiresAnswered []string
	Notes            []Note
	Pos              Pos
}

// LikelyFlag is the template of the flag a likely deficiency raises. In
// Reason and Action, {name} stands for the deficiency's name and {tests}
// for its blood tests.
type LikelyFlag struct {
	Level  string
	Reason string
	Action string
	Source string
	Pos    Pos
}

// Sign is one option of the emergency check and the red flag it raises on
// its own, if any: what to do when it applies.
type Sign struct {
	Option *Option
	Flag   *RedFlag
}

// Source is a document that rules cite by ID: one a reader can open, by
// its URL or, for print, by its full citation (with a DOI or PMID).
type Source struct {
	ID        string
	Title     string
	Publisher string
	URL       string
	Citation  string
	Pos       Pos
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
	// UnansweredReadsAs, for a follow-up question, is the option that red
	// flags read it as while it is asked (its EnableWhen holds) but
	// unanswered: the safe side. Scoring never reads it so: unknown is
	// not no, nor yes. The flags it raises name the missing answer (an
	// AnswerRef with Answer UnansweredAnswer; RuleBase.ReadAs gives this
	// option back).
	UnansweredReadsAs string
	Pos               Pos

	readsAsPos Pos // for messages about UnansweredReadsAs
}

// Option is one answer a question offers.
type Option struct {
	ID    string
	Label string
	Help  string
	// KeptForOldFiles marks a superseded option: every file (answers,
	// cases, vignettes, FHIR responses) may still give it, and reviews and
	// reports show it by its label, but it is not offered to people
	// answering (see Question.Offered). It counts as the options that
	// replace it (CountsAs).
	KeptForOldFiles bool
	// CountsAs lists other options of the same question: every condition
	// that names one of them also holds for this option (transitively).
	// Answers still name this option, the one chosen.
	CountsAs []string
	Pos      Pos

	countsAsPos Pos // for messages about CountsAs
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

// Offered returns q as it is offered to someone answering: without the
// options kept only for old files. It returns q itself when every option
// is offered; otherwise a copy whose Options are the offered ones, so a
// screen can index them by position. Answers are by option id, so the
// copy reads and records answers just as q does, and an answer kept for
// an old file is looked up (for its label) in q, not in the copy.
func (q *Question) Offered() *Question {
	kept := 0
	for i := range q.Options {
		if q.Options[i].KeptForOldFiles {
			kept++
		}
	}
	if kept == 0 {
		return q
	}
	c := *q
	c.Options = make([]Option, 0, len(q.Options)-kept)
	for _, o := range q.Options {
		if !o.KeptForOldFiles {
			c.Options = append(c.Options, o)
		}
	}
	return &c
}

// OptionLabel returns the label of option id of q, offered or kept for old
// files, or id itself when q has no such option.
func (q *Question) OptionLabel(id string) string {
	if i := q.OptionIndex(id); i >= 0 {
		return q.Options[i].Label
	}
	return id
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
	// FoodNotes say when the foods are not the fix: a shortage that comes
	// from surgery, a medicine or an illness (foods shown as information
	// only), or one where they could do harm (not shown).
	FoodNotes []Caveat
	// Causes are causes behind a shortage that a doctor looks for.
	Causes []Note
	// Prior is the log-odds before any answer.
	Prior   float64
	Sources []string
	Rules   []Rule
	Pos     Pos
}

// FoodsShown says how a deficiency's foods are shown.
type FoodsShown string

// How foods are shown.
const (
	FoodsAdvice FoodsShown = "advice" // as a way to get more of the nutrient
	FoodsInfo   FoodsShown = "info"   // as information only: not the fix
	FoodsHidden FoodsShown = "hidden" // not at all: they could do harm
)

// Caveat replaces or qualifies advice when When holds: a deficiency's
// foods (Foods says how they are then shown) or a trigger's advice (which
// is then not shown).
type Caveat struct {
	When   Cond
	Foods  FoodsShown
	Text   string
	Source string
	Pos    Pos
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
	// AdviceNotes replace the advice when their condition holds, where it
	// would work against a flag (such as "drink more" after over-drinking).
	AdviceNotes []Caveat
	Rules       []TriggerRule
	Pos         Pos
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
	// TooMuch names the deficiencies whose excess the flag warns of (too
	// much potassium or magnesium): while it is raised, no flag says the
	// answers point to a shortage of them.
	TooMuch []string
	Pos     Pos
}

// Other is another cause or look-alike of twitching that a doctor
// considers, named when When holds. A Reassuring one follows the rules of
// reassurance: never beside danger.
type Other struct {
	ID         string
	Name       string
	When       Cond
	Text       string
	Tests      []string
	Reassuring bool
	Source     string
	Pos        Pos
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

// LikelyFlagOf returns the flag a likely deficiency d raises.
func (rb *RuleBase) LikelyFlagOf(d *Deficiency) *RedFlag {
	for i := range rb.Deficiencies {
		if &rb.Deficiencies[i] == d && i < len(rb.likelyFlags) {
			return &rb.likelyFlags[i]
		}
	}
	return nil
}

// EmergencySigns lists the options of the emergency check (not "none"),
// each with the red flag it raises on its own, highest level first within
// the question's order. A result whose emergency check was skipped shows
// them, so the person can act on one that applies.
func (rb *RuleBase) EmergencySigns() []Sign { return rb.signs }

// indexIDs builds the maps from question and source ids to their places.
func (rb *RuleBase) indexIDs() {
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

// derive builds what is derived from the compiled conditions: the
// emergency signs and the follow-ups read on the safe side.
func (rb *RuleBase) derive() {
	rb.signs = nil
	if q := rb.Question(FirstQuestion); q != nil {
		for oi := range q.Options {
			o := &q.Options[oi]
			if o.ID == NoneOption || o.KeptForOldFiles {
				continue
			}
			s := Sign{Option: o}
			for fi := range rb.RedFlags {
				f := &rb.RedFlags[fi]
				c := &f.When
				// The compiled mask holds the options named and those
				// that count as them.
				if c.Op != OpAnswer || c.Question != q.ID || (!contains(c.Options, o.ID) && rb.conds.flags[fi].mask&(1<<oi) == 0) {
					continue
				}
				if s.Flag == nil || rb.LevelRank(f.Level) > rb.LevelRank(s.Flag.Level) {
					s.Flag = f
				}
			}
			rb.signs = append(rb.signs, s)
		}
	}
	rb.readsAs = nil
	for i := range rb.Questions {
		q := &rb.Questions[i]
		if q.UnansweredReadsAs == "" || q.EnableWhen == nil {
			continue
		}
		if o := q.OptionIndex(q.UnansweredReadsAs); o >= 0 && o < 64 {
			rb.readsAs = append(rb.readsAs, readAs{q: i, when: rb.conds.enable[i], bit: 1 << o})
		}
	}
}

// fillLikely builds the likely flag of every deficiency from the
// template, filling in {name} and {tests} in one pass, so a name that
// holds "{tests}" stays as written. It runs only on a validated rule base:
// validation bounds the size of the filled-in text (likelyLimits) before
// anything is expanded.
func (rb *RuleBase) fillLikely() {
	rb.likelyFlags = make([]RedFlag, len(rb.Deficiencies))
	for i := range rb.Deficiencies {
		d := &rb.Deficiencies[i]
		rb.likelyFlags[i] = RedFlag{
			ID:     LikelyFlagPrefix + d.ID,
			Level:  rb.Likely.Level,
			Reason: fillLikelyText(rb.Likely.Reason, d),
			Action: fillLikelyText(rb.Likely.Action, d),
			Source: rb.Likely.Source,
			Pos:    rb.Likely.Pos,
		}
	}
}

// fillLikelyText returns tmpl with {name} replaced by d's name and
// {tests} by its tests joined with ", ", in one pass over tmpl (what it
// puts in is never read again).
func fillLikelyText(tmpl string, d *Deficiency) string {
	const name, tests = "{name}", "{tests}"
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	joined := strings.Join(d.Tests, ", ")
	var b strings.Builder
	b.Grow(len(tmpl) + len(d.Name) + len(joined))
	for rest := tmpl; rest != ""; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i:]
		switch {
		case strings.HasPrefix(rest, name):
			b.WriteString(d.Name)
			rest = rest[len(name):]
		case strings.HasPrefix(rest, tests):
			b.WriteString(joined)
			rest = rest[len(tests):]
		default:
			b.WriteByte('{')
			rest = rest[1:]
		}
	}
	return b.String()
}

// Citation is one place in the rule base that cites a source: what cites
// it (Kind, such as "rule" or "red flag"), whose it is (Owner, such as a
// deficiency's name; "" for the rule base's own) and what it says.
type Citation struct {
	Source string
	Kind   string
	Owner  string
	Text   string
}

// Citations lists every citation in the rule base, in the order of the
// file's parts. Validation (every source cited) and the rule browser (what
// cites a source) both read it, so neither can forget a part.
func (rb *RuleBase) Citations() []Citation {
	var out []Citation
	add := func(source, kind, owner, text string) {
		out = append(out, Citation{Source: source, Kind: kind, Owner: owner, Text: text})
	}
	add(rb.Skipped.Source, "red flag", "", rb.Skipped.Reason)
	add(rb.Likely.Source, "red flag", "", rb.Likely.Reason)
	for _, n := range rb.Reassurance.Notes {
		add(n.Source, "reassurance", "", n.Text)
	}
	for _, d := range rb.Deficiencies {
		for _, s := range d.Sources {
			add(s, "description", d.Name, d.Role)
		}
		for _, r := range d.Rules {
			add(r.Source, "rule", d.Name, r.Why)
		}
		for _, c := range d.FoodNotes {
			add(c.Source, "food note", d.Name, c.Text)
		}
		for _, c := range d.Causes {
			add(c.Source, "cause", d.Name, c.Text)
		}
	}
	for _, t := range rb.Triggers {
		for _, r := range t.Rules {
			add(r.Source, "rule", t.Name, r.Why)
		}
		for _, c := range t.AdviceNotes {
			add(c.Source, "advice note", t.Name, c.Text)
		}
	}
	for _, o := range rb.Others {
		add(o.Source, "other cause", o.Name, o.Text)
	}
	for _, f := range rb.RedFlags {
		add(f.Source, "red flag", "", f.Reason)
	}
	for _, c := range rb.Cautions {
		add(c.Source, "caution", "", c.Text)
	}
	return out
}
