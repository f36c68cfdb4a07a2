package tui

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
	"github.com/twitchcheck/twitchcheck/safefile"
)

// accessible is the plain mode: numbered prompts, one line at a time, on
// any reader and writer, in the manner of huh's accessible mode. It asks
// the same questions as the TUI and prints the same result as text.
type accessible struct {
	opts Options
	rb   *knowledge.RuleBase
	in   *bufio.Scanner
	out  io.Writer
	eof  bool
}

// RunAccessible runs the questionnaire as plain prompts on r and w and
// returns the exit status. It works with piped input: an empty line skips a
// question, "b" goes back, and the end of the input skips the rest.
func RunAccessible(opts Options, r io.Reader, w io.Writer) int {
	a := &accessible{opts: opts, rb: opts.Rules, in: bufio.NewScanner(r), out: w}
	a.in.Buffer(make([]byte, 4096), 64*1024)
	if opts.Now == nil {
		a.opts.Now = time.Now
	}
	ans := knowledge.NewAnswers(a.rb)
	if opts.Answers != nil {
		ans = *opts.Answers
	}
	a.say("twitchcheck, accessible mode. Knowledge base %s.", a.rb.Version)
	a.say("It asks about your twitching, lifestyle, diet, medicines and other symptoms, then shows what your answers may point to. It screens; it does not diagnose. Nothing leaves this computer and nothing is saved unless you ask.")
	a.say("%s", a.rb.Disclaimer)
	a.say("")
	if opts.Answers == nil {
		ans = a.questionnaire(ans, 0)
	}
	ans = a.review(ans)
	res := knowledge.Assess(ans)
	a.say("")
	var b bytes.Buffer
	if err := report.Text(&b, ans, res); err != nil {
		a.say("twitchcheck: internal error: %v", err)
		return 1
	}
	fmt.Fprint(a.out, b.String())
	a.offerSave(ans, res)
	return 0
}

func (a *accessible) say(format string, args ...any) {
	fmt.Fprintf(a.out, format+"\n", args...)
}

// readLine reads one line; at the end of the input it returns "" and
// remembers it, so every later question is skipped.
func (a *accessible) readLine() string {
	if a.eof {
		return ""
	}
	fmt.Fprint(a.out, "> ")
	if !a.in.Scan() {
		a.eof = true
		fmt.Fprintln(a.out)
		a.say("(End of input: the remaining questions are left unanswered.)")
		return ""
	}
	return strings.TrimSpace(a.in.Text())
}

// questionnaire asks the questions shown from question start on.
func (a *accessible) questionnaire(ans knowledge.Answers, start int) knowledge.Answers {
	var history []int // questions asked, for "b"
	for i := start; i < len(a.rb.Questions) && !a.eof; {
		if !ans.Shown(i) {
			i++
			continue
		}
		before := knowledge.TriageOf(ans).Level
		next, back := a.ask(ans, i)
		if back {
			if len(history) == 0 {
				a.say("(This is the first question.)")
				continue
			}
			i = history[len(history)-1]
			history = history[:len(history)-1]
			continue
		}
		ans = next.Pruned()
		history = append(history, i)
		if a.rb.Questions[i].ID == knowledge.FirstQuestion {
			lvl := knowledge.TriageOf(ans).Level
			if lvl == emergencyLevel(a.rb) && lvl != before && !a.emergency(ans) {
				return ans
			}
		}
		i++
	}
	return ans
}

// ask asks question i until it gets a valid answer, an empty line (skip)
// or "b" (back).
func (a *accessible) ask(ans knowledge.Answers, i int) (knowledge.Answers, bool) {
	q := &a.rb.Questions[i]
	n, total := position(ans, i)
	section := ""
	if s := a.rb.Section(q.Section); s != nil {
		section = s.Title
	}
	a.say("")
	a.say("[%s] Question %d of %d", section, n, total)
	a.say("%s", q.Text)
	if q.Help != "" {
		a.say("%s", q.Help)
	}
	for j, o := range q.Options {
		mark := ""
		if ans.Has(q.ID, o.ID) {
			mark = " (current answer)"
		}
		a.say("  %d. %s%s", j+1, o.Label, mark)
	}
	if q.Kind == knowledge.Multi {
		a.say("Type one or more numbers separated by spaces or commas. Empty line: not sure / skip. b: back.")
	} else {
		a.say("Type a number. Empty line: not sure / skip. b: back.")
	}
	for {
		line := a.readLine()
		if a.eof {
			return ans, false // the input ended: keep what was answered
		}
		switch strings.ToLower(line) {
		case "":
			return ans.Without(q.ID), false
		case "b", "back":
			return ans, true
		}
		opts, msg := parseChoice(q, line)
		if msg == "" {
			next, err := ans.With(q.ID, opts...)
			if err == nil {
				return next, false
			}
			msg = err.Error()
		}
		a.say("%s", msg)
	}
}

