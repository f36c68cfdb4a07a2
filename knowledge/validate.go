package knowledge

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// label names a part of the rule base in messages. It is formatted only
// when a problem is reported, so validating a good rule base builds no
// strings.
type label struct{ format, a, b string }

func (l label) String() string {
	switch strings.Count(l.format, "%") {
	case 0:
		return l.format
	case 1:
		return fmt.Sprintf(l.format, l.a)
	default:
		return fmt.Sprintf(l.format, l.a, l.b)
	}
}

// validator checks a decoded rule base and resolves its references.
type validator struct {
	*reader
	rb    *RuleBase
	atoms int // the answers tested by every condition, in all
	// countsAs[q][o] holds the bits of the options that option o of
	// question q counts as, transitively (counts_as); nil for a question
	// without counts_as.
	countsAs [][]uint64
}

func (v *validator) validate() {
	rb := v.rb
	rb.indexIDs()
	v.uniqueIDs()
	v.sections()
	v.questions()
	v.enableWhen()
	v.levels()
	v.principles()
	for i := range rb.Deficiencies {
		v.deficiency(&rb.Deficiencies[i])
	}
	for i := range rb.Others {
		o := &rb.Others[i]
		what := label{"other cause %q", o.ID, ""}
		v.resolve(&o.When, what)
		v.sourceRef(o.Source, o.Pos, what)
	}
	for i := range rb.Triggers {
		t := &rb.Triggers[i]
		if len(t.Rules) == 0 {
			v.errorAt(t.Pos, "%s has no rules", label{"trigger %q", t.ID, ""})
		}
		for j := range t.Rules {
			tr := &t.Rules[j]
			what := label{"trigger %q rule %s", t.ID, strconv.Itoa(j + 1)}
			v.resolve(&tr.When, what)
			v.sourceRef(tr.Source, tr.Pos, what)
		}
		for j := range t.AdviceNotes {
			c := &t.AdviceNotes[j]
			what := label{"trigger %q advice note %s", t.ID, strconv.Itoa(j + 1)}
			v.resolve(&c.When, what)
			v.sourceRef(c.Source, c.Pos, what)
		}
	}
	for i := range rb.RedFlags {
		f := &rb.RedFlags[i]
		what := label{"red flag %q", f.ID, ""}
		v.resolve(&f.When, what)
		v.sourceRef(f.Source, f.Pos, what)
		if f.Level != "" && rb.LevelRank(f.Level) < 0 {
			v.errorAt(f.Pos, "%s: unknown level %q; allowed: %s", what, f.Level, strings.Join(levelIDs(rb), ", "))
		}
		for _, id := range f.TooMuch {
			if rb.Deficiency(id) == nil {
				v.errorAt(f.Pos, "%s too_much: unknown deficiency %q; allowed: %s", what, id, strings.Join(deficiencyIDs(rb), ", "))
			}
		}
	}
	for _, id := range rb.Reassurance.RequiresAnswered {
		if rb.Question(id) == nil {
			v.errorAt(rb.Reassurance.Pos, "reassurance requires_answered: unknown question %q%s", id, DidYouMean(id, rb.questionIDs()))
		}
	}
	for i := range rb.Cautions {
		c := &rb.Cautions[i]
		what := label{"caution %q", c.ID, ""}
		v.resolve(&c.When, what)
		v.sourceRef(c.Source, c.Pos, what)
	}
	v.contract()
	v.sourcesCited()
	v.totals()
}

// maxReassuranceLevel is the highest level at which reassurance may show
// (principle 4: no reassurance beside danger).
const maxReassuranceLevel = "see_doctor"

