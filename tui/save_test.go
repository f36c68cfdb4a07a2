package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report/formats"
	"github.com/twitchcheck/twitchcheck/safefile"
)

// atResults is the tingling script's answers at the results, at w×h.
func atResults(t *testing.T, w, h int) Model {
	t.Helper()
	m := press(t, tinglingScript.run(t, newModel(t, w, h)), "r")
	onScreen(t, m, "results")
	return m
}

// typeText types s into the model, one key per character.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m, _ = send(t, m, letter(r))
	}
	return m
}

// clearPrompt deletes what the save prompt holds.
func clearPrompt(t testing.TB, m Model) Model {
	t.Helper()
	n := len([]rune(m.save.input.Value()))
	for range n {
		m = press(t, m, "backspace")
	}
	return m
}

// enterSave presses enter in the save prompt and runs the save it starts
// to its end.
func enterSave(t testing.TB, m Model) Model {
	t.Helper()
	m, cmd := pressCmd(t, m, "enter")
	m, _ = run(t, m, cmd)
	return m
}

func TestSaveReport(t *testing.T) {
	m := atResults(t, 80, 24)
	m = press(t, m, "s", "m")
	if m.save == nil {
		t.Fatal("s did not open the save prompt")
	}
	want := filepath.Join(m.c.opts.Dir, "twitchcheck-report-2026-11-23.md")
	if got := m.save.input.Value(); got != want {
		t.Fatalf("default path %q, want %q", got, want)
	}
	mustContain(t, text(m), "Save the report (Markdown")
	m, cmd := pressCmd(t, m, "enter")
	m, _ = run(t, m, cmd)
	if m.save != nil {
		t.Fatalf("the prompt is still open: %s", text(m))
	}
	mustContain(t, text(m), "Saved the report to")
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, string(data), "SEE A DOCTOR")
	if st, _ := os.Stat(want); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if m.c.dirty {
		t.Error("the answers are still marked unsaved")
	}
	if q := press(t, m, "q"); !q.quitting {
		t.Error("q after saving asked first")
	}
}

func TestSaveAnswersRoundTrip(t *testing.T) {
	m := atResults(t, 80, 24)
	m, cmd := pressCmd(t, press(t, m, "s", "a"), "enter")
	m, _ = run(t, m, cmd)
	path := filepath.Join(m.c.opts.Dir, "twitchcheck-answers-2026-11-23.yaml")
	back, err := knowledge.ReadAnswersFile(m.c.rb, path)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(m.c.answers) {
		t.Fatalf("saved %v, read back %v", m.c.answers.Refs(), back.Refs())
	}
}

// TestSavedAnswersCannotBeForgedByTheRuleBase: a rule-base version with a
// newline and an answer after it is not written into the file.
func TestSavedAnswersCannotBeForgedByTheRuleBase(t *testing.T) {
	// The loader refuses a version with a line break; the app must not
	// trust that, so the version is forged on a loaded copy.
	rb, err := knowledge.Load("forged.yaml", testrules.YAML())
	if err != nil {
		t.Fatal(err)
	}
	rb.Version = "1\nserious: [chest_pain]\n#"
	rb = knowledge.FromSnapshot(rb)
	a := answersOf(t, rb, "serious: [none]\ncaffeine: none\n")
	data := formats.AnswersFile(a, fixedNow)
	back, err := knowledge.ParseAnswers(rb, "saved", data)
	if err != nil {
		t.Fatalf("the saved answers do not parse: %v\n%s", err, data)
	}
	if !back.Equal(a) {
		t.Fatalf("saved %v, read back %v:\n%s", a.Refs(), back.Refs(), data)
	}
	if strings.Contains(string(data), "chest_pain") {
		t.Errorf("text from the rule base reached the file:\n%s", data)
	}
	// A plain version is kept, for the record.
	mustContain(t, string(formats.AnswersFile(answersOf(t, testRules(t), "{}"), fixedNow)), "knowledge base test-1")
}

