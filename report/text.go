package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TextWidth is the width plain-text output is wrapped to.
const TextWidth = 80

// Text writes the result for a person in a terminal: a skipped emergency
// check first, then the triage level and its reasons, ranked deficiencies
// with their top evidence, tests and foods, other causes, triggers with
// advice, cautions, reassurance (never beside danger), the disclaimer and
// the numbered references. Every text from the rule base is cleaned of
// control characters on the way out.
func Text(w io.Writer, a knowledge.Answers, res knowledge.Result, extra ...Diary) error {
	rb := a.RuleBase()
	var buf bytes.Buffer
	b := bufio.NewWriter(&buf)
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	refs := &refList{}

	p("twitchcheck · knowledge base %s (%s) · %d of %d questions answered", rb.Version, rb.Date, a.Count(), a.Count()+len(unanswered(a)))
	p("")
	if res.Triage.Skipped() {
		p("%s", SkippedHeading)
		p("%s", wrap(rb.Skipped.Reason, TextWidth, 2))
		p("%s", wrap(SignsIntro, TextWidth, 2))
		for _, s := range rb.EmergencySigns() {
			p("%s", wrap("- "+SignLine(s), TextWidth, 2))
		}
		p("")
	}
	p("%s", TriageLine(rb, res.Triage.Level))
	p("%s", wrap(rb.Level(res.Triage.Level).Action, TextWidth, 2))
	if len(res.Triage.Flags) > 0 {
		p("")
		p("  Why:")
		for _, f := range res.Triage.Flags {
			p("%s", wrap(fmt.Sprintf("! [%s] %s %s", LevelLabel(rb, f.Level), f.Reason, refs.cite(f.Source)), TextWidth, 2))
			p("%s", wrap("What to do: "+f.Action, TextWidth, 6))
			p("%s", wrap("Because: "+FlagAnswers(rb, f), TextWidth, 6))
		}
	}

	p("")
	p("What your answers may point to")
	p("%s", wrap(ScoreLegend(rb), TextWidth, 2))
	var unlikely []string
	for i, d := range res.Deficiencies {
		if d.Band == knowledge.BandUnlikely {
			unlikely = append(unlikely, fmt.Sprintf("%s %d", d.Name, d.Score))
			continue
		}
		p("")
		p("  %d. %-22s %3d/100  %s  %s", i+1, d.Name, d.Score, Bar(d.Score, 20), d.Band)
		for _, e := range TopEvidence(d, 4) {
			sign := "+"
			if e.Rule.Weight < 0 {
				sign = "-"
			}
			p("%s", wrap(fmt.Sprintf("%s %s (%s): %s %s", sign, AnswerLabels(rb, e.Answers()), signed(e.Points), e.Rule.Why, refs.cite(e.Rule.Source)), TextWidth, 5))
		}
		p("%s", wrap("Blood tests to ask about: "+strings.Join(d.Tests, ", "), TextWidth, 5))
		for _, c := range d.Causes {
			p("%s", wrap("A doctor looks for: "+c.Text+" "+refs.cite(c.Source), TextWidth, 5))
		}
		if line := FoodsLine(d); line != "" {
			p("%s", wrap(line, TextWidth, 5))
		}
		for _, n := range d.FoodNotes {
			p("%s", wrap("! "+n.Text+" "+refs.cite(n.Source), TextWidth, 5))
		}
	}
	if len(unlikely) > 0 {
		p("")
		p("%s", wrap("Unlikely from your answers: "+strings.Join(unlikely, ", "), TextWidth, 2))
	}

	if len(res.Others) > 0 {
		p("")
		p("Other causes a doctor may consider")
		for _, o := range res.Others {
			line := fmt.Sprintf("- %s: %s %s", o.Name, o.Text, refs.cite(o.Source))
			if len(o.Tests) > 0 {
				line += " Tests: " + strings.Join(o.Tests, ", ") + "."
			}
			p("%s", wrap(line, TextWidth, 2))
		}
	}

	p("")
	p("Lifestyle triggers")
	if len(res.Triggers) == 0 {
		p("  None of your answers point to a lifestyle trigger.")
	}
	for _, t := range res.Triggers {
		marks := make([]string, len(t.Sources))
		for i, s := range t.Sources {
			marks[i] = refs.cite(s)
		}
		p("%s", wrap(fmt.Sprintf("- %s (%s): %s %s", t.Name, t.Strength, t.Why, strings.Join(marks, "")), TextWidth, 2))
		if t.AdviceShown() {
			p("%s", wrap("What to do: "+t.Advice, TextWidth, 4))
		}
		for _, n := range t.AdviceNotes {
			p("%s", wrap("What to do: "+n.Text+" "+refs.cite(n.Source), TextWidth, 4))
		}
	}

	if len(res.Cautions) > 0 {
		p("")
		p("Cautions")
		for _, c := range res.Cautions {
			p("%s", wrap("! "+c.Text+" "+refs.cite(c.Source), TextWidth, 2))
		}
	}

	if len(res.Reassurance) > 0 {
		p("")
		p("Good to know")
		for _, n := range res.Reassurance {
			p("%s", wrap("- "+n.Text+" "+refs.cite(n.Source), TextWidth, 2))
		}
	}
	textDiary(b, rb, extra)
	p("")
	p("Disclaimer")
	p("%s", wrap(rb.Disclaimer, TextWidth, 2))
	p("")
	p("References")
	for i, id := range refs.ids {
		line := id
		if s := rb.Source(id); s != nil {
			line = SourceLine(s)
		}
		p("%s", wrap(fmt.Sprintf("[%d] %s", i+1, line), TextWidth, 2))
	}
	if err := b.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, Clean(buf.String()))
	return err
}