// principles checks the parts of the rule base that implement the triage
// policy's principles: the flag for a skipped emergency check (above the
// lowest level), the flag a likely deficiency raises (above the lowest
// level), and when reassurance may show (at most see_doctor; hide_when is
// a required field, checked by the reader).
func (v *validator) principles() {
	rb := v.rb
	level := func(id string, p Pos, what label) {
		if id != "" && rb.LevelRank(id) < 0 {
			v.errorAt(p, "%s: unknown level %q; allowed: %s", what, id, strings.Join(levelIDs(rb), ", "))
		}
	}
	what := label{"emergency_check skipped", "", ""}
	level(rb.Skipped.Level, rb.Skipped.Pos, what)
	if rb.Skipped.Level != "" && rb.LevelRank(rb.Skipped.Level) == 0 {
		v.errorAt(rb.Skipped.Pos, "%s: the level must be above %s: an unanswered emergency check is unknown, never \"nothing needs a doctor\"", what, rb.Levels[0].ID)
	}
	v.sourceRef(rb.Skipped.Source, rb.Skipped.Pos, what)
	what = label{"likely_flag", "", ""}
	level(rb.Likely.Level, rb.Likely.Pos, what)
	if rb.Likely.Level != "" && rb.LevelRank(rb.Likely.Level) == 0 {
		v.errorAt(rb.Likely.Pos, "%s: the level must be above %s: a likely shortage needs a blood test, so it is never \"nothing needs a doctor\"", what, rb.Levels[0].ID)
	}
	v.sourceRef(rb.Likely.Source, rb.Likely.Pos, what)
	for _, t := range []string{rb.Likely.Reason, rb.Likely.Action} {
		for rest := t; ; {
			i := strings.IndexByte(rest, '{')
			if i < 0 {
				break
			}
			j := strings.IndexByte(rest[i:], '}')
			if j < 0 {
				v.errorAt(rb.Likely.Pos, "%s: a { without its }; write {name} or {tests}", what)
				break
			}
			if p := rest[i : i+j+1]; p != "{name}" && p != "{tests}" {
				v.errorAt(rb.Likely.Pos, "%s: unknown placeholder %s; allowed: {name}, {tests}", what, p)
			}
			rest = rest[i+j+1:]
		}
	}
	v.likelySize()
	re := &rb.Reassurance
	what = label{"reassurance", "", ""}
	level(re.MaxLevel, re.Pos, what)
	if r, most := rb.LevelRank(re.MaxLevel), rb.LevelRank(maxReassuranceLevel); most >= 0 && r > most {
		v.errorAt(re.Pos, "%s: max_level %q is above %s; reassurance may show only up to %s, never beside a more serious flag", what, re.MaxLevel, maxReassuranceLevel, maxReassuranceLevel)
	}
	if re.HideWhen != nil {
		v.resolve(re.HideWhen, label{"reassurance hide_when", "", ""})
	}
	for i := range re.Notes {
		v.sourceRef(re.Notes[i].Source, re.Notes[i].Pos, label{"reassurance note", "", ""})
	}
}

// sourcesCited reports a source that nothing cites: a catalogue entry that
// no reader is ever shown is either a mistake or dead weight.
func (v *validator) sourcesCited() {
	cited := map[string]bool{}
	for _, c := range v.rb.Citations() {
		cited[c.Source] = true
	}
	for _, s := range v.rb.Sources {
		if s.ID != "" && !cited[s.ID] {
			v.errorAt(s.Pos, "source %q is never cited; cite it from a rule or remove it", s.ID)
		}
	}
}

func levelIDs(rb *RuleBase) []string {
	ids := make([]string, len(rb.Levels))
	for i, l := range rb.Levels {
		ids[i] = l.ID
	}
	return ids
}