func TestSaveAsksBeforeReplacing(t *testing.T) {
	m := atResults(t, 80, 24)
	path := filepath.Join(m.c.opts.Dir, "twitchcheck-report-2026-11-23.md")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "s", "m")
	if got := m.save.input.Value(); got == path {
		t.Fatalf("the prompt offers %s, which is there", path)
	}
	m = enterSave(t, typeText(t, clearPrompt(t, m), path))
	mustContain(t, text(m), "already exists. Replace it with the report? (y/n)")
	m = press(t, m, "n")
	if m.save == nil || m.save.state != saveTyping {
		t.Fatal("n did not go back to the file name")
	}
	m, cmd := pressCmd(t, enterSave(t, m), "y")
	m, _ = run(t, m, cmd)
	mustContain(t, text(m), "Saved the report to")
	if data, _ := os.ReadFile(path); string(data) == "old" {
		t.Error("the file was not replaced")
	}
}

func TestSaveErrorKeepsThePathTyped(t *testing.T) {
	m := press(t, atResults(t, 80, 24), "s", "m")
	bad := filepath.Join(m.c.opts.Dir, "no-such-folder", "r.md")
	m = typeText(t, clearPrompt(t, m), bad)
	m, cmd := pressCmd(t, m, "enter")
	m, _ = run(t, m, cmd)
	if m.save == nil {
		t.Fatal("the prompt closed on an error")
	}
	if got := m.save.input.Value(); got != bad {
		t.Fatalf("the path typed was lost: %q", got)
	}
	mustContain(t, flat(text(m)), "Error: Not saved:")
	// A folder, and something that is not a regular file, are refused.
	m = typeText(t, clearPrompt(t, m), m.c.opts.Dir)
	m = enterSave(t, m)
	mustContain(t, flat(text(m)), "it is a folder")
	m = typeText(t, clearPrompt(t, m), os.DevNull)
	m = enterSave(t, m)
	mustContain(t, flat(text(m)), "it is a character device; only a regular file is ever replaced")
	// An empty name.
	m = press(t, clearPrompt(t, m), "enter")
	mustContain(t, text(m), "Type a file name")
	m = press(t, m, "esc")
	if m.save != nil {
		t.Fatal("esc did not close the prompt")
	}
	mustContain(t, text(m), "Not saved.")
}

