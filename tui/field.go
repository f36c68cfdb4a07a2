package tui

import (
	"slices"

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

// rows is the number of rows: the options and "Not sure / skip".
func (f field) rows() int { return len(f.q.Options) + 1 }

// skipRow is the row of "Not sure / skip".
func (f field) skipRow() int { return len(f.q.Options) }

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

// instructions says how to answer, in words, for both modes.
func (f field) instructions() string {
	if f.multi() {
		return "Tick all that apply with space, then press enter."
	}
	return "Move to your answer and press enter."
}
