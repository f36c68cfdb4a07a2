// Command twitchcheck is a terminal symptom checker for muscle twitching.
// main only wires the process to the cli and tui packages: the command
// line reads its arguments, environment and streams through cli.Env.
package main

import (
	"os"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/twitchcheck/twitchcheck/cli"
	"github.com/twitchcheck/twitchcheck/tui"
)

func main() {
	streams := tui.Streams{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Environ: os.Environ()}
	os.Exit(cli.Run(os.Args[1:], cli.Env{
		Stdin:           os.Stdin,
		Stdout:          os.Stdout,
		Stderr:          os.Stderr,
		StdinIsTerminal: term.IsTerminal(os.Stdin.Fd()),
		StdoutWidth:     terminalWidth(os.Stdout),
		Getenv:          os.Getenv,
		Now:             time.Now,
		TUI:             func(o tui.Options) int { return tui.Run(o, streams) },
	}))
}

// terminalWidth is the width of f when it is a terminal, or 0.
func terminalWidth(f *os.File) int {
	if !term.IsTerminal(f.Fd()) {
		return 0
	}
	w, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return w
}
