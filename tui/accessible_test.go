package tui

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// numbers is the line that answers question qid with opts in accessible
// mode: option numbers, or an empty line to leave it.
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

// lines is the input that answers s, one line per question.
func (s script) lines(t *testing.T, rb *knowledge.RuleBase) []string {
	t.Helper()
	var out []string
	for _, a := range s {
		out = append(out, numbers(t, rb, a.q, a.opts...))
	}
	return out
}

// plainRun runs accessible mode on input lines at a width.
func plainRun(t *testing.T, opts Options, width int, lines ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	in := strings.Join(lines, "\n")
	if len(lines) > 0 {
		in += "\n"
	}
	code := runPlain(opts, strings.NewReader(in), &out, width)
	return out.String(), code
}

func TestAccessibleWholeQuestionnaire(t *testing.T) {
	rb := testRules(t)
	in := append(tinglingScript.lines(t, rb), "", "") // the review, then no save
	out, code := plainRun(t, testOptions(t), 80, in...)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	want := tinglingScript.answers(t, rb)
	var b bytes.Buffer
	if err := report.Text(&b, want, knowledge.Assess(want)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, b.String()) {
		t.Errorf("the result is not the same as assess's:\n%s", out)
	}
	mustContain(t, out, "accessible mode", "Test disclaimer", "[Your twitching] Question 2 of", "0. Not sure / skip", "Your answers (16 of 25 answered)")
}

