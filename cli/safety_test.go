package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/safefile"
)

// TestWriteErrors checks every command that prints, with stdout on a
// full device, exits 1 with a message that names a write error.
func TestWriteErrors(t *testing.T) {
	answers := writeFile(t, "a.yaml", "caffeine: none\n")
	for _, args := range [][]string{
		{"--version"}, {"--help"}, {"help"}, {"help", "assess"}, {"assess", "--help"},
		{"cases"}, {"rules", "check"}, {"rules", "show"}, {"rules", "--help"},
		{"rules", "export", "--format", "fhir"}, {"assess", "--answers", answers},
		{"assess", "--answers", answers, "--format", "html"}, {"eval"}, {"eval", "--help"},
		{"--accessible"}, {"--accessible", "--case", "calm"}, {"--accessible", "--answers", answers},
	} {
		r := run(t, args, withStdout(failWriter{}))
		if r.code != ExitInternal || !strings.Contains(r.stderr, "write error") || !strings.Contains(r.stderr, "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and a write error", args, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, "internal error") {
			t.Errorf("%v: a write error is called an internal error: %s", args, r.stderr)
		}
	}
}

// TestBoundedReads checks every input is read with a bound: an endless
// standard input and /dev/zero are refused at the limit, not read to the
// end of memory.
func TestBoundedReads(t *testing.T) {
	in := &endless{}
	r := run(t, []string{"assess"}, func(e *Env) { e.Stdin = in })
	r.check(t, 2, nil, []string{"<stdin>", "larger than the limit"})
	if in.n > knowledge.MaxAnswersBytes+64<<10 {
		t.Errorf("read %d bytes from an endless input; the limit is %d", in.n, knowledge.MaxAnswersBytes)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, args := range [][]string{
		{"assess", "--answers", "/dev/zero"},
		{"--answers", "/dev/zero"},
		{"eval", "/dev/zero"},
		{"assess", "--rules", "/dev/zero", "--answers", "/dev/zero"},
		{"rules", "check", "/dev/zero"},
	} {
		r := run(t, args)
		r.check(t, 2, nil, []string{"/dev/zero", "larger than the limit"})
		if r.tui != nil {
			t.Errorf("%v: the app started", args)
		}
	}
}

// TestTrailingContent checks a file with anything after its first
// document is refused, in every format: a second answers object could
// hold the answer that matters.
func TestTrailingContent(t *testing.T) {
	qr := questionnaireResponse(t, "serious: [none]\ncaffeine: none\n")
	for name, content := range map[string]string{
		"a.json":   `{"serious": ["none"]} {"serious": ["chest_pain"]}`,
		"b.json":   `{"caffeine": "none"} garbage`,
		"c.yaml":   "caffeine: none\n---\nserious: [chest_pain]\n",
		"d.yaml":   "caffeine: none\n...\ngarbage: [\n",
		"qr.json":  qr + `{"resourceType": "QuestionnaireResponse"}`,
		"qr2.json": qr + " x",
	} {
		p := writeFile(t, name, content)
		r := run(t, []string{"assess", "--answers", p})
		r.check(t, 2, nil, []string{name})
		if r.stdout != "" {
			t.Errorf("%s: assessed despite trailing content:\n%s", name, r.stdout)
		}
	}
	// A .json file is strict JSON, not YAML.
	r := run(t, []string{"assess", "--answers", writeFile(t, "y.json", "caffeine: none\n")})
	r.check(t, 2, nil, []string{"y.json"})
}

// TestNoEscapesReachTheTerminal feeds escape sequences (window title,
// clear screen, clipboard, hyperlink) and a right-to-left override through
// file names and file contents, and checks no output holds one raw.
func TestNoEscapesReachTheTerminal(t *testing.T) {
	const evil = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b]8;;http://evil\x1b\\\u202e"
	dir := t.TempDir()
	name := filepath.Join(dir, "a"+evil+".yaml")
	if err := os.WriteFile(name, []byte("duration: \"x"+evil+"\"\n"), 0o600); err != nil {
		t.Skip("the file system refuses such names:", err)
	}
	badRules := writeFile(t, "r.yaml", strings.Replace(string(testrules.YAML()), `version: "test-1"`, `version: "1\u001b]0;x\u0007"`, 1))
	vig := writeFile(t, "v.yaml", "- id: v\n  story: \"S\x1b[2J\"\n  answers: {caffeine: \"none\x1b[2J\"}\n  expect: {triage: self_care}\n")
	for _, args := range [][]string{
		{"assess", "--answers", name},
		{"assess", "--answers", name, "--format", "markdown"},
		{"--answers", name},
		{"assess", "--answers", "/nonexistent/" + evil},
		{"assess", "--output", "/nonexistent/" + evil, "--case", "calm"},
		{"--version", "--rules", badRules},
		{"rules", "check", badRules},
		{"rules", "show", "--rules", badRules},
		{"eval", vig},
		{"eval", "/nonexistent" + evil},
		{"assess", "--format", evil},
		{"--" + evil},
		{evil},
	} {
		r := run(t, args)
		if hasControl(r.stdout) || hasControl(r.stderr) {
			t.Errorf("%q: raw control characters in the output:\nstdout %q\nstderr %q", args, r.stdout, r.stderr)
		}
		if r.code == 0 && args[0] != "--version" {
			t.Errorf("%q: exit 0", args)
		}
	}
}

