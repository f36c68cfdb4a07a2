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
	if err := report.Text(&b, ans, res); err != nil {
		p.say("twitchcheck: internal error: " + err.Error())
		return 1, nil
	}
	p.say("")
	p.write(rewrap(b.String(), p.width))
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
		if res := knowledge.Assess(ans); p.flow.raisedToEmergency(before, res) && !p.emergency(res) {
			return ans
		}
		i = p.flow.next(ans, i)
	}
	return ans
}

// ask asks question i until it gets an answer, an empty line (leave it as
// it is: skipped when unanswered), 0 (not sure: clear it) or b (back).
func (p *plain) ask(ans knowledge.Answers, i int) (knowledge.Answers, bool) {
	f := field{&p.rb.Questions[i]}
	n, total := p.flow.position(ans, i)
	p.say("")
	p.say("[" + sectionTitle(p.rb, f.q) + "] Question " + itoa(n) + " of " + itoa(total))
	p.say(clean(f.q.Text))
	if f.q.Help != "" {
		p.say(clean(f.q.Help))
	}
	for j, o := range f.q.Options {
		mark := ""
		if f.chosen(ans, j) {
			mark = " (your answer)"
		}
		in := 2 + len(itoa(j+1)) + 2
		p.say(hang(itoa(j+1)+". "+clean(o.Label)+mark, p.width, 2, in))
		if o.Help != "" {
			p.say(hang(clean(o.Help), p.width, in, in))
		}
	}
	p.say("  0. " + skipLabel)
	if f.multi() {
		p.say("Type the numbers of every one that applies, separated by spaces or commas. Empty line: leave it as it is. 0: not sure. b: back.")
	} else {
		p.say("Type one number. Empty line: leave it as it is. 0: not sure. b: back.")
	}
	for {
		line := p.readLine()
		if p.stopped() {
			return ans, false
		}
		switch strings.ToLower(line) {
		case "":
			return ans, false
		case "b", "back":
			return ans, true
		case "0":
			return f.clear(ans), false
		}
		opts, msg := parseChoice(f.q, line)
		if msg == "" {
			next, err := f.set(ans, opts)
			if err == nil {
				return next, false
			}
			msg = "That answer is not allowed here; please try again."
		}
		p.say(msg)
	}
}

// parseChoice reads the option numbers typed for q, and says what is
// wrong, in the person's terms, when they cannot be read.
func parseChoice(q *knowledge.Question, line string) ([]int, string) {
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '\t' })
	n := len(q.Options)
	if len(fields) == 0 {
		return nil, "Please type a number from 1 to " + itoa(n) + "."
	}
	if q.Kind == knowledge.Single && len(fields) > 1 {
		return nil, "This question takes one answer: please type just one number."
	}
	var opts []int
	seen := map[int]bool{}
	none := q.OptionIndex(knowledge.NoneOption)
	for _, f := range fields {
		v, err := strconv.Atoi(f)
		if err != nil || v < 1 || v > n {
			return nil, "Please answer with numbers from 1 to " + itoa(n) + ", an empty line to leave it as it is, 0 for not sure, or b to go back."
		}
		if !seen[v-1] {
			seen[v-1] = true
			opts = append(opts, v-1)
		}
	}
	if none >= 0 && seen[none] && len(opts) > 1 {
		return nil, "\"" + clean(q.Options[none].Label) + "\" cannot go with other answers: type it alone, or leave it out."
	}
	return opts, ""
}

// emergency says to get emergency help now, with the reasons, and asks
// whether to go on. It reports whether to continue.
func (p *plain) emergency(res knowledge.Result) bool {
	p.emergencyNotice(res)
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

// emergencyNotice says to get emergency help now, with the reasons.
func (p *plain) emergencyNotice(res knowledge.Result) {
	lvl := res.Triage.Level
	p.say("")
	p.say(clean(report.TriageLine(p.rb, lvl)))
	p.say(clean(p.rb.Level(lvl).Action))
	for _, f := range res.Triage.Flags {
		if f.Level == lvl {
			p.say(hang("! "+clean(f.Reason)+" What to do: "+clean(f.Action), p.width, 2, 4))
		}
	}
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
				p.emergencyNotice(res)
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
			p.say("  " + itoa(i+1) + ". " + k.what + " (" + k.format + ")")
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
	name := filepath.Join(p.opts.Dir, k.file(p.opts.Now().Format("2006-01-02")))
	p.say("File name (an empty line: " + name + "):")
	path := safefile.ExpandHome(p.readLine())
	if p.stopped() {
		return
	}
	if path == "" {
		path = name
	}
	data, err := k.render(ans, res, p.opts.Now())
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
	p.say("Saved " + k.what + " to " + path + " (readable only by you).")
}

// rewrap wraps text made for 80 columns to a narrower width, each long
// line hanging under its own indent.
func rewrap(text string, width int) string {
	if width >= report.TextWidth {
		return text
	}
	ls := strings.Split(text, "\n")
	for i, l := range ls {
		if len(l) <= width {
			continue
		}
		in := len(l) - len(strings.TrimLeft(l, " "))
		ls[i] = hang(strings.TrimLeft(l, " "), width, in, min(in+2, width/2))
	}
	return strings.Join(ls, "\n")
}
