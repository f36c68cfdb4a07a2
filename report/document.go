package report

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Document is a result as a person reads it: its sections in the one
// order every rendering shows them, each with every sentence that depends
// on the result already decided. Text, Markdown, HTML, the FHIR narrative,
// the app's results, accessible mode and the emergency notice render a
// Document; none of them decides what a result says.
//
// Its strings are raw, as the rule base gives them: each rendering cleans
// and escapes them for its medium.
type Document struct {
	// Level is the triage level's id, for styling.
	Level string
	// Nothing reports that no question was answered.
	Nothing  bool
	Sections []Section
	// Later are the references cited only by the details of nutrients the
	// answers do not point to, which reports do not show: the app lists
	// them under LaterSources when those details can open.
	Later []Block
}

// SectionID names a section of a result document.
type SectionID string

// The sections of a result document. Build adds them in the order of
// (*builder).sections: the only place that order is written.
const (
	SectionSummary     SectionID = "summary"
	SectionSkipped     SectionID = "skipped"
	SectionLevel       SectionID = "level"
	SectionReasons     SectionID = "reasons"
	SectionPointsTo    SectionID = "points_to"
	SectionAlso        SectionID = "also_mention"
	SectionNutrients   SectionID = "nutrients"
	SectionOthers      SectionID = "others"
	SectionTriggers    SectionID = "triggers"
	SectionCautions    SectionID = "cautions"
	SectionReassurance SectionID = "reassurance"
	SectionDiary       SectionID = "diary"
	SectionDiaryAlerts SectionID = "diary_alerts"
	SectionAnswers     SectionID = "answers"
	SectionReferences  SectionID = "references"
	SectionDisclaimer  SectionID = "disclaimer"
)

// Section is one part of a result: its heading and its blocks.
type Section struct {
	ID     SectionID
	Title  string
	Blocks []Block
}

// BlockKind says what a block is, so each rendering can show it its way.
type BlockKind int

// The kinds of block.
const (
	// Para is a paragraph.
	Para BlockKind = iota
	// Lead is a paragraph that stands out: what to do at the level.
	Lead
	// Note is a paragraph said quietly: a legend, a hint.
	Note
	// Item is a list item: Name (shown strong, may be empty) and Text.
	Item
	// Warning is a list item that warns.
	Warning
	// FlagItem is a red flag: Name is its level's label, Level its id,
	// Text its reason; Details say what to do and why.
	FlagItem
	// SubHeading heads a group of blocks inside a section.
	SubHeading
	// EvidenceItem is one piece of evidence: Name is its signed points,
	// Text the answers and why.
	EvidenceItem
	// NutrientRow is a nutrient with its score (Nutrient); Details hold
	// its evidence, tests, causes and foods.
	NutrientRow
	// AnswerRow is one question answered: Name the question, Text the
	// answers.
	AnswerRow
	// ReferenceItem is a numbered source (Ref).
	ReferenceItem
	// DiaryDays are the days of a diary (Diary): a chart, or a table.
	DiaryDays
)

// Block is one paragraph, item or row of a section.
type Block struct {
	Kind BlockKind
	// Name opens an item and is shown strong: a trigger, a nutrient, a
	// level's label, evidence points. It may be empty.
	Name string
	Text string
	// Cites are the numbers of the references the block cites.
	Cites []int
	// Level is a FlagItem's triage level id.
	Level string
	// Details are shown under the block: what to do, why, evidence.
	Details  []Block
	Nutrient *Nutrient
	Ref      *Reference
	Diary    *Diary
}

// Nutrient is the score of one deficiency, as a row shows it.
type Nutrient struct {
	ID    string
	Name  string
	Score int
	// Band is the band's id (likely, possible, unlikely), as in JSON;
	// BandWords is how a person reads it.
	Band      string
	BandWords string
	// Open reports whether reports show its details: the nutrients the
	// answers point to. The app shows any row's details on request.
	Open bool
}

// Reference is one numbered source: its words (title, publisher and
// print citation, each said once) and its address.
type Reference struct {
	N    int
	Text string
	URL  string
}

// Section returns the section with id, or nil when the result has none.
func (d *Document) Section(id SectionID) *Section {
	for i := range d.Sections {
		if d.Sections[i].ID == id {
			return &d.Sections[i]
		}
	}
	return nil
}

