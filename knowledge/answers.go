package knowledge

import (
	"fmt"
	"math/bits"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Answers are one person's answers to the questions of a rule base. A
// question that is absent is unknown: it is never read as "no" or as any
// default. Answers are immutable: With and Without return changed copies,
// so a value can be shared freely (as bubbletea models are copied).
type Answers struct {
	rb  *RuleBase
	sel []uint64 // per question, a bitmask of selected options; 0 = unanswered
}

// NewAnswers returns empty answers for rb.
func NewAnswers(rb *RuleBase) Answers {
	return Answers{rb: rb, sel: make([]uint64, len(rb.Questions))}
}

// RuleBase returns the rule base the answers belong to.
func (a Answers) RuleBase() *RuleBase { return a.rb }

// Count returns how many questions are answered.
func (a Answers) Count() int {
	n := 0
	for _, m := range a.sel {
		if m != 0 {
			n++
		}
	}
	return n
}

// IsAnswered reports whether question qid has an answer.
func (a Answers) IsAnswered(qid string) bool {
	i := a.rb.QuestionIndex(qid)
	return i >= 0 && a.sel[i] != 0
}

// Selected returns the options chosen for qid, in the question's order, or
// nil when it is unanswered.
func (a Answers) Selected(qid string) []string {
	i := a.rb.QuestionIndex(qid)
	if i < 0 || a.sel[i] == 0 {
		return nil
	}
	return a.selectedAt(i)
}

func (a Answers) selectedAt(i int) []string {
	q := &a.rb.Questions[i]
	out := make([]string, 0, bits.OnesCount64(a.sel[i]))
	for m := a.sel[i]; m != 0; m &= m - 1 {
		out = append(out, q.Options[bits.TrailingZeros64(m)].ID)
	}
	return out
}

// Has reports whether option opt of question qid is selected.
func (a Answers) Has(qid, opt string) bool {
	i := a.rb.QuestionIndex(qid)
	if i < 0 {
		return false
	}
	o := a.rb.Questions[i].OptionIndex(opt)
	return o >= 0 && a.sel[i]&(1<<o) != 0
}

// Refs lists every selected answer in question order.
func (a Answers) Refs() []AnswerRef {
	var out []AnswerRef
	for i, m := range a.sel {
		if m == 0 {
			continue
		}
		for _, o := range a.selectedAt(i) {
			out = append(out, AnswerRef{Question: a.rb.Questions[i].ID, Answer: o})
		}
	}
	return out
}

// Equal reports whether a and b hold the same answers.
func (a Answers) Equal(b Answers) bool {
	if len(a.sel) != len(b.sel) {
		return false
	}
	for i := range a.sel {
		if a.sel[i] != b.sel[i] {
			return false
		}
	}
	return true
}

// With returns a copy of a where question qid is answered with opts. No
// options means unanswered. The error names the question and lists the
// allowed options.
func (a Answers) With(qid string, opts ...string) (Answers, error) {
	i := a.rb.QuestionIndex(qid)
	if i < 0 {
		return a, fmt.Errorf("unknown question %q%s; known questions: %s", qid, DidYouMean(qid, a.rb.questionIDs()), strings.Join(a.rb.questionIDs(), ", "))
	}
	q := &a.rb.Questions[i]
	if len(opts) > 1 && q.Kind == Single {
		return a, fmt.Errorf("question %q takes one answer, but %d were given; allowed: %s", qid, len(opts), strings.Join(q.OptionIDs(), ", "))
	}
	var m uint64
	for _, o := range opts {
		bit, msg := optionBit(q, o, m)
		if msg != "" {
			return a, fmt.Errorf("%s", msg)
		}
		m |= bit
	}
	if msg := noneAlone(q, m); msg != "" {
		return a, fmt.Errorf("%s", msg)
	}
	b := a.clone()
	b.sel[i] = m
	return b, nil
}

// Without returns a copy of a with question qid unanswered.
func (a Answers) Without(qid string) Answers {
	i := a.rb.QuestionIndex(qid)
	if i < 0 || a.sel[i] == 0 {
		return a
	}
	b := a.clone()
	b.sel[i] = 0
	return b
}

func (a Answers) clone() Answers {
	return Answers{rb: a.rb, sel: append([]uint64(nil), a.sel...)}
}

// optionBit checks option o of q and returns its bit, or a message.
func optionBit(q *Question, o string, have uint64) (uint64, string) {
	i := q.OptionIndex(o)
	if i < 0 {
		return 0, fmt.Sprintf("question %q: unknown option %q%s; allowed: %s", q.ID, o, DidYouMean(o, q.OptionIDs()), strings.Join(q.OptionIDs(), ", "))
	}
	if have&(1<<i) != 0 {
		return 0, fmt.Sprintf("question %q: option %q is given twice; allowed: %s", q.ID, o, strings.Join(q.OptionIDs(), ", "))
	}
	return 1 << i, ""
}

// noneAlone checks that "none" is not combined with another option.
func noneAlone(q *Question, m uint64) string {
	if none := q.noneMask(); none != 0 && m&none != 0 && m != none {
		return fmt.Sprintf("question %q: %q cannot be combined with other options; allowed: %s (%s only on its own)", q.ID, NoneOption, strings.Join(q.OptionIDs(), ", "), NoneOption)
	}
	return ""
}

// Shown reports whether question i is shown for these answers: it has no
// enable_when, or its enable_when holds.
func (a Answers) Shown(i int) bool {
	c := a.rb.conds.enable[i]
	return c == nil || c.holds(a.sel)
}

// Visible returns the indexes of the questions shown for these answers, in
// order.
func (a Answers) Visible() []int {
	out := make([]int, 0, len(a.sel))
	for i := range a.sel {
		if a.Shown(i) {
			out = append(out, i)
		}
	}
	return out
}

// Pruned returns a copy of a without answers to questions that are not
// shown. Since enable_when only refers to earlier questions, one pass in
// order settles every chain of follow-ups.
func (a Answers) Pruned() Answers {
	b := a
	copied := false
	for i := range b.sel {
		if b.sel[i] != 0 && !b.Shown(i) {
			if !copied {
				b = b.clone()
				copied = true
			}
			b.sel[i] = 0
		}
	}
	return b
}

// Ignored lists the answers to follow-up questions that are not asked for
// these answers (their enable_when does not hold), in question order.
// Assess leaves them out; callers warn about them with FollowUpWarning.
func (a Answers) Ignored() []AnswerRef {
	var out []AnswerRef
	p := a.Pruned()
	for _, ref := range a.Refs() {
		if !p.Has(ref.Question, ref.Answer) {
			out = append(out, ref)
		}
	}
	return out
}

// FollowUpWarning is the warning about an answer Ignored lists, for a
// file's author: FollowUpNote, with the ids of the answer in front, as
// `assess` prints it.
func FollowUpWarning(rb *RuleBase, ref AnswerRef) string {
	return fmt.Sprintf("ignoring %s: %s: %s", ref.Question, ref.Answer, FollowUpNote(rb, ref))
}

// FollowUpNote says, in the words the person read, why an answer Ignored
// lists does not count: the same note wherever answers are read, in the
// app without ids.
func FollowUpNote(rb *RuleBase, ref AnswerRef) string {
	q := rb.Question(ref.Question)
	if q == nil || q.EnableWhen == nil {
		return fmt.Sprintf("the answer %q to %q is not counted", ref.Answer, ref.Question)
	}
	label := ref.Answer
	if i := q.OptionIndex(ref.Answer); i >= 0 {
		label = q.Options[i].Label
	}
	return fmt.Sprintf("%q (%s) is not counted, since that question is only asked when %s",
		q.Short, label, DescribeCond(rb, q.EnableWhen))
}

// Rebase maps the answers onto another rule base by IDs, as when a rule
// file is reloaded. Answers the new base cannot hold are reported.
func (a Answers) Rebase(rb *RuleBase) (Answers, error) {
	b := NewAnswers(rb)
	var probs []string
	for i, m := range a.sel {
		if m == 0 {
			continue
		}
		nb, err := b.With(a.rb.Questions[i].ID, a.selectedAt(i)...)
		if err != nil {
			probs = append(probs, err.Error())
			continue
		}
		b = nb
	}
	if probs != nil {
		return b, fmt.Errorf("some answers do not fit the new rule base: %s", strings.Join(probs, "; "))
	}
	return b, nil
}

func (rb *RuleBase) questionIDs() []string {
	ids := make([]string, len(rb.Questions))
	for i, q := range rb.Questions {
		ids[i] = q.ID
	}
	return ids
}

// ParseAnswers reads answers (YAML, or JSON, which is YAML) for rb. name is
// used in messages. On bad input the error is Problems, naming each bad
// question and the options it allows.
func ParseAnswers(rb *RuleBase, name string, data []byte) (Answers, error) {
	r := &reader{file: name}
	root := r.parse(data, MaxAnswersBytes, "answers")
	if root == nil {
		return Answers{}, r.problems()
	}
	a := r.answers(rb, root)
	if len(r.probs) > 0 {
		return Answers{}, r.problems()
	}
	return a, nil
}

// ReadAnswersFile reads and parses the answers file at path.
func ReadAnswersFile(rb *RuleBase, path string) (Answers, error) {
	data, err := ReadFileLimited(path, MaxAnswersBytes)
	if err != nil {
		return Answers{}, err
	}
	return ParseAnswers(rb, path, data)
}

// answers reads a mapping from question id to answer.
func (r *reader) answers(rb *RuleBase, n *yaml.Node) Answers {
	a := NewAnswers(rb)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return a
	}
	fields, ok := r.pairs(n, "answers")
	if !ok {
		return a
	}
	for _, f := range fields {
		i := rb.QuestionIndex(f.key.Value)
		if i < 0 {
			r.errorf(f.key, "unknown question %q%s; known questions: %s", f.key.Value, suggestion{f.key.Value, rb.questionIDs}, strings.Join(rb.questionIDs(), ", "))
			continue
		}
		q := &rb.Questions[i]
		a.sel[i] = r.answer(q, f.value)
	}
	return a
}