// TestFollowUpWarnings checks assess warns, with exactly the engine's
// words, about answers to follow-ups whose condition does not hold, and
// assesses without them.
func TestFollowUpWarnings(t *testing.T) {
	rb := testrules.RuleBase()
	src := "serious: [none]\nsymptoms: [cramps]\ngi_duration: week_plus\nweakness_speed: days\n"
	r := run(t, []string{"assess", "--format", "json"}, withStdin(src))
	r.check(t, 0, []string{`"answered": 2`}, nil)
	for _, ref := range []knowledge.AnswerRef{{Question: "gi_duration", Answer: "week_plus"}, {Question: "weakness_speed", Answer: "days"}} {
		want := "twitchcheck assess: warning: " + knowledge.FollowUpWarning(rb, ref) + "\n"
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stdout, "gi_duration") {
		t.Error("an ignored answer is in the result")
	}
	// A follow-up whose condition holds is kept, without a warning.
	r = run(t, []string{"assess"}, withStdin("symptoms: [diarrhea]\ngi_duration: week_plus\n"))
	if strings.Contains(r.stderr, "warning") {
		t.Errorf("a warning for an asked follow-up: %s", r.stderr)
	}
	// The app gets the answers without them, with the same warnings.
	p := writeFile(t, "a.yaml", src)
	r = run(t, []string{"--answers", p})
	if r.tui == nil || r.tui.Answers.IsAnswered("gi_duration") || !strings.Contains(r.stderr, "warning: ignoring gi_duration") {
		t.Errorf("the app got ignored answers or no warning: %+v %s", r.tui, r.stderr)
	}
}

// TestRulesCheckStableOrder checks problems are listed in the same order
// every time (not in map order).
func TestRulesCheckStableOrder(t *testing.T) {
	y := string(testrules.YAML())
	y = strings.Replace(y, "weight: 1.5,", "weight: 9,", 1)
	y = strings.Replace(y, `why: "Much caffeine.", source: src_b}`, `why: "Much caffeine.", source: nowhere}`, 1)
	y = strings.Replace(y, `label: "Eyelid"`, `label: ""`, 1)
	p := writeFile(t, "rules.yaml", y)
	first := run(t, []string{"rules", "check", p})
	if first.code != 2 || strings.Count(first.stderr, p+":") < 2 {
		t.Fatalf("want at least 2 problems, got exit %d:\n%s", first.code, first.stderr)
	}
	for range 20 {
		if r := run(t, []string{"rules", "check", p}); r.stderr != first.stderr {
			t.Fatalf("the order changed:\n%s\nthen:\n%s", first.stderr, r.stderr)
		}
	}
}

// TestOutputFile checks --output: written whole with mode 0600, never
// over an existing file without --force, never over anything but a
// regular file, with a clear error and nothing left for a path that
// cannot be written.
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.html")
	args := []string{"assess", "--case", "calm", "--format", "html", "--output", out}
	r := run(t, args)
	r.check(t, 0, nil, []string{"wrote " + out})
	if r.stdout != "" {
		t.Errorf("stdout %q", r.stdout)
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("stat %v %v", st, err)
	}
	first, _ := os.ReadFile(out)
	r = run(t, args)
	r.check(t, 2, nil, []string{"already exists; use --force"})
	if now, _ := os.ReadFile(out); !bytes.Equal(now, first) {
		t.Error("changed without --force")
	}
	r = run(t, append(args[:len(args):len(args)], "--force", "--format", "json"))
	if now, _ := os.ReadFile(out); r.code != 0 || !bytes.HasPrefix(now, []byte("{")) {
		t.Errorf("--force: exit %d %s", r.code, r.stderr)
	}
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "missing", "r.md"), "does not exist"},
		{dir, "it is a folder"},
		{filepath.Join(out, "r.md"), "is not a folder"},
	} {
		r := run(t, []string{"assess", "--case", "calm", "--output", tc.path, "--force"})
		r.check(t, 2, nil, []string{tc.want})
	}
	if runtime.GOOS != "windows" {
		fifo := filepath.Join(dir, "fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err == nil {
			r := run(t, []string{"assess", "--case", "calm", "--output", fifo, "--force"})
			r.check(t, 2, nil, []string{"named pipe", "only a regular file"})
		}
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	// rules export writes files the same way.
	q := filepath.Join(dir, "q.json")
	run(t, []string{"rules", "export", "--format", "fhir", "--output", q}).check(t, 0, nil, []string{"wrote"})
	run(t, []string{"rules", "export", "--format", "fhir", "--output", q}).check(t, 2, nil, []string{"already exists"})
	run(t, []string{"rules", "export", "--format", "fhir", "--output", ""}).check(t, 2, nil, []string{"--output needs a file name"})
}