// Options are what a document shows beyond the result.
type Options struct {
	// Date is the report's date; zero leaves it out.
	Date time.Time
	// Case is the title of the sample case assessed, if any.
	Case string
	// Diary is the person's diary, when the result carries it.
	Diary *Diary
}

// Build turns an assessment into the document a person reads.
func Build(a knowledge.Answers, res knowledge.Result, opt Options) *Document {
	b := &builder{a: a, rb: a.RuleBase(), res: res, opt: opt}
	b.nothing = a.Count() == 0
	b.selfCare = selfCareAllowed(b.rb, res.Triage.Level)
	b.alerts = b.diaryAlerts()
	for _, al := range b.alerts {
		// A warning sign the diary records is danger too: no reassurance
		// or self-care advice beside it.
		if !selfCareAllowed(b.rb, al.flag.Level) {
			b.selfCare = false
		}
	}
	doc := &Document{Level: res.Triage.Level, Nothing: b.nothing}
	b.doc = doc
	for _, build := range b.sections() {
		if s := build(); s != nil {
			doc.Sections = append(doc.Sections, *s)
		}
	}
	return doc
}

// builder builds one document.
type builder struct {
	a        knowledge.Answers
	rb       *knowledge.RuleBase
	res      knowledge.Result
	opt      Options
	refs     refList
	nothing  bool
	selfCare bool
	// later fills in what cites sources no report shows unasked (the
	// details of the nutrients the answers do not point to), so their
	// references come after those of everything shown.
	later []func()
	doc   *Document
	// alerts are the warning signs the diary's entries raised.
	alerts []diaryAlert
}

// diaryAlert is a red flag a diary entry raised, and its day.
type diaryAlert struct {
	date string
	flag knowledge.Flag
}

// diaryAlerts are the red flags the entries of the days shown raised,
// highest level first, each day in order.
func (b *builder) diaryAlerts() []diaryAlert {
	d := b.opt.Diary
	if d == nil {
		return nil
	}
	var out []diaryAlert
	for _, e := range d.Window() {
		for _, f := range diary.Alerts(b.rb, e) {
			out = append(out, diaryAlert{e.Date, f})
		}
	}
	slices.SortStableFunc(out, func(x, y diaryAlert) int {
		return b.rb.LevelRank(y.flag.Level) - b.rb.LevelRank(x.flag.Level)
	})
	return out
}

// sections is the order of a result's sections: the one place it is
// written. A new section (a diary, say) is one more entry here and its
// builder. A builder returns nil when the result has nothing for it.
func (b *builder) sections() []func() *Section {
	return []func() *Section{
		b.summary,
		b.skipped,
		b.level,
		b.fromDiary,
		b.reasons,
		b.pointsTo,
		b.alsoMention,
		b.nutrients,
		b.others,
		b.triggers,
		b.cautions,
		b.reassurance,
		b.diary,
		b.answers,
		b.references, // after every section that cites
		b.disclaimer,
	}
}

// cite numbers the sources ids, in the order of first citation.
func (b *builder) cite(ids ...string) []int {
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		out = append(out, b.refs.number(id))
	}
	return out
}

// The words of a result document that do not come from the rule base.
const (
	DocumentTitle   = "twitchcheck report"
	ReasonsTitle    = "Why this level"
	AlsoMention     = "Also mention to the doctor"
	NoFlags         = "None of your answers raised a warning sign."
	PointsToTitle   = "What your answers point to most"
	NutrientsTitle  = "Nutrients your answers may point to"
	OthersTitle     = "Other causes a doctor may consider"
	TriggersTitle   = "Lifestyle triggers"
	CautionsTitle   = "Cautions"
	GoodToKnow      = "Good to know"
	AnswersTitle    = "Your answers"
	ReferencesTitle = "References"
	DisclaimerTitle = "Disclaimer"
	NothingAnswered = "You answered nothing, so there is nothing to score yet."
	NoScores        = "No scores: you answered nothing."
	NotPointedTo    = "not pointed to"
	NotPointedNote  = "\"Not pointed to\": your answers do not point to it; only a blood test can tell."
	NoTriggers      = "None of your answers point to a lifestyle trigger."
	TriggersLater   = "Your level comes first: talk these over with the doctor rather than treating them yourself now."
)

