// Command twitchcheck is a terminal symptom checker for muscle twitching.
// main only wires the process to the cli package.
package main

import (
	"os"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/twitchcheck/twitchcheck/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.Env{
		Stdin:           os.Stdin,
		Stdout:          os.Stdout,
		Stderr:          os.Stderr,
		StdinIsTerminal: term.IsTerminal(os.Stdin.Fd()),
		Getenv:          os.Getenv,
		Now:             time.Now,
	}))
}