// uniqueIDs reports an ID used twice in one namespace.
func (v *validator) uniqueIDs() {
	rb := v.rb
	check := func(kind, id string, p Pos, seen map[string]Pos) {
		if id == "" {
			return
		}
		if first, dup := seen[id]; dup {
			v.errorAt(p, "duplicate %s id %q (first defined at line %d)", kind, id, first.Line)
			return
		}
		seen[id] = p
	}
	seen := map[string]Pos{}
	for _, s := range rb.Sources {
		check("source", s.ID, s.Pos, seen)
	}
	seen = map[string]Pos{}
	for _, s := range rb.Sections {
		check("section", s.ID, s.Pos, seen)
	}
	seen = map[string]Pos{}
	for _, q := range rb.Questions {
		check("question", q.ID, q.Pos, seen)
		opts := map[string]Pos{}
		for _, o := range q.Options {
			check("option", o.ID, o.Pos, opts)
		}
	}
	seen = map[string]Pos{}
	for _, l := range rb.Levels {
		check("level", l.ID, l.Pos, seen)
	}
	seen = map[string]Pos{}
	for _, d := range rb.Deficiencies {
		check("deficiency", d.ID, d.Pos, seen)
	}
	rules := map[string]Pos{}
	for _, d := range rb.Deficiencies {
		for _, r := range d.Rules {
			check("rule", r.ID, r.Pos, rules)
		}
	}
	seen = map[string]Pos{}
	for _, t := range rb.Triggers {
		check("trigger", t.ID, t.Pos, seen)
	}
	seen = map[string]Pos{}
	for _, f := range rb.RedFlags {
		check("red flag", f.ID, f.Pos, seen)
	}
	seen = map[string]Pos{}
	for _, c := range rb.Cautions {
		check("caution", c.ID, c.Pos, seen)
	}
}

func (v *validator) sections() {
	rb := v.rb
	if len(rb.Sections) == 0 {
		v.errorAt(Pos{}, "sections: at least one section is needed")
	}
	// Questions of one section must be asked together, in section order.
	last := -1
	used := map[string]bool{}
	for _, q := range rb.Questions {
		si := -1
		for i, s := range rb.Sections {
			if s.ID == q.Section {
				si = i
			}
		}
		if si < 0 {
			if q.Section != "" {
				v.errorAt(q.Pos, "question %q: unknown section %q; sections: %s", q.ID, q.Section, strings.Join(sectionIDs(rb), ", "))
			}
			continue
		}
		if si < last || (si != last && used[q.Section]) {
			v.errorAt(q.Pos, "question %q is in section %q, but the questions of a section must follow each other in the order of sections", q.ID, q.Section)
		}
		used[q.Section] = true
		last = si
	}
	for _, s := range rb.Sections {
		if !used[s.ID] {
			v.errorAt(s.Pos, "section %q has no questions", s.ID)
		}
	}
}

func sectionIDs(rb *RuleBase) []string {
	ids := make([]string, len(rb.Sections))
	for i, s := range rb.Sections {
		ids[i] = s.ID
	}
	return ids
}

func (v *validator) questions() {
	rb := v.rb
	for i := range rb.Questions {
		q := &rb.Questions[i]
		if contains(reserved, q.ID) {
			v.errorAt(q.Pos, "question id %q is reserved for conditions; choose another id", q.ID)
		}
		if len(q.Options) > maxOptions {
			v.errorAt(q.Pos, "question %q has %d options; at most %d are allowed", q.ID, len(q.Options), maxOptions)
		}
		if len(q.Options) < 2 && !(q.Kind == Multi && len(q.Options) == 1) {
			v.errorAt(q.Pos, "question %q needs at least two options", q.ID)
		}
		v.oldOptions(q)
		v.readsAs(q)
	}
	v.countsAs = make([][]uint64, len(rb.Questions))
	for i := range rb.Questions {
		v.countsAs[i] = v.countsAsClosure(&rb.Questions[i])
	}
	if len(rb.Questions) > 0 && rb.Questions[0].ID != FirstQuestion {
		v.errorAt(rb.Questions[0].Pos, "the first question must be %q (the emergency screen), not %q", FirstQuestion, rb.Questions[0].ID)
	}
}

// UnansweredAnswer is the Answer of an AnswerRef that names a follow-up
// asked but not answered, which red flags read as its unanswered_reads_as
// (Question.UnansweredReadsAs). No option may have this id.
const UnansweredAnswer = "unanswered"

