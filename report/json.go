// Package report renders an assessment for people and programs. For
// people, Build makes the result document (its sections in the one order
// every rendering shows, each sentence that depends on the result decided
// there), which plain text, Markdown and HTML render here, and the FHIR
// narrative and the app render elsewhere. For programs, JSON in the
// answers contract's shape. It also renders the rule base itself. The
// table of formats is the subpackage formats.
package report

import (
	"io"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// JSON writes the result as one JSON object in the shape of the answers
// contract (docs/answers.md), with more fields beyond it. It is
// written by hand rather than with encoding/json: the reflection-based
// encoder costs more on a cold start than the whole assessment.
func JSON(w io.Writer, a knowledge.Answers, res knowledge.Result, extra ...Diary) error {
	_, err := w.Write(AppendJSON(nil, a, res, extra...))
	return err
}

// AppendJSON appends what JSON writes to dst and returns it: the one
// buffer the result is built in, for a caller that keeps it whole before
// writing (so an error never leaves half a result).
func AppendJSON(dst []byte, a knowledge.Answers, res knowledge.Result, extra ...Diary) []byte {
	rb := a.RuleBase()
	lvl := rb.Level(res.Triage.Level)
	if dst == nil {
		dst = make([]byte, 0, 16<<10)
	}
	j := &jsonWriter{buf: dst, rb: rb}
	j.open('{')
	// The contract's version comes first, whatever version the answers
	// were written for: every older answers file is read under it.
	j.key("contract_version")
	j.int(knowledge.ContractVersion)
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
	j.field("emergency_check", res.Triage.EmergencyCheck)
	if res.Triage.Skipped() {
		j.key("emergency_signs")
		j.open('[')
		for _, sg := range rb.EmergencySigns() {
			j.open('{')
			j.field("id", sg.Option.ID)
			j.field("label", sg.Option.Label)
			if sg.Flag != nil {
				j.field("level", sg.Flag.Level)
				j.field("action", sg.Flag.Action)
			}
			j.close('}')
		}
		j.close(']')
	}
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
	j.field("score_note", rb.ScoreNote)
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
		j.key("score_from_evidence_for")
		j.int(d.ForScore)
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
		// Foods that could work against a flag are not written at all, so
		// no reader of the JSON can show them as advice.
		j.key("foods")
		if d.FoodsAs == knowledge.FoodsHidden {
			j.strings(nil)
		} else {
			j.strings(d.Foods)
		}
		j.field("foods_shown", string(d.FoodsAs))
		j.key("food_notes")
		j.open('[')
		for _, n := range d.FoodNotes {
			j.open('{')
			j.field("text", n.Text)
			j.field("source", n.Source)
			j.key("answers")
			j.refs(n.Answers)
			j.close('}')
		}
		j.close(']')
		j.key("causes")
		j.notes(d.Causes)
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
		if t.AdviceShown() {
			j.field("advice", t.Advice)
		} else {
			j.field("advice", t.AdviceNotes[0].Text)
		}
		// Above the levels where self-care advice shows, no report shows
		// it (the result document holds it back).
		j.key("advice_shown")
		j.bool(t.AdviceShown() && selfCareAllowed(rb, res.Triage.Level))
		j.key("advice_notes")
		j.open('[')
		for _, n := range t.AdviceNotes {
			j.open('{')
			j.field("text", n.Text)
			j.field("source", n.Source)
			j.close('}')
		}
		j.close(']')
		j.field("source", t.Sources[0])
		j.key("sources")
		j.strings(t.Sources)
		j.key("answers")
		j.refs(t.Answers)
		j.close('}')
	}
	j.close(']')
	j.key("other_causes")
	j.open('[')
	for _, o := range res.Others {
		j.open('{')
		j.field("id", o.ID)
		j.field("name", o.Name)
		j.field("text", o.Text)
		j.key("tests")
		j.strings(o.Tests)
		j.field("source", o.Source)
		j.key("answers")
		j.refs(o.Answers)
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
	j.notes(res.Reassurance)
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
	j.diary(extra)
	j.key("sources")
	j.open('{')
	for _, src := range CitedSources(rb, res) {
		j.key(src.ID)
		j.open('{')
		j.field("title", src.Title)
		j.field("publisher", src.Publisher)
		j.field("url", src.URL)
		if src.Citation != "" {
			j.field("citation", src.Citation)
		}
		j.close('}')
	}
	j.close('}')
	j.close('}')
	return append(j.buf, '\n')
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
