package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/internal/tmuxtest"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// The terminal tests run the app in a real terminal: tmux, one server per
// session, with keys sent by send-keys and the screen read by
// capture-pane. The app is this test binary itself, started with
// TWITCHCHECK_TUI_APP set (see TestMain), on the test rule base.

// appEnv makes the test binary run the app instead of the tests.
const appEnv = "TWITCHCHECK_TUI_APP"

func TestMain(m *testing.M) {
	if os.Getenv(appEnv) != "" {
		os.Exit(appMain())
	}
	os.Exit(m.Run())
}

// appMain runs the app as the real binary does, on the rule base named by
// TWITCHCHECK_TUI_APP ("test" or "real").
func appMain() int {
	rb := data.RuleBase()
	if os.Getenv(appEnv) == "test" {
		var err error
		if rb, err = knowledge.Load("test", testrules.YAML()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	opts := Options{Rules: rb, Accessible: Accessible(false, os.Getenv)}
	if p := os.Getenv("TWITCHCHECK_TUI_DIARY"); p != "" {
		opts.Diary = diary.NewFile(p)
	}
	return Run(opts, Streams{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Environ: os.Environ()})
}

// terminal is one tmux session (tmuxtest) that runs the app: this test
// binary, started with TWITCHCHECK_TUI_APP set.
type terminal struct {
	*tmuxtest.Session
	t *testing.T
}

func newTerminal(t *testing.T, width, height int) *terminal {
	t.Helper()
	return &terminal{Session: tmuxtest.New(t, width, height), t: t}
}

// start runs the app (this test binary) on the rule base named ("test" or
// "real"), with env set, in the shell.
func (s *terminal) start(rules string, env ...string) {
	s.t.Helper()
	bin, err := os.Executable()
	if err != nil {
		s.t.Fatal(err)
	}
	s.Line(strings.Join(append(env, appEnv+"="+rules, bin), " ") + "; echo EXIT=$?")
}

// TestTerminalEnterOnly presses only enter through the whole app, then r
// on the review: nothing is answered, and the result says first that the
// emergency check was skipped.
func TestTerminalEnterOnly(t *testing.T) {
	t.Parallel()
	s := newTerminal(t, 100, 30)
	s.start("test")
	s.WaitFor("Press Enter to start", 5*time.Second)
	s.Keys("Enter")
	rb := testRules(t)
	a0 := knowledge.NewAnswers(rb)
	_, total := flow{rb}.position(a0, flow{rb}.first(a0))
	for n := 1; n <= total; n++ {
		// Each question in turn, with nothing answered.
		s.WaitFor("question "+itoa(n)+" of "+itoa(total)+" · 0 answered", 2*time.Second)
		s.Keys("Enter")
	}
	scr := s.WaitFor("Review your answers", 3*time.Second)
	if !strings.Contains(scr, "0 of 23 answered") || !strings.Contains(scr, "(not answered)") {
		t.Fatalf("the review shows answers:\n%s", scr)
	}
	s.Keys("r")
	scr = s.WaitFor(report.SkippedHeading, 3*time.Second)
	if first := strings.TrimSpace(strings.SplitN(scr, "\n", 2)[0]); first != "! "+report.SkippedHeading {
		t.Errorf("the results do not start with the skipped check: %q", first)
	}
	s.Keys("q")
	s.WaitFor("EXIT=0", 3*time.Second)
	s.CheckRestored()
}

// TestTerminalDownEnterRecordsNoneOfThese moves to "None of these" on
// the emergency check and presses enter, then only enter to the review:
// the one answer is recorded, and nothing else.
func TestTerminalDownEnterRecordsNoneOfThese(t *testing.T) {
	t.Parallel()
	rb := testRules(t)
	q := rb.Question(knowledge.FirstQuestion)
	s := newTerminal(t, 80, 24)
	s.start("test")
	s.WaitFor("Press Enter to start", 5*time.Second)
	s.Keys("Enter")
	s.WaitFor("question 1 of", 3*time.Second)
	for range q.OptionIndex(knowledge.NoneOption) + 1 {
		s.Keys("Down")
	}
	s.WaitFor("> [ ] "+q.Options[q.OptionIndex(knowledge.NoneOption)].Label, 2*time.Second)
	s.Keys("Enter")
	scr := s.WaitFor("question 2 of", 2*time.Second)
	if !strings.Contains(scr, "1 answered") {
		t.Fatalf("down and enter on None of these did not record it:\n%s", scr)
	}
	a0 := knowledge.NewAnswers(rb)
	_, total := flow{rb}.position(a0, flow{rb}.first(a0))
	for n := 2; n <= total; n++ {
		s.WaitFor("question "+itoa(n)+" of "+itoa(total)+" · 1 answered", 2*time.Second)
		s.Keys("Enter")
	}
	scr = s.WaitFor("Review your answers", 3*time.Second)
	if !strings.Contains(scr, "1 of "+itoa(total)+" answered") {
		t.Fatalf("the review does not show the one answer:\n%s", scr)
	}
	s.Keys("q")
	s.WaitFor("Quit? Your answers are not saved", 2*time.Second)
	s.Keys("y")
	s.WaitFor("EXIT=0", 3*time.Second)
	s.CheckRestored()
}

// TestTerminalTicksSurviveTabAndBack ticks two places, leaves with tab,
// and comes back with b and ←.
func TestTerminalTicksSurviveTabAndBack(t *testing.T) {
	t.Parallel()
	s := newTerminal(t, 80, 24)
	s.start("test")
	s.WaitFor("Press Enter to start", 5*time.Second)
	s.Keys("Enter", "Enter")
	s.WaitFor("Test question location?", 3*time.Second)
	s.Keys("Down", "Space", "Down", "Space", "Tab")
	s.WaitFor("Test question duration?", 2*time.Second)
	for _, back := range []string{"b", "Left", "Escape"} {
		s.Keys(back)
		scr := s.WaitFor("Test question location?", 2*time.Second)
		if n := strings.Count(scr, "[x]"); n != 2 {
			t.Fatalf("after tab and %s: %d ticks:\n%s", back, n, scr)
		}
		s.Keys("Tab")
		s.WaitFor("Test question duration?", 2*time.Second)
	}
	s.Keys("q")
	s.WaitFor("Quit? Your answers are not saved", 2*time.Second)
	s.Keys("y")
	s.WaitFor("EXIT=0", 3*time.Second)
	s.CheckRestored()
}

// TestTerminalSuspendAndResume suspends with ctrl+z and with a SIGTSTP
// from outside, resumes with fg, and checks the app works and the
// terminal is restored at the end.
func TestTerminalSuspendAndResume(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pgrep"); err != nil {
		t.Skip("pgrep is not installed")
	}
	s := newTerminal(t, 80, 24)
	bin, _ := os.Executable()
	s.Line(appEnv + "=test " + bin) // a job of its own: fg tells how it ended
	s.WaitFor("Press Enter to start", 5*time.Second)
	s.Keys("Enter")
	s.WaitFor("question 1 of", 3*time.Second)
	s.Keys("C-z")
	scr := s.WaitFor("Stopped", 3*time.Second)
	if strings.Contains(scr, "question 1 of") {
		t.Fatalf("the app's screen stayed after ctrl+z:\n%s", scr)
	}
	s.Line("clear")
	s.Line("fg")
	s.WaitFor("question 1 of", 3*time.Second)
	s.Keys("Down", "Down")
	s.WaitFor("> [ ] Breathing difficulty", 2*time.Second) // keys work: raw again
	exec.Command("kill", "-TSTP", s.ChildPID()).Run()
	s.WaitFor("Stopped", 3*time.Second)
	s.Line("fg; echo EXIT=$?")
	s.WaitFor("> [ ] Breathing difficulty", 3*time.Second)
	s.Keys("Down")
	s.WaitFor("> [ ] Chest pain", 2*time.Second)
	s.Keys("q")
	s.WaitFor("EXIT=0", 3*time.Second)
	s.CheckRestored()
}

// TestTerminalSignalsRestore checks SIGQUIT, SIGTERM and ctrl+c restore
// the terminal and say which ended the app.
func TestTerminalSignalsRestore(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pgrep"); err != nil {
		t.Skip("pgrep is not installed")
	}
	for _, tc := range []struct {
		name, status string
		end          func(s *terminal)
	}{
		{"SIGQUIT", "EXIT=131", func(s *terminal) { exec.Command("kill", "-QUIT", s.ChildPID()).Run() }},
		{"SIGTERM", "EXIT=143", func(s *terminal) { exec.Command("kill", "-TERM", s.ChildPID()).Run() }},
		{"ctrl+c", "EXIT=130", func(s *terminal) { s.Keys("C-c") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newTerminal(t, 80, 24)
			s.start("test")
			s.WaitFor("Press Enter to start", 5*time.Second)
			s.Keys("Enter", "Down", "Space")
			s.WaitFor("1 answered", 3*time.Second)
			tc.end(s)
			scr := s.WaitFor(tc.status, 5*time.Second)
			if strings.Contains(scr, "question 1 of") {
				t.Errorf("the app's screen is left:\n%s", scr)
			}
			s.CheckRestored()
		})
	}
}

