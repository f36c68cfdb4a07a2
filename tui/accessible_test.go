package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// numbers is the line that answers question qid with opts in accessible
// mode: option numbers, or an empty line to skip.
func numbers(t *testing.T, rb *knowledge.RuleBase, qid string, opts ...string) string {
	t.Helper()
	q := rb.Question(qid)
	var parts []string
	for _, o := range opts {
		i := q.OptionIndex(o)
		if i < 0 {
			t.Fatalf("%s has no option %s", qid, o)
		}
		parts = append(parts, strconv.Itoa(i+1))
	}
	return strings.Join(parts, " ")
}

// accessibleLines is the input that answers s, one line per question.
func (s script) accessibleLines(t *testing.T, rb *knowledge.RuleBase) []string {
	t.Helper()
	var lines []string
	for _, a := range s {
		lines = append(lines, numbers(t, rb, a.q, a.opts...))
	}
	return lines
}

func runAccessible(t *testing.T, opts Options, lines ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	in := strings.Join(lines, "\n")
	if len(lines) > 0 {
		in += "\n"
	}
	code := RunAccessible(opts, strings.NewReader(in), &out)
	return out.String(), code
}

func TestAccessibleWholeQuestionnaire(t *testing.T) {
	rb := ruleBase(t)
	lines := veganScript.accessibleLines(t, rb)
	// Positions in the script.
	idx := func(id string) int {
		for i, a := range veganScript {
			if a.q == id {
				return i
			}
		}
		t.Fatalf("no %s", id)
		return 0
	}
	var in []string
	for i, l := range lines {
		switch veganScript[i].q {
		case "frequency":
			// Back to duration, answer it again, then on.
			in = append(in, "b", lines[idx("duration")])
		case "stress":
			in = append(in, "99") // not an option: asked again
		case "caffeine":
			in = append(in, "1 2") // one answer only: asked again
		}
		in = append(in, l)
	}
	in = append(in, "", "") // review: see the results; then do not save
	out, code := runAccessible(t, testOptions(t), in...)
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	res := knowledge.Assess(veganScript.answers(t, rb))
	mustContain(t, out,
		"[Emergency check] Question 1 of 23",
		"Please answer with numbers from 1 to 3, an empty line to skip, or b to go back.",
		"Please type just one number.",
		"Your answers (15 answered):",
		"15 of 23 questions answered",
		"Triage: SEE A DOCTOR",
		"1. "+res.Deficiencies[0].Name,
		"To save this as a Markdown report",
	)
	if res.Deficiencies[0].ID != "vitamin_b12" {
		t.Errorf("top %s", res.Deficiencies[0].ID)
	}
	// Going back shows the current answer.
	mustContain(t, out, "4. 2 weeks to 3 months (current answer)")
	// The duration question was asked twice, frequency after it.
	if n := strings.Count(out, "How long has the twitching been going on?\n"); n != 2 {
		t.Errorf("duration asked %d times, want 2", n)
	}
	// The printed result is report.Text for the same answers.
	var want bytes.Buffer
	if err := report.Text(&want, veganScript.answers(t, rb), res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, want.String()) {
		t.Error("the printed result is not report.Text of the answers")
	}
	mustNotContain(t, out, "End of input")
}

func TestAccessibleBackAtFirstQuestion(t *testing.T) {
	out, code := runAccessible(t, testOptions(t), "b", "1")
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	mustContain(t, out, "(This is the first question.)", "1 of 23 questions answered")
	if n := strings.Count(out, "[Emergency check] Question 1 of 23"); n != 2 {
		t.Errorf("first question shown %d times, want 2", n)
	}
}

func TestAccessibleNoneIsExclusive(t *testing.T) {
	out, _ := runAccessible(t, testOptions(t), "1 3", "1")
	mustContain(t, out, `"none" cannot be combined with other options`)
	mustNotContain(t, out, "Triage: EMERGENCY")
}

func TestAccessibleEarlyEOF(t *testing.T) {
	rb := ruleBase(t)
	lines := veganScript[:2].accessibleLines(t, rb)
	out, code := runAccessible(t, testOptions(t), lines...)
	if code != 0 {
		t.Errorf("exit %d after an early end of input, want 0", code)
	}
	mustContain(t, out,
		"(End of input: the remaining questions are left unanswered.)",
		"2 of 23 questions answered",
		"Triage: ",
		"What your answers may point to",
	)
	mustNotContain(t, out, "To save this as a Markdown report", "Your answers (")
	// No input at all.
	out, code = runAccessible(t, testOptions(t))
	if code != 0 {
		t.Errorf("exit %d with no input", code)
	}
	mustContain(t, out, "0 of 23 questions answered", "Triage: SELF-CARE")
}

func TestAccessibleEOFStopsAsking(t *testing.T) {
	rb := ruleBase(t)
	out, _ := runAccessible(t, testOptions(t), veganScript[:2].accessibleLines(t, rb)...)
	eof := strings.Index(out, "(End of input")
	if eof < 0 {
		t.Fatal("no end-of-input note")
	}
	if strings.Contains(out[eof:], "] Question ") {
		t.Errorf("questions printed after the end of input:\n%s", out[eof:])
	}
}

func TestAccessibleEOFKeepsEarlierAnswers(t *testing.T) {
	rb := ruleBase(t)
	in := veganScript[:4].accessibleLines(t, rb) // serious, location, duration, frequency
	in = append(in, "b")                         // at spreading: back to frequency; then EOF
	out, code := runAccessible(t, testOptions(t), in...)
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	mustContain(t, out, "4 of 23 questions answered")
}

