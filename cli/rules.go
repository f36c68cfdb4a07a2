package cli

import (
	"bytes"
	"flag"
	"fmt"
	"strings"

	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// rules runs `rules check`, `rules show` and `rules export`.
func (c *command) rules(args []string) error {
	if len(args) == 0 {
		return usagef("missing subcommand; use 'rules check', 'rules show' or 'rules export'")
	}
	switch args[0] {
	case "check":
		c.name += " check"
		return c.rulesCheck(args[1:])
	case "show":
		c.name += " show"
		return c.rulesShow(args[1:])
	case "export":
		c.name += " export"
		return c.rulesExport(args[1:])
	case "-h", "-help", "--help", "help":
		return c.print(strings.Replace(rulesHelp, "{flags}", "\nRun 'twitchcheck rules SUBCOMMAND --help' for its flags.\n", 1))
	default:
		return usagef("unknown subcommand %q%s; use 'rules check', 'rules show' or 'rules export'", args[0], knowledge.DidYouMean(args[0], []string{"check", "show", "export"}))
	}
}

// rulesSubHelp is the help of a rules subcommand: the rules help, with
// the subcommand's flags (filled in by parse from fs).
func rulesSubHelp(fs *flag.FlagSet) string {
	flags := "\n'twitchcheck " + fs.Name() + "' has no flags but --help.\n"
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		flags = "\nFlags of 'twitchcheck " + fs.Name() + "':\n{flags}"
	}
	return strings.Replace(rulesHelp, "{flags}", flags, 1)
}

// rulesCheck validates the built-in rule base's YAML, or FILE.
func (c *command) rulesCheck(args []string) error {
	fs := newFlags("rules check")
	pos, err := c.parse(fs, args, rulesSubHelp(fs))
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 1 {
		return usagef("rules check takes at most one FILE, got %d", len(pos))
	}
	var rb *knowledge.RuleBase
	if len(pos) == 1 {
		rb, err = knowledge.LoadFile(pos[0])
	} else {
		// Check the YAML itself, not the generated snapshot.
		rb, err = knowledge.Load(c.env.Content.RulesName, c.env.Content.RulesYAML)
	}
	if err != nil {
		return err
	}
	n := 0
	for _, d := range rb.Deficiencies {
		n += len(d.Rules)
	}
	return c.print(report.CleanLine(fmt.Sprintf("%s: ok: knowledge base %s (%s), %d questions, %d deficiencies with %d rules, %d triggers, %d red flags, %d sources",
		rb.File, rb.Version, rb.Date, len(rb.Questions), len(rb.Deficiencies), n, len(rb.Triggers), len(rb.RedFlags), len(rb.Sources))) + "\n")
}

// rulesShow prints the knowledge base for people.
func (c *command) rulesShow(args []string) error {
	fs := newFlags("rules show")
	formatArg := fs.String("format", "text", "`FORMAT`: text (default) or markdown")
	rulesPath := fs.String("rules", "", "use the rule base in `FILE` instead of the embedded one")
	pos, err := c.parse(fs, args, rulesSubHelp(fs))
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; give a rule base with --rules FILE", pos[0])
	}
	format, err := formatFlag(*formatArg, "text", "markdown")
	if err != nil {
		return err
	}
	rb, err := c.loadRules(*rulesPath)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := report.Rules(&out, rb, format == "markdown"); err != nil {
		return fmt.Errorf("rendering the rule base: %w", err)
	}
	return c.write(out.Bytes())
}

// rulesExport writes the questionnaire as a FHIR R4 Questionnaire.
func (c *command) rulesExport(args []string) error {
	fs := newFlags("rules export")
	formatArg := fs.String("format", "", "`FORMAT`: fhir (the only one, and required)")
	rulesPath := fs.String("rules", "", "use the rule base in `FILE` instead of the embedded one")
	outputArg := fs.String("output", "", "write to `FILE` (mode 0600, written whole or not at all) instead of stdout; - is stdout")
	force := fs.Bool("force", false, "with --output: replace FILE if it is an existing regular file")
	pos, err := c.parse(fs, args, rulesSubHelp(fs))
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; give a rule base with --rules FILE", pos[0])
	}
	if *formatArg == "" {
		return usagef("give the export format with --format; allowed: fhir")
	}
	if _, err := formatFlag(*formatArg, "fhir"); err != nil {
		return err
	}
	output, err := outputFlag(*outputArg, isSet(fs, "output"), *force)
	if err != nil {
		return err
	}
	rb, err := c.loadRules(*rulesPath)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := fhir.WriteQuestionnaire(&out, rb); err != nil {
		return fmt.Errorf("rendering the questionnaire: %w", err)
	}
	return c.output(output, out.Bytes(), *force)
}
