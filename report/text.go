package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TextWidth is the width plain-text output is wrapped to.
const TextWidth = 80

// Text writes the result for a person in a terminal: the triage level and
// its reasons first, then ranked deficiencies with their top evidence, tests
// and foods, triggers with advice, cautions, reassurance and the
// disclaimer.
func Text(w io.Writer, a knowledge.Answers, res knowledge.Result) error {
	rb := a.RuleBase()
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }

	p("twitchcheck · knowledge base %s (%s) · %d of %d questions answered", rb.Version, rb.Date, a.Count(), a.Count()+len(unanswered(a)))
	p("")
	p("%s", TriageLine(rb, res.Triage.Level))
	p("%s", wrap(rb.Level(res.Triage.Level).Action, TextWidth, 2))
	if len(res.Triage.Flags) > 0 {
		p("")
		p("  Why:")
		for _, f := range res.Triage.Flags {
			p("%s", wrap(fmt.Sprintf("! [%s] %s", LevelLabel(rb, f.Level), f.Reason), TextWidth, 2))
			p("%s", wrap("What to do: "+f.Action, TextWidth, 6))
			p("%s", wrap("Because you answered: "+AnswerLabels(rb, f.Answers), TextWidth, 6))
			p("%s", wrap("Source: "+SourceName(rb, f.Source), TextWidth, 6))
		}
	}

	p("")
	p("What your answers may point to")
	p("%s", wrap(fmt.Sprintf("Scores are 0–100 (likely from %d, possible from %d). They are not a diagnosis: only a blood test can show a deficiency.", rb.Bands.Likely, rb.Bands.Possible), TextWidth, 2))
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
			p("%s", wrap(fmt.Sprintf("%s %s (%s): %s", sign, AnswerLabels(rb, e.Answers()), signed(e.Points), e.Rule.Why), TextWidth, 5))
		}
		p("%s", wrap("Blood tests to ask for: "+strings.Join(d.Tests, ", "), TextWidth, 5))
		p("%s", wrap("Foods: "+strings.Join(d.Foods, ", "), TextWidth, 5))
	}
	if len(unlikely) > 0 {
		p("")
		p("%s", wrap("Unlikely from your answers: "+strings.Join(unlikely, ", "), TextWidth, 2))
	}

	p("")
	p("Lifestyle triggers")
	if len(res.Triggers) == 0 {
		p("  None of your answers point to a lifestyle trigger.")
	}
	for _, t := range res.Triggers {
		p("%s", wrap(fmt.Sprintf("- %s (%s): %s", t.Name, t.Strength, t.Why), TextWidth, 2))
		p("%s", wrap("What to do: "+t.Advice, TextWidth, 4))
	}

	if len(res.Cautions) > 0 {
		p("")
		p("Cautions")
		for _, c := range res.Cautions {
			p("%s", wrap("! "+c.Text, TextWidth, 2))
		}
	}

	p("")
	p("Good to know")
	for _, n := range rb.Reassurance {
		p("%s", wrap("- "+n.Text, TextWidth, 2))
	}
	p("")
	p("Disclaimer")
	p("%s", wrap(rb.Disclaimer, TextWidth, 2))
	return b.Flush()
}