// TestAppOptions checks the one options type the app gets: the rule base,
// answers or case, watch, theme, the cases and the clock.
func TestAppOptions(t *testing.T) {
	rules := writeFile(t, "rules.yaml", string(testrules.YAML()))
	answers := writeFile(t, "a.yaml", "caffeine: none\n")
	r := run(t, []string{"--rules", rules, "--watch", "--theme", "High-Contrast", "--answers", answers})
	o := r.tui
	if r.code != 0 || o == nil {
		t.Fatalf("exit %d, app %v: %s", r.code, o, r.stderr)
	}
	if o.RulesPath != rules || !o.Watch || o.Theme != "high-contrast" || o.Answers == nil || !o.Answers.Has("caffeine", "none") || len(o.Cases) != 3 || o.Now == nil || !o.Now().Equal(testNow) || o.Rules.Version != "test-1" {
		t.Errorf("options: %+v", o)
	}
	r = run(t, []string{"--case", "chest"})
	if r.tui == nil || r.tui.CaseTitle != "Chest, 60" || !r.tui.Answers.Has("serious", "chest_pain") || r.tui.RulesPath != "" {
		t.Errorf("case options: %+v", r.tui)
	}
	// Answers in a FHIR QuestionnaireResponse open the app too.
	qr := writeFile(t, "qr.json", questionnaireResponse(t, "serious: [none]\ndiet: vegan\n"))
	r = run(t, []string{"--answers", qr})
	if r.tui == nil || !r.tui.Answers.Has("diet", "vegan") {
		t.Errorf("FHIR answers: %+v %s", r.tui, r.stderr)
	}
}

// TestAccessibleMode checks how the plain mode is chosen: --accessible,
// ACCESSIBLE set to anything but an off word, or TERM=dumb; and that
// ACCESSIBLE=0 does not turn it on.
func TestAccessibleMode(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want bool
	}{
		{nil, nil, false},
		{[]string{"--accessible"}, nil, true},
		{nil, map[string]string{"ACCESSIBLE": "1"}, true},
		{nil, map[string]string{"ACCESSIBLE": "yes"}, true},
		{nil, map[string]string{"ACCESSIBLE": "0"}, false},
		{nil, map[string]string{"ACCESSIBLE": "false"}, false},
		{nil, map[string]string{"ACCESSIBLE": " OFF "}, false},
		{nil, map[string]string{"ACCESSIBLE": "no"}, false},
		{nil, map[string]string{"TERM": "dumb"}, true},
		{[]string{"--accessible=false"}, map[string]string{"TERM": "xterm"}, false},
	} {
		r := run(t, tc.args, withEnv(tc.env))
		plain := strings.Contains(r.stdout, "accessible mode")
		if plain != tc.want || (r.tui != nil) == tc.want {
			t.Errorf("%v %v: accessible %v (app started %v), want %v", tc.args, tc.env, plain, r.tui != nil, tc.want)
		}
	}
}

// TestFHIRRoundTripThroughTheCommandLine exports a bundle, takes its
// QuestionnaireResponse back in, and gets the same result.
func TestFHIRRoundTripThroughTheCommandLine(t *testing.T) {
	src := "serious: [none]\nlocation: [eyelid, legs]\ndiet: vegan\nsymptoms: [numbness_tingling, nausea_vomiting]\ngi_duration: days\ncaffeine: 5_plus_cups\n"
	direct := run(t, []string{"assess", "--format", "json"}, withStdin(src))
	qr := writeFile(t, "qr.json", questionnaireResponse(t, src))
	back := run(t, []string{"assess", "--format", "json", "--answers", qr})
	if direct.code != 0 || back.code != 0 || direct.stdout != back.stdout {
		t.Errorf("different results: exit %d/%d\n%s\n%s\n%s", direct.code, back.code, back.stderr, direct.stdout, back.stdout)
	}
	// A response for another version is read by its codes, to the same
	// result: every version keeps the codes of those before it.
	other := writeFile(t, "other.json", strings.Replace(questionnaireResponse(t, src), "|test-1", "|test-0", 1))
	if old := run(t, []string{"assess", "--format", "json", "--answers", other}); old.code != 0 || old.stdout != direct.stdout {
		t.Errorf("a response for another version: exit %d\n%s\n%s", old.code, old.stderr, old.stdout)
	}
	// One with an answer this rule base does not know is refused with both
	// versions named.
	newer := writeFile(t, "newer.json", strings.Replace(strings.Replace(questionnaireResponse(t, src), "|test-1", "|test-9", 1), `"code": "vegan"`, `"code": "carnivore"`, 1))
	run(t, []string{"assess", "--answers", newer}).check(t, 2, nil, []string{`version "test-9"`, `"test-1"`, "rules export", `unknown code "carnivore"`})
}