// BandWords is how a person reads a band: "unlikely" would read as
// "ruled out", which only a blood test can say.
func BandWords(band string) string {
	if band == knowledge.BandUnlikely {
		return NotPointedTo
	}
	return band
}

// selfCareAllowed reports whether self-care advice may be shown at level:
// up to the highest level at which reassurance may show, never under an
// urgent or emergency level.
func selfCareAllowed(rb *knowledge.RuleBase, level string) bool {
	top := max(0, rb.LevelRank(rb.Reassurance.MaxLevel))
	return rb.LevelRank(level) <= top
}

func (b *builder) summary() *Section {
	rb := b.rb
	total := b.a.Count() + len(unanswered(b.a))
	facts := []string{}
	if !b.opt.Date.IsZero() {
		facts = append(facts, b.opt.Date.Format("2 January 2006"))
	}
	facts = append(facts, "knowledge base "+rb.Version+" ("+rb.Date+")")
	facts = append(facts, strconv.Itoa(b.a.Count())+" of "+strconv.Itoa(total)+" questions answered")
	s := &Section{ID: SectionSummary, Title: DocumentTitle, Blocks: []Block{{Kind: Note, Text: strings.Join(facts, " · ")}}}
	if b.opt.Case != "" {
		s.Blocks = append(s.Blocks, Block{Kind: Note, Text: "Sample case: " + b.opt.Case})
	}
	return s
}

func (b *builder) skipped() *Section {
	if !b.res.Triage.Skipped() {
		return nil
	}
	s := &Section{ID: SectionSkipped, Title: SkippedHeading}
	s.Blocks = append(s.Blocks, Block{Kind: Para, Text: b.rb.Skipped.Reason}, Block{Kind: Para, Text: SignsIntro})
	for _, sg := range b.rb.EmergencySigns() {
		s.Blocks = append(s.Blocks, Block{Kind: Warning, Text: SignLine(sg)})
	}
	return s
}

func (b *builder) level() *Section {
	return &Section{ID: SectionLevel, Title: TriageLine(b.rb, b.res.Triage.Level), Blocks: []Block{{Kind: Lead, Text: b.action()}}}
}

// action is what to do at the level. A level's words may send the person
// to the blood tests listed below; when none is listed, that part goes.
func (b *builder) action() string {
	l := b.rb.Level(b.res.Triage.Level)
	if l == nil {
		return ""
	}
	action := l.Action
	if !b.testsListed() {
		action = withoutListedTests(action)
	}
	if !b.adviceShown() {
		action = withoutAdviceBelow(action)
	}
	return action
}

// adviceShown reports whether the document shows advice to try: a
// trigger's advice or the note that replaces it, or a caution.
func (b *builder) adviceShown() bool {
	if b.nothing {
		return false
	}
	if b.selfCare && len(b.res.Triggers) > 0 {
		return true
	}
	return len(b.res.Cautions) > 0
}

// withoutAdviceBelow drops from an action the words that send a reader to
// "the advice below" when the document shows none: "Try the advice below
// and watch for changes" becomes "Watch for changes".
func withoutAdviceBelow(action string) string {
	lower := strings.ToLower(action)
	const phrase = "try the advice below and "
	i := strings.Index(lower, phrase)
	if i < 0 {
		return action
	}
	rest := action[i+len(phrase):]
	if rest == "" {
		return strings.TrimSpace(action[:i])
	}
	return action[:i] + strings.ToUpper(rest[:1]) + rest[1:]
}

// testsListed reports whether the document lists a blood test to ask
// about: a nutrient the answers point to, or another cause, with tests.
func (b *builder) testsListed() bool {
	for _, d := range b.res.Deficiencies {
		if d.Band != knowledge.BandUnlikely && len(d.Tests) > 0 && !b.nothing {
			return true
		}
	}
	for _, o := range b.res.Others {
		if len(o.Tests) > 0 {
			return true
		}
	}
	return false
}

