package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Markdown writes a report to take to a doctor: the date, the
// knowledge-base version, every answer given, the result with its reasons,
// and the disclaimer.
func Markdown(w io.Writer, a knowledge.Answers, res knowledge.Result, date time.Time) error {
	rb := a.RuleBase()
	var buf bytes.Buffer
	b := bufio.NewWriter(&buf)
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	refs := &refList{}
	cite := func(id string) string { return mdEscape(refs.cite(id)) }

	p("# twitchcheck report")
	p("")
	p("- Date: %s", date.Format("2 January 2006"))
	p("- Knowledge base: version %s (%s)", mdEscape(rb.Version), mdEscape(rb.Date))
	p("- Questions answered: %d of %d", a.Count(), a.Count()+len(unanswered(a)))
	p("")
	p("> %s", mdEscape(rb.Disclaimer))
	p("")

	if res.Triage.Skipped() {
		p("## %s", mdEscape(SkippedHeading))
		p("")
		p("%s", mdEscape(rb.Skipped.Reason))
		p("")
		p("%s", mdEscape(SignsIntro))
		p("")
		for _, s := range rb.EmergencySigns() {
			p("- %s", mdEscape(SignLine(s)))
		}
		p("")
	}
	p("## %s", mdEscape(TriageLine(rb, res.Triage.Level)))
	p("")
	p("%s", mdEscape(rb.Level(res.Triage.Level).Action))
	p("")
	if len(res.Triage.Flags) == 0 {
		p("No red flags were raised by the answers.")
	} else {
		p("| Level | Reason | Because | Source |")
		p("|---|---|---|---|")
		for _, f := range res.Triage.Flags {
			p("| %s | %s | %s | %s |", mdEscape(LevelLabel(rb, f.Level)), mdEscape(f.Reason), mdEscape(FlagAnswers(rb, f)), cite(f.Source))
		}
	}
	p("")

	p("## What the answers may point to")
	p("")
	p("%s", mdEscape(ScoreLegend(rb)))
	p("")
	p("| Rank | Nutrient | Score | Band | Blood tests to ask about |")
	p("|---|---|---|---|---|")
	for i, d := range res.Deficiencies {
		p("| %d | %s | %d | %s | %s |", i+1, mdEscape(d.Name), d.Score, d.Band, mdEscape(strings.Join(d.Tests, ", ")))
	}
	p("")
	for _, d := range res.Deficiencies {
		if d.Band == knowledge.BandUnlikely {
			continue
		}
		p("### %s: %d (%s)", mdEscape(d.Name), d.Score, d.Band)
		p("")
		p("Starts at %d before any answer.", d.Baseline)
		p("")
		if len(d.Evidence) > 0 {
			for _, e := range d.Evidence {
				p("- %s **%s** (%s): %s %s", signed(e.Points), mdEscape(AnswerLabels(rb, e.Answers())), fmt.Sprintf("weight %+g", e.Rule.Weight), mdEscape(e.Rule.Why), cite(e.Rule.Source))
			}
			p("")
		}
		for _, c := range d.Causes {
			p("A doctor looks for: %s %s", mdEscape(c.Text), cite(c.Source))
			p("")
		}
		if line := FoodsLine(d); line != "" {
			p("%s", mdEscape(line+"."))
			p("")
		}
		for _, n := range d.FoodNotes {
			p("> %s %s", mdEscape(n.Text), cite(n.Source))
			p("")
		}
	}

	if len(res.Others) > 0 {
		p("## Other causes a doctor may consider")
		p("")
		for _, o := range res.Others {
			line := fmt.Sprintf("- **%s**: %s %s", mdEscape(o.Name), mdEscape(o.Text), cite(o.Source))
			if len(o.Tests) > 0 {
				line += " Tests: " + mdEscape(strings.Join(o.Tests, ", ")) + "."
			}
			p("%s", line)
		}
		p("")
	}

	p("## Lifestyle triggers")
	p("")
	if len(res.Triggers) == 0 {
		p("None of the answers point to a lifestyle trigger.")
	}
	for _, t := range res.Triggers {
		marks := ""
		for _, s := range t.Sources {
			marks += cite(s)
		}
		advice := mdEscape(t.Advice)
		if !t.AdviceShown() {
			advice = ""
			for _, n := range t.AdviceNotes {
				advice += mdEscape(n.Text) + " " + cite(n.Source)
			}
		}
		p("- **%s** (%s): %s %s What to do: %s", mdEscape(t.Name), t.Strength, mdEscape(t.Why), marks, advice)
	}
	p("")
	if len(res.Cautions) > 0 {
		p("## Cautions")
		p("")
		for _, c := range res.Cautions {
			p("- %s %s", mdEscape(c.Text), cite(c.Source))
		}
		p("")
	}

	p("## Answers given")
	p("")
	p("| Question | Answer |")
	p("|---|---|")
	for i := range rb.Questions {
		q := &rb.Questions[i]
		if labels := ChosenLabels(a, q); labels != "" {
			p("| %s | %s |", mdEscape(q.Text), mdEscape(labels))
		}
	}
	if un := unanswered(a); len(un) > 0 {
		p("")
		texts := make([]string, len(un))
		for i, id := range un {
			texts[i] = rb.Question(id).Text
		}
		p("Not answered: %s", mdEscape(strings.Join(texts, " · ")))
	}
	p("")
	if len(res.Reassurance) > 0 {
		p("## Good to know")
		p("")
		for _, n := range res.Reassurance {
			p("- %s %s", mdEscape(n.Text), cite(n.Source))
		}
		p("")
	}
	p("## References")
	p("")
	for i, id := range refs.ids {
		s := rb.Source(id)
		if s == nil {
			continue
		}
		line := fmt.Sprintf("%d. %s. %s.", i+1, mdEscape(s.Title), mdEscape(s.Publisher))
		if s.Citation != "" {
			line += " " + mdEscape(s.Citation) + "."
		}
		if s.URL != "" {
			line += " <" + s.URL + ">"
		}
		p("%s", line)
	}
	p("")
	p("---")
	p("")
	p("_%s_", mdEscape(rb.Disclaimer))
	if err := b.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, Clean(buf.String()))
	return err
}

