package report

import (
	"bufio"
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
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }

	p("# twitchcheck report")
	p("")
	p("- Date: %s", date.Format("2 January 2006"))
	p("- Knowledge base: version %s (%s)", rb.Version, rb.Date)
	p("- Questions answered: %d of %d", a.Count(), a.Count()+len(unanswered(a)))
	p("")
	p("> %s", mdEscape(rb.Disclaimer))
	p("")

	p("## %s", TriageLine(rb, res.Triage.Level))
	p("")
	p("%s", mdEscape(rb.Level(res.Triage.Level).Action))
	p("")
	if len(res.Triage.Flags) == 0 {
		p("No red flags were raised by the answers.")
	} else {
		p("| Level | Reason | Because of the answer(s) | Source |")
		p("|---|---|---|---|")
		for _, f := range res.Triage.Flags {
			p("| %s | %s | %s | %s |", cell(LevelLabel(rb, f.Level)), cell(f.Reason), cell(AnswerLabels(rb, f.Answers)), cell(SourceName(rb, f.Source)))
		}
	}
	p("")

	p("## What the answers may point to")
	p("")
	p("Scores are 0–100 from the rule base's model (likely from %d, possible from %d); they are not a diagnosis.", rb.Bands.Likely, rb.Bands.Possible)
	p("")
	p("| Rank | Nutrient | Score | Band | Blood tests to ask about |")
	p("|---|---|---|---|---|")
	for i, d := range res.Deficiencies {
		p("| %d | %s | %d | %s | %s |", i+1, cell(d.Name), d.Score, d.Band, cell(strings.Join(d.Tests, ", ")))
	}
	p("")
	for _, d := range res.Deficiencies {
		if d.Band == knowledge.BandUnlikely || len(d.Evidence) == 0 {
			continue
		}
		p("### %s: %d (%s)", d.Name, d.Score, d.Band)
		p("")
		p("Starts at %d before any answer.", d.Baseline)
		p("")
		for _, e := range d.Evidence {
			p("- %s **%s** (%s): %s _Source: %s._", signed(e.Points), mdEscape(AnswerLabels(rb, e.Answers())), fmt.Sprintf("weight %+g", e.Rule.Weight), mdEscape(e.Rule.Why), mdEscape(SourceName(rb, e.Rule.Source)))
		}
		p("")
		p("Foods: %s.", mdEscape(strings.Join(d.Foods, ", ")))
		p("")
	}

	p("## Lifestyle triggers")
	p("")
	if len(res.Triggers) == 0 {
		p("None of the answers point to a lifestyle trigger.")
	}
	for _, t := range res.Triggers {
		p("- **%s** (%s): %s %s", mdEscape(t.Name), t.Strength, mdEscape(t.Why), mdEscape(t.Advice))
	}
	p("")
	if len(res.Cautions) > 0 {
		p("## Cautions")
		p("")
		for _, c := range res.Cautions {
			p("- %s", mdEscape(c.Text))
		}
		p("")
	}

	p("## Answers given")
	p("")
	p("| Question | Answer |")
	p("|---|---|")
	for _, q := range rb.Questions {
		sel := a.Selected(q.ID)
		if sel == nil {
			continue
		}
		labels := make([]string, len(sel))
		for i, o := range sel {
			labels[i] = OptionLabel(rb, knowledge.AnswerRef{Question: q.ID, Answer: o})
		}
		p("| %s | %s |", cell(q.Text), cell(strings.Join(labels, "; ")))
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
	p("## Good to know")
	p("")
	for _, n := range rb.Reassurance {
		p("- %s _Source: %s._", mdEscape(n.Text), mdEscape(SourceName(rb, n.Source)))
	}
	p("")
	p("---")
	p("")
	p("_%s_", mdEscape(rb.Disclaimer))
	return b.Flush()
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(mdEscape(s), "|", `\|`)
}

// mdEscape escapes the characters that would turn plain text into
// Markdown markup.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}
