// Package cli implements twitchcheck's command line: the subcommands, their
// flags, their messages and exit statuses. It reads nothing from the
// process directly: streams, environment, clock, embedded content and the
// interactive app all come in through Env, so every command runs in
// process in tests. main.go only wires it to the process.
package cli

import (
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/tui"
)

// Version is the app's version.
const Version = "0.1.0"

// Exit statuses.
const (
	ExitOK       = 0
	ExitInternal = 1 // an internal or write error, or `eval` found a miss
	ExitUsage    = 2 // bad usage or bad input
)

// Env is what a command may touch of the process: its streams, its
// environment, the clock, the embedded content and the interactive app.
// Tests pass their own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// StdinIsTerminal reports whether Stdin is a terminal, so assess
	// does not wait silently for piped answers that will never come.
	StdinIsTerminal bool
	// StdoutWidth is the width of Stdout when it is a terminal, or 0
	// when it is not: lists for a person (cases) wrap to it, and to 80
	// columns otherwise.
	StdoutWidth int
	// Getenv reads an environment variable; nil reads none.
	Getenv func(string) string
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// Content is the clinical content commands use when no file is
	// given; nil is the embedded content of package data.
	Content *Content
	// TUI starts the interactive app and returns its exit status; nil
	// means it is not available (the root command then prints its help).
	TUI func(tui.Options) int
}

// Content is the clinical content built into the binary: the rule base
// (fast, from the generated snapshot), its YAML source (for `rules
// check`), the evaluation vignettes and the sample cases.
type Content struct {
	RuleBase func() *knowledge.RuleBase
	// Version, when set, gives the rule base's version and date without
	// building it (for --version); nil builds it.
	Version   func() (version, date string)
	RulesName string // the name the YAML is reported under
	RulesYAML []byte
	Vignettes fs.FS
	// VignettesName names the vignette folder in messages.
	VignettesName string
	Cases         fs.FS
	CasesName     string
}

// Embedded returns the content of package data.
func Embedded() *Content {
	return &Content{
		RuleBase:      data.RuleBase,
		Version:       data.Version,
		RulesName:     data.RulesName,
		RulesYAML:     data.Rules(),
		Vignettes:     data.Vignettes(),
		VignettesName: "data/vignettes",
		Cases:         data.Cases(),
		CasesName:     "data/cases",
	}
}

// Run runs the command line args (without the program name) and returns the
// exit status.
func Run(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Content == nil {
		env.Content = Embedded()
	}
	if env.Stdin == nil {
		env.Stdin = eofReader{}
	}
	if env.Stdout == nil {
		env.Stdout = io.Discard
	}
	if env.Stderr == nil {
		env.Stderr = io.Discard
	}
	c := &command{env: env, name: "twitchcheck"}
	cmd, rest := "", args
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, rest = args[0], args[1:]
	}
	run, ok := commands(cmd)
	if !ok {
		return c.exit(usagef("unknown command %q%s; commands: %s", cmd, knowledge.DidYouMean(cmd, strings.Split(commandList, ", ")), commandList))
	}
	if cmd != "" {
		c.name += " " + cmd
	}
	return c.exit(run(c, rest))
}

// commands returns the function of a command; "" is the root command.
// (A switch rather than a map, which would be built at start-up.)
func commands(name string) (func(*command, []string) error, bool) {
	switch name {
	case "":
		return (*command).root, true
	case "assess":
		return (*command).assess, true
	case "rules":
		return (*command).rules, true
	case "eval":
		return (*command).eval, true
	case "cases":
		return (*command).cases, true
	case "diary":
		return (*command).diaryCmd, true
	case "help":
		return (*command).help, true
	}
	return nil, false
}

// commandList names the commands in messages.
const commandList = "assess, diary, rules, eval, cases, help"

// command is one run of a command: its environment and its name in
// messages ("twitchcheck assess").
type command struct {
	env  Env
	name string
}

// eofReader is an empty standard input.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