// TestAccessibleShowsOptionHelp gives an option a help: it shows, under
// the option, as the question is asked.
func TestAccessibleShowsOptionHelp(t *testing.T) {
	old := "      - id: progressive_weakness\n        label: \"Progressive weakness\"\n"
	y := string(testrules.YAML())
	if strings.Count(y, old) != 1 {
		t.Fatalf("the test rule base does not hold %q once", old)
	}
	y = strings.Replace(y, old, old+"        help: \"Strong muscles now give way, week by week.\"\n", 1)
	rb, err := knowledge.Load("help.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := plainRun(t, optionsFor(t, rb), 80, "1")
	n := rb.Question("serious").OptionIndex("progressive_weakness") + 1
	mustContain(t, out, "  "+itoa(n)+". Progressive weakness\n      Strong muscles now give way, week by week.\n")
}

func TestAccessibleEmptyLinesAnswerNothing(t *testing.T) {
	// Enter only: nothing answered, and the result says the check was
	// skipped.
	out, code := plainRun(t, testOptions(t), 80, make([]string, 40)...)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	mustContain(t, out, "Your answers (0 of 23 answered)", report.SkippedHeading)
}

func TestAccessibleBackMeansWhatItMeansInTheApp(t *testing.T) {
	// b at the first question stays there; later, b goes to the question
	// before, keeping every answer.
	out, _ := plainRun(t, testOptions(t), 80, "b", "1", "", "b", "b", "")
	mustContain(t, out, "(This is the first question.)")
	if n := strings.Count(out, "Test question serious?"); n != 3 {
		t.Errorf("the first question was asked %d times, want 3:\n%s", n, out)
	}
	if n := strings.Count(out, "Test question location?"); n != 3 {
		t.Errorf("location was asked %d times, want 3", n)
	}
	mustContain(t, out, "1. None (your answer)", "1 of 23 questions answered")
}

func TestAccessibleErrorsInThePersonsTerms(t *testing.T) {
	out, _ := plainRun(t, testOptions(t), 80, "1 3", "99", "x")
	mustContain(t, out, `"None" cannot go with other answers`, "Please answer with numbers from 1 to 12")
	mustNotContain(t, out, "chest_pain", "none\"", "option")
	out, _ = plainRun(t, testOptions(t), 80, "1", "", "1 2") // duration takes one
	mustContain(t, out, "This question takes one answer")
}

func TestAccessibleEOFLeavesTheRestUnanswered(t *testing.T) {
	out, code := plainRun(t, testOptions(t), 80, "1", "1")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	mustContain(t, out, "(End of input: the remaining questions are left unanswered.)", "Q serious: None", "Q location: Eyelid")
	if strings.Count(out, "End of input") != 1 {
		t.Error("the end of input is reported more than once")
	}
}

// TestAccessibleLongLineIsAnError: a line over 64 KiB is an error, not
// the end of the input.
func TestAccessibleLongLineIsAnError(t *testing.T) {
	long := strings.Repeat("1 ", 40<<10)
	out, code := plainRun(t, testOptions(t), 80, long, "1")
	if code != 2 {
		t.Fatalf("exit %d, want 2:\n%s", code, out[max(0, len(out)-500):])
	}
	mustContain(t, out, "longer than 64 KiB")
	mustNotContain(t, out, "End of input")
}

func TestAccessibleEmergency(t *testing.T) {
	rb := testRules(t)
	chest := numbers(t, rb, "serious", "chest_pain")
	out, _ := plainRun(t, testOptions(t), 80, chest, "n", "")
	mustContain(t, out, "Triage: EMERGENCY", "Call emergency services now.", "! [Emergency] Chest pain.", "What to do: Call now.", "Continue?")
	if strings.Contains(out, "Test question location?") {
		t.Error("n still went on with the questions")
	}
}

func TestAccessibleReviewChangeAsksFollowUps(t *testing.T) {
	rb := testRules(t)
	a := answersOf(t, rb, "serious: [none]\nsymptoms: [cramps]\n")
	opts := testOptions(t)
	opts.Answers = &a
	vis := a.Visible()
	row := 0
	for n, i := range vis {
		if rb.Questions[i].ID == "symptoms" {
			row = n + 1
		}
	}
	in := []string{strconv.Itoa(row), numbers(t, rb, "symptoms", "cramps", "diarrhea"), numbers(t, rb, "gi_duration", "week_plus"), "", ""}
	out, _ := plainRun(t, opts, 80, in...)
	mustContain(t, out, "Test question gi duration?", "3. Week plus", "Q gi duration: Week plus")
	// An option kept only for old files is not offered.
	mustNotContain(t, out, "4. Days")
}

// TestAccessibleShowsAnOldAnswer: an answer kept only for old files is
// shown in the review by its label, though it is not offered.
func TestAccessibleShowsAnOldAnswer(t *testing.T) {
	rb := testRules(t)
	a := answersOf(t, rb, "serious: [none]\nsymptoms: [diarrhea]\ngi_duration: days\n")
	opts := testOptions(t)
	opts.Answers = &a
	out, _ := plainRun(t, opts, 80, "", "")
	mustContain(t, out, "Q gi duration: Days")
}

func TestAccessibleWarnsAboutIgnoredFollowUps(t *testing.T) {
	rb := testRules(t)
	a := answersOf(t, rb, "symptoms: [cramps]\ngi_duration: days\n")
	opts := testOptions(t)
	opts.Answers = &a
	out, _ := plainRun(t, opts, 200, "", "")
	mustContain(t, out, "warning: "+knowledge.FollowUpNote(rb, knowledge.AnswerRef{Question: "gi_duration", Answer: "days"}))
	mustNotContain(t, out, "Q gi duration: Days")
}

func TestAccessibleSavesEveryKind(t *testing.T) {
	opts := testOptions(t)
	// Skip every question, then save each kind once with its default name,
	// then the answers again: the file exists, so it asks, and "n" keeps it.
	lines := make([]string, 23+1)
	answers := 0
	for i, k := range saveKinds() {
		lines = append(lines, strconv.Itoa(i+1), "")
		if k.What == "your answers" {
			answers = i + 1
		}
	}
	// The name offered is never a file that is there; typed, it asks.
	lines = append(lines, strconv.Itoa(answers), filepath.Join(opts.Dir, "twitchcheck-answers-2026-11-23.yaml"), "n", "")
	out, code := plainRun(t, opts, 80, lines...)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, k := range saveKinds() {
		mustContain(t, out, k.What+" ("+k.Describe+")", "Saved "+k.What)
	}
	mustContain(t, out, "already exists. Replace it?", "Not saved.")
	a, err := knowledge.ReadAnswersFile(testRules(t), filepath.Join(opts.Dir, "twitchcheck-answers-2026-11-23.yaml"))
	if err != nil || a.Count() != 0 {
		t.Fatalf("the saved answers: %v, %v", a.Refs(), err)
	}
	if _, err := os.Stat(filepath.Join(opts.Dir, "twitchcheck-report-2026-11-23.md")); err != nil {
		t.Fatal(err)
	}
}

func TestAccessibleWrapsToTheWidth(t *testing.T) {
	out, _ := plainRun(t, testOptions(t), 40, make([]string, 30)...)
	for _, l := range strings.Split(out, "\n") {
		if n := len([]rune(l)); n > 40 {
			t.Errorf("a line of %d characters at width 40: %q", n, l)
		}
	}
}

func TestAccessibleFlagAndEnvironment(t *testing.T) {
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
		env  []string
		want bool
	}{
		{true, nil, true},
		{false, nil, false},
		{false, []string{"ACCESSIBLE", "1"}, true},
		{false, []string{"ACCESSIBLE", "yes"}, true},
		{false, []string{"ACCESSIBLE", "true"}, true},
		{false, []string{"ACCESSIBLE", "0"}, false},
		{false, []string{"ACCESSIBLE", "false"}, false},
		{false, []string{"ACCESSIBLE", "FALSE"}, false},
		{false, []string{"ACCESSIBLE", "no"}, false},
		{false, []string{"ACCESSIBLE", "off"}, false},
		{false, []string{"ACCESSIBLE", ""}, false},
		{false, []string{"TERM", "dumb"}, true},
	} {
		if got := Accessible(tc.flag, env(tc.env...)); got != tc.want {
			t.Errorf("Accessible(%v, %v) = %v, want %v", tc.flag, tc.env, got, tc.want)
		}
	}
}