// withoutListedTests drops from an action the words that send a reader to
// blood tests "listed below": the clause from its " and " when the
// sentence has one, or else the whole sentence.
func withoutListedTests(action string) string {
	lower := strings.ToLower(action)
	i := strings.Index(lower, "listed below")
	if i < 0 {
		return action
	}
	end := i + len("listed below")
	start := strings.LastIndexAny(action[:i], ".!?") + 1
	if j := strings.LastIndex(lower[start:i], " and "); j >= 0 {
		return strings.TrimSpace(action[:start+j] + action[end:])
	}
	for end < len(action) && strings.ContainsRune(".!? ", rune(action[end])) {
		end++
	}
	return strings.TrimSpace(action[:start] + " " + action[end:])
}

// flagBlock is a red flag with what to do and what raised it.
func (b *builder) flagBlock(f knowledge.Flag) Block {
	return Block{
		Kind:  FlagItem,
		Name:  LevelLabel(b.rb, f.Level),
		Level: f.Level,
		Text:  f.Reason,
		Cites: b.cite(f.Source),
		Details: []Block{
			{Kind: Para, Text: "What to do: " + f.Action},
			{Kind: Note, Text: "Because " + FlagAnswers(b.rb, f)},
		},
	}
}

// reasons are the flags that set the level. Above the levels where
// self-care advice shows (urgent, emergency), the notes that replace a
// trigger's advice follow them ("do not drink more water"): there the
// trigger itself is not offered as an explanation. At the lower levels
// the trigger is named with its note, under the triggers.
func (b *builder) reasons() *Section {
	s := &Section{ID: SectionReasons, Title: ReasonsTitle}
	for _, f := range b.res.Triage.Flags {
		if f.Level == b.res.Triage.Level {
			s.Blocks = append(s.Blocks, b.flagBlock(f))
		}
	}
	if !b.selfCare {
		for _, t := range b.res.Triggers {
			for _, n := range t.AdviceNotes {
				s.Blocks = append(s.Blocks, Block{Kind: Warning, Text: n.Text, Cites: b.cite(n.Source)})
			}
		}
	}
	if len(s.Blocks) == 0 {
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: NoFlags})
	}
	return s
}

// alsoMention are the flags of levels below the result's, after what the
// answers point to: every flag shows, the ones that set the level first.
func (b *builder) alsoMention() *Section {
	s := &Section{ID: SectionAlso, Title: AlsoMention}
	for _, f := range b.res.Triage.Flags {
		if f.Level != b.res.Triage.Level {
			s.Blocks = append(s.Blocks, b.flagBlock(f))
		}
	}
	if len(s.Blocks) == 0 {
		return nil
	}
	return s
}

// pointer is a nutrient or trigger the answers point to, ranked.
type pointer struct {
	name string
	rank int
}

// pointsTo says, in a line or two, what the answers point to most: the
// strongest of the nutrients the answers point to and the triggers.
func (b *builder) pointsTo() *Section {
	s := &Section{ID: SectionPointsTo, Title: PointsToTitle}
	if b.nothing {
		s.Blocks = append(s.Blocks, Block{Kind: Lead, Text: NothingAnswered})
		return s
	}
	var ps []pointer
	for _, d := range b.res.Deficiencies {
		switch d.Band {
		case knowledge.BandLikely:
			ps = append(ps, pointer{d.Name, 4})
		case knowledge.BandPossible:
			ps = append(ps, pointer{d.Name, 2})
		}
	}
	for _, t := range b.res.Triggers {
		if !t.AdviceShown() && !b.selfCare {
			continue // its note shows with the reasons for the level
		}
		switch t.Strength {
		case knowledge.Strong:
			ps = append(ps, pointer{t.Name, 3})
		case knowledge.Moderate:
			ps = append(ps, pointer{t.Name, 2})
		default:
			ps = append(ps, pointer{t.Name, 1})
		}
	}
	if len(ps) == 0 {
		s.Blocks = append(s.Blocks, Block{Kind: Lead, Text: "Your answers do not point to a nutrient shortage or a lifestyle trigger."})
		return s
	}
	top := 0
	for _, p := range ps {
		top = max(top, p.rank)
	}
	var most, also []string
	for _, p := range ps {
		if p.rank == top {
			most = append(most, p.name)
		} else {
			also = append(also, p.name)
		}
	}
	s.Blocks = append(s.Blocks, Block{Kind: Lead, Text: "Your answers may point most to: " + strings.Join(most, ", ") + "."})
	if len(also) > 0 {
		const shown = 4
		line := "Then: " + strings.Join(also[:min(shown, len(also))], ", ")
		if len(also) > shown {
			line += " (and " + strconv.Itoa(len(also)-shown) + " more)"
		}
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: line + "."})
	}
	return s
}

