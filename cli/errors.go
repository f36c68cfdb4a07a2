package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// usageError is bad usage: it is printed with a pointer to --help and exits
// with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// badInputError is input that cannot be used, said in full (a file that
// cannot be written, a case that does not exist): exit status 2, without
// a pointer to --help.
type badInputError struct{ err error }

func (e badInputError) Error() string { return e.err.Error() }
func (e badInputError) Unwrap() error { return e.err }

// writeError is output that could not be written (a full disk, a closed
// pipe): exit status 1, said as a write error. With no what, err names
// what was written.
type writeError struct {
	what string
	err  error
}

func (e writeError) Error() string {
	if e.what == "" {
		return "write error: " + e.err.Error()
	}
	return fmt.Sprintf("write error: writing %s: %v", e.what, e.err)
}
func (e writeError) Unwrap() error { return e.err }

// exitError ends a command with a status after it has printed its own
// output (eval's misses, the app's own status).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// exit prints err, if any, and maps it to an exit status. Every message is
// cleaned of control characters: file names and file contents reach it.
func (c *command) exit(err error) int {
	if err == nil {
		return ExitOK
	}
	var (
		exit  exitError
		ue    usageError
		bad   badInputError
		we    writeError
		probs knowledge.Problems
	)
	switch {
	case errors.As(err, &exit):
		return exit.code
	case errors.As(err, &ue):
		help := c.name
		if strings.HasPrefix(ue.msg, "unknown command") || c.name == "twitchcheck help" {
			help = "twitchcheck"
		}
		c.say("%s\nRun '%s --help' for usage.", report.CleanLine(ue.msg), help)
		return ExitUsage
	case errors.As(err, &we):
		c.say("%s", report.CleanLine(we.Error()))
		return ExitInternal
	case errors.As(err, new(failError)):
		c.say("%s", report.CleanLine(err.Error()))
		return ExitInternal
	case errors.As(err, &probs):
		lines := make([]string, len(probs))
		for i, p := range probs {
			lines[i] = "  " + report.CleanLine(p.Error())
		}
		if len(probs) == 1 {
			c.say("%s", strings.TrimSpace(lines[0]))
		} else {
			c.say("%d problems:\n%s", problemCount(probs), strings.Join(lines, "\n"))
		}
		return ExitUsage
	case errors.As(err, &bad):
		c.say("%s", report.CleanLine(bad.Error()))
		return ExitUsage
	default:
		c.say("internal error: %s", report.CleanLine(err.Error()))
		return ExitInternal
	}
}

// problemCount returns how many problems probs stands for: every problem
// listed, and in place of the line "… and N more problems" that a file's
// problems end with past knowledge.MaxProblems, the N it counts.
func problemCount(probs knowledge.Problems) int {
	n := 0
	for _, p := range probs {
		var more int
		if _, err := fmt.Sscanf(p.Msg, moreProblems, &more); err == nil && more > 0 && p.Pos == (knowledge.Pos{}) && p.Msg == fmt.Sprintf(moreProblems, more) {
			n += more
			continue
		}
		n++
	}
	return n
}

// moreProblems is the line that counts a file's problems past
// knowledge.MaxProblems, as knowledge and fhir write it.
const moreProblems = "… and %d more problems"

// say writes one message, prefixed with the command's name, to stderr.
// A message that cannot be written has nowhere else to go.
func (c *command) say(format string, args ...any) {
	fmt.Fprintf(c.env.Stderr, "%s: "+format+"\n", append([]any{c.name}, args...)...)
}