// TestAccessibleCleansFileText: text from a rule base reaches the output
// escaped, never as terminal controls.
func TestAccessibleCleansFileText(t *testing.T) {
	rb := hostileRules(t)
	out, _ := plainRun(t, optionsFor(t, rb), 80, make([]string, 30)...)
	checkNoControls(t, "accessible mode", out)
	mustContain(t, out, `\x1b`)
}

func TestRunNeedsATerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stdin")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	errf, _ := os.CreateTemp(t.TempDir(), "stderr")
	defer errf.Close()
	code := Run(testOptions(t), Streams{Stdin: f, Stdout: errf, Stderr: errf})
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	data, _ := os.ReadFile(errf.Name())
	mustContain(t, string(data), "needs a terminal", "--accessible")
	// Accessible mode runs without one.
	opts := testOptions(t)
	opts.Accessible = true
	out, _ := os.CreateTemp(t.TempDir(), "stdout")
	defer out.Close()
	if code := Run(opts, Streams{Stdin: f, Stdout: out, Stderr: errf}); code != 0 {
		t.Fatalf("accessible: exit %d", code)
	}
}

func TestAccessibleQuestionWithItsOwnNotSure(t *testing.T) {
	rb := testRules(t)
	ask := func(qid, input string) (knowledge.Answers, string) {
		var out bytes.Buffer
		p := &plain{opts: testOptions(t), rb: rb, flow: flow{rb}, in: bufio.NewReader(strings.NewReader(input)), out: &out, width: 80}
		a := answersOf(t, rb, "medications: [diuretic]\n")
		a, _ = p.ask(a, rb.QuestionIndex(qid))
		return a, out.String()
	}
	a, out := ask("diuretic_kind", "0\n5\n")
	if strings.Contains(out, skipLabel) || strings.Contains(out, "0: not sure") {
		t.Errorf("a question with its own Not sure offers a second:\n%s", out)
	}
	if !strings.Contains(out, "5. Not sure") || !strings.Contains(flat(out), "Please answer with numbers from 1 to 5, an empty line to leave it as it is, or b to go back.") {
		t.Errorf("0 was not refused in words:\n%s", out)
	}
	if !a.Has("diuretic_kind", "not_sure") {
		t.Errorf("answers: %v", a.Refs())
	}
	// A question without one keeps it.
	_, out = ask("duration", "0\n")
	if !strings.Contains(out, "0. "+skipLabel) || !strings.Contains(out, "0: not sure") {
		t.Errorf("the duration question lost Not sure / skip:\n%s", out)
	}
}
