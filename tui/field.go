package tui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// field is one question as a person answers it, whatever the mode: its
// options in order, "Not sure / skip" after them, and what a choice does
// to the answers. The app (question.go) and accessible mode
// (accessible.go) both answer through it, in the manner of huh, where one
// field definition runs in both.
//
// An answer is only what the person chose: a question never answered has
// no option chosen; confirming with nothing chosen records nothing (the
// question is skipped); ticks are recorded as they are made, so they
// survive going forward, back and forward again.
//
// q is the question as offered (knowledge.Question.Offered): an option kept
// only for old files is not a row, though an answer that holds one still
// shows, by its label, in the review.
type field struct {
	q *knowledge.Question
}

// skipLabel is the last row of every question.
const skipLabel = "Not sure / skip"

// rows is the number of rows: the options and "Not sure / skip", when
// the question has it.
func (f field) rows() int {
	if f.hasSkipRow() {
		return len(f.q.Options) + 1
	}
	return len(f.q.Options)
}

// hasSkipRow reports whether "Not sure / skip" ends the rows: not when the
// question has a "Not sure" option of its own, which a second row would
// only repeat. Such a question is still skipped with tab, or with enter
// before any option is chosen.
func (f field) hasSkipRow() bool {
	for _, o := range f.q.Options {
		if o.ID == notSureID || strings.HasPrefix(strings.ToLower(strings.TrimSpace(o.Label)), notSureWords) {
			return false
		}
	}
	return true
}

// notSureID and notSureWords mark a question's own "Not sure" option.
const (
	notSureID    = "not_sure"
	notSureWords = "not sure"
)

// isSkip reports whether row is "Not sure / skip".
func (f field) isSkip(row int) bool { return f.hasSkipRow() && row == len(f.q.Options) }

// isOption reports whether row is one of the options.
func (f field) isOption(row int) bool { return row >= 0 && row < len(f.q.Options) }

// multi reports whether several options may be ticked.
func (f field) multi() bool { return f.q.Kind == knowledge.Multi }

// chosen reports whether option i is in the answers.
func (f field) chosen(a knowledge.Answers, i int) bool {
	return a.Has(f.q.ID, f.q.Options[i].ID)
}

// firstChosen is the row of the first option chosen, or -1.
func (f field) firstChosen(a knowledge.Answers) int {
	for i := range f.q.Options {
		if f.chosen(a, i) {
			return i
		}
	}
	return -1
}

// choose records option i as the answer (a single choice).
func (f field) choose(a knowledge.Answers, i int) (knowledge.Answers, error) {
	return a.With(f.q.ID, f.q.Options[i].ID)
}

// toggle ticks or unticks option i (a multiple choice). "None of these"
// excludes every other option, and ticking another clears it.
func (f field) toggle(a knowledge.Answers, i int) (knowledge.Answers, error) {
	o := f.q.Options[i].ID
	sel := a.Selected(f.q.ID)
	switch {
	case slices.Contains(sel, o):
		sel = slices.DeleteFunc(slices.Clone(sel), func(s string) bool { return s == o })
	case o == knowledge.NoneOption:
		sel = []string{o}
	default:
		sel = append(slices.DeleteFunc(slices.Clone(sel), func(s string) bool { return s == knowledge.NoneOption }), o)
	}
	return a.With(f.q.ID, sel...)
}

// clear removes the answer: "Not sure / skip".
func (f field) clear(a knowledge.Answers) knowledge.Answers { return a.Without(f.q.ID) }

// set records exactly the options opts (accessible mode types them).
func (f field) set(a knowledge.Answers, opts []int) (knowledge.Answers, error) {
	ids := make([]string, len(opts))
	for i, o := range opts {
		ids[i] = f.q.Options[o].ID
	}
	return a.With(f.q.ID, ids...)
}

// answerText is the answer in the words the person read, every option in
// full, or "" when unanswered.
func answerText(a knowledge.Answers, q *knowledge.Question) string {
	return clean(report.ChosenLabels(a, q))
}

// mark is the choice marker of option i in text: "( )", "(•)", "[ ]",
// "[x]".
func (f field) mark(a knowledge.Answers, i int) string {
	on := i < len(f.q.Options) && f.chosen(a, i)
	switch {
	case f.multi() && on:
		return "[x]"
	case f.multi():
		return "[ ]"
	case on:
		return "(•)"
	}
	return "( )"
}

// sectionTitle is the title of the question's section.
func sectionTitle(rb *knowledge.RuleBase, q *knowledge.Question) string {
	if s := rb.Section(q.Section); s != nil {
		return clean(s.Title)
	}
	return ""
}

