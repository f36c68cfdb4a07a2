package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// doc writes the same structure as plain text or as Markdown.
type doc struct {
	b  *bufio.Writer
	md bool
}

func (d doc) heading(level int, s string) {
	if d.md {
		fmt.Fprintf(d.b, "%s %s\n\n", strings.Repeat("#", level), mdEscape(s))
		return
	}
	if level <= 2 {
		fmt.Fprintf(d.b, "%s\n%s\n\n", strings.ToUpper(s), strings.Repeat("=", len([]rune(s))))
		return
	}
	fmt.Fprintf(d.b, "%s\n\n", s)
}

func (d doc) para(s string) {
	if d.md {
		fmt.Fprintf(d.b, "%s\n\n", mdEscape(s))
		return
	}
	fmt.Fprintf(d.b, "%s\n\n", wrap(s, TextWidth, 0))
}

// item writes a list item; indent nests it.
func (d doc) item(indent int, s string) {
	if d.md {
		fmt.Fprintf(d.b, "%s- %s\n", strings.Repeat("  ", indent), mdEscape(s))
		return
	}
	pad := 2 + indent*4
	fmt.Fprintf(d.b, "%s\n", wrap("- "+s, TextWidth, pad))
}

func (d doc) end() { fmt.Fprintln(d.b) }

// Rules writes the knowledge base for people: questions, deficiencies with
// their rules (condition, weight, why, source), triggers, red flags by
// level, cautions and sources. markdown selects Markdown over plain text.
func Rules(w io.Writer, rb *knowledge.RuleBase, markdown bool) error {
	var buf bytes.Buffer
	d := doc{b: bufio.NewWriter(&buf), md: markdown}
	d.heading(1, fmt.Sprintf("twitchcheck knowledge base %s (%s)", rb.Version, rb.Date))
	d.para(fmt.Sprintf("%d questions, %d deficiencies, %d triggers, %d red flags, %d sources. Scores: log-odds = prior + the weights of the rules that fire; score = 100 / (1 + e^-log-odds). Likely from %d, possible from %d.",
		len(rb.Questions), len(rb.Deficiencies), len(rb.Triggers), len(rb.RedFlags), len(rb.Sources), rb.Bands.Likely, rb.Bands.Possible))

	d.heading(2, "Questions")
	d.para(fmt.Sprintf("The question and option ids are the answers contract, version %d: docs/answers.md describes them, how old answers and unanswered follow-ups are read, and the JSON output.", knowledge.ContractVersion))
	section := ""
	for _, q := range rb.Questions {
		if q.Section != section {
			section = q.Section
			d.heading(3, rb.Section(section).Title)
		}
		line := fmt.Sprintf("%s (%s choice): %s", q.ID, q.Kind, q.Text)
		if q.EnableWhen != nil {
			line += " Asked only when " + q.EnableWhen.String() + "."
		}
		if q.UnansweredReadsAs != "" {
			line += " Asked but unanswered, red flags read it as " + q.UnansweredReadsAs + "."
		}
		d.item(0, line)
		for _, o := range q.Options {
			line := fmt.Sprintf("%s: %s", o.ID, o.Label)
			if o.KeptForOldFiles {
				line += " (kept for old files: accepted, not offered)"
			}
			if len(o.CountsAs) > 0 {
				line += " (counts as " + strings.Join(o.CountsAs, ", ") + " in every rule)"
			}
			d.item(1, line)
		}
	}
	d.end()

	d.heading(2, "Deficiencies")
	for _, def := range rb.Deficiencies {
		d.heading(3, fmt.Sprintf("%s (%s): prior %+g, baseline score %d", def.Name, def.ID, def.Prior, knowledge.Percent(def.Prior)))
		d.para(def.Role + " " + def.Mechanism)
		d.item(0, "Symptoms: "+strings.Join(def.Symptoms, ", "))
		d.item(0, "Risk factors: "+strings.Join(def.Risks, ", "))
		d.item(0, "Blood tests: "+strings.Join(def.Tests, ", "))
		d.item(0, "Foods: "+strings.Join(def.Foods, ", "))
		for _, n := range def.FoodNotes {
			d.item(1, fmt.Sprintf("foods %s when %s: %s [%s]", n.Foods, n.When.String(), n.Text, n.Source))
		}
		for _, c := range def.Causes {
			d.item(0, fmt.Sprintf("A doctor looks for: %s [%s]", c.Text, c.Source))
		}
		d.item(0, "Rules:")
		for _, r := range def.Rules {
			d.item(1, fmt.Sprintf("%+.1f when %s: %s [%s]", r.Weight, r.When.String(), r.Why, r.Source))
		}
		d.end()
	}

	d.heading(2, "Triggers")
	for _, t := range rb.Triggers {
		d.item(0, fmt.Sprintf("%s (%s): %s", t.Name, t.ID, t.Advice))
		for _, r := range t.Rules {
			d.item(1, fmt.Sprintf("%s when %s: %s [%s]", r.Strength, r.When.String(), r.Why, r.Source))
		}
		for _, n := range t.AdviceNotes {
			d.item(1, fmt.Sprintf("advice replaced when %s: %s [%s]", n.When.String(), n.Text, n.Source))
		}
	}
	d.end()

	d.heading(2, "Other causes and look-alikes")
	for _, o := range rb.Others {
		line := fmt.Sprintf("%s (%s): when %s: %s [%s]", o.Name, o.ID, o.When.String(), o.Text, o.Source)
		if o.Reassuring {
			line += " (reassuring: shown only where reassurance is)"
		}
		d.item(0, line)
	}
	d.end()

	d.heading(2, "Red flags")
	d.para(fmt.Sprintf("Besides the rules below: an unanswered emergency check raises %s (%s) [%s]; a deficiency whose signs and risks reach the likely band raises %s (%s) [%s]. Reassurance shows only up to %s, with the emergency check answered, and not when %s.",
		rb.Skipped.Level, rb.Skipped.Reason, rb.Skipped.Source, rb.Likely.Level, rb.Likely.Reason, rb.Likely.Source, rb.Reassurance.MaxLevel, condString(rb.Reassurance.HideWhen)))
	for i := len(rb.Levels) - 1; i >= 0; i-- {
		lvl := rb.Levels[i]
		d.heading(3, fmt.Sprintf("%s (%s)", lvl.Label, lvl.ID))
		d.para(lvl.Action)
		for _, f := range rb.RedFlags {
			if f.Level == lvl.ID {
				d.item(0, fmt.Sprintf("%s: when %s: %s [%s]", f.ID, f.When.String(), f.Reason, f.Source))
			}
		}
		d.end()
	}

	d.heading(2, "Cautions")
	for _, c := range rb.Cautions {
		d.item(0, fmt.Sprintf("when %s: %s [%s]", c.When.String(), c.Text, c.Source))
	}
	d.end()

	d.heading(2, "Sources")
	for _, s := range rb.Sources {
		d.item(0, fmt.Sprintf("%s: %s", s.ID, SourceLine(&s)))
	}
	d.end()
	d.heading(2, "Disclaimer")
	d.para(rb.Disclaimer)
	if err := d.b.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, Clean(buf.String()))
	return err
}

func condString(c *knowledge.Cond) string {
	if c == nil {
		return "never"
	}
	return c.String()
}
