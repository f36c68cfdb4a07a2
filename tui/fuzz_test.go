package tui

import (
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// FuzzParseChoice fuzzes the accessible mode's answer parser: it never
// panics, and what it accepts is a valid answer to the question.
func FuzzParseChoice(f *testing.F) {
	for _, s := range []string{"1", "1 2", "1,2,3", "0", "99", "-1", "a", "", " ", "1;;2", "2 2", "1,11", "９", "1\x00"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	rb := ruleBase(f)
	multi, single := rb.Question("symptoms"), rb.Question("duration")
	f.Fuzz(func(t *testing.T, line string, isMulti bool) {
		q := single
		if isMulti {
			q = multi
		}
		opts, msg := parseChoice(q, line)
		if msg != "" {
			if opts != nil {
				t.Fatalf("%q: options %v with a message %q", line, opts, msg)
			}
			return
		}
		if q.Kind == knowledge.Single && len(opts) > 1 {
			t.Fatalf("%q: %d options for a single-choice question", line, len(opts))
		}
		for _, o := range opts {
			if q.OptionIndex(o) < 0 {
				t.Fatalf("%q: unknown option %q", line, o)
			}
		}
	})
}