// longList is the number of options from which the app says how to find
// one by typing.
const longList = 8

// instructions says how to answer in the app, in words; in a long list,
// how to find an option too, unless finding is under way.
func (f field) instructions(finding bool) string {
	s := "Move to your answer and press enter."
	if f.multi() {
		s = "Tick all that apply with space, then press enter; or press enter on just one."
	}
	if len(f.q.Options) >= longList && !finding {
		s += " Type / to find an option."
	}
	return s
}

// fieldRow is one row of a question as both modes show it: an option,
// or "Not sure / skip".
type fieldRow struct {
	label  string // cleaned
	help   string // cleaned; "" for none
	chosen bool
	skip   bool
}

// row is row i: its words, its help, and whether it is in the answers.
func (f field) row(a knowledge.Answers, i int) fieldRow {
	if f.isSkip(i) {
		return fieldRow{label: skipLabel, skip: true}
	}
	o := f.q.Options[i]
	return fieldRow{label: clean(o.Label), help: clean(o.Help), chosen: f.chosen(a, i)}
}

// typedNumber is what accessible mode types for row i: its number, or 0
// for "Not sure / skip".
func (f field) typedNumber(i int) int {
	if f.isSkip(i) {
		return 0
	}
	return i + 1
}

// typedLine is row i as accessible mode lists it: the number to type, its
// words, and whether it is the answer now.
func (f field) typedLine(a knowledge.Answers, i int) string {
	r := f.row(a, i)
	line := itoa(f.typedNumber(i)) + ". " + r.label
	if r.chosen {
		line += " (your answer)"
	}
	return line
}

// typedInstructions says how to answer in accessible mode, in words.
func (f field) typedInstructions() string {
	s := "Type one number."
	if f.multi() {
		s = "Type the numbers of every one that applies, separated by spaces or commas."
	}
	return s + " " + f.typedEscapes() + "."
}

// typedEscapes are the answers other than option numbers.
func (f field) typedEscapes() string {
	if f.hasSkipRow() {
		return "Empty line: leave it as it is. 0: not sure. b: back"
	}
	return "Empty line: leave it as it is. b: back"
}

// typedAction is what a line typed in accessible mode does.
type typedAction int

const (
	typedAgain  typedAction = iota // not understood: say why, ask again
	typedLeave                     // an empty line: leave the answer as it is
	typedBack                      // b: the question before
	typedAnswer                    // the answers given, or cleared with 0
)

// typed reads a line typed in accessible mode: the answers it makes, or
// what it does instead, and, when it is not understood, why in words.
func (f field) typed(a knowledge.Answers, line string) (knowledge.Answers, typedAction, string) {
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "":
		return a, typedLeave, ""
	case "b", "back":
		return a, typedBack, ""
	case "0":
		if f.hasSkipRow() {
			return f.clear(a), typedAnswer, ""
		}
	}
	opts, msg := f.parse(line)
	if msg != "" {
		return a, typedAgain, msg
	}
	next, err := f.set(a, opts)
	if err != nil {
		return a, typedAgain, "That answer is not allowed here; please try again."
	}
	return next, typedAnswer, ""
}

// parse reads the option numbers typed for the question (accessible
// mode), and says what is wrong, in the person's terms, when they cannot
// be read.
func (f field) parse(line string) ([]int, string) {
	q := f.q
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '\t' })
	n := len(q.Options)
	if len(fields) == 0 {
		return nil, "Please type a number from 1 to " + itoa(n) + "."
	}
	if q.Kind == knowledge.Single && len(fields) > 1 {
		return nil, "This question takes one answer: please type just one number."
	}
	var opts []int
	seen := map[int]bool{}
	none := q.OptionIndex(knowledge.NoneOption)
	for _, fl := range fields {
		v, err := strconv.Atoi(fl)
		if err != nil || v < 1 || v > n {
			escapes := ", an empty line to leave it as it is, 0 for not sure, or b to go back."
			if !f.hasSkipRow() {
				escapes = ", an empty line to leave it as it is, or b to go back."
			}
			return nil, "Please answer with numbers from 1 to " + itoa(n) + escapes
		}
		if !seen[v-1] {
			seen[v-1] = true
			opts = append(opts, v-1)
		}
	}
	if none >= 0 && seen[none] && len(opts) > 1 {
		return nil, "\"" + clean(q.Options[none].Label) + "\" cannot go with other answers: type it alone, or leave it out."
	}
	return opts, ""
}
