package tui

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
	"github.com/twitchcheck/twitchcheck/report/formats"
	"github.com/twitchcheck/twitchcheck/safefile"
)

// Accessible mode asks the same questions as the app, in the same order
// (flow.go) and with the same meaning of every answer (field.go), as plain
// numbered prompts, one line at a time, on any reader and writer: a screen
// reader, a pipe, a dumb terminal. It prints the same result as text, then
// offers the same saves as the app.

// maxLine is the longest line accessible mode reads.
const maxLine = 64 << 10

// errLineTooLong is a line of input longer than maxLine.
var errLineTooLong = errors.New("a line of input is longer than 64 KiB")

// runAccessible runs accessible mode on the process's streams, wrapped to
// the terminal's width when stdout is a terminal.
func runAccessible(opts Options, s Streams) int {
	width := report.TextWidth
	if term.IsTerminal(s.Stdout.Fd()) {
		if w, _, err := term.GetSize(s.Stdout.Fd()); err == nil && w >= 20 {
			width = w - 1
		}
	}
	code, err := runPlainErr(opts, s.Stdin, s.Stdout, width)
	if err != nil {
		fmt.Fprintf(s.Stderr, "twitchcheck: write error: writing standard output: %v\n", err)
	}
	return code
}

// RunAccessible runs accessible mode on r and w, wrapped to 80 columns,
// and returns the exit status: 0, 2 when the input has a line longer than
// 64 KiB, or 1 with the error when writing to w failed. Nothing more is
// asked or written after a failed write; the caller reports the error.
func RunAccessible(opts Options, r io.Reader, w io.Writer) (int, error) {
	return runPlainErr(opts, r, w, report.TextWidth)
}

// plain is one run of accessible mode.
type plain struct {
	opts  Options
	rb    *knowledge.RuleBase
	flow  flow
	in    *bufio.Reader
	out   io.Writer
	width int
	eof   bool
	err   error // a fatal input error
	werr  error // the first failed write; nothing is written after it
}

// runPlain runs accessible mode and returns its exit status (1 when a
// write failed).
func runPlain(opts Options, r io.Reader, w io.Writer, width int) int {
	code, _ := runPlainErr(opts, r, w, width)
	return code
}

// runPlainErr runs accessible mode. A failed write stops the run: the
// status is 1 and the error is the write's, for the caller to report on
// its error stream (standard output is where the write failed).
func runPlainErr(opts Options, r io.Reader, w io.Writer, width int) (code int, werr error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	p := &plain{opts: opts, rb: opts.Rules, flow: flow{opts.Rules}, in: bufio.NewReaderSize(r, 4096), out: w, width: max(20, width)}
	defer func() {
		if p.werr != nil {
			code, werr = 1, p.werr
		}
	}()
	p.say("twitchcheck, accessible mode. Knowledge base " + clean(p.rb.Version) + ".")
	p.say("It asks about your twitching, lifestyle, diet, medicines and other symptoms, then shows what your answers may point to. It screens; it does not diagnose. Nothing leaves this computer and nothing is saved unless you ask.")
	p.say(clean(p.rb.Disclaimer))
	ans := knowledge.NewAnswers(p.rb)
	if opts.Answers != nil {
		for _, ref := range opts.Answers.Ignored() {
			p.say("warning: " + clean(knowledge.FollowUpNote(p.rb, ref)))
		}
		ans = opts.Answers.Pruned()
	} else {
		ans = p.questionnaire(ans)
	}
	if p.err == nil {
		ans = p.review(ans)
	}
	if p.werr != nil {
		return 1, p.werr
	}
	if p.err != nil {
		p.write("\n")
		p.say("twitchcheck: " + p.err.Error() + "; stopping without results.")
		return 2, nil
	}
	res := knowledge.Assess(ans)
	var b bytes.Buffer
	if err := report.WriteText(&b, report.Build(ans, res, report.Options{}), max(20, p.width)); err != nil {
		p.say("twitchcheck: internal error: " + err.Error())
		return 1, nil
	}
	p.say("")
	p.write(b.String())
	p.offerSave(ans, res)
	if p.err != nil {
		p.say("twitchcheck: " + p.err.Error() + ".")
		return 2, nil
	}
	return 0, nil
}

