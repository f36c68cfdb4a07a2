package tui

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report/formats"
)

// Exit statuses of the app, beyond 0 and the usual 1 and 2.
const (
	exitInterrupted = 130 // ctrl+c or SIGINT
)

// saveGrace is how long quitting waits for a save in flight.
const saveGrace = 10 * time.Second

// Run runs the app and returns the exit status: the full-screen app on the
// terminal (drawn on stderr, so stdout stays free for results), or, with
// opts.Accessible, the plain line-by-line mode on stdin and stdout.
//
// Whatever ends it (quitting, ctrl+c, a signal, a crash), the terminal is
// restored and a save in flight is finished first. After a crash, the
// answers so far are printed on stdout in the form --answers reads, so no
// work is lost.
func Run(opts Options, s Streams) (code int) {
	if opts.Accessible {
		return runAccessible(opts, s)
	}
	if !term.IsTerminal(s.Stdin.Fd()) || !term.IsTerminal(s.Stderr.Fd()) {
		fmt.Fprintln(s.Stderr, "twitchcheck: the interactive app needs a terminal, but stdin or stderr is not a terminal.\n"+
			"  To assess an answers file:  twitchcheck assess --answers FILE\n"+
			"  For plain numbered prompts that work with pipes:  twitchcheck --accessible")
		return 2
	}
	m := New(opts)
	if dark, ok := darkFromColorFGBG(getenv(s.Environ, "COLORFGBG")); ok {
		m.setStyles(dark) // a first guess, until the terminal answers
	}
	box := &crashBox{answers: m.Answers()}
	sig := newSignals()
	out, screenOpts := boundedScreen(s)
	p := tea.NewProgram(guard{m: m, box: box}, append(screenOpts,
		tea.WithInput(s.Stdin),
		tea.WithOutput(out), // results and reports go to stdout or files; the app draws on stderr
		tea.WithEnvironment(s.Environ),
		tea.WithoutSignalHandler(),
		tea.WithFilter(func(m tea.Model, msg tea.Msg) tea.Msg {
			if ws, ok := msg.(tea.WindowSizeMsg); ok {
				// Before bubbletea sizes its screen: it keeps a cell
				// for every place of the window it is told of.
				ws.Width, ws.Height = clampSize(ws.Width, ws.Height)
				msg = ws
			}
			return sig.filter(m, msg)
		}),
	)...)
	sig.send = p.Send
	defer watchSize(s, p.Send)()
	var lastSig atomic.Int32
	stop := sig.start(func(code int, first bool) {
		lastSig.Store(int32(code))
		if first {
			p.Send(signalMsg{code})
		} else {
			p.Kill() // a second signal: now
		}
	})
	defer stop()
	defer func() {
		// A panic outside bubbletea's own recovery.
		if r := recover(); r != nil {
			p.Kill()
			restoreTerminal(s.Stderr)
			box.crash(r)
			code = box.report(s)
		}
	}()
	final, err := p.Run()
	if !m.c.saves.wait(saveGrace) {
		fmt.Fprintln(s.Stderr, "twitchcheck: a save was still running when the app ended; the file may not have been written.")
	}
	if box.panicked != nil || errors.Is(err, tea.ErrProgramPanic) {
		if box.panicked == nil {
			box.panicked = "a crash while drawing"
		}
		return box.report(s)
	}
	if g, ok := final.(guard); ok && g.m.quitting {
		return g.m.ExitCode()
	}
	if n := lastSig.Load(); n != 0 {
		return int(n)
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		fmt.Fprintf(s.Stderr, "twitchcheck: %v\n", err)
		return 1
	}
	return 0
}

// guard wraps the app so that a crash in it loses no work: it keeps the
// answers after every update, and turns a panic into a clean quit (the
// terminal restored by bubbletea) and a report.
type guard struct {
	m       Model
	box     *crashBox
	crashed bool
}

// crashBox holds, for Run, the answers so far and any panic.
type crashBox struct {
	answers  knowledge.Answers
	panicked any
	stack    []byte
}

func (b *crashBox) crash(r any) {
	b.panicked = r
	b.stack = debug.Stack()
}

// report prints the crash on stderr and the answers so far on stdout.
func (b *crashBox) report(s Streams) int {
	fmt.Fprintf(s.Stderr, "twitchcheck: internal error: %v\n%s\n", b.panicked, b.stack)
	fmt.Fprintln(s.Stderr, "twitchcheck: internal error: the app crashed. Your terminal has been restored.")
	if b.answers.Count() > 0 {
		fmt.Fprintln(s.Stderr, "Your answers so far are below, on standard output: save them to a file and carry on with\n  twitchcheck --answers FILE")
		s.Stdout.Write(formats.AnswersFile(b.answers, time.Now()))
	}
	return 1
}

func (g guard) Init() tea.Cmd { return g.m.Init() }

func (g guard) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	if g.crashed {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.box.crash(r)
			g.crashed = true
			next, cmd = g, tea.Quit
		}
	}()
	nm, cmd := g.m.Update(msg)
	g.m = nm.(Model)
	g.box.answers = g.m.Answers()
	return g, cmd
}

func (g guard) View() tea.View {
	if g.crashed {
		var v tea.View
		v.AltScreen = true
		return v
	}
	return g.m.View()
}

// restoreTerminal leaves the alternate screen and shows the cursor.
func restoreTerminal(f *os.File) {
	fmt.Fprint(f, "\x1b[?1049l\x1b[?25h\x1b[0m")
}

// signals turns signals into messages for the app: the first ends it
// cleanly, a second at once. SIGTSTP (where there is one) suspends it
// through bubbletea, which gives the terminal back and takes it again on
// resume.
type signals struct {
	quit       chan os.Signal
	tstp       chan os.Signal
	send       func(tea.Msg) // to the program
	suspending atomic.Bool   // bubbletea is suspending the process
}

// start relays signals to on until the returned func is called.
func (s *signals) start(on func(code int, first bool)) func() {
	signal.Notify(s.quit, quitSignals...)
	done := make(chan struct{})
	go func() {
		n := 0
		for {
			select {
			case v := <-s.quit:
				n++
				on(128+signalNumber(v), n == 1)
			case <-done:
				return
			}
		}
	}()
	s.startSuspend(done)
	return func() {
		close(done)
		signal.Stop(s.quit)
		s.stopSuspend()
	}
}
