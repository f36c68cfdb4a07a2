package cli

import (
	"bytes"
	"fmt"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

const rulesHelp = `Usage:
  twitchcheck rules check [FILE]
  twitchcheck rules show [--format text|markdown] [--rules FILE]

check validates the embedded rule base, or FILE, and prints every problem
with its file:line:column. Exit status 2 when there is any.

show prints the knowledge base for people: the questions, each deficiency
with its rules (condition, weight, why, source), the triggers, the red flags
by level, the cautions and the sources.

The rule-base format is documented in data/README.md.
`

func rules(args []string, env Env) error {
	if len(args) == 0 {
		return usagef("missing subcommand; use 'rules check' or 'rules show'")
	}
	switch args[0] {
	case "check":
		return rulesCheck(args[1:], env)
	case "show":
		return rulesShow(args[1:], env)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(env.Stdout, rulesHelp)
		return nil
	default:
		return usagef("unknown subcommand %q; use 'rules check' or 'rules show'", args[0])
	}
}

func rulesCheck(args []string, env Env) error {
	fs := newFlags("rules check")
	pos, done, err := parse(fs, args, rulesHelp, env)
	if done || err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("rules check takes at most one FILE, got %d", len(pos))
	}
	var rb *knowledge.RuleBase
	if len(pos) == 1 {
		rb, err = knowledge.LoadFile(pos[0])
	} else {
		// Check the YAML itself, not the generated snapshot.
		rb, err = knowledge.Load(data.RulesName, data.Rules())
	}
	if err != nil {
		return err
	}
	n := 0
	for _, d := range rb.Deficiencies {
		n += len(d.Rules)
	}
	fmt.Fprintf(env.Stdout, "%s: ok: knowledge base %s (%s), %d questions, %d deficiencies with %d rules, %d triggers, %d red flags, %d sources\n",
		rb.File, rb.Version, rb.Date, len(rb.Questions), len(rb.Deficiencies), n, len(rb.Triggers), len(rb.RedFlags), len(rb.Sources))
	return nil
}

func rulesShow(args []string, env Env) error {
	fs := newFlags("rules show")
	format := fs.String("format", "text", "")
	rulesPath := fs.String("rules", "", "")
	pos, done, err := parse(fs, args, rulesHelp, env)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *format != "text" && *format != "markdown" {
		return usagef("unknown --format %q; allowed: text, markdown", *format)
	}
	rb, err := loadRules(*rulesPath)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := report.Rules(&out, rb, *format == "markdown"); err != nil {
		return err
	}
	_, err = env.Stdout.Write(out.Bytes())
	return err
}