// say writes a paragraph, cleaned and wrapped to the width.
func (p *plain) say(text string) {
	p.write(wrapText(report.Clean(text), p.width) + "\n")
}

// write writes text, cleaned of anything a terminal would act on. Every
// write of accessible mode goes through it: the first that fails is kept
// in p.werr, and stops the run (stopped) and every later write.
func (p *plain) write(text string) {
	if p.werr != nil {
		return
	}
	if _, err := io.WriteString(p.out, report.Clean(text)); err != nil {
		p.werr = err
	}
}

// readLine reads one line. At the end of the input it returns "" and
// remembers it, so every later question is left unanswered; a line longer
// than maxLine is an error that stops the run.
func (p *plain) readLine() string {
	if p.stopped() {
		return ""
	}
	p.write("> ")
	line, err := readLimited(p.in, maxLine)
	switch {
	case errors.Is(err, errLineTooLong):
		p.err = err
		return ""
	case err != nil && line == "":
		p.eof = true
		p.write("\n")
		p.say("(End of input: the remaining questions are left unanswered.)")
		return ""
	}
	return strings.TrimSpace(line)
}

// readLimited reads a line of at most limit bytes, without its end.
func readLimited(r *bufio.Reader, limit int) (string, error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(b)+len(chunk) > limit+1 {
			return "", errLineTooLong
		}
		b = append(b, chunk...)
		switch {
		case err == nil:
			return strings.TrimRight(string(b), "\r\n"), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return strings.TrimRight(string(b), "\r\n"), err
		}
	}
}

// stopped reports whether asking is over: the input ended or failed, or
// writing failed.
func (p *plain) stopped() bool { return p.eof || p.err != nil || p.werr != nil }

// questionnaire asks the questions shown, in the flow's order; "b" goes
// to the question before, as back does in the app.
func (p *plain) questionnaire(ans knowledge.Answers) knowledge.Answers {
	for i := p.flow.first(ans); i >= 0 && !p.stopped(); {
		before := knowledge.Assess(ans).Triage.Level
		next, back := p.ask(ans, i)
		if p.stopped() {
			return ans
		}
		if back {
			if j := p.flow.prev(ans, i); j >= 0 {
				i = j
			} else {
				p.say("(This is the first question.)")
			}
			continue
		}
		ans = next.Pruned()
		if res := knowledge.Assess(ans); p.flow.raisedToEmergency(before, res) && !p.emergency(ans, res) {
			return ans
		}
		i = p.flow.next(ans, i)
	}
	return ans
}

// ask asks question i until it gets an answer, an empty line (leave it as
// it is: skipped when unanswered), 0 (not sure: clear it; only where
// "Not sure / skip" is listed) or b (back).
func (p *plain) ask(ans knowledge.Answers, i int) (knowledge.Answers, bool) {
	f := field{p.rb.Questions[i].Offered()}
	n, total := p.flow.position(ans, i)
	p.say("")
	p.say("[" + sectionTitle(p.rb, f.q) + "] Question " + itoa(n) + " of " + itoa(total))
	p.say(clean(f.q.Text))
	if f.q.Help != "" {
		p.say(clean(f.q.Help))
	}
	for j := range f.rows() {
		in := 2 + len(itoa(f.typedNumber(j))) + 2
		p.say(hang(f.typedLine(ans, j), p.width, 2, in))
		if h := f.row(ans, j).help; h != "" {
			p.say(hang(h, p.width, in, in))
		}
	}
	p.say(f.typedInstructions())
	for {
		line := p.readLine()
		if p.stopped() {
			return ans, false
		}
		next, act, msg := f.typed(ans, line)
		switch act {
		case typedLeave:
			return ans, false
		case typedBack:
			return ans, true
		case typedAnswer:
			return next, false
		}
		p.say(msg)
	}
}