// tooMuch names the nutrients a raised flag warns of too much of.
func (b *builder) tooMuch() []string {
	var names []string
	for _, d := range b.res.Deficiencies {
		for _, f := range b.res.Triage.Flags {
			if slices.Contains(f.TooMuch, d.ID) {
				names = append(names, d.Name)
				break
			}
		}
	}
	return names
}

func (b *builder) nutrients() *Section {
	s := &Section{ID: SectionNutrients, Title: NutrientsTitle}
	if b.nothing {
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: NoScores})
		return s
	}
	s.Blocks = append(s.Blocks, Block{Kind: Note, Text: ScoreLegend(b.rb)})
	if names := b.tooMuch(); len(names) > 0 {
		// A flag warns of an excess: the scores below must not read as
		// a shortage to treat.
		s.Blocks = append(s.Blocks, Block{Kind: Warning, Text: TooMuchNote(names)})
	}
	anyUnlikely := false
	for _, d := range b.res.Deficiencies {
		open := d.Band != knowledge.BandUnlikely
		anyUnlikely = anyUnlikely || !open
		s.Blocks = append(s.Blocks, Block{
			Kind: NutrientRow,
			Name: d.Name,
			Nutrient: &Nutrient{
				ID: d.ID, Name: d.Name, Score: d.Score, Band: d.Band, BandWords: BandWords(d.Band),
				Open: open,
			},
		})
		i := len(s.Blocks) - 1
		if open {
			s.Blocks[i].Details = b.nutrientDetails(d)
		} else {
			// s.Blocks is whole by then, and shares its array with the
			// document's copy of s.
			b.later = append(b.later, func() { s.Blocks[i].Details = b.nutrientDetails(d) })
		}
	}
	if anyUnlikely {
		s.Blocks = append(s.Blocks, Block{Kind: Note, Text: NotPointedNote})
	}
	return s
}

// nutrientDetails are where a score starts, the evidence for and against
// it, the blood tests, the causes a doctor looks for, and the foods as the
// result allows.
func (b *builder) nutrientDetails(d knowledge.Scored) []Block {
	rb := b.rb
	out := []Block{{Kind: Note, Text: "Starts at " + strconv.Itoa(d.Baseline) + " before any answer."}}
	if d.ForScore > d.Score {
		out = append(out, Block{Kind: Note, Text: "From the signs and risks alone it would be " + strconv.Itoa(d.ForScore) + "; the answers against it bring it to " + strconv.Itoa(d.Score) + "."})
	}
	var pro, con []knowledge.Evidence
	for _, e := range d.Evidence {
		if e.Points >= 0 {
			pro = append(pro, e)
		} else {
			con = append(con, e)
		}
	}
	for _, g := range []struct {
		title string
		ev    []knowledge.Evidence
	}{{"For:", pro}, {"Against:", con}} {
		if len(g.ev) == 0 {
			continue
		}
		out = append(out, Block{Kind: SubHeading, Text: g.title})
		for _, e := range g.ev {
			out = append(out, Block{Kind: EvidenceItem, Name: signed(e.Points), Text: AnswerLabels(rb, e.Answers()) + ": " + e.Rule.Why, Cites: b.cite(e.Rule.Source)})
		}
	}
	if len(d.Evidence) == 0 {
		out = append(out, Block{Kind: Para, Text: "No answer so far points to or away from it."})
	}
	if len(d.Tests) > 0 {
		if d.Band == knowledge.BandUnlikely {
			out = append(out, Block{Kind: Para, Text: "A blood test can check it: " + strings.Join(d.Tests, ", ")})
		} else {
			out = append(out, Block{Kind: Para, Text: "Blood tests to ask about: " + strings.Join(d.Tests, ", ")})
		}
	}
	for _, c := range d.Causes {
		out = append(out, Block{Kind: Para, Text: "A doctor looks for: " + c.Text, Cites: b.cite(c.Source)})
	}
	if line := FoodsLine(d); line != "" {
		out = append(out, Block{Kind: Para, Text: line})
	}
	for _, n := range d.FoodNotes {
		out = append(out, Block{Kind: Warning, Text: n.Text, Cites: b.cite(n.Source)})
	}
	return out
}

