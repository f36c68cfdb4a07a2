package cli

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
	"github.com/twitchcheck/twitchcheck/safefile"
)

const assessHelp = `Usage: twitchcheck assess [--answers FILE|-] [--format text|json|markdown] [--rules FILE] [--output FILE [--force]]

Assess an answers file and print the result on stdout, or write it to a file.

Answers are YAML (or JSON): a map from question id to an option id, or a
list of option ids for multi-choice questions. A question left out is
unknown, never read as "no". With no --answers and piped input, answers are
read from stdin. The question and option ids are listed by
'twitchcheck rules show' and in shared/spec/answers.md.

Flags:
  --answers FILE   the answers file; - for stdin
  --format FORMAT  text (default: for a person), json (the answers contract's
                   shape) or markdown (a report to take to a doctor)
  --rules FILE     use this rule base instead of the embedded one
  --output FILE    write the result to FILE (mode 0600, written whole or not
                   at all) instead of stdout
  --force          with --output: replace FILE if it exists

Example:
  printf 'serious: [none]\nsymptoms: [cramps]\ncaffeine: 5_plus_cups\n' | twitchcheck assess
`

func assess(args []string, env Env) error {
	fs := newFlags("assess")
	answersPath := fs.String("answers", "", "")
	format := fs.String("format", "text", "")
	rulesPath := fs.String("rules", "", "")
	output := fs.String("output", "", "")
	force := fs.Bool("force", false, "")
	pos, done, err := parse(fs, args, assessHelp, env)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; give the answers file with --answers", pos[0])
	}
	switch *format {
	case "text", "json", "markdown":
	default:
		return usagef("unknown --format %q; allowed: text, json, markdown", *format)
	}
	if *force && *output == "" {
		return usagef("--force only applies with --output FILE")
	}
	if *answersPath == "" {
		if env.StdinIsTerminal {
			return usagef("no answers given: use --answers FILE, or pipe answers on stdin")
		}
		*answersPath = "-"
	}
	rb, err := loadRules(*rulesPath)
	if err != nil {
		return err
	}
	name, raw, err := readInput(*answersPath, knowledge.MaxAnswersBytes, env)
	if err != nil {
		return err
	}
	a, err := knowledge.ParseAnswers(rb, name, raw)
	if err != nil {
		return err
	}
	// Answers to follow-ups that are not asked do not count; say so.
	if pruned := a.Pruned(); !pruned.Equal(a) {
		for _, ref := range a.Refs() {
			if !pruned.Has(ref.Question, ref.Answer) {
				q := rb.Question(ref.Question)
				fmt.Fprintf(env.Stderr, "twitchcheck assess: warning: ignoring %s: %s, since %q is only asked when %s\n", ref.Question, ref.Answer, ref.Question, q.EnableWhen)
			}
		}
		a = pruned
	}
	res := knowledge.Assess(a)
	// Render fully before writing, so an error never leaves half a report.
	var out bytes.Buffer
	switch *format {
	case "json":
		err = report.JSON(&out, a, res)
	case "markdown":
		err = report.Markdown(&out, a, res, env.Now())
	default:
		err = report.Text(&out, a, res)
	}
	if err != nil {
		return fmt.Errorf("rendering the %s result: %w", *format, err)
	}
	if *output != "" {
		return writeOutput(*output, out.Bytes(), *force, env)
	}
	_, err = env.Stdout.Write(out.Bytes())
	return err
}

// writeOutput writes a result file the safe way: whole or not at all, mode
// 0600, and over an existing file only with --force.
func writeOutput(path string, data []byte, force bool, env Env) error {
	err := safefile.Write(path, data, force)
	switch {
	case errors.Is(err, safefile.ErrExists):
		return usagef("%s already exists; use --force to replace it", path)
	case err != nil:
		return outputError{err}
	}
	fmt.Fprintf(env.Stderr, "twitchcheck assess: wrote %s\n", path)
	return nil
}

// outputError is a file that could not be written: bad input from the
// user's point of view (a path that cannot be written), so exit status 2.
type outputError struct{ err error }

func (e outputError) Error() string { return e.err.Error() }
