package cli

import (
	"fmt"

	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// errorf is fmt.Errorf, for errors that wrap nothing.
func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// cleanName makes a file name safe to print.
func cleanName(path string) string { return report.CleanLine(path) }

// loadRules loads --rules FILE (read with a bound, like every user file),
// or the built-in rule base when path is "".
func (c *command) loadRules(path string) (*knowledge.RuleBase, error) {
	if path == "" {
		return c.env.Content.RuleBase(), nil
	}
	return knowledge.LoadFile(path)
}

// readInput reads path, or standard input for "-", never more than limit
// bytes. Waiting on a terminal says what it waits for.
func (c *command) readInput(path string, limit int, what string) (string, []byte, error) {
	if path != "-" {
		b, err := knowledge.ReadFileLimited(path, limit)
		return path, b, err
	}
	if c.env.StdinIsTerminal {
		c.say("reading %s from the terminal: type or paste them, then press Ctrl+D on a line of its own (Ctrl+Z and Enter on Windows); Ctrl+C cancels", what)
	}
	b, err := knowledge.ReadLimited(c.env.Stdin, stdinName, limit)
	return stdinName, b, err
}

// readAnswers reads answers from path ("-" for standard input): an answers
// file (YAML or JSON) or a FHIR R4 QuestionnaireResponse (JSON) for rb's
// questionnaire.
func (c *command) readAnswers(rb *knowledge.RuleBase, path string) (knowledge.Answers, error) {
	resp, err := c.readResponse(rb, path)
	return resp.Answers, err
}

// readResponse is readAnswers that also returns the context (subject,
// author, encounter, authored) of a QuestionnaireResponse; an answers
// file has none.
func (c *command) readResponse(rb *knowledge.RuleBase, path string) (fhir.Response, error) {
	name, raw, err := c.readInput(path, knowledge.MaxAnswersBytes, "answers")
	if err != nil {
		return fhir.Response{}, err
	}
	if fhir.IsResource(raw) {
		return fhir.ReadQuestionnaireResponse(rb, name, raw)
	}
	a, err := knowledge.ParseAnswers(rb, name, raw)
	return fhir.Response{Answers: a}, err
}

// loadCases reads the built-in sample cases against rb.
func (c *command) loadCases(rb *knowledge.RuleBase) ([]knowledge.Case, error) {
	return knowledge.ReadCases(rb, c.env.Content.Cases, c.env.Content.CasesName)
}

// appCases reads the built-in sample cases for the app. With a rule base
// of the user's (--rules), a case that does not fit it is skipped with a
// one-line warning instead of keeping the app from starting.
func (c *command) appCases(rb *knowledge.RuleBase, custom bool) ([]knowledge.Case, error) {
	if !custom {
		return c.loadCases(rb)
	}
	all, skipped, err := knowledge.ReadCasesFitting(rb, c.env.Content.Cases, c.env.Content.CasesName)
	for _, p := range skipped {
		c.say("warning: a sample case does not fit this rule base and is skipped: %s", report.CleanLine(p.Error()))
	}
	return all, err
}

// findCase returns the built-in sample case id.
func (c *command) findCase(rb *knowledge.RuleBase, id string) (knowledge.Case, error) {
	all, err := c.loadCases(rb)
	if err != nil {
		return knowledge.Case{}, err
	}
	return knowledge.FindCase(all, id)
}

// warnIgnored warns, on stderr, about every answer to a follow-up question
// whose condition does not hold, and returns the answers without them:
// the same warnings the app gives.
func (c *command) warnIgnored(a knowledge.Answers) knowledge.Answers {
	ignored := a.Ignored()
	if len(ignored) == 0 {
		return a
	}
	for _, ref := range ignored {
		c.say("warning: %s", report.CleanLine(knowledge.FollowUpWarning(a.RuleBase(), ref)))
	}
	return a.Pruned()
}
