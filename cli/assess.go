package cli

import (
	"fmt"
	"strings"

	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
	"github.com/twitchcheck/twitchcheck/report/formats"
)

// assess assesses an answers file, standard input or a sample case.
func (c *command) assess(args []string) error {
	fs := newFlags("assess")
	answersPath := fs.String("answers", "", "the answers `FILE`; - for stdin")
	caseName := fs.String("case", "", "assess the sample case `NAME` instead (see 'twitchcheck cases')")
	formatArg := fs.String("format", "text", formatUsage())
	rulesPath := fs.String("rules", "", "use the rule base in `FILE` instead of the embedded one")
	outputArg := fs.String("output", "", "write the result to `FILE` (mode 0600, written whole or not at all) instead of stdout; - is stdout")
	force := fs.Bool("force", false, "with --output: replace FILE if it is an existing regular file")
	withDiary := fs.Bool("with-diary", false, "add \"Your diary\": the last 14 days as a chart and a table, and the patterns (a FHIR Observation per day)")
	diaryPath := fs.String("diary", "", "the diary `FILE` to add (implies --with-diary)")
	pos, err := c.parse(fs, args, assessHelp)
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; give the answers file with --answers", pos[0])
	}
	format, err := formatFlag(*formatArg, formats.AssessIDs()...)
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
	var resp fhir.Response
	if *caseName != "" {
		cs, err := c.findCase(rb, *caseName)
		if err != nil {
			return err
		}
		resp.Answers = cs.Answers
	} else if resp, err = c.readResponse(rb, *answersPath); err != nil {
		return err
	}
	a := c.warnIgnored(resp.Answers)
	res := knowledge.Assess(a)
	var extra []report.Diary
	if *withDiary || isSet(fs, "diary") {
		d, err := c.diaryFor(*diaryPath, isSet(fs, "diary"))
		if err != nil {
			return err
		}
		extra = append(extra, *d)
	}
	// Render fully before writing, so an error never leaves half a report.
	data, err := render(format, a, res, resp.Context, c.env, extra...)
	if err != nil {
		return fmt.Errorf("rendering the %s result: %w", format, err)
	}
	return c.output(output, data, *force)
}

// render returns the result in format, from the one table of formats; the
// FHIR Bundle carries ctx, the context of the QuestionnaireResponse the
// answers came from, and every format the diary in extra, if any.
func render(format string, a knowledge.Answers, res knowledge.Result, ctx fhir.Context, env Env, extra ...report.Diary) ([]byte, error) {
	f, ok := formats.Lookup(format)
	if !ok {
		return nil, fmt.Errorf("unknown format %q", format)
	}
	return f.Render(formats.Input{Answers: a, Result: res, Now: env.Now(), Context: ctx, Diary: extra})
}

// formatUsage is the usage of --format, from the one table of formats:
// each format assess writes, with what it is for, the first the default.
func formatUsage() string {
	var parts []string
	for i, id := range formats.AssessIDs() {
		f, _ := formats.Lookup(id)
		d := f.Describe
		if i == 0 {
			d = "the default: " + d
		}
		parts = append(parts, id+" ("+d+")")
	}
	return "the `FORMAT`: " + strings.Join(parts, ", ") + "; any case"
}

// helpDone turns the end of a command after --help into success.
func helpDone(err error) error {
	if err == errHelpShown {
		return nil
	}
	return err
}