// answer reads the answer to one question. Null or an empty list means
// unanswered.
func (r *reader) answer(q *Question, v *yaml.Node) uint64 {
	allowed := strings.Join(q.OptionIDs(), ", ")
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return 0
		}
		bit, msg := optionBit(q, scalarOption(q, v), 0)
		if msg != "" {
			r.errorf(v, "%s", msg)
		}
		return bit
	case yaml.SequenceNode:
		if q.Kind == Single && len(v.Content) > 0 {
			r.errorf(v, "question %q takes one answer, but a list was given; allowed: %s", q.ID, allowed)
			return 0
		}
		var m uint64
		for _, it := range v.Content {
			if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
				r.errorf(it, "question %q: each answer must be an option id, got %s; allowed: %s", q.ID, kindName(it), allowed)
				continue
			}
			bit, msg := optionBit(q, scalarOption(q, it), m)
			if msg != "" {
				r.errorf(it, "%s", msg)
			}
			m |= bit
		}
		if msg := noneAlone(q, m); msg != "" {
			r.errorf(v, "%s", msg)
			return 0
		}
		return m
	default:
		r.errorf(v, "question %q: the answer must be an option id or a list of them, got %s; allowed: %s", q.ID, kindName(v), allowed)
		return 0
	}
}

// scalarOption reads a scalar as an option id. A YAML or JSON boolean is
// read as "yes" or "no" when the question offers those options, since
// YAML 1.1 readers and JSON writers turn yes/no into booleans.
func scalarOption(q *Question, v *yaml.Node) string {
	if v.Tag == "!!bool" {
		yes, no := q.OptionIndex("yes") >= 0, q.OptionIndex("no") >= 0
		switch strings.ToLower(v.Value) {
		case "true":
			if yes {
				return "yes"
			}
		case "false":
			if no {
				return "no"
			}
		}
	}
	return strings.TrimSpace(v.Value)
}

// YAML renders the answers as an answers file that ParseAnswers reads back
// to the same answers: one line per answered question, in question order.
func (a Answers) YAML() []byte {
	var b strings.Builder
	for i, m := range a.sel {
		if m == 0 {
			continue
		}
		q := &a.rb.Questions[i]
		b.WriteString(q.ID)
		b.WriteString(": ")
		opts := a.selectedAt(i)
		if q.Kind == Multi {
			b.WriteByte('[')
			for j, o := range opts {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(yamlScalar(o))
			}
			b.WriteByte(']')
		} else {
			b.WriteString(yamlScalar(opts[0]))
		}
		b.WriteByte('\n')
	}
	if b.Len() == 0 {
		return []byte("{}\n")
	}
	return []byte(b.String())
}

// yamlScalar quotes an option id that a YAML reader could take for a
// number or a boolean.
func yamlScalar(s string) string {
	switch strings.ToLower(s) {
	case "yes", "no", "y", "n", "on", "off", "true", "false", "null", "~":
		return `"` + s + `"`
	}
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		return `"` + s + `"`
	}
	return s
}