// questionnaireResponse turns answers (YAML) for the test rule base into a
// FHIR QuestionnaireResponse.
func questionnaireResponse(t *testing.T, src string) string {
	t.Helper()
	a, err := knowledge.ParseAnswers(testrules.RuleBase(), "test", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := fhir.WriteQuestionnaireResponse(&b, a, testNow); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSaveErrorExitStatus checks how a failed save ends: a problem with
// the path (exit status 2, bad input) apart from a write that failed,
// such as a full disk (exit status 1, a write error, as the help says).
func TestSaveErrorExitStatus(t *testing.T) {
	p := filepath.Join(t.TempDir(), "r.md")
	for _, tc := range []struct {
		name string
		err  error
		code int
		want string
	}{
		{"full disk", fmt.Errorf("cannot save %s: %w", p, syscall.ENOSPC), ExitInternal, "write error: cannot save " + p + ": no space left on device"},
		{"I/O error", fmt.Errorf("cannot save %s: %w", p, syscall.EIO), ExitInternal, "write error: cannot save " + p},
		{"quota", fmt.Errorf("cannot save %s: %w", p, syscall.EDQUOT), ExitInternal, "write error: "},
		{"exists", fmt.Errorf("cannot save %s: %w", p, safefile.ErrExists), ExitUsage, "already exists; use --force"},
		{"not regular", fmt.Errorf("cannot save %s: it is a folder, %w", p, safefile.ErrNotRegular), ExitUsage, "it is a folder"},
		{"bad path", fmt.Errorf("cannot save %s: the folder does not exist: %w", p, safefile.ErrBadPath), ExitUsage, "does not exist"},
		{"no permission", fmt.Errorf("cannot save %s: %w", p, syscall.EACCES), ExitUsage, "permission denied"},
		{"read-only", fmt.Errorf("cannot save %s: %w", p, syscall.EROFS), ExitUsage, "read-only file system"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			c := &command{env: Env{Stderr: &stderr}, name: "twitchcheck assess"}
			if code := c.exit(saveError(p, tc.err)); code != tc.code {
				t.Errorf("exit status %d, want %d: %s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr %q, want %q", stderr.String(), tc.want)
			}
			if strings.Count(stderr.String(), p) != 1 {
				t.Errorf("stderr %q names the path other than once", stderr.String())
			}
		})
	}
	// Each real problem with the path that Write reports is bad input.
	dir := t.TempDir()
	file := writeTo(t, dir, "file", "x")
	for _, path := range []string{filepath.Join(dir, "missing", "r.md"), dir, file + "/r.md", filepath.Join(dir, strings.Repeat("n", 300)), file} {
		err := safefile.Write(path, []byte("x"), false)
		if got := saveError(path, err); !errors.As(got, new(badInputError)) {
			t.Errorf("%s: %v is %T, want bad input", path, err, got)
		}
	}
}

// countingFS counts the files opened in it.
type countingFS struct {
	fs.FS
	opened map[string]int
}

func (c countingFS) Open(name string) (fs.File, error) {
	c.opened[name]++
	return c.FS.Open(name)
}

// TestCaseReadOnce checks `twitchcheck --case NAME` reads each sample
// case once: the case is found among those given to the app.
func TestCaseReadOnce(t *testing.T) {
	for _, tc := range []struct {
		name string
		code int
		want string
	}{{"chest", 0, ""}, {"nope", 2, `unknown case "nope"; cases: calm, chest, vegan`}} {
		content := testContent()
		cases := countingFS{FS: content.Cases, opened: map[string]int{}}
		content.Cases = cases
		r := run(t, []string{"--case", tc.name}, func(e *Env) { e.Content = content })
		r.check(t, tc.code, nil, []string{tc.want})
		if tc.code == 0 && (r.tui == nil || r.tui.CaseTitle != "Chest, 60" || len(r.tui.Cases) != 3) {
			t.Errorf("--case %s: options %+v", tc.name, r.tui)
		}
		for _, n := range []string{"calm.yaml", "chest.yaml", "vegan.yaml"} {
			if cases.opened[n] != 1 {
				t.Errorf("--case %s: %s opened %d times, want once", tc.name, n, cases.opened[n])
			}
		}
	}
}
