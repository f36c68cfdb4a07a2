package cli

import (
	"bytes"
	"fmt"

	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// assessFormats are the formats of `assess --format`.
var assessFormats = []string{"text", "json", "markdown", "html", "fhir"}

// assess assesses an answers file, standard input or a sample case.
func (c *command) assess(args []string) error {
	fs := newFlags("assess")
	answersPath := fs.String("answers", "", "the answers `FILE`; - for stdin")
	caseName := fs.String("case", "", "assess the sample case `NAME` instead (see 'twitchcheck cases')")
	formatArg := fs.String("format", "text", "the `FORMAT`: text (default: for a person), json (the answers contract's shape), markdown (a report to take to a doctor), html (a printable report, one or two pages) or fhir (a FHIR R4 Bundle for a clinic's system); any case")
	rulesPath := fs.String("rules", "", "use the rule base in `FILE` instead of the embedded one")
	outputArg := fs.String("output", "", "write the result to `FILE` (mode 0600, written whole or not at all) instead of stdout; - is stdout")
	force := fs.Bool("force", false, "with --output: replace FILE if it is an existing regular file")
	pos, err := c.parse(fs, args, assessHelp)
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; give the answers file with --answers", pos[0])
	}
	format, err := formatFlag(*formatArg, assessFormats...)
	if err != nil {
		return err
	}
	output, err := outputFlag(*outputArg, isSet(fs, "output"), *force)
	if err != nil {
		return err
	}
	if isSet(fs, "answers") && *answersPath == "" {
		return usagef("--answers needs a file name; use --answers - for standard input")
	}
	if *answersPath != "" && *caseName != "" {
		return usagef("give --answers or --case, not both")
	}
	if *answersPath == "" && *caseName == "" {
		if c.env.StdinIsTerminal {
			return usagef("no answers given: use --answers FILE or --case NAME, or pipe answers on stdin")
		}
		*answersPath = "-"
	}
	rb, err := c.loadRules(*rulesPath)
	if err != nil {
		return err
	}
	var a knowledge.Answers
	if *caseName != "" {
		cs, err := c.findCase(rb, *caseName)
		if err != nil {
			return err
		}
		a = cs.Answers
	} else if a, err = c.readAnswers(rb, *answersPath); err != nil {
		return err
	}
	a = c.warnIgnored(a)
	res := knowledge.Assess(a)
	// Render fully before writing, so an error never leaves half a report.
	var out bytes.Buffer
	if err := render(&out, format, a, res, c.env); err != nil {
		return fmt.Errorf("rendering the %s result: %w", format, err)
	}
	return c.output(output, out.Bytes(), *force)
}

// render writes the result in format.
func render(out *bytes.Buffer, format string, a knowledge.Answers, res knowledge.Result, env Env) error {
	switch format {
	case "json":
		return report.JSON(out, a, res)
	case "markdown":
		return report.Markdown(out, a, res, env.Now())
	case "html":
		return report.HTML(out, a, res, env.Now())
	case "fhir":
		return fhir.WriteBundle(out, a, res, env.Now())
	default:
		return report.Text(out, a, res)
	}
}

// helpDone turns the end of a command after --help into success.
func helpDone(err error) error {
	if err == errHelpShown {
		return nil
	}
	return err
}