// TestTerminalCrashPrintsTheAnswers builds the app with the hidden panic
// key (F12) and checks that a crash restores the terminal and prints the
// answers so far in the form --answers reads.
func TestTerminalCrashPrintsTheAnswers(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	if testing.Short() {
		t.Skip("terminal tests are not short")
	}
	bin := filepath.Join(t.TempDir(), "twitchcheck-paniccheck")
	if out, err := exec.Command("go", "build", "-tags", "paniccheck", "-o", bin, "github.com/twitchcheck/twitchcheck").CombinedOutput(); err != nil {
		t.Fatalf("building the paniccheck app: %v\n%s", err, out)
	}
	s := newTerminal(t, 100, 30)
	out := filepath.Join(t.TempDir(), "answers.yaml")
	s.Line(bin + " > " + out + "; echo EXIT=$?")
	s.WaitFor("Press Enter to start", 5*time.Second)
	s.Keys("Enter", "Down", "Space", "Enter")
	s.WaitFor("question 2 of", 3*time.Second)
	s.Keys("F12")
	scr := s.WaitFor("EXIT=1", 5*time.Second)
	if !strings.Contains(scr, "internal error") || !strings.Contains(scr, "--answers FILE") {
		t.Errorf("no word of the crash:\n%s", scr)
	}
	s.CheckRestored()
	a, err := knowledge.ReadAnswersFile(data.RuleBase(), out)
	if err != nil {
		t.Fatalf("the answers printed do not read back: %v", err)
	}
	if !a.Has("serious", "none") {
		t.Errorf("answers printed: %v", a.Refs())
	}
}
