package formats

import (
	"strings"
	"testing"
	"time"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestTable checks the one table of formats: ids and keys once each, a
// dated file name with its extension, a render for every format, text the
// default of assess, and lookup in any case.
func TestTable(t *testing.T) {
	rb := testrules.RuleBase()
	a, err := knowledge.ParseAnswers(rb, "t", []byte("serious: [none]\ncaffeine: 5_plus_cups\n"))
	if err != nil {
		t.Fatal(err)
	}
	res := knowledge.Assess(a)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	ids, keys := map[string]bool{}, map[string]bool{}
	for _, f := range All() {
		if f.ID == "" || ids[f.ID] || f.Key == "" || keys[f.Key] {
			t.Errorf("%q: no id or key, or one used twice", f.ID)
		}
		ids[f.ID], keys[f.Key] = true, true
		if name := f.File("2026-11-23"); !strings.HasPrefix(name, "twitchcheck-") || !strings.Contains(name, "2026-11-23.") {
			t.Errorf("%s: file name %q", f.ID, name)
		}
		data, err := f.Render(Input{Answers: a, Result: res, Now: now})
		if err != nil || len(data) == 0 {
			t.Errorf("%s: render: %v (%d bytes)", f.ID, err, len(data))
		}
		if g, ok := Lookup(strings.ToUpper(f.ID)); !ok || g.ID != f.ID {
			t.Errorf("Lookup(%q) = %q, %v", strings.ToUpper(f.ID), g.ID, ok)
		}
	}
	if got := AssessIDs(); len(got) == 0 || got[0] != "text" {
		t.Errorf("assess formats %v: text is not the default", got)
	}
	for _, id := range AssessIDs() {
		if f, _ := Lookup(id); !f.Assess {
			t.Errorf("assess offers %s, which the table keeps from it", id)
		}
	}
	if _, ok := Lookup("xml"); ok {
		t.Error("xml is a format")
	}
	back, err := knowledge.ParseAnswers(rb, "saved", AnswersFile(a, now))
	if err != nil || !back.Equal(a) {
		t.Errorf("the answers file does not read back: %v", err)
	}
}
