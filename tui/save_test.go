package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// runSave runs the command a save returned and feeds its message back.
func runSave(t *testing.T, m Model, cmd tea.Cmd) (Model, savedMsg) {
	t.Helper()
	if cmd == nil {
		t.Fatal("no save command")
	}
	msg, ok := cmd().(savedMsg)
	if !ok {
		t.Fatalf("the save command returned %T, want savedMsg", msg)
	}
	m, next := send(t, m, msg)
	if isQuit(next) || m.quitting {
		t.Fatal("saving quit the app")
	}
	return m, msg
}

// expectedReport is report.Markdown for m's answers on the fixed date.
func expectedReport(t *testing.T, m Model) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.Markdown(&b, m.Answers(), knowledge.Assess(m.Answers()), fixedNow); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSaveReport(t *testing.T) {
	m := veganResults(t, 100, 40)
	dir := m.opts.Dir
	want := filepath.Join(dir, "twitchcheck-report-2026-11-23.md")

	m = press(t, m, "s")
	if !m.save.active || m.save.kind != saveReport {
		t.Fatal("s did not open the save prompt")
	}
	if got := m.save.input.Value(); got != want {
		t.Errorf("default path = %q, want %q", got, want)
	}
	mustContain(t, text(m), "Save the report (Markdown, readable only by you)", "twitchcheck-report-2026-11-23.md")
	// Letters go to the file name, not to the app.
	if m2, cmd := send(t, m, letter('q')); isQuit(cmd) || m2.quitting || !strings.HasSuffix(m2.save.input.Value(), ".mdq") {
		t.Errorf("q in the prompt: quit %v, value %q", isQuit(cmd), m2.save.input.Value())
	}

	m, cmd := send(t, m, kEnter)
	m, msg := runSave(t, m, cmd)
	if msg.err != nil || msg.path != want {
		t.Fatalf("saved %q, err %v", msg.path, msg.err)
	}
	if m.save.active {
		t.Error("the prompt is still open after saving")
	}
	mustContain(t, flat(text(m)), "✓ Saved to "+want+" (readable only by you).")
	onScreen(t, m, resultsScreen)

	st, err := os.Stat(want)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", st.Mode().Perm())
	}
	got, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, []byte("# twitchcheck report")) {
		t.Errorf("the report starts %q", firstLine(got))
	}
	if exp := expectedReport(t, m); !bytes.Equal(got, exp) {
		t.Errorf("the saved report differs from report.Markdown:\n got %d bytes\nwant %d bytes", len(got), len(exp))
	}
	assertNoTemp(t, dir)
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}

// assertNoTemp fails if dir holds a temporary file of safefile.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