// emergency says to get emergency help now, with the reasons, and asks
// whether to go on. It reports whether to continue.
func (p *plain) emergency(ans knowledge.Answers, res knowledge.Result) bool {
	p.emergencyNotice(ans, res)
	p.say("When you are safe, you may go on with the questions. Continue? Type y or n (empty line: yes).")
	for {
		switch strings.ToLower(p.readLine()) {
		case "", "y", "yes":
			return !p.stopped()
		case "n", "no":
			return false
		}
		p.say("Please type y or n.")
	}
}

// emergencyNotice says to get emergency help now, with the reasons, as
// the result document has them.
func (p *plain) emergencyNotice(ans knowledge.Answers, res knowledge.Result) {
	p.say("")
	doc := report.Build(ans, res, report.Options{})
	var b strings.Builder
	report.WriteText(&b, &report.Document{Level: doc.Level, Sections: report.Notice(doc)}, p.width)
	p.write(b.String())
}

// review lists the answers and lets the person change one by number; a
// change that brings up a follow-up asks it too.
func (p *plain) review(ans knowledge.Answers) knowledge.Answers {
	for {
		vis := ans.Visible()
		p.say("")
		p.say("Your answers (" + itoa(ans.Count()) + " of " + itoa(len(vis)) + " answered):")
		for n, i := range vis {
			q := &p.rb.Questions[i]
			a := answerText(ans, q)
			if a == "" {
				a = "(not answered)"
			}
			p.say(hang(itoa(n+1)+". "+clean(q.Short)+": "+a, p.width, 2, 4+len(itoa(n+1))))
		}
		if p.stopped() {
			return ans // the list, for the record; nothing more to read
		}
		p.say("Type a number to change that answer, or an empty line to see the results.")
		line := p.readLine()
		if line == "" {
			return ans
		}
		n, err := strconv.Atoi(line)
		if err != nil || n < 1 || n > len(vis) {
			p.say("Please type a number from 1 to " + itoa(len(vis)) + ", or an empty line to see the results.")
			continue
		}
		for i := vis[n-1]; i >= 0 && !p.stopped(); i = p.flow.followUp(ans, i) {
			before := knowledge.Assess(ans).Triage.Level
			next, back := p.ask(ans, i)
			if back || p.stopped() {
				break
			}
			ans = next.Pruned()
			if res := knowledge.Assess(ans); p.flow.raisedToEmergency(before, res) {
				p.emergencyNotice(ans, res)
			}
		}
	}
}

// offerSave offers every kind of save the app offers, until an empty line.
func (p *plain) offerSave(ans knowledge.Answers, res knowledge.Result) {
	kinds := saveKinds()
	for !p.stopped() {
		p.say("")
		p.say("To save, type the number of what to save; an empty line finishes.")
		for i, k := range kinds {
			p.say("  " + itoa(i+1) + ". " + k.What + " (" + k.Describe + ")")
		}
		line := p.readLine()
		if line == "" {
			return
		}
		n, err := strconv.Atoi(line)
		if err != nil || n < 1 || n > len(kinds) {
			p.say("Please type a number from 1 to " + itoa(len(kinds)) + ", or an empty line.")
			continue
		}
		p.saveOne(kinds[n-1], ans, res)
	}
}

// saveOne asks for a file name and saves one kind.
func (p *plain) saveOne(k saveKind, ans knowledge.Answers, res knowledge.Result) {
	name := freeName(fileExists, filepath.Join(p.opts.Dir, k.File(p.opts.Now().Format("2006-01-02"))))
	p.say("File name (an empty line: " + name + "):")
	path := safefile.ExpandHome(p.readLine())
	if p.stopped() {
		return
	}
	if path == "" {
		path = name
	}
	data, err := k.Render(formats.Input{Answers: ans, Result: res, Now: p.opts.Now()})
	if err != nil {
		p.say("Not saved: " + err.Error())
		return
	}
	err = safefile.Write(path, data, false)
	if errors.Is(err, safefile.ErrExists) {
		p.say(path + " already exists. Replace it? Type y or n.")
		if l := strings.ToLower(p.readLine()); l != "y" && l != "yes" {
			p.say("Not saved.")
			return
		}
		err = safefile.Write(path, data, true)
	}
	if err != nil {
		p.say("Not saved: " + err.Error())
		return
	}
	p.say("Saved " + k.What + " to " + path + " (readable only by you).")
}