func (b *builder) others() *Section {
	if len(b.res.Others) == 0 {
		return nil
	}
	s := &Section{ID: SectionOthers, Title: OthersTitle}
	for _, o := range b.res.Others {
		text := o.Text
		if len(o.Tests) > 0 {
			text += " Tests: " + strings.Join(o.Tests, ", ") + "."
		}
		s.Blocks = append(s.Blocks, Block{Kind: Item, Name: o.Name, Text: text, Cites: b.cite(o.Source)})
	}
	return s
}

// triggers are the lifestyle triggers with their advice, when self-care
// fits the level. A trigger whose advice a flag works against is shown
// with the flags, as the flag's note, not here.
func (b *builder) triggers() *Section {
	s := &Section{ID: SectionTriggers, Title: TriggersTitle}
	for _, t := range b.res.Triggers {
		if !t.AdviceShown() && !b.selfCare {
			continue // its note shows with the reasons for the level
		}
		blk := Block{Kind: Item, Name: t.Name + " (" + string(t.Strength) + ")", Text: t.Why, Cites: b.cite(t.Sources...)}
		switch {
		case !b.selfCare:
		case !t.AdviceShown():
			// A note replaces the advice that would work against a
			// condition or a flag ("follow your kidney team's advice").
			for _, n := range t.AdviceNotes {
				blk.Details = append(blk.Details, Block{Kind: Warning, Text: n.Text, Cites: b.cite(n.Source)})
			}
		case t.Advice != "":
			blk.Details = []Block{{Kind: Para, Text: "What to do: " + t.Advice}}
		}
		s.Blocks = append(s.Blocks, blk)
	}
	switch {
	case len(s.Blocks) == 0:
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: NoTriggers})
	case !b.selfCare:
		s.Blocks = append([]Block{{Kind: Note, Text: TriggersLater}}, s.Blocks...)
	}
	return s
}

func (b *builder) cautions() *Section {
	if len(b.res.Cautions) == 0 {
		return nil
	}
	s := &Section{ID: SectionCautions, Title: CautionsTitle}
	for _, c := range b.res.Cautions {
		s.Blocks = append(s.Blocks, Block{Kind: Warning, Text: c.Text, Cites: b.cite(c.Source)})
	}
	return s
}

// reassurance is shown only where the result allows it (never beside
// danger: the assessment decides) and never above self-care's levels.
func (b *builder) reassurance() *Section {
	if len(b.res.Reassurance) == 0 || !b.selfCare {
		return nil
	}
	s := &Section{ID: SectionReassurance, Title: GoodToKnow}
	for _, n := range b.res.Reassurance {
		s.Blocks = append(s.Blocks, Block{Kind: Item, Text: n.Text, Cites: b.cite(n.Source)})
	}
	return s
}

// diary is the "Your diary" section, when the result carries a diary:
// what it is for, its days, the patterns (observations, never causes),
// every warning sign an entry raised, the offer of the report after two
// weeks and the line for people whom tracking makes more anxious.
func (b *builder) diary() *Section {
	d := b.opt.Diary
	if d == nil {
		return nil
	}
	win := d.Window()
	s := &Section{ID: SectionDiary, Title: DiaryHeading, Blocks: []Block{{Kind: Para, Text: DiaryPurpose}}}
	days := *d
	days.rb = b.rb
	s.Blocks = append(s.Blocks, Block{Kind: DiaryDays, Diary: &days})
	if len(win) == 0 {
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: DiaryEmpty})
	}
	for _, l := range PatternLines(win) {
		s.Blocks = append(s.Blocks, Block{Kind: Item, Text: l})
	}
	if len(b.alerts) > 0 {
		// The warning signs show under the level; here, only where.
		s.Blocks = append(s.Blocks, Block{Kind: Warning, Text: DiaryAlertsAbove})
		return s
	}
	if e := DiaryEnough(len(d.Entries), DiaryReportReady); e != "" {
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: e})
	}
	s.Blocks = append(s.Blocks, Block{Kind: Note, Text: DiaryAnxiety})
	return s
}

