package fhir

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// Questionnaire returns the questionnaire of rb as a FHIR R4
// Questionnaire resource.
func Questionnaire(rb *knowledge.RuleBase) QuestionnaireResource {
	contract := knowledge.ContractVersion
	q := QuestionnaireResource{
		ResourceType: "Questionnaire",
		ID:           "twitchcheck",
		Extension:    []Extension{{URL: ContractVersionExtension, ValueInteger: &contract}},
		URL:          QuestionnaireURL,
		Version:      text(rb.Version),
		Name:         "Twitchcheck",
		Title:        "twitchcheck: muscle twitching questionnaire",
		Status:       "active",
		SubjectType:  []string{"Patient"},
		Date:         fhirDate(rb.Date),
		Publisher:    "twitchcheck",
		Description:  "Questions about muscle twitching (fasciculations), other symptoms, lifestyle, diet, medicines and health, to screen for nutrient shortages and everyday triggers, and to triage. " + unansweredNote,
		Purpose:      text(rb.Disclaimer),
	}
	// Renderers need not show description or purpose (LHC-Forms shows
	// only the title), so the disclaimer also opens the form as a
	// display item, which every renderer shows.
	q.Item = append(q.Item, QuestionnaireItem{LinkID: noticeLinkID, Text: text(rb.Disclaimer) + " " + unansweredNote, Type: "display"})
	// Consecutive questions of one section form a group; a section whose
	// questions come in two runs gets a second group, numbered.
	var group *QuestionnaireItem
	section := ""
	runs := map[string]int{}
	for i := range rb.Questions {
		qu := &rb.Questions[i]
		if group == nil || qu.Section != section {
			section = qu.Section
			runs[section]++
			id := sectionLinkID(section)
			if n := runs[section]; n > 1 {
				id += "-" + strconv.Itoa(n)
			}
			title := section
			if s := rb.Section(section); s != nil {
				title = s.Title
			}
			q.Item = append(q.Item, QuestionnaireItem{LinkID: id, Text: text(title), Type: "group"})
			group = &q.Item[len(q.Item)-1]
		}
		group.Item = append(group.Item, questionItem(rb, qu))
	}
	return q
}

// questionItem maps one question.
func questionItem(rb *knowledge.RuleBase, q *knowledge.Question) QuestionnaireItem {
	it := QuestionnaireItem{LinkID: q.ID, Text: text(q.Text), Type: "choice", Repeats: q.Kind == knowledge.Multi}
	for _, o := range q.Options {
		opt := AnswerOption{ValueCoding: optionCoding(q, &o)}
		if q.Kind == knowledge.Multi && o.ID == knowledge.NoneOption {
			t := true
			opt.Extension = []Extension{{URL: optionExclusive, ValueBoolean: &t}}
		}
		it.AnswerOption = append(it.AnswerOption, opt)
		if o.KeptForOldFiles {
			// Kept so that a response holding it stays valid; never
			// enabled, so a form does not offer it.
			cd := optionCoding(q, &o)
			it.Extension = append(it.Extension, Extension{URL: optionsToggleExpr, Extension: []Extension{
				{URL: "option", ValueCoding: &cd},
				{URL: "expression", ValueExpression: &Expression{Language: "text/fhirpath", Expression: "false"}},
			}})
		}
	}
	if q.EnableWhen != nil {
		if ew, behavior, ok := enableWhen(rb, q.EnableWhen); ok {
			it.EnableWhen, it.EnableBehavior = ew, behavior
		} else {
			it.Extension = append(it.Extension, Extension{URL: enableWhenExpr, ValueExpression: &Expression{Language: "text/fhirpath", Expression: fhirPath(rb, q.EnableWhen)}})
		}
	}
	if q.Help != "" {
		it.Item = append(it.Item, QuestionnaireItem{
			LinkID:    helpLinkID(q.ID),
			Text:      text(q.Help),
			Type:      "display",
			Extension: []Extension{{URL: itemControlExt, ValueCodeableConcept: &CodeableConcept{Coding: []Coding{{System: itemControlSystem, Code: "help", Display: "Help-Button"}}}}},
		})
	}
	return it
}

// optionCoding is the Coding of option o of question q.
func optionCoding(q *knowledge.Question, o *knowledge.Option) Coding {
	return Coding{System: AnswerSystem(q.ID), Code: o.ID, Display: text(o.Label)}
}

