// Package cli implements twitchcheck's command line: the subcommands, their
// flags and exit statuses. main.go only wires it to the process.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Version is the app's version.
const Version = "0.1.0"

// Exit statuses.
const (
	ExitOK       = 0
	ExitInternal = 1 // an internal error, or `eval` found a miss
	ExitUsage    = 2 // bad usage or bad input
)

// Env is what a command may touch of the process: its streams, its
// environment and the clock. Tests pass their own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// StdinIsTerminal reports whether Stdin is a terminal (so assess does
	// not wait for piped answers that will never come).
	StdinIsTerminal bool
	Getenv          func(string) string
	Now             func() time.Time
	// TUI starts the interactive app; nil means it is not available.
	TUI func(TUIOptions) int
}

// TUIOptions are what the root command passes to the interactive app.
type TUIOptions struct {
	Rules      *knowledge.RuleBase
	RulesPath  string // set when --rules was given
	Answers    *knowledge.Answers
	CaseTitle  string
	Cases      []knowledge.Case
	Watch      bool
	Theme      string
	Accessible bool
}

// usageError is bad usage: it is printed with a pointer to --help and exits
// with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Run runs the command line args (without the program name) and returns the
// exit status.
func Run(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	cmd, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "":
		err = root(rest, env)
	case "assess":
		err = assess(rest, env)
	case "rules":
		err = rules(rest, env)
	case "eval":
		err = eval(rest, env)
	case "cases":
		err = cases(rest, env)
	case "help":
		fmt.Fprint(env.Stdout, rootHelp)
		return ExitOK
	default:
		err = usagef("unknown command %q; commands: assess, rules, eval, cases, help", cmd)
	}
	return exitStatus(err, env.Stderr, cmd)
}

// exitStatus prints err and maps it to an exit status.
func exitStatus(err error, stderr io.Writer, cmd string) int {
	if err == nil {
		return ExitOK
	}
	var exit exitError
	if errors.As(err, &exit) {
		return exit.code
	}
	name := "twitchcheck"
	if cmd != "" {
		name += " " + cmd
	}
	var ue usageError
	var probs knowledge.Problems
	var oe outputError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", name, ue.msg, name)
		return ExitUsage
	case errors.As(err, &oe):
		fmt.Fprintf(stderr, "%s: %v\n", name, oe.err)
		return ExitUsage
	case errors.As(err, &probs):
		fmt.Fprintf(stderr, "%s: %d problem(s):\n%s\n", name, len(probs), probs.Error())
		return ExitUsage
	default:
		fmt.Fprintf(stderr, "%s: internal error: %v\n", name, err)
		return ExitInternal
	}
}

// exitError ends a command with a status after it has printed its own
// output (eval's misses).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// newFlags makes a flag set whose errors are returned, not printed; parse
// prints the command's help for --help.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses flags anywhere among args and returns the positional
// arguments. --help prints help to stdout and ends the command.
func parse(fs *flag.FlagSet, args []string, help string, env Env) ([]string, bool, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(env.Stdout, help)
				return nil, true, nil
			}
			return nil, false, usagef("%s", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, false, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), false, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// loadRules loads --rules FILE, or the embedded rule base when path is "".
func loadRules(path string) (*knowledge.RuleBase, error) {
	if path == "" {
		return data.RuleBase(), nil
	}
	return knowledge.LoadFile(path)
}

const rootHelp = `twitchcheck: a terminal symptom checker for muscle twitching.

It asks where the twitching is, how long it has lasted, your lifestyle, diet,
medicines and other symptoms; then it shows which nutrient deficiencies and
lifestyle triggers your answers may point to, and whether to see a doctor.
It screens; it does not diagnose. It makes no network calls and saves
nothing unless you ask.

Usage:
  twitchcheck [flags]              start the interactive questionnaire
  twitchcheck assess [flags]       assess an answers file (YAML or JSON)
  twitchcheck rules check [FILE]   validate the rule base (embedded or FILE)
  twitchcheck rules show           print the knowledge base
  twitchcheck eval [PATH...]       run evaluation vignettes
  twitchcheck cases                list the sample cases
  twitchcheck help                 this help

Flags of the interactive app:
  --answers FILE     open with these answers loaded, at the review screen
  --case NAME        open a sample case (see 'twitchcheck cases')
  --rules FILE       use this rule base instead of the embedded one
  --watch            with --rules: reload the file when it changes
  --theme NAME       colour theme: auto (default) or high-contrast
  --accessible       plain numbered prompts on stdin/stdout (also when
                     ACCESSIBLE is set or TERM=dumb)
  --version          print the app and knowledge-base versions

Run 'twitchcheck COMMAND --help' for a command's flags.
Exit status: 0 ok, 1 internal error (or eval misses), 2 bad usage or input.
`

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// readInput reads path, or standard input for "-".
func readInput(path string, limit int, env Env) (string, []byte, error) {
	if path == "-" {
		b, err := io.ReadAll(io.LimitReader(env.Stdin, int64(limit)+1))
		if err != nil {
			return stdinName, nil, knowledge.Problems{{File: stdinName, Msg: fmt.Sprintf("cannot read: %v", err)}}
		}
		if len(b) > limit {
			return stdinName, nil, knowledge.Problems{{File: stdinName, Msg: fmt.Sprintf("input is larger than the limit of %d bytes", limit)}}
		}
		return stdinName, b, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return path, nil, knowledge.Problems{{File: path, Msg: fmt.Sprintf("cannot read: %v", errors.Unwrap(err))}}
	}
	return path, b, nil
}