// parseChoice reads option numbers.
func parseChoice(q *knowledge.Question, line string) ([]string, string) {
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	if q.Kind == knowledge.Single && len(fields) > 1 {
		return nil, "Please type just one number."
	}
	var opts []string
	for _, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > len(q.Options) {
			return nil, fmt.Sprintf("Please answer with numbers from 1 to %d, an empty line to skip, or b to go back.", len(q.Options))
		}
		opts = append(opts, q.Options[n-1].ID)
	}
	return opts, ""
}

// position is question i's place among the questions shown, and how many
// are shown.
func position(ans knowledge.Answers, i int) (int, int) {
	vis := ans.Visible()
	for n, j := range vis {
		if j == i {
			return n + 1, len(vis)
		}
	}
	return 0, len(vis)
}

// emergency tells the person to call emergency services now and asks
// whether to go on. It reports whether to continue.
func (a *accessible) emergency(ans knowledge.Answers) bool {
	a.emergencyNotice(ans)
	a.say("When you are safe, you may go on with the questions. Continue? Type y or n (empty line: yes).")
	for {
		switch strings.ToLower(a.readLine()) {
		case "", "y", "yes":
			return !a.eof
		case "n", "no":
			return false
		}
		a.say("Please type y or n.")
	}
}

// emergencyNotice says to call emergency services now, with the reasons.
func (a *accessible) emergencyNotice(ans knowledge.Answers) {
	t := knowledge.TriageOf(ans)
	a.say("")
	a.say("%s", report.TriageLine(a.rb, t.Level))
	a.say("%s", a.rb.Level(t.Level).Action)
	for _, f := range t.Flags {
		if f.Level == t.Level {
			a.say("  ! %s", f.Reason)
		}
	}
}

// review lists the answers and lets the person change one by number.
func (a *accessible) review(ans knowledge.Answers) knowledge.Answers {
	for !a.eof {
		vis := ans.Visible()
		a.say("")
		a.say("Your answers (%d answered):", ans.Count())
		for n, i := range vis {
			q := &a.rb.Questions[i]
			a.say("  %d. %s %s", n+1, q.Text, answerText(a.rb, ans, q))
		}
		a.say("Type a number to change that answer, or an empty line to see the results.")
		line := a.readLine()
		if line == "" {
			return ans
		}
		n, err := strconv.Atoi(line)
		if err != nil || n < 1 || n > len(vis) {
			a.say("Please type a number from 1 to %d, or an empty line.", len(vis))
			continue
		}
		before := knowledge.TriageOf(ans).Level
		next, back := a.ask(ans, vis[n-1])
		if !back {
			ans = next.Pruned()
		}
		if lvl := knowledge.TriageOf(ans).Level; lvl == emergencyLevel(a.rb) && lvl != before {
			a.emergencyNotice(ans)
		}
	}
	return ans
}

// offerSave offers to save the Markdown report.
func (a *accessible) offerSave(ans knowledge.Answers, res knowledge.Result) {
	if a.eof {
		return
	}
	a.say("")
	a.say("To save this as a Markdown report, type a file name; an empty line finishes without saving.")
	path := safefile.ExpandHome(a.readLine())
	if path == "" {
		return
	}
	var b bytes.Buffer
	if err := report.Markdown(&b, ans, res, a.opts.Now()); err != nil {
		a.say("Not saved: %v", err)
		return
	}
	err := safefile.Write(path, b.Bytes(), false)
	if errors.Is(err, safefile.ErrExists) {
		a.say("%s already exists. Overwrite it? Type y or n.", path)
		if l := strings.ToLower(a.readLine()); l == "y" || l == "yes" {
			err = safefile.Write(path, b.Bytes(), true)
		} else {
			a.say("Not saved.")
			return
		}
	}
	if err != nil {
		a.say("Not saved: %v", err)
		return
	}
	a.say("Saved to %s (readable only by you).", path)
}