// enableWhen maps a condition that has an enableWhen form: one answer
// atom, "any" of answer atoms, or "all" of single-option atoms.
func enableWhen(rb *knowledge.RuleBase, c *knowledge.Cond) ([]EnableWhen, string, bool) {
	atom := func(c *knowledge.Cond) []EnableWhen {
		q := rb.Question(c.Question)
		if q == nil {
			return nil
		}
		var out []EnableWhen
		for _, id := range c.Options {
			if q.OptionIndex(id) < 0 {
				return nil
			}
		}
		for _, id := range atomCodes(rb, q, c) {
			cd := optionCoding(q, &q.Options[q.OptionIndex(id)])
			out = append(out, EnableWhen{Question: q.ID, Operator: "=", AnswerCoding: &cd})
		}
		return out
	}
	switch c.Op {
	case knowledge.OpAnswer:
		ew := atom(c)
		return ew, "any", ew != nil
	case knowledge.OpAny:
		var all []EnableWhen
		for i := range c.Subs {
			s := &c.Subs[i]
			if s.Op != knowledge.OpAnswer {
				return nil, "", false
			}
			ew := atom(s)
			if ew == nil {
				return nil, "", false
			}
			all = append(all, ew...)
		}
		return all, "any", len(all) > 0
	case knowledge.OpAll:
		var all []EnableWhen
		for i := range c.Subs {
			s := &c.Subs[i]
			if s.Op != knowledge.OpAnswer || len(s.Options) != 1 || len(atomCodes(rb, rb.Question(s.Question), s)) != 1 {
				return nil, "", false
			}
			ew := atom(s)
			if ew == nil {
				return nil, "", false
			}
			all = append(all, ew...)
		}
		return all, "all", len(all) > 0
	}
	return nil, "", false
}

// atomCodes lists the options an answer condition on q holds for: those
// it names, then, in q's order, those that count as one of them
// (counts_as).
func atomCodes(rb *knowledge.RuleBase, q *knowledge.Question, c *knowledge.Cond) []string {
	out := slices.Clone(c.Options)
	if q == nil {
		return out
	}
	for i := range q.Options {
		if id := q.Options[i].ID; rb.Matches(c, i) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// fhirPath writes a condition as a FHIRPath expression over the
// QuestionnaireResponse, for conditions enableWhen cannot express.
func fhirPath(rb *knowledge.RuleBase, c *knowledge.Cond) string {
	answers := func(qid string) string {
		return "%resource.repeat(item | answer.item).where(linkId = '" + qid + "').answer.value"
	}
	switch c.Op {
	case knowledge.OpAnswer:
		opts := atomCodes(rb, rb.Question(c.Question), c)
		codes := make([]string, len(opts))
		for i, o := range opts {
			codes[i] = "code = '" + o + "'"
		}
		return answers(c.Question) + ".where(" + strings.Join(codes, " or ") + ").exists()"
	case knowledge.OpCount:
		return fmt.Sprintf("%s.where(code != '%s').count() >= %d", answers(c.Question), knowledge.NoneOption, c.AtLeast)
	case knowledge.OpAny, knowledge.OpAll:
		op := " or "
		if c.Op == knowledge.OpAll {
			op = " and "
		}
		parts := make([]string, len(c.Subs))
		for i := range c.Subs {
			parts[i] = "(" + fhirPath(rb, &c.Subs[i]) + ")"
		}
		return strings.Join(parts, op)
	}
	return "false"
}

// WriteQuestionnaire writes the questionnaire of rb as indented JSON.
func WriteQuestionnaire(w io.Writer, rb *knowledge.RuleBase) error {
	return writeJSON(w, Questionnaire(rb))
}

// writeJSON writes v as indented JSON, HTML characters unescaped.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding FHIR JSON: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// text makes file-derived text fit for a FHIR string: control and bidi
// characters escaped visibly (report.Clean). Rule bases are checked for
// them on load; this is a second line.
func text(s string) string { return report.Clean(s) }

// fhirDate returns s when it is a date (YYYY-MM-DD), else "".
func fhirDate(s string) string {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return ""
	}
	return s
}

// dateTime formats t as a FHIR dateTime and instant, to the second.
func dateTime(t time.Time) string { return t.Truncate(time.Second).Format(time.RFC3339) }
