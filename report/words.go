package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// AnswerLabel returns the words a person read for an answer. A multiple
// choice answer reads well alone ("Muscle cramps"); a single choice answer
// gets its question's short name ("Greens, nuts, legumes, whole grains:
// Rarely"). Unknown ids come back as they are.
func AnswerLabel(rb *knowledge.RuleBase, ref knowledge.AnswerRef) string {
	if ref.Unanswered() {
		return UnansweredLabel(rb, ref)
	}
	if q := rb.Question(ref.Question); q != nil {
		if i := q.OptionIndex(ref.Answer); i >= 0 {
			if q.Kind == knowledge.Single {
				return q.Short + ": " + q.Options[i].Label
			}
			return q.Options[i].Label
		}
	}
	return ref.Answer
}

// UnansweredLabel says, in words, that a follow-up was not answered and
// what a red flag took it as: "Being sick: not answered, so taken as
// \"I am being sick, but drinks stay down\" to be safe".
func UnansweredLabel(rb *knowledge.RuleBase, ref knowledge.AnswerRef) string {
	name, as := ref.Question, rb.ReadAs(ref)
	if q := rb.Question(ref.Question); q != nil {
		name, as = q.Short, q.OptionLabel(as)
	}
	return name + ": not answered, so taken as \"" + as + "\" to be safe"
}

// ChosenLabels returns the labels of the options chosen for question q,
// in the rule base's order, joined with "; ", or "" when q is unanswered.
// Raw: each rendering escapes it for its medium.
func ChosenLabels(a knowledge.Answers, q *knowledge.Question) string {
	sel := a.Selected(q.ID)
	labels := make([]string, 0, len(sel))
	for _, o := range sel {
		if i := q.OptionIndex(o); i >= 0 {
			labels = append(labels, q.Options[i].Label)
		}
	}
	return strings.Join(labels, "; ")
}

// AnswerLabels joins the labels of refs with "; ".
func AnswerLabels(rb *knowledge.RuleBase, refs []knowledge.AnswerRef) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = AnswerLabel(rb, r)
	}
	return strings.Join(parts, "; ")
}

// TriageLine returns the line that heads every result, in words that need
// no colour: "Triage: SEE A DOCTOR".
func TriageLine(rb *knowledge.RuleBase, level string) string {
	return "Triage: " + strings.ToUpper(LevelLabel(rb, level))
}

// LevelLabel returns the label of a triage level.
func LevelLabel(rb *knowledge.RuleBase, level string) string {
	if l := rb.Level(level); l != nil {
		return l.Label
	}
	return level
}

// TopEvidence returns up to n pieces of evidence that moved the score most,
// largest effect first.
func TopEvidence(d knowledge.Scored, n int) []knowledge.Evidence {
	ev := append([]knowledge.Evidence(nil), d.Evidence...)
	sort.SliceStable(ev, func(i, j int) bool { return abs(ev[i].Rule.Weight) > abs(ev[j].Rule.Weight) })
	if len(ev) > n {
		ev = ev[:n]
	}
	return ev
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// Bar draws a score as a bar of width cells, in characters that read
// without colour.
func Bar(score, width int) string {
	full := (score*width + 50) / 100
	full = max(0, min(width, full))
	return strings.Repeat("█", full) + strings.Repeat("░", width-full)
}

// wrap wraps s to width, indenting every line by indent spaces. A line
// that starts with a bullet ("- ", "! ", "+ ") hangs its continuation
// lines under the text after the bullet. Addresses are never broken.
func wrap(s string, width, indent int) string {
	hang := 0
	if len(s) > 2 && s[1] == ' ' && strings.ContainsRune("-!+", rune(s[0])) {
		hang = 2
	}
	return Wrap(s, width, indent, indent+hang)
}

// signed renders points with a sign: "+12", "-4", "0".
func signed(n int) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprintf("%d", n)
}

// SkippedHeading heads a result whose emergency check was not answered,
// before anything else; SignsIntro introduces the signs it lists.
const (
	SkippedHeading = "THE EMERGENCY CHECK WAS NOT ANSWERED"
	SignsIntro     = "If any of these applies to you now, act on it:"
)

// SignLine renders one emergency sign with what to do about it.
func SignLine(s knowledge.Sign) string {
	if s.Flag == nil {
		return s.Option.Label
	}
	return s.Option.Label + ": " + s.Flag.Action
}

// FlagAnswers says what raised a flag, in the words the person read.
func FlagAnswers(rb *knowledge.RuleBase, f knowledge.Flag) string {
	if f.ID == knowledge.SkippedFlagID {
		return "the emergency check was not answered."
	}
	var given, missing []knowledge.AnswerRef
	for _, r := range f.Answers {
		if r.Unanswered() {
			missing = append(missing, r)
		} else {
			given = append(given, r)
		}
	}
	switch {
	case missing == nil:
		return "you answered " + AnswerLabels(rb, given) + "."
	case given == nil:
		return AnswerLabels(rb, missing) + "."
	}
	return "you answered " + AnswerLabels(rb, given) + "; " + AnswerLabels(rb, missing) + "."
}

// ScoreLegend says what the scores are, in words, with the bands.
func ScoreLegend(rb *knowledge.RuleBase) string {
	return fmt.Sprintf("%s Likely from %d, possible from %d.", rb.ScoreNote, rb.Bands.Likely, rb.Bands.Possible)
}

// FoodsLine renders a deficiency's foods as the result allows: as a way to
// get more, as information only, or not at all ("").
func FoodsLine(d knowledge.Scored) string {
	switch d.FoodsAs {
	case knowledge.FoodsHidden:
		return ""
	case knowledge.FoodsInfo:
		return "Foods rich in it, for information (not the fix here): " + strings.Join(d.Foods, ", ")
	}
	return "Foods rich in it: " + strings.Join(d.Foods, ", ")
}

// TooMuchNote says, above the scores, that the answers warn of too much
// of these nutrients, not too little.
func TooMuchNote(names []string) string {
	return "Your answers warn of too much " + strings.Join(names, " and ") + ", not too little (see the reasons above): do not treat a shortage of " + plainList(len(names)) + " and take no supplement of " + plainList(len(names)) + " until a doctor has checked."
}

// plainList is "it" or "them".
func plainList(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