// fromDiary is every warning sign the diary records, right under the
// level: never only at the end, under the diary.
func (b *builder) fromDiary() *Section {
	if len(b.alerts) == 0 {
		return nil
	}
	s := &Section{ID: SectionDiaryAlerts, Title: DiaryAlertsTitle, Blocks: []Block{{Kind: Lead, Text: DiaryAlertsLead}}}
	for _, al := range b.alerts {
		blk := b.flagBlock(al.flag)
		blk.Text = DiaryDay(al.date) + ": " + blk.Text
		s.Blocks = append(s.Blocks, blk)
	}
	return s
}

// diaryOf is the first diary of extra, or nil.
func diaryOf(extra []Diary) *Diary {
	if len(extra) == 0 {
		return nil
	}
	return &extra[0]
}

func (b *builder) answers() *Section {
	rb := b.rb
	s := &Section{ID: SectionAnswers, Title: AnswersTitle}
	for i := range rb.Questions {
		q := &rb.Questions[i]
		if labels := ChosenLabels(b.a, q); labels != "" {
			s.Blocks = append(s.Blocks, Block{Kind: AnswerRow, Name: q.Short, Text: labels})
		}
	}
	if b.nothing {
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: "You answered nothing."})
	}
	if un := unanswered(b.a); len(un) > 0 {
		names := make([]string, len(un))
		for i, id := range un {
			names[i] = rb.Question(id).Short
		}
		s.Blocks = append(s.Blocks, Block{Kind: Note, Text: "Not answered (unknown, not \"no\"): " + strings.Join(names, " · ")})
	}
	return s
}

// LaterSources heads the references cited only by the details of the
// nutrients the answers do not point to.
const LaterSources = "Behind the scores your answers do not point to"

func (b *builder) references() *Section {
	shown := len(b.refs.ids)
	for _, f := range b.later {
		f()
	}
	if len(b.refs.ids) == 0 {
		return nil
	}
	s := &Section{ID: SectionReferences, Title: ReferencesTitle}
	for i, id := range b.refs.ids {
		ref := &Reference{N: i + 1, Text: id}
		if src := b.rb.Source(id); src != nil {
			ref.Text, ref.URL = SourceWords(src), src.URL
		}
		if i < shown {
			s.Blocks = append(s.Blocks, Block{Kind: ReferenceItem, Ref: ref})
		} else {
			b.doc.Later = append(b.doc.Later, Block{Kind: ReferenceItem, Ref: ref})
		}
	}
	if shown == 0 {
		return nil
	}
	return s
}

func (b *builder) disclaimer() *Section {
	return &Section{ID: SectionDisclaimer, Title: DisclaimerTitle, Blocks: []Block{{Kind: Para, Text: b.rb.Disclaimer}}}
}

// SourceWords names a source in words, each said once: its print citation
// when that holds the title (it names the journal too), or else its title,
// then its publisher unless the title already says it, then its citation.
func SourceWords(s *knowledge.Source) string {
	has := func(in, what string) bool {
		return what != "" && strings.Contains(strings.ToLower(in), strings.ToLower(strings.TrimSuffix(what, ".")))
	}
	if s.Citation != "" && has(s.Citation, s.Title) {
		return strings.TrimSuffix(s.Citation, ".") + "."
	}
	parts := []string{strings.TrimSuffix(s.Title, ".")}
	if s.Publisher != "" && !has(s.Title, s.Publisher) && !has(s.Citation, s.Publisher) {
		parts = append(parts, strings.TrimSuffix(s.Publisher, "."))
	}
	if s.Citation != "" {
		parts = append(parts, strings.TrimSuffix(s.Citation, "."))
	}
	return strings.Join(parts, ". ") + "."
}

// CiteMarks renders reference numbers as marks: "[1][3]".
func CiteMarks(ns []int) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteString("[" + strconv.Itoa(n) + "]")
	}
	return b.String()
}

// Notice is the part of a document an emergency notice shows, in the
// document's order: the level with what to do, and the reasons that set
// it.
func Notice(doc *Document) []Section {
	var out []Section
	for _, s := range doc.Sections {
		if s.ID == SectionLevel || s.ID == SectionReasons {
			out = append(out, s)
		}
	}
	return out
}
