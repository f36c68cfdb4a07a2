package tui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sync/atomic"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
)

// Streams are the process's standard streams and environment.
type Streams struct {
	Stdin          *os.File
	Stdout, Stderr *os.File
	Environ        []string // for colour detection (NO_COLOR, TERM)
}

// Exit statuses of the app, beyond 0 and the usual 1 and 2.
const (
	exitInterrupted = 130 // Ctrl+C or SIGINT
	exitTerminated  = 143 // SIGTERM
)

// Accessible reports whether the plain, line-by-line mode is asked for:
// --accessible, ACCESSIBLE set, or TERM=dumb.
func Accessible(flag bool, getenv func(string) string) bool {
	return flag || getenv("ACCESSIBLE") != "" || getenv("TERM") == "dumb"
}

// Run runs the interactive app and returns the exit status. accessible
// selects the plain prompt mode, which reads stdin and writes stdout.
func Run(opts Options, accessible bool, s Streams) (code int) {
	if accessible {
		return RunAccessible(opts, s.Stdin, s.Stdout)
	}
	if !term.IsTerminal(s.Stdin.Fd()) || !term.IsTerminal(s.Stderr.Fd()) {
		fmt.Fprintln(s.Stderr, "twitchcheck: the interactive app needs a terminal, but stdin or stderr is not a terminal.\n"+
			"  To assess an answers file:  twitchcheck assess --answers FILE\n"+
			"  For plain numbered prompts that work with pipes:  twitchcheck --accessible")
		return 2
	}
	p := tea.NewProgram(New(opts),
		tea.WithInput(s.Stdin),
		tea.WithOutput(s.Stderr), // results and reports go to stdout or files; the TUI draws on stderr
		tea.WithEnvironment(s.Environ),
		tea.WithoutSignalHandler(),
	)
	// Signals end the program through bubbletea, which restores the
	// terminal; the status says which signal it was.
	var sig atomic.Int32
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(ch)
	go func() {
		for v := range ch {
			if n, ok := v.(syscall.Signal); ok {
				sig.Store(int32(n))
			}
			p.Quit()
		}
	}()
	defer func() {
		// A panic outside bubbletea's own recovery: restore what we can
		// and report it.
		if r := recover(); r != nil {
			p.Kill()
			restoreTerminal(s.Stderr)
			fmt.Fprintf(s.Stderr, "twitchcheck: internal error: %v\n%s", r, debug.Stack())
			code = 1
		}
	}()
	final, err := p.Run()
	if n := sig.Load(); n != 0 {
		return 128 + int(n)
	}
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		fmt.Fprintln(s.Stderr, "twitchcheck: internal error: the app crashed (details above). Your terminal has been restored.")
		return 1
	case errors.Is(err, tea.ErrInterrupted):
		return exitInterrupted
	case err != nil:
		fmt.Fprintf(s.Stderr, "twitchcheck: %v\n", err)
		return 1
	}
	if m, ok := final.(Model); ok {
		return m.ExitCode()
	}
	return 0
}

// restoreTerminal leaves the alternate screen and shows the cursor.
func restoreTerminal(w io.Writer) {
	fmt.Fprint(w, "\x1b[?1049l\x1b[?25h\x1b[0m")
}