// mdMarkup escapes every character that could turn plain text into
// Markdown or HTML: emphasis, code, links and images, headings, tables,
// strikethrough, autolinks, entities, raw HTML, block quotes and fences.
// A newline becomes a space, so text never starts a line of its own but
// where it is placed. (A function rather than a strings.Replacer, so
// nothing is built at start-up.)
func mdMarkup(s string) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		c, rep := s[i], ""
		switch c {
		case '\\', '*', '_', '`', '[', ']', '#', '|', '~':
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '&':
			rep = "&amp;"
		case '\n', '\r':
			rep = " "
		default:
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 8)
		}
		b.WriteString(s[done:i])
		if rep == "" {
			b.WriteByte('\\')
			b.WriteByte(c)
		} else {
			b.WriteString(rep)
		}
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// mdEscape escapes text for Markdown, wherever it is placed: inline, at
// the start of a line, or as the content of a list item or block quote.
// Besides mdMarkup, it drops leading spaces and tabs (four would make a
// code block) and escapes what would open a block at the start of a line:
// a bullet (- or + then a space, or alone), a thematic break or heading
// underline (only dashes or only equals signs, and spaces), and the . or
// ) after leading digits when a space or the end follows (an ordered list
// item). A backslash before punctuation shows the punctuation alone, so
// the text reads the same; "2026.11" or "-5" need none.
func mdEscape(s string) string {
	s = strings.TrimLeft(mdMarkup(s), " \t")
	if s == "" {
		return s
	}
	blank := func(rest string) bool { return rest == "" || rest[0] == ' ' || rest[0] == '\t' }
	switch c := s[0]; {
	case (c == '-' || c == '+') && blank(s[1:]),
		(c == '-' || c == '=') && strings.Trim(s, string(c)+" \t") == "":
		return `\` + s
	}
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if digits > 0 && digits < len(s) && (s[digits] == '.' || s[digits] == ')') && blank(s[digits+1:]) {
		return s[:digits] + `\` + s[digits:]
	}
	return s
}
