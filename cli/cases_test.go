package cli

import (
	"errors"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestCasesLoad checks every sample case loads through the answers
// validation, and that there are at least the eight the demo needs.
func TestCasesLoad(t *testing.T) {
	rb := data.RuleBase()
	cases, err := LoadCases(rb)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 8 {
		t.Fatalf("%d sample cases, want at least 8", len(cases))
	}
	for _, c := range cases {
		if c.ID == "" || c.Title == "" || c.Story == "" || c.Answers.Count() < 3 {
			t.Errorf("case %q is incomplete: %+v", c.ID, c)
		}
		if !strings.HasSuffix(c.File, "/"+c.ID+".yaml") {
			t.Errorf("case %q lives in %s; name the file after the id", c.ID, c.File)
		}
	}
	// The red-flag case must raise an emergency.
	var found bool
	for _, c := range cases {
		if c.ID == "fainting_on_diuretic" {
			found = true
			if lvl := knowledge.Assess(c.Answers).Triage.Level; lvl != "emergency" {
				t.Errorf("fainting_on_diuretic triage %s, want emergency", lvl)
			}
		}
	}
	if !found {
		t.Error("the red-flag case is missing")
	}
}

// TestBrokenCase checks a broken case file gives a clear error with its
// position, naming the question and the allowed options.
func TestBrokenCase(t *testing.T) {
	rb := data.RuleBase()
	for _, tc := range []struct{ src, want string }{
		{"id: x\ntitle: t\nstory: s\nanswers:\n  diet: carnivore\n", `case.yaml:5:9: question "diet": unknown option "carnivore"; allowed: omnivore`},
		{"id: x\ntitle: t\nanswers: {}\n", `missing field "story"`},
		{"id: x\ntitle: t\nstory: s\nanswers:\n  mood: happy\n", `unknown question "mood"`},
		{"id: x\ntitle: [t\n", "YAML syntax error"},
	} {
		_, err := knowledge.ParseCase(rb, "case.yaml", []byte(tc.src))
		var probs knowledge.Problems
		if !errors.As(err, &probs) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseCase(%q) = %v, want a problem containing %q", tc.src, err, tc.want)
		}
	}
}
