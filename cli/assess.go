package cli

import (
	"bytes"
	"fmt"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report/formats"
)

// assess assesses an answers file, standard input or a sample case.
func (c *command) assess(args []string) error {
	fs := newFlags("assess")
	answersPath := fs.String("answers", "", "")
	caseName := fs.String("case", "", "")
	formatArg := fs.String("format", "text", "")
	rulesPath := fs.String("rules", "", "")
	outputArg := fs.String("output", "", "")
	force := fs.Bool("force", false, "")
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

// render writes the result in format, from the one table of formats.
func render(out *bytes.Buffer, format string, a knowledge.Answers, res knowledge.Result, env Env) error {
	f, ok := formats.Lookup(format)
	if !ok {
		return fmt.Errorf("unknown format %q", format)
	}
	data, err := f.Render(a, res, env.Now())
	out.Write(data)
	return err
}

// helpDone turns the end of a command after --help into success.
func helpDone(err error) error {
	if err == errHelpShown {
		return nil
	}
	return err
}