func TestAccessibleEmergency(t *testing.T) {
	rb := ruleBase(t)
	chest := numbers(t, rb, "serious", "chest_pain")
	out, code := runAccessible(t, testOptions(t), chest, "n")
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	q1 := strings.Index(out, "Question 1 of 23")
	tri := strings.Index(out, "Triage: EMERGENCY")
	if q1 < 0 || tri < q1 {
		t.Fatalf("no emergency triage after the first question:\n%s", out)
	}
	if strings.Contains(out, "Question 2 of") {
		t.Error("n still asked the next question")
	}
	// Right after the first question: nothing else is asked in between.
	between := out[q1:tri]
	if strings.Count(between, "> ") != 1 {
		t.Errorf("more than one prompt before the emergency:\n%s", between)
	}
	mustContain(t, out[tri:], "Chest pain or pressure can be a heart problem.", "Continue? Type y or n")

	// y goes on with the questions.
	out, _ = runAccessible(t, testOptions(t), chest, "maybe", "y")
	mustContain(t, out, "Please type y or n.", "Question 2 of 23")
}

func TestAccessibleReviewChange(t *testing.T) {
	rb := ruleBase(t)
	lines := veganScript.accessibleLines(t, rb)
	diet := 0
	for i, a := range veganScript {
		if a.q == "diet" {
			diet = i
		}
	}
	// In review, change diet (its row number is its place among the
	// questions shown) to omnivore.
	in := append(lines, "x", "15", numbers(t, rb, "diet", "omnivore"), "", "")
	out, code := runAccessible(t, testOptions(t), in...)
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	_ = diet
	mustContain(t, out, "Please type a number from 1 to 23, or an empty line.", "15. Which best describes how you eat? I eat meat and fish")
	a := veganScript.answers(t, rb)
	a, _ = a.With("diet", "omnivore")
	var want bytes.Buffer
	if err := report.Text(&want, a, knowledge.Assess(a)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, want.String()) {
		t.Error("the result does not reflect the changed answer")
	}
}

func TestAccessibleSave(t *testing.T) {
	rb := ruleBase(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "r.md")
	lines := append(veganScript.accessibleLines(t, rb), "", path)
	out, code := runAccessible(t, testOptions(t), lines...)
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	mustContain(t, out, "Saved to "+path+" (readable only by you).")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := veganScript.answers(t, rb)
	var want bytes.Buffer
	if err := report.Markdown(&want, a, knowledge.Assess(a), fixedNow); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the saved report differs from report.Markdown")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}

	// Again: it asks before overwriting; n keeps the file.
	os.WriteFile(path, []byte("old"), 0o600)
	out, _ = runAccessible(t, testOptions(t), append(veganScript.accessibleLines(t, rb), "", path, "n")...)
	mustContain(t, out, path+" already exists. Overwrite it?", "Not saved.")
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("n overwrote the file: %q", b[:min(20, len(b))])
	}
	out, _ = runAccessible(t, testOptions(t), append(veganScript.accessibleLines(t, rb), "", path, "y")...)
	mustContain(t, out, "Saved to "+path)
	if b, _ := os.ReadFile(path); !bytes.Equal(b, want.Bytes()) {
		t.Error("y did not overwrite the file")
	}

	// An error is reported, not fatal.
	out, code = runAccessible(t, testOptions(t), append(veganScript.accessibleLines(t, rb), "", filepath.Join(dir, "no", "such", "r.md"))...)
	if code != 0 {
		t.Errorf("exit %d after a failed save", code)
	}
	mustContain(t, out, "Not saved: cannot save")
}

func TestAccessibleWithAnswersStartsAtReview(t *testing.T) {
	c := veganCase(t)
	opts := testOptions(t)
	opts.Answers = &c.Answers
	out, code := runAccessible(t, opts, "")
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	if strings.Contains(out, "Question 1 of") {
		t.Error("asked the questions although answers were given")
	}
	mustContain(t, out, "Your answers (15 answered):", "Triage: SEE A DOCTOR", "1. Vitamin B12")
}

func TestAccessibleFlag(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		flag bool
		env  func(string) string
		want bool
	}{
		{false, env(), false},
		{true, env(), true},
		{false, env("ACCESSIBLE", "1"), true},
		{false, env("TERM", "dumb"), true},
		{false, env("TERM", "xterm-256color"), false},
	} {
		if got := Accessible(tc.flag, tc.env); got != tc.want {
			t.Errorf("Accessible(%v, ...) = %v, want %v", tc.flag, got, tc.want)
		}
	}
}

func TestAccessibleSaveExpandsHome(t *testing.T) {
	rb := ruleBase(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	out, _ := runAccessible(t, testOptions(t), append(veganScript.accessibleLines(t, rb), "", "~/report.md")...)
	mustContain(t, out, "Saved to ")
	if _, err := os.Stat(filepath.Join(home, "report.md")); err != nil {
		t.Error(err)
	}
}

func TestRunNeedsTerminal(t *testing.T) {
	dir := t.TempDir()
	open := func(name, content string) *os.File {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	stdin, stdout, stderr := open("in", "1\n"), open("out", ""), open("err", "")
	s := Streams{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if code := Run(testOptions(t), false, s); code != 2 {
		t.Errorf("Run without a terminal = %d, want 2", code)
	}
	errText, _ := os.ReadFile(stderr.Name())
	mustContain(t, string(errText), "needs a terminal", "--accessible")
	if out, _ := os.ReadFile(stdout.Name()); len(out) != 0 {
		t.Errorf("wrote to stdout: %q", out)
	}

	// Accessible mode works on plain files: stdin in, stdout out.
	if code := Run(testOptions(t), true, s); code != 0 {
		t.Errorf("Run accessible = %d, want 0", code)
	}
	out, _ := os.ReadFile(stdout.Name())
	mustContain(t, string(out), "accessible mode", "1 of 23 questions answered", "Triage: SELF-CARE")
}
