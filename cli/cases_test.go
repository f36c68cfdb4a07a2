package cli

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// TestCasesShowTheLevelAndFitTheTerminal checks `cases` at several
// widths: every line fits (80 columns when stdout is not a terminal), each
// case shows the level its answers get under the rule base in use, and
// every word of every story is there.
func TestCasesShowTheLevelAndFitTheTerminal(t *testing.T) {
	rb := testrules.RuleBase()
	all, err := knowledge.ReadCases(rb, testContent().Cases, "test/cases")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"calm": "Self-care", "chest": "Emergency", "vegan": "See a doctor"}
	for _, width := range []int{0, 40, 59, 60, 100, 250} {
		r := run(t, []string{"cases"}, func(e *Env) { e.StdoutWidth = width })
		r.check(t, 0, nil, nil)
		limit := width - 1
		if width == 0 {
			limit = 80
		}
		for _, l := range strings.Split(r.stdout, "\n") {
			if n := utf8.RuneCountInString(l); n > min(limit, casesMaxWidth) {
				t.Errorf("width %d: a line of %d: %q", width, n, l)
			}
		}
		blocks := strings.Split(strings.TrimSpace(r.stdout), "\n\n")
		if len(blocks) != len(all) {
			t.Fatalf("width %d: %d cases shown, want %d:\n%s", width, len(blocks), len(all), r.stdout)
		}
		for i, cs := range all {
			b := strings.Join(strings.Fields(blocks[i]), " ")
			level := report.LevelLabel(rb, knowledge.Assess(cs.Answers).Triage.Level)
			if level != want[cs.ID] {
				t.Fatalf("%s: the test expects %q, Assess gives %q", cs.ID, want[cs.ID], level)
			}
			for _, s := range []string{cs.ID, cs.Title, "Triage: " + level, cs.Story} {
				if !strings.Contains(b, s) {
					t.Errorf("width %d: case %s lacks %q:\n%s", width, cs.ID, s, blocks[i])
				}
			}
		}
	}
}
