package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestFieldTyped checks what each line typed in accessible mode does, on
// questions with and without their own "Not sure".
func TestFieldTyped(t *testing.T) {
	rb := testRules(t)
	base := answersOf(t, rb, "medications: [diuretic]\nduration: over_3_months\ndiuretic_kind: loop\n")
	for _, tc := range []struct {
		q, line string
		act     typedAction
		want    []string // the question's answer after, when act is typedAnswer
		msg     string   // part of the message, when act is typedAgain
	}{
		{"duration", "", typedLeave, nil, ""},
		{"duration", "  B ", typedBack, nil, ""},
		{"duration", "0", typedAnswer, nil, ""},
		{"duration", "2", typedAnswer, []string{"1_to_6_days"}, ""},
		{"duration", "1 2", typedAgain, nil, "just one number"},
		{"duration", "9", typedAgain, nil, "0 for not sure"},
		{"diuretic_kind", "0", typedAgain, nil, "from 1 to 5, an empty line to leave it as it is, or b"},
		{"diuretic_kind", "5", typedAnswer, []string{"not_sure"}, ""},
		{"symptoms", "2, 3", typedAnswer, []string{"cramps", "numbness_tingling"}, ""},
		{"symptoms", "1 2", typedAgain, nil, "cannot go with other answers"},
	} {
		f := field{rb.Question(tc.q).Offered()}
		next, act, msg := f.typed(base, tc.line)
		if act != tc.act {
			t.Errorf("%s %q: action %d, want %d (%s)", tc.q, tc.line, act, tc.act, msg)
			continue
		}
		switch act {
		case typedAnswer:
			if got := next.Selected(tc.q); !slices.Equal(got, tc.want) {
				t.Errorf("%s %q: %v, want %v", tc.q, tc.line, got, tc.want)
			}
		case typedAgain:
			if !strings.Contains(msg, tc.msg) || !next.Equal(base) {
				t.Errorf("%s %q: %q, want it to hold %q, answers unchanged", tc.q, tc.line, msg, tc.msg)
			}
		default:
			if !next.Equal(base) {
				t.Errorf("%s %q changed the answers", tc.q, tc.line)
			}
		}
	}
}

// TestFieldRowsAreTheSameInBothModes checks the app and accessible mode
// list a question's rows in the same order with the same words.
func TestFieldRowsAreTheSameInBothModes(t *testing.T) {
	rb := testRules(t)
	a := knowledge.NewAnswers(rb)
	for i := range rb.Questions {
		f := field{rb.Questions[i].Offered()}
		c := newCommon(testOptions(t))
		c.width, c.height = 200, 200
		app := (questionScreen{index: i, cursor: -1}).rows(&c)
		if len(app) != f.rows() {
			t.Fatalf("%s: the app shows %d rows, the field has %d", f.q.ID, len(app), f.rows())
		}
		for r := range f.rows() {
			words := f.row(a, r).label
			if !strings.HasSuffix(ansi.Strip(app[r]), " "+words) {
				t.Errorf("%s row %d: the app shows %q, want %q", f.q.ID, r, ansi.Strip(app[r]), words)
			}
			if typed := f.typedLine(a, r); !strings.HasSuffix(typed, ". "+words) {
				t.Errorf("%s row %d: accessible mode shows %q, want %q", f.q.ID, r, typed, words)
			}
		}
	}
}