// oldOptions checks the options kept for old files and the ids an option
// may not have: a kept option says what it is read as (counts_as), and at
// least one option (two for a single choice) is still offered.
func (v *validator) oldOptions(q *Question) {
	offered := 0
	for i := range q.Options {
		o := &q.Options[i]
		if o.ID == UnansweredAnswer {
			v.errorAt(o.Pos, "question %q: option id %q is reserved (results name it for a follow-up that was not answered); choose another id", q.ID, o.ID)
		}
		if !o.KeptForOldFiles {
			offered++
			continue
		}
		switch {
		case o.ID == NoneOption && q.Kind == Multi:
			v.errorAt(o.Pos, "question %q: option %q cannot be kept_for_old_files: people answering need it", q.ID, o.ID)
		case len(o.CountsAs) == 0:
			v.errorAt(o.Pos, "question %q: option %q is kept_for_old_files, so old files still give it, but nothing says how it is read: give it counts_as: [the options that replace it]", q.ID, o.ID)
		}
	}
	if need := 2 - btoi(q.Kind == Multi); len(q.Options) > 0 && offered < need {
		v.errorAt(q.Pos, "question %q offers %d options once those kept_for_old_files are hidden; it needs at least %d", q.ID, offered, need)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// readsAs checks unanswered_reads_as: only a follow-up (a question with
// an enable_when) may have one, and it names an option that is offered.
func (v *validator) readsAs(q *Question) {
	id := q.UnansweredReadsAs
	if id == "" {
		return
	}
	p := q.readsAsPos
	if p == (Pos{}) {
		p = q.Pos
	}
	i := q.OptionIndex(id)
	switch {
	case q.EnableWhen == nil:
		v.errorAt(p, "question %q: unanswered_reads_as is only for a follow-up question (one with an enable_when): a question always asked and left unanswered is unknown", q.ID)
	case i < 0:
		v.errorAt(p, "question %q: unanswered_reads_as names %q, which is not one of its options; allowed: %s", q.ID, id, strings.Join(q.OptionIDs(), ", "))
	case id == NoneOption && q.Kind == Multi:
		v.errorAt(p, "question %q: unanswered_reads_as cannot be %q: an unanswered follow-up is read on the safe side, never as none", q.ID, id)
	case q.Options[i].KeptForOldFiles:
		v.errorAt(p, "question %q: unanswered_reads_as names %q, which is kept_for_old_files; name an option that is offered", q.ID, id)
	}
}

// countsAsClosure checks the counts_as of q's options (options of q, not
// the option itself, not "none", no cycle) and returns, per option, the
// bits of every option it counts as, directly or through another; nil
// when no option of q has counts_as (compile.go).
func (v *validator) countsAsClosure(q *Question) []uint64 {
	for oi := range q.Options {
		o := &q.Options[oi]
		if len(o.CountsAs) == 0 {
			continue
		}
		p := o.countsAsPos
		if p == (Pos{}) {
			p = o.Pos
		}
		if o.ID == NoneOption && q.Kind == Multi {
			v.errorAt(p, "question %q: option %q cannot count as another option: it excludes every other", q.ID, o.ID)
			continue
		}
		var listed uint64
		for _, id := range o.CountsAs {
			j := q.OptionIndex(id)
			switch {
			case j < 0:
				v.errorAt(p, "question %q: option %q counts_as %q, which is not an option of %q; allowed: %s", q.ID, o.ID, id, q.ID, strings.Join(q.OptionIDs(), ", "))
			case j == oi:
				v.errorAt(p, "question %q: option %q counts_as itself; list only other options", q.ID, o.ID)
			case q.Options[j].ID == NoneOption && q.Kind == Multi:
				v.errorAt(p, "question %q: option %q cannot count as %q", q.ID, o.ID, id)
			case listed&(1<<j) != 0:
				v.errorAt(p, "question %q: option %q lists %q twice in counts_as", q.ID, o.ID, id)
			case j < 64 && oi < 64:
				listed |= 1 << j
			}
		}
	}
	return countsAsClosure(q, directCountsAs(q), func(path []int, j int) {
		names := []string{}
		for _, x := range path {
			names = append(names, q.Options[x].ID)
		}
		names = append(names, q.Options[j].ID)
		o := &q.Options[j]
		p := o.countsAsPos
		if p == (Pos{}) {
			p = o.Pos
		}
		v.errorAt(p, "question %q: counts_as forms a cycle: %s; an option may count as others, which may not count back", q.ID, strings.Join(names, " → "))
	})
}

// enableWhen checks conditional questions: references resolve, they point
// only at earlier questions, they form no cycle, and they can be met.
func (v *validator) enableWhen() {
	rb := v.rb
	cyclic := v.cycles()
	shown := make([]bool, len(rb.Questions))
	for i := range rb.Questions {
		q := &rb.Questions[i]
		shown[i] = true
		if q.EnableWhen == nil {
			continue
		}
		what := label{"question %q enable_when", q.ID, ""}
		if !v.resolve(q.EnableWhen, what) {
			continue
		}
		if cyclic[i] {
			shown[i] = false
			continue
		}
		ok := true
		for _, ref := range q.EnableWhen.Questions(nil) {
			j := rb.QuestionIndex(ref)
			if j >= i {
				v.errorAt(q.EnableWhen.Pos, "%s refers to %q, which is asked later; it may only refer to earlier questions", what, ref)
				ok = false
			} else if !shown[j] {
				v.errorAt(q.EnableWhen.Pos, "question %q can never be shown: it depends on %q, which can never be shown", q.ID, ref)
				ok = false
			}
		}
		if ok && !satisfiable(rb, v.countsAs, q.EnableWhen) {
			v.errorAt(q.EnableWhen.Pos, "question %q can never be shown: no answers can make its enable_when (%s) true", q.ID, q.EnableWhen)
			ok = false
		}
		shown[i] = ok
	}
}

// cycles reports every enable_when cycle once and returns the questions on
// one.
func (v *validator) cycles() []bool {
	rb := v.rb
	n := len(rb.Questions)
	edges := make([][]int, n)
	for i, q := range rb.Questions {
		if q.EnableWhen == nil {
			continue
		}
		for _, ref := range q.EnableWhen.Questions(nil) {
			if j := rb.QuestionIndex(ref); j >= 0 {
				edges[i] = append(edges[i], j)
			}
		}
	}
	onCycle := make([]bool, n)
	state := make([]uint8, n) // 0 new, 1 on stack, 2 done
	var stack []int
	var visit func(i int)
	visit = func(i int) {
		state[i] = 1
		stack = append(stack, i)
		for _, j := range edges[i] {
			switch state[j] {
			case 0:
				visit(j)
			case 1:
				// Found a cycle: the stack from j to i.
				k := len(stack) - 1
				for stack[k] != j {
					k--
				}
				names := []string{}
				for _, x := range stack[k:] {
					onCycle[x] = true
					names = append(names, rb.Questions[x].ID)
				}
				names = append(names, rb.Questions[j].ID)
				q := rb.Questions[j]
				v.errorAt(q.EnableWhen.Pos, "enable_when forms a cycle: %s", strings.Join(names, " → "))
			}
		}
		stack = stack[:len(stack)-1]
		state[i] = 2
	}
	for i := 0; i < n; i++ {
		if state[i] == 0 {
			visit(i)
		}
	}
	return onCycle
}

// satisfiable reports whether some answers make c true. Conditions are
// monotone in the options selected except through the exclusive "none", so
// it is enough to try, for each multi-choice question c refers to, "none"
// and all other options at once, and for each single-choice question each
// option c names plus one it does not name. Past maxSatStates combinations
// it assumes the condition can be met (conditions are small, so real rule
// bases stay far below it). countsAs is what countsAsOf returns.
func satisfiable(rb *RuleBase, countsAs [][]uint64, c *Cond) bool {
	compiled, ok := compileOne(rb, countsAs, c)
	if !ok {
		return true // reported elsewhere
	}
	refs := uniq(c.Questions(nil))
	states := make([][]uint64, len(refs))
	total := 1
	for i, ref := range refs {
		q := rb.Question(ref)
		if q == nil {
			return true // reported elsewhere
		}
		if q.Kind == Multi {
			none := q.noneMask()
			all := (uint64(1)<<len(q.Options) - 1) &^ none
			states[i] = []uint64{all}
			if none != 0 {
				states[i] = append(states[i], none)
			}
		} else {
			named := compiled.optionsNamed(int32(rb.QuestionIndex(ref)))
			other := false
			for o := range q.Options {
				switch {
				case named&(1<<o) != 0:
					states[i] = append(states[i], 1<<o)
				case !other:
					states[i] = append(states[i], 1<<o)
					other = true
				}
			}
		}
		total *= len(states[i])
		if total > maxSatStates {
			return true
		}
	}
	sel := make([]uint64, len(rb.Questions))
	for n := 0; n < total; n++ {
		k := n
		for i, ref := range refs {
			sel[rb.QuestionIndex(ref)] = states[i][k%len(states[i])]
			k /= len(states[i])
		}
		if compiled.holds(sel) {
			return true
		}
	}
	return false
}

// maxSatStates bounds the combinations satisfiable tries.
const maxSatStates = 1 << 12

// optionsNamed returns the bits of the options of question q that c names
// (with those that count as one of them).
func (c *node) optionsNamed(q int32) uint64 {
	switch c.op {
	case OpAnswer:
		if c.q == q {
			return c.mask
		}
	case OpAny, OpAll:
		var m uint64
		for i := range c.subs {
			m |= c.subs[i].optionsNamed(q)
		}
		return m
	}
	return 0
}

// atoms counts the answers and counts a condition tests.
func (c *Cond) atoms() int {
	switch c.Op {
	case OpAnswer, OpCount:
		return 1
	}
	n := 0
	for i := range c.Subs {
		n += c.Subs[i].atoms()
	}
	return n
}

func uniq(s []string) []string {
	out := s[:0]
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// noneMask is the bit of the exclusive "none" option, or 0.
func (q *Question) noneMask() uint64 {
	if q.Kind != Multi {
		return 0
	}
	if i := q.OptionIndex(NoneOption); i >= 0 {
		return 1 << i
	}
	return 0
}

// resolve checks a condition's size and references and fills in its
// indexes. It reports whether everything resolved.
func (v *validator) resolve(c *Cond, what label) bool {
	if !v.condSize(c, what) {
		return false
	}
	return v.resolveRefs(c, what)
}

// resolveRefs resolves the references of c and its parts.
func (v *validator) resolveRefs(c *Cond, what label) bool {
	rb := v.rb
	switch c.Op {
	case OpAny, OpAll:
		ok := true
		for i := range c.Subs {
			ok = v.resolveRefs(&c.Subs[i], what) && ok
		}
		return ok
	case OpAnswer, OpCount:
		q := rb.Question(c.Question)
		if q == nil {
			if c.Question != "" {
				v.errorAt(c.Pos, "%s: unknown question %q", what, c.Question)
			}
			return false
		}
		if c.Op == OpCount {
			if q.Kind != Multi {
				v.errorAt(c.Pos, "%s: count needs a multi-choice question; %q is single choice", what, c.Question)
				return false
			}
			return true
		}
		ok := len(c.Options) > 0
		seen := uint64(0)
		for _, o := range c.Options {
			i := q.OptionIndex(o)
			if i < 0 {
				v.errorAt(c.Pos, "%s: question %q has no option %q; allowed: %s", what, c.Question, o, strings.Join(q.OptionIDs(), ", "))
				ok = false
				continue
			}
			if seen&(1<<i) != 0 {
				v.errorAt(c.Pos, "%s: option %q of %q is listed twice", what, o, c.Question)
			}
			if opt := &q.Options[i]; opt.KeptForOldFiles {
				v.errorAt(c.Pos, "%s: option %q of %q is kept_for_old_files, so nobody answering today can give it; name the options it counts as (%s), which hold for it too", what, o, c.Question, strings.Join(opt.CountsAs, ", "))
			}
			seen |= 1 << i
		}
		// An option that counts as one named holds the condition too:
		// compiling folds it into the mask, so assessing costs nothing
		// more, while the answers a result names stay the options chosen.
		return ok
	}
	return false
}

// sourceRef checks that a cited source exists. A rule without a source is
// reported by the reader as a missing field.
func (v *validator) sourceRef(id string, p Pos, what label) {
	if id == "" {
		return
	}
	if v.rb.Source(id) == nil {
		v.errorAt(p, "%s cites unknown source %q; add it to sources", what, id)
	}
}

func (v *validator) levels() {
	rb := v.rb
	got := levelIDs(rb)
	if strings.Join(got, ",") != strings.Join(contractLevels, ",") {
		v.errorAt(Pos{Line: 1, Col: 1}, "levels must be exactly %s, lowest first; got %s", strings.Join(contractLevels, ", "), strings.Join(got, ", "))
	}
}

func (v *validator) deficiency(d *Deficiency) {
	what := label{"deficiency %q", d.ID, ""}
	for _, s := range d.Sources {
		v.sourceRef(s, d.Pos, what)
	}
	for name, list := range map[string][]string{"tests": d.Tests, "foods": d.Foods, "symptoms": d.Symptoms} {
		if len(list) == 0 {
			v.errorAt(d.Pos, "%s needs at least one entry in %s", what, name)
		}
	}
	if len(d.Rules) == 0 {
		v.errorAt(d.Pos, "%s has no rules", what)
	}
	for i := range d.Rules {
		r := &d.Rules[i]
		rw := label{"deficiency %q rule %q", d.ID, r.ID}
		v.resolve(&r.When, rw)
		v.sourceRef(r.Source, r.Pos, rw)
	}
	for i := range d.FoodNotes {
		c := &d.FoodNotes[i]
		cw := label{"deficiency %q food note %s", d.ID, strconv.Itoa(i + 1)}
		v.resolve(&c.When, cw)
		v.sourceRef(c.Source, c.Pos, cw)
	}
	for i := range d.Causes {
		v.sourceRef(d.Causes[i].Source, d.Causes[i].Pos, label{"deficiency %q cause %s", d.ID, strconv.Itoa(i + 1)})
	}
}

// contract checks that every question, option, deficiency and trigger of
// the answers contract is present.
func (v *validator) contract() {
	rb := v.rb
	at := Pos{Line: 1, Col: 1}
	for _, cq := range contractQuestions {
		q := rb.Question(cq.ID)
		if q == nil {
			v.errorAt(at, "contract question %q is missing", cq.ID)
			continue
		}
		if q.Kind != "" && q.Kind != cq.Kind {
			v.errorAt(q.Pos, "contract question %q must be %s choice, not %s", cq.ID, cq.Kind, q.Kind)
		}
		for _, o := range cq.Options {
			if q.OptionIndex(o) < 0 {
				v.errorAt(q.Pos, "contract option %q of question %q is missing", o, cq.ID)
			}
		}
		v.askedWhen(q, cq)
		v.contractOld(q)
	}
	for _, id := range contractDeficiencies {
		if rb.Deficiency(id) == nil {
			v.errorAt(at, "contract deficiency %q is missing", id)
		}
	}
	for _, id := range contractTriggers {
		found := false
		for _, t := range rb.Triggers {
			found = found || t.ID == id
		}
		if !found {
			v.errorAt(at, "contract trigger %q is missing", id)
		}
	}
}

// contractOld checks what the contract fixes about old and overlapping
// answers and unanswered follow-ups: the options kept for old files are
// kept, every counts_as of the contract is there (directly or through
// another option), and a follow-up read on the safe side is read so.
func (v *validator) contractOld(q *Question) {
	qi := v.rb.QuestionIndex(q.ID)
	for _, id := range contractKept()[q.ID] {
		if i := q.OptionIndex(id); i >= 0 && !q.Options[i].KeptForOldFiles {
			v.errorAt(q.Options[i].Pos, "contract option %q of question %q is kept for old files: mark it kept_for_old_files: true, so it is accepted but not offered", id, q.ID)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(contractCountsAs()[q.ID])) {
		want := contractCountsAs()[q.ID][id]
		i := q.OptionIndex(id)
		if i < 0 {
			continue // reported as a missing contract option
		}
		var got uint64
		if qi < len(v.countsAs) && v.countsAs[qi] != nil {
			got = v.countsAs[qi][i]
		}
		var missing []string
		for _, w := range want {
			if j := q.OptionIndex(w); j >= 0 && got&(1<<j) == 0 {
				missing = append(missing, w)
			}
		}
		if missing != nil {
			v.errorAt(q.Options[i].Pos, "contract option %q of question %q counts as %s in every rule: give it counts_as: [%s]", id, q.ID, strings.Join(want, ", "), strings.Join(want, ", "))
		}
	}
	if want, ok := contractReadsAs()[q.ID]; ok && q.UnansweredReadsAs != want {
		v.errorAt(q.Pos, "contract question %q, asked but unanswered, is read by red flags as %q (the safe side): give it unanswered_reads_as: %s", q.ID, want, want)
	}
}

// askedWhen checks that a question is asked when the contract says: a
// follow-up is shown for each of its answers alone and not without them;
// any other question has no enable_when.
func (v *validator) askedWhen(q *Question, cq ContractQuestion) {
	rb := v.rb
	if cq.AskedWhen == nil {
		if q.EnableWhen != nil {
			v.errorAt(q.Pos, "contract question %q is always asked; remove its enable_when", cq.ID)
		}
		return
	}
	want := make([]string, len(cq.AskedWhen))
	for i, ref := range cq.AskedWhen {
		want[i] = ref.Question + ": " + ref.Answer
	}
	if q.EnableWhen == nil {
		v.errorAt(q.Pos, "contract question %q is a follow-up: give it an enable_when that holds for %s", cq.ID, strings.Join(want, " or "))
		return
	}
	when, ok := compileOne(rb, v.countsAs, q.EnableWhen)
	if !ok {
		return // reported as an unknown question
	}
	sel := make([]uint64, len(rb.Questions))
	if when.holds(sel) {
		v.errorAt(q.EnableWhen.Pos, "contract question %q is a follow-up, but its enable_when holds with nothing answered", cq.ID)
	}
	for i, ref := range cq.AskedWhen {
		qi := rb.QuestionIndex(ref.Question)
		if qi < 0 {
			continue // reported as a missing contract question
		}
		o := rb.Questions[qi].OptionIndex(ref.Answer)
		if o < 0 {
			continue
		}
		clear(sel)
		sel[qi] = 1 << o
		if !when.holds(sel) {
			v.errorAt(q.EnableWhen.Pos, "contract question %q must be asked when %s, but its enable_when (%s) does not hold then", cq.ID, want[i], q.EnableWhen)
		}
	}
}

// deficiencyIDs are the ids of the rule base's deficiencies, for messages.
func deficiencyIDs(rb *RuleBase) []string {
	out := make([]string, len(rb.Deficiencies))
	for i := range rb.Deficiencies {
		out[i] = rb.Deficiencies[i].ID
	}
	return out
}
