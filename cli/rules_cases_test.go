package cli

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestRulesFileSkipsCasesThatDoNotFit starts the app with a rule base of
// the user's that lacks a question one built-in sample case answers: the
// app starts, with that case skipped and said so in one line; the
// embedded rule base still refuses a case that does not fit it.
func TestRulesFileSkipsCasesThatDoNotFit(t *testing.T) {
	extra := "  - id: extra_q\n    section: lifestyle\n    kind: single\n    text: \"Extra?\"\n    options: [{id: a, label: A}, {id: b, label: B}]\n"
	withExtra := []byte(strings.Replace(string(testrules.YAML()), "  - id: age\n", extra+"  - id: age\n", 1))
	rb, err := knowledge.Load("extra.yaml", withExtra)
	if err != nil {
		t.Fatal(err)
	}
	content := func(e *Env) {
		c := testContent()
		c.RuleBase = func() *knowledge.RuleBase { return rb }
		c.RulesYAML = withExtra
		cases := c.Cases.(fstest.MapFS)
		cases["extra.yaml"] = &fstest.MapFile{Data: []byte("id: extra\ntitle: \"Extra\"\nstory: \"Answers the extra question.\"\nanswers:\n  serious: [none]\n  extra_q: a\n")}
		e.Content = c
	}
	// The embedded rule base knows extra_q: every case loads.
	r := run(t, nil, content)
	r.check(t, 0, nil, nil)
	if r.tui == nil || len(r.tui.Cases) != 4 {
		t.Fatalf("embedded rules: app %v, stderr %q", r.tui != nil, r.stderr)
	}
	// A rule base of the user's without it: the case is skipped, in one line.
	rules := writeFile(t, "mine.yaml", string(testrules.YAML()))
	r = run(t, []string{"--rules", rules}, content)
	r.check(t, 0, nil, []string{"warning: a sample case does not fit this rule base and is skipped: test/cases/extra.yaml:", "extra_q"})
	if r.tui == nil || len(r.tui.Cases) != 3 {
		t.Fatalf("--rules: the app did not start with the 3 cases that fit; stderr %q", r.stderr)
	}
	if n := strings.Count(strings.TrimSpace(r.stderr), "\n"); n != 0 {
		t.Errorf("the warning is %d lines: %q", n+1, r.stderr)
	}
	// The skipped case cannot be opened; the others can.
	r = run(t, []string{"--rules", rules, "--case", "extra"}, content)
	r.check(t, 2, nil, []string{"skipped", `unknown case "extra"`})
	r = run(t, []string{"--rules", rules, "--case", "calm"}, content)
	r.check(t, 0, nil, []string{"skipped"})
}

// TestUnknownNamesSuggest checks an unknown command, subcommand, flag or
// case suggests the nearest known one.
func TestUnknownNamesSuggest(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"asess"}, "unknown command \"asess\" (did you mean `assess`?)"},
		{[]string{"rules", "chek"}, "unknown subcommand \"chek\" (did you mean `check`?)"},
		{[]string{"--watc"}, "unknown flag --watc (did you mean `--watch`?)"},
		{[]string{"assess", "--cas", "calm"}, "(did you mean `--case`?)"},
		{[]string{"assess", "--case", "clam"}, "unknown case \"clam\" (did you mean `calm`?)"},
		{[]string{"--case", "vega"}, "(did you mean `vegan`?)"},
	} {
		r := run(t, c.args)
		r.check(t, 2, nil, []string{c.want})
	}
}
