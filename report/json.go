// Package report renders an assessment for people and programs: JSON (the
// answers contract's shape), plain text for a terminal, and a Markdown
// report to take to a doctor. It also renders the rule base itself.
package report

import (
	"encoding/json"
	"io"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// The JSON document of `assess --format json`. Field names and meanings
// follow shared/spec/answers.md; fields beyond the contract are additions.
type jsonDoc struct {
	KnowledgeBase jsonKB           `json:"knowledge_base"`
	Triage        jsonTriage       `json:"triage"`
	Deficiencies  []jsonDeficiency `json:"deficiencies"`
	Triggers      []jsonTrigger    `json:"triggers"`
	Cautions      []jsonCaution    `json:"cautions"`
	Answered      int              `json:"answered"`
	Unanswered    []string         `json:"unanswered"`
	Reassurance   []string         `json:"reassurance"`
	Disclaimer    string           `json:"disclaimer"`
	Answers       map[string]any   `json:"answers"`
}

type jsonKB struct {
	Version string `json:"version"`
	Date    string `json:"date"`
}

type jsonTriage struct {
	Level  string     `json:"level"`
	Label  string     `json:"label"`
	Action string     `json:"action"`
	Flags  []jsonFlag `json:"flags"`
}

type jsonFlag struct {
	ID      string                `json:"id"`
	Level   string                `json:"level"`
	Reason  string                `json:"reason"`
	Action  string                `json:"action"`
	Source  string                `json:"source"`
	Answers []knowledge.AnswerRef `json:"answers"`
}

type jsonDeficiency struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Score    int            `json:"score"`
	Band     string         `json:"band"`
	Baseline int            `json:"baseline"`
	Evidence []jsonEvidence `json:"evidence"`
	Tests    []string       `json:"tests"`
	Foods    []string       `json:"foods"`
}

type jsonEvidence struct {
	Question string                `json:"question"`
	Answer   string                `json:"answer"`
	Weight   float64               `json:"weight"`
	Why      string                `json:"why"`
	Points   int                   `json:"points"`
	Source   string                `json:"source"`
	Rule     string                `json:"rule"`
	Answers  []knowledge.AnswerRef `json:"answers"`
}

type jsonTrigger struct {
	ID       string                `json:"id"`
	Name     string                `json:"name"`
	Why      string                `json:"why"`
	Strength string                `json:"strength"`
	Advice   string                `json:"advice"`
	Sources  []string              `json:"sources"`
	Answers  []knowledge.AnswerRef `json:"answers"`
}

type jsonCaution struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Source string `json:"source"`
}

// JSON writes the result as one JSON object.
func JSON(w io.Writer, a knowledge.Answers, res knowledge.Result) error {
	rb := a.RuleBase()
	lvl := rb.Level(res.Triage.Level)
	doc := jsonDoc{
		KnowledgeBase: jsonKB{Version: rb.Version, Date: rb.Date},
		Triage: jsonTriage{
			Level: res.Triage.Level, Label: lvl.Label, Action: lvl.Action,
			Flags: make([]jsonFlag, 0, len(res.Triage.Flags)),
		},
		Deficiencies: make([]jsonDeficiency, 0, len(res.Deficiencies)),
		Triggers:     make([]jsonTrigger, 0, len(res.Triggers)),
		Cautions:     make([]jsonCaution, 0, len(res.Cautions)),
		Answered:     a.Count(),
		Unanswered:   unanswered(a),
		Reassurance:  make([]string, 0, len(rb.Reassurance)),
		Disclaimer:   rb.Disclaimer,
		Answers:      answersMap(a),
	}
	for _, f := range res.Triage.Flags {
		doc.Triage.Flags = append(doc.Triage.Flags, jsonFlag{ID: f.ID, Level: f.Level, Reason: f.Reason, Action: f.Action, Source: f.Source, Answers: f.Answers})
	}
	for _, d := range res.Deficiencies {
		jd := jsonDeficiency{ID: d.ID, Name: d.Name, Score: d.Score, Band: d.Band, Baseline: d.Baseline,
			Evidence: make([]jsonEvidence, 0, len(d.Evidence)), Tests: d.Tests, Foods: d.Foods}
		for _, e := range d.Evidence {
			jd.Evidence = append(jd.Evidence, jsonEvidence{Question: e.Question, Answer: e.Answer, Weight: e.Weight, Why: e.Why,
				Points: e.Points, Source: e.Source, Rule: e.Rule, Answers: e.Answers})
		}
		doc.Deficiencies = append(doc.Deficiencies, jd)
	}
	for _, t := range res.Triggers {
		doc.Triggers = append(doc.Triggers, jsonTrigger{ID: t.ID, Name: t.Name, Why: t.Why, Strength: string(t.Strength), Advice: t.Advice, Sources: t.Sources, Answers: t.Answers})
	}
	for _, c := range res.Cautions {
		doc.Cautions = append(doc.Cautions, jsonCaution{ID: c.ID, Text: c.Text, Source: c.Source})
	}
	for _, n := range rb.Reassurance {
		doc.Reassurance = append(doc.Reassurance, n.Text)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
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

// answersMap echoes the answers in the answers-file shape.
func answersMap(a knowledge.Answers) map[string]any {
	rb := a.RuleBase()
	m := make(map[string]any, a.Count())
	for _, q := range rb.Questions {
		sel := a.Selected(q.ID)
		switch {
		case sel == nil:
		case q.Kind == knowledge.Multi:
			m[q.ID] = sel
		default:
			m[q.ID] = sel[0]
		}
	}
	return m
}