func TestSaveAsksBeforeOverwriting(t *testing.T) {
	m := veganResults(t, 100, 40)
	path := filepath.Join(m.opts.Dir, "twitchcheck-report-2026-11-23.md")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	// n: nothing is written.
	m = press(t, m, "s")
	m, cmd := send(t, m, kEnter)
	if cmd != nil {
		t.Fatal("enter on an existing file saved without asking")
	}
	if !m.save.confirm {
		t.Fatal("no overwrite question")
	}
	// The question itself may be cut at the window's edge (see
	// TestSaveOverwriteQuestionFits); the prompt and the help bar say it.
	mustContain(t, strings.Join(strings.Fields(ansi.Strip(m.saveView())), " "), path+" already exists. Overwrite it with the report? (y/n)")
	mustContain(t, text(m), path+" already exists.", "y yes • n no")
	m, cmd = send(t, m, letter('n'))
	if cmd != nil {
		t.Fatal("n wrote the file")
	}
	if m.save.confirm {
		t.Error("still asking after n")
	}
	if got, _ := os.ReadFile(path); string(got) != "old\n" {
		t.Errorf("after n the file holds %q", got)
	}
	// The prompt stays open to pick another name; esc closes it.
	m = press(t, m, "esc")
	if m.save.active {
		t.Error("esc did not close the prompt")
	}
	mustContain(t, text(m), "Not saved.")

	// y: it is overwritten.
	m = press(t, m, "s")
	m, cmd = send(t, m, kEnter)
	if !m.save.confirm || cmd != nil {
		t.Fatal("no overwrite question the second time")
	}
	m, cmd = send(t, m, letter('y'))
	m, msg := runSave(t, m, cmd)
	if msg.err != nil {
		t.Fatalf("overwrite: %v", msg.err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, expectedReport(t, m)) {
		t.Errorf("after y the file holds %q…", firstLine(got))
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode after overwrite = %v", st.Mode().Perm())
	}
	assertNoTemp(t, m.opts.Dir)
}

func TestSaveErrorIsShown(t *testing.T) {
	m := veganResults(t, 100, 40)
	var dir string
	if os.Geteuid() == 0 {
		// root ignores permissions: make the parent a regular file.
		dir = filepath.Join(t.TempDir(), "not-a-folder")
		if err := os.WriteFile(dir, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	} else {
		dir = filepath.Join(t.TempDir(), "ro")
		if err := os.Mkdir(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
	}
	m.opts.Dir = dir
	m = press(t, m, "s")
	m, cmd := send(t, m, kEnter)
	m, msg := runSave(t, m, cmd)
	if msg.err == nil {
		t.Fatal("saving into an unwritable place succeeded")
	}
	if !m.statusErr {
		t.Error("the error is not marked as an error")
	}
	v := flat(text(m))
	mustContain(t, v, "Error: cannot save")
	onScreen(t, m, resultsScreen)
	if m.save.active {
		t.Error("the prompt stayed open after the error")
	}
	// The app goes on: the next key clears the error.
	m = press(t, m, "tab")
	if m.status != "" {
		t.Errorf("status %q kept after a key", m.status)
	}
}

func TestSaveEmptyPath(t *testing.T) {
	m := veganResults(t, 100, 40)
	m = press(t, m, "s")
	m.save.input.SetValue("   ")
	m, cmd := send(t, m, kEnter)
	if cmd != nil {
		t.Fatal("saved to an empty path")
	}
	if !m.save.active || !m.statusErr {
		t.Errorf("empty path: active %v, error %v", m.save.active, m.statusErr)
	}
	mustContain(t, text(m), "Type a file name to save to.")
}

func TestSaveAnswersRoundTrip(t *testing.T) {
	m := veganResults(t, 100, 40)
	want := filepath.Join(m.opts.Dir, "twitchcheck-answers-2026-11-23.yaml")
	m = press(t, m, "a")
	if !m.save.active || m.save.kind != saveAnswers {
		t.Fatal("a did not open the save prompt")
	}
	if got := m.save.input.Value(); got != want {
		t.Errorf("default path = %q, want %q", got, want)
	}
	mustContain(t, text(m), "Save your answers (YAML")
	m, cmd := send(t, m, kEnter)
	m, msg := runSave(t, m, cmd)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	raw, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(want); st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v", st.Mode().Perm())
	}
	got, err := knowledge.ParseAnswers(m.rb, want, raw)
	if err != nil {
		t.Fatalf("ParseAnswers: %v\n%s", err, raw)
	}
	if !got.Equal(m.Answers()) {
		t.Errorf("read back %v, want %v", got.Refs(), m.Answers().Refs())
	}
	if !strings.HasPrefix(string(raw), "# twitchcheck answers, 2026-11-23, knowledge base "+m.rb.Version) {
		t.Errorf("answers file starts %q", firstLine(raw))
	}
}

func TestSaveAnswersWithFollowUpsRoundTrip(t *testing.T) {
	rb := ruleBase(t)
	a := knowledge.NewAnswers(rb)
	for _, x := range []struct {
		q    string
		opts []string
	}{
		{"serious", []string{"none"}},
		{"sweating", []string{"yes"}},
		{"rehydration", []string{"plain_water"}},
		{"medications", []string{"diuretic", "ppi"}},
		{"diuretic_kind", []string{"not_sure"}},
		{"ppi_duration", []string{"over_1_year"}},
		{"spreading", []string{"no"}},
		{"nicotine", []string{"yes"}},
	} {
		var err error
		if a, err = a.With(x.q, x.opts...); err != nil {
			t.Fatal(err)
		}
	}
	m := withAnswers(t, a, "", 100, 40)
	m = press(t, m, "r", "a")
	m, cmd := send(t, m, kEnter)
	_, msg := runSave(t, m, cmd)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	raw, _ := os.ReadFile(msg.path)
	got, err := knowledge.ParseAnswers(rb, msg.path, raw)
	if err != nil {
		t.Fatalf("ParseAnswers: %v\n%s", err, raw)
	}
	if !got.Equal(a) {
		t.Errorf("read back %v, want %v\n%s", got.Refs(), a.Refs(), raw)
	}
}

func TestSaveOverwriteQuestionFits(t *testing.T) {
	m := veganResults(t, 100, 40)
	path := filepath.Join(m.opts.Dir, "twitchcheck-report-2026-11-23.md")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "s", "enter")
	if !m.save.confirm {
		t.Fatal("no overwrite question")
	}
	mustContain(t, flat(text(m)), "Overwrite it with the report? (y/n)")
}

func TestSaveExpandsHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	m := veganResults(t, 100, 40)
	m = press(t, m, "s")
	m.save.input.SetValue("~/my-report.md")
	m, cmd := send(t, m, kEnter)
	_, msg := runSave(t, m, cmd)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	want := filepath.Join(home, "my-report.md")
	if msg.path != want {
		t.Errorf("saved to %q, want %q", msg.path, want)
	}
	if _, err := os.Stat(want); err != nil {
		t.Error(err)
	}
}

func TestSaveToAFolderIsAnError(t *testing.T) {
	m := veganResults(t, 100, 40)
	m = press(t, m, "s")
	m.save.input.SetValue(m.opts.Dir)
	m, cmd := send(t, m, kEnter)
	if m.save.confirm {
		t.Fatal("asked to overwrite a folder")
	}
	m, msg := runSave(t, m, cmd)
	if msg.err == nil {
		t.Fatal("saved over a folder")
	}
	mustContain(t, flat(text(m)), "Error: cannot save", "it is a folder")
}

func TestSaveTyping(t *testing.T) {
	// The name can be typed: backspace and letters edit the path.
	m := veganResults(t, 100, 40)
	m = press(t, m, "a")
	m.save.input.SetValue(filepath.Join(m.opts.Dir, "x"))
	m.save.input.CursorEnd()
	m = press(t, m, "y", ".", "y", "a", "m", "l")
	m, _ = send(t, m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	m = press(t, m, "l")
	want := filepath.Join(m.opts.Dir, "xy.yaml")
	if got := m.save.input.Value(); got != want {
		t.Fatalf("typed %q, want %q", got, want)
	}
	m, cmd := send(t, m, kEnter)
	_, msg := runSave(t, m, cmd)
	if msg.err != nil || msg.path != want {
		t.Fatalf("saved %q: %v", msg.path, msg.err)
	}
}