// TestSaveToASymlinkIsRefusedAtOnce saves to a symbolic link to a file
// that exists: it is refused, with safefile's reason, and never asks to
// replace it (which could only fail).
func TestSaveToASymlinkIsRefusedAtOnce(t *testing.T) {
	m := press(t, atResults(t, 80, 24), "s", "m")
	target := filepath.Join(m.c.opts.Dir, "target.md")
	link := filepath.Join(m.c.opts.Dir, "link.md")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	m = enterSave(t, typeText(t, clearPrompt(t, m), link))
	if m.save == nil || m.save.state != saveTyping {
		t.Fatalf("a symlink did not come back to the file name:\n%s", text(m))
	}
	v := flat(text(m))
	mustContain(t, v, "Error: Not saved:", "it is a symbolic link; give the name of the file itself")
	mustNotContain(t, v, "Replace it")
	if data, _ := os.ReadFile(target); string(data) != "old" {
		t.Error("the link's target was changed")
	}
	// Accessible mode says the same, and asks nothing.
	opts := testOptions(t)
	link = filepath.Join(opts.Dir, "link.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	in := append(make([]string, 23+1), "1", link, "y", "")
	out, _ := plainRun(t, opts, 200, in...)
	mustContain(t, out, "Not saved: cannot save "+link+": it is a symbolic link")
	mustNotContain(t, out, "Replace it?")
	if data, _ := os.ReadFile(target); string(data) != "old" {
		t.Error("accessible mode changed the link's target")
	}
}

// slowSave runs the save in the background, held until release is closed.
type slowSave struct {
	release chan struct{}
	done    chan tea.Msg
}

func startSlowSave(t *testing.T, m Model) (Model, *slowSave) {
	t.Helper()
	s := &slowSave{release: make(chan struct{}), done: make(chan tea.Msg, 1)}
	m.c.write = func(path string, data []byte, overwrite bool) error {
		<-s.release
		return safefile.Write(path, data, overwrite)
	}
	m, cmd := pressCmd(t, press(t, m, "s", "m"), "enter")
	if cmd == nil {
		t.Fatal("enter started no save")
	}
	go func() { s.done <- cmd() }()
	return m, s
}

func (s *slowSave) finish(t *testing.T, m Model) (Model, tea.Cmd) {
	t.Helper()
	close(s.release)
	select {
	case msg := <-s.done:
		return send(t, m, msg)
	case <-time.After(5 * time.Second):
		t.Fatal("the save never ended")
	}
	return m, nil
}

func TestEscAndEnterDuringASlowSave(t *testing.T) {
	m, s := startSlowSave(t, atResults(t, 80, 24))
	mustContain(t, text(m), "Saving the report to")
	m = press(t, m, "esc")
	mustNotContain(t, text(m), "Not saved")
	mustContain(t, text(m), "Saving… please wait")
	m = press(t, m, "enter") // Enter twice: no "already exists"
	m, _ = s.finish(t, m)
	mustNotContain(t, text(m), "already exists", "Not saved")
	mustContain(t, text(m), "Saved the report to")
}

func TestCtrlCDuringASaveWaitsForIt(t *testing.T) {
	m, s := startSlowSave(t, atResults(t, 80, 24))
	m = press(t, m, "ctrl+c")
	if m.quitting {
		t.Fatal("ctrl+c quit during a save")
	}
	mustContain(t, text(m), "Finishing the save, then quitting")
	m, cmd := s.finish(t, m)
	if !m.quitting || m.ExitCode() != exitInterrupted {
		t.Fatalf("after the save: quitting %v, exit %d", m.quitting, m.ExitCode())
	}
	if _, q := run(t, m, cmd); !q {
		t.Error("no quit command")
	}
	if _, err := os.Stat(filepath.Join(m.c.opts.Dir, "twitchcheck-report-2026-11-23.md")); err != nil {
		t.Errorf("the save did not finish: %v", err)
	}
}

func TestSignalDuringASaveWaitsForIt(t *testing.T) {
	m, s := startSlowSave(t, atResults(t, 80, 24))
	m, _ = send(t, m, signalMsg{143})
	if m.quitting {
		t.Fatal("SIGTERM quit during a save")
	}
	m, _ = s.finish(t, m)
	if !m.quitting || m.ExitCode() != 143 {
		t.Fatalf("after the save: quitting %v, exit %d", m.quitting, m.ExitCode())
	}
	// With no save, a signal quits at once.
	n, _ := send(t, atResults(t, 80, 24), signalMsg{143})
	if !n.quitting || n.ExitCode() != 143 {
		t.Fatalf("SIGTERM: quitting %v, exit %d", n.quitting, n.ExitCode())
	}
}

func TestSaveTrackerWaits(t *testing.T) {
	var tr saveTracker
	tr.start()
	if tr.wait(10 * time.Millisecond) {
		t.Fatal("wait returned while a save ran")
	}
	go func() { time.Sleep(20 * time.Millisecond); tr.done() }()
	if !tr.wait(2 * time.Second) {
		t.Fatal("wait did not see the save end")
	}
	if tr.running() {
		t.Fatal("still running")
	}
}

func TestSavePromptPasteAndNoClipboardProgram(t *testing.T) {
	m := clearPrompt(t, press(t, atResults(t, 80, 24), "s", "m"))
	m, _ = send(t, m, tea.PasteMsg{Content: "/tmp/pasted\x1b]0;title\x07\u202ename.md"})
	if got := m.save.input.Value(); got != "/tmp/pasted]0;titlename.md" {
		t.Fatalf("pasted %q", got)
	}
	// ctrl+v never runs a clipboard program: no command.
	if _, cmd := pressCmd(t, m, "ctrl+v"); cmd != nil {
		t.Errorf("ctrl+v returned a command (a clipboard read)")
	}
	// Typed control characters are dropped too.
	m, _ = send(t, m, tea.KeyPressMsg{Code: 'x', Text: "\u202e"})
	if strings.ContainsRune(m.save.input.Value(), '\u202e') {
		t.Error("a bidi override was typed into the file name")
	}
}

// TestSavePromptTypingIsCheap types a long name into the save prompt over
// the results: each key must cost far less than a millisecond, since the
// results are not laid out again for a key typed.
func TestSavePromptTypingIsCheap(t *testing.T) {
	// Once a key cost about a millisecond (the whole results were laid
	// out again for it) and grew with the name. The work of a key is
	// measured in allocations, which do not depend on the machine: it must
	// stay small and not grow with what has been typed. The time is in
	// BenchmarkSavePromptKey.
	m := press(t, atResults(t, 120, 40), "enter", "s", "m")
	key := func(m Model) func() {
		return func() {
			next, _ := send(t, m, letter('q'))
			_ = next.View()
		}
	}
	first := testing.AllocsPerRun(100, key(m))
	n := maxPathLen - len([]rune(m.save.input.Value()))
	for i := range n {
		m, _ = send(t, m, letter(rune('a'+i%26)))
	}
	if got := len([]rune(m.save.input.Value())); got != maxPathLen {
		t.Errorf("%d characters typed, want %d", got, maxPathLen)
	}
	full := testing.AllocsPerRun(100, key(m))
	t.Logf("allocations per key: %v with the default name, %v at %d characters", first, full, maxPathLen)
	if first > 400 || full > first*1.25+20 {
		t.Errorf("a key costs %v allocations with the default name and %v at %d characters; want under 400, not growing with the name", first, full, maxPathLen)
	}
	// Past the limit the name stays bounded.
	for range 2000 {
		m, _ = send(t, m, letter('z'))
	}
	if got := len([]rune(m.save.input.Value())); got > maxPathLen {
		t.Errorf("the file name grew to %d characters", got)
	}
}

func TestSaveKindsTable(t *testing.T) {
	seen := map[string]bool{}
	a := answersOf(t, testRules(t), "serious: [none]\n")
	for _, k := range saveKinds() {
		if k.Key == "" || seen[k.Key] {
			t.Errorf("%s: no key, or a key used twice", k.What)
		}
		seen[k.Key] = true
		if !strings.Contains(k.File("2026-11-23"), "2026-11-23") {
			t.Errorf("%s: the file name has no date", k.What)
		}
		data, err := k.Render(formats.Input{Answers: a, Result: knowledge.Assess(a), Now: fixedNow})
		if err != nil || len(data) == 0 {
			t.Errorf("%s: render: %v", k.What, err)
		}
	}
	// s opens the save menu, which lists every kind with its key.
	m := press(t, atResults(t, 80, 24), "s")
	if m.save == nil || m.save.state != saveChoosing {
		t.Fatal("s did not open the save menu")
	}
	for _, k := range saveKinds() {
		mustContain(t, flat(text(m)), k.Key+" "+k.What)
	}
}

// TestSaveKeyInTheFooter checks the save key shows in the results footer
// at every width from 60 columns.
func TestSaveKeyInTheFooter(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}} {
		m := atResults(t, size[0], size[1])
		ls := strings.Split(text(m), "\n")
		foot := strings.Join(ls[max(0, len(ls)-2):], "\n")
		if !strings.Contains(foot, "s save") {
			t.Errorf("%dx%d: no save key in the footer:\n%s", size[0], size[1], foot)
		}
	}
}

// TestCancelledSaveHasNoTick: a save cancelled says so, without the tick
// that marks something done.
func TestCancelledSaveHasNoTick(t *testing.T) {
	for _, keys := range [][]string{{"s", "esc"}, {"s", "m", "esc"}} {
		m := press(t, atResults(t, 80, 24), keys...)
		out := text(m)
		mustContain(t, out, "Not saved.")
		if strings.Contains(out, "✓") {
			t.Errorf("%v: a tick on a save not made:\n%s", keys, out)
		}
	}
}

// TestSavePromptOffersAFreeName: the name the prompt offers is never a
// file that is there.
func TestSavePromptOffersAFreeName(t *testing.T) {
	m := atResults(t, 80, 24)
	dir := m.c.opts.Dir
	for _, n := range []string{"twitchcheck-report-2026-11-23.md", "twitchcheck-report-2026-11-23-2.md"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m = press(t, m, "s", "m")
	if got, want := m.save.input.Value(), filepath.Join(dir, "twitchcheck-report-2026-11-23-3.md"); got != want {
		t.Errorf("offered %q, want %q", got, want)
	}
}
