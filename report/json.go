// Package report renders an assessment for people and programs: JSON (the
// answers contract's shape), plain text for a terminal, and a Markdown
// report to take to a doctor. It also renders the rule base itself.
package report

import (
	"io"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// JSON writes the result as one JSON object in the shape of the answers
// contract (shared/spec/answers.md), with more fields beyond it. It is
// written by hand rather than with encoding/json: the reflection-based
// encoder costs more on a cold start than the whole assessment.
func JSON(w io.Writer, a knowledge.Answers, res knowledge.Result) error {
	rb := a.RuleBase()
	lvl := rb.Level(res.Triage.Level)
	j := &jsonWriter{buf: make([]byte, 0, 16<<10)}
	j.open('{')
	j.key("knowledge_base")
	j.open('{')
	j.field("version", rb.Version)
	j.field("date", rb.Date)
	j.close('}')
	j.key("triage")
	j.open('{')
	j.field("level", res.Triage.Level)
	j.field("label", lvl.Label)
	j.field("action", lvl.Action)
	j.key("flags")
	j.open('[')
	for _, f := range res.Triage.Flags {
		j.open('{')
		j.field("id", f.ID)
		j.field("level", f.Level)
		j.field("reason", f.Reason)
		j.field("action", f.Action)
		j.field("source", f.Source)
		j.key("answers")
		j.refs(f.Answers)
		j.close('}')
	}
	j.close(']')
	j.close('}')
	j.key("deficiencies")
	j.open('[')
	for _, d := range res.Deficiencies {
		j.open('{')
		j.field("id", d.ID)
		j.field("name", d.Name)
		j.key("score")
		j.int(d.Score)
		j.field("band", d.Band)
		j.key("baseline")
		j.int(d.Baseline)
		j.key("evidence")
		j.open('[')
		for _, e := range d.Evidence {
			refs := e.Answers()
			j.open('{')
			j.field("question", refs[0].Question)
			j.field("answer", refs[0].Answer)
			j.key("weight")
			j.float(e.Rule.Weight)
			j.field("why", e.Rule.Why)
			j.key("points")
			j.int(e.Points)
			j.field("source", e.Rule.Source)
			j.field("rule", e.Rule.ID)
			j.key("answers")
			j.refs(refs)
			j.close('}')
		}
		j.close(']')
		j.key("tests")
		j.strings(d.Tests)
		j.key("foods")
		j.strings(d.Foods)
		j.close('}')
	}
	j.close(']')
	j.key("triggers")
	j.open('[')
	for _, t := range res.Triggers {
		j.open('{')
		j.field("id", t.ID)
		j.field("name", t.Name)
		j.field("why", t.Why)
		j.field("strength", string(t.Strength))
		j.field("advice", t.Advice)
		j.key("sources")
		j.strings(t.Sources)
		j.key("answers")
		j.refs(t.Answers)
		j.close('}')
	}
	j.close(']')
	j.key("cautions")
	j.open('[')
	for _, c := range res.Cautions {
		j.open('{')
		j.field("id", c.ID)
		j.field("text", c.Text)
		j.field("source", c.Source)
		j.close('}')
	}
	j.close(']')
	j.key("answered")
	j.int(a.Count())
	j.key("unanswered")
	j.strings(unanswered(a))
	j.key("reassurance")
	notes := make([]string, len(rb.Reassurance))
	for i, n := range rb.Reassurance {
		notes[i] = n.Text
	}
	j.strings(notes)
	j.field("disclaimer", rb.Disclaimer)
	j.key("answers")
	j.open('{')
	for _, q := range rb.Questions {
		sel := a.Selected(q.ID)
		switch {
		case sel == nil:
		case q.Kind == knowledge.Multi:
			j.key(q.ID)
			j.strings(sel)
		default:
			j.field(q.ID, sel[0])
		}
	}
	j.close('}')
	j.close('}')
	j.buf = append(j.buf, '\n')
	_, err := w.Write(j.buf)
	return err
}

// unanswered lists the questions asked (shown for these answers) that
// have no answer, in order. Follow-ups that were never asked are left out.
func unanswered(a knowledge.Answers) []string {
	rb := a.RuleBase()
	out := []string{}
	for _, i := range a.Visible() {
		if id := rb.Questions[i].ID; !a.IsAnswered(id) {
			out = append(out, id)
		}
	}
	return out
}
