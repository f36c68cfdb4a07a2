package fhir

import (
	"fmt"
	"hash/fnv"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// canonical is the reference from a QuestionnaireResponse to the
// questionnaire of rb: its URL and version.
func canonical(rb *knowledge.RuleBase) string {
	return QuestionnaireURL + "|" + url.PathEscape(rb.Version)
}

// QuestionnaireResponse returns answers a as a FHIR R4
// QuestionnaireResponse for the questionnaire of their rule base, status
// completed, authored at now. Unanswered questions are left out (unknown);
// groups follow the questionnaire's.
func QuestionnaireResponse(a knowledge.Answers, now time.Time) QuestionnaireResponseResource {
	rb := a.RuleBase()
	qr := QuestionnaireResponseResource{
		ResourceType:  "QuestionnaireResponse",
		Questionnaire: canonical(rb),
		Status:        "completed",
		Subject:       &Reference{Display: subjectDisplay},
		Authored:      dateTime(now),
	}
	for _, g := range Questionnaire(rb).Item {
		group := ResponseItem{LinkID: g.LinkID, Text: g.Text}
		for _, it := range g.Item {
			q := rb.Question(it.LinkID)
			sel := a.Selected(it.LinkID)
			if q == nil || sel == nil {
				continue
			}
			ri := ResponseItem{LinkID: q.ID, Text: text(q.Text)}
			for _, id := range sel {
				cd := optionCoding(q, &q.Options[q.OptionIndex(id)])
				ri.Answer = append(ri.Answer, ResponseAnswer{ValueCoding: &cd})
			}
			group.Item = append(group.Item, ri)
		}
		if len(group.Item) > 0 {
			qr.Item = append(qr.Item, group)
		}
	}
	return qr
}

// WriteQuestionnaireResponse writes a's QuestionnaireResponse as JSON.
func WriteQuestionnaireResponse(w io.Writer, a knowledge.Answers, now time.Time) error {
	return writeJSON(w, QuestionnaireResponse(a, now))
}

// Bundle returns an assessment as a FHIR R4 Bundle of type collection: the
// QuestionnaireResponse of the answers, a RiskAssessment based on it, and
// one Flag per red flag raised (see the package documentation). Entries
// are named by urn:uuid full URLs derived from the content and now, so the
// same assessment at the same time gives the same bundle.
func Bundle(a knowledge.Answers, res knowledge.Result, now time.Time) BundleResource {
	rb := a.RuleBase()
	qr := QuestionnaireResponse(a, now)
	ids := newIDs(a, res, now)
	qrURL := ids.next()
	b := BundleResource{
		ResourceType: "Bundle",
		Type:         "collection",
		Timestamp:    dateTime(now),
		Entry:        []BundleEntry{{FullURL: qrURL, Resource: qr}},
	}
	b.Entry = append(b.Entry, BundleEntry{FullURL: ids.next(), Resource: riskAssessment(rb, res, qrURL, now)})
	for _, f := range res.Triage.Flags {
		b.Entry = append(b.Entry, BundleEntry{FullURL: ids.next(), Resource: flag(rb, f, now)})
	}
	return b
}

// WriteBundle writes the Bundle of an assessment as indented JSON.
func WriteBundle(w io.Writer, a knowledge.Answers, res knowledge.Result, now time.Time) error {
	return writeJSON(w, Bundle(a, res, now))
}

// riskAssessment maps the result: a prediction per deficiency, the triage
// in the mitigation text and the triage extension, the disclaimer and the
// score note as notes.
func riskAssessment(rb *knowledge.RuleBase, res knowledge.Result, basis string, now time.Time) RiskAssessmentResource {
	ra := RiskAssessmentResource{
		ResourceType: "RiskAssessment",
		Extension:    []Extension{triageExtension(rb, res.Triage.Level)},
		// A screening result that only a clinician can confirm.
		Status: "preliminary",
		Method: &CodeableConcept{
			Coding: []Coding{{System: MethodSystem, Code: "twitchcheck", Display: "twitchcheck rule base"}},
			Text:   text("twitchcheck screening questionnaire, knowledge base " + rb.Version + " (" + rb.Date + ")"),
		},
		Code:               &CodeableConcept{Text: "Screening for nutrient shortages, lifestyle triggers and warning signs in muscle twitching"},
		Subject:            Reference{Display: subjectDisplay},
		OccurrenceDateTime: dateTime(now),
		Basis:              []Reference{{Reference: basis}},
		Mitigation:         text(mitigation(rb, res)),
		Note:               []Annotation{{Text: text(report.ScoreLegend(rb))}, {Text: text(rb.Disclaimer)}},
	}
	for _, d := range res.Deficiencies {
		ra.Prediction = append(ra.Prediction, Prediction{
			Outcome: &CodeableConcept{Coding: []Coding{{System: DeficiencySystem, Code: d.ID, Display: text(d.Name)}}, Text: text(d.Name)},
			QualitativeRisk: &CodeableConcept{
				Coding: []Coding{{System: BandSystem, Code: d.Band, Display: d.Band}},
				Text:   fmt.Sprintf("score %d of 100 (%s)", d.Score, d.Band),
			},
			Rationale: text(rationale(rb, d)),
		})
	}
	return ra
}

// mitigation says the triage in words: the level and what to do; when the
// emergency check was skipped, the emergency signs with what to do about
// each, as every other rendering lists them; then every reason with what
// to do and the answers behind it.
func mitigation(rb *knowledge.RuleBase, res knowledge.Result) string {
	var b strings.Builder
	b.WriteString(report.TriageLine(rb, res.Triage.Level))
	b.WriteString(". ")
	if l := rb.Level(res.Triage.Level); l != nil {
		b.WriteString(l.Action)
	}
	if res.Triage.Skipped() {
		b.WriteString("\n" + report.SkippedHeading + ". " + report.SignsIntro)
		for _, s := range rb.EmergencySigns() {
			b.WriteString("\n- " + report.SignLine(s))
		}
	}
	if len(res.Triage.Flags) > 0 {
		b.WriteString("\nWhy:")
	}
	for _, f := range res.Triage.Flags {
		fmt.Fprintf(&b, "\n- [%s] %s What to do: %s Because %s", report.LevelLabel(rb, f.Level), f.Reason, f.Action, report.FlagAnswers(rb, f))
	}
	return b.String()
}

// rationale lists the evidence behind a deficiency's score.
func rationale(rb *knowledge.RuleBase, d knowledge.Scored) string {
	if len(d.Evidence) == 0 {
		return fmt.Sprintf("No answer moved the score from its starting point of %d.", d.Baseline)
	}
	parts := make([]string, 0, len(d.Evidence))
	for _, e := range d.Evidence {
		src := ""
		if s := rb.Source(e.Rule.Source); s != nil {
			src = " [" + s.Title + "]"
		}
		parts = append(parts, fmt.Sprintf("%s (%+d): %s%s", report.AnswerLabels(rb, e.Answers()), e.Points, e.Rule.Why, src))
	}
	return fmt.Sprintf("Starts at %d. %s", d.Baseline, strings.Join(parts, " "))
}

// flag maps one red flag raised.
func flag(rb *knowledge.RuleBase, f knowledge.Flag, now time.Time) FlagResource {
	return FlagResource{
		ResourceType: "Flag",
		Extension:    []Extension{triageExtension(rb, f.Level)},
		Status:       "active",
		Category:     []CodeableConcept{{Coding: []Coding{{System: flagCategory, Code: "clinical", Display: "Clinical"}}}},
		Code: CodeableConcept{
			Coding: []Coding{{System: RedFlagSystem, Code: f.ID, Display: text(f.Reason)}},
			Text:   text(fmt.Sprintf("[%s] %s %s Because %s", report.LevelLabel(rb, f.Level), f.Reason, f.Action, report.FlagAnswers(rb, f))),
		},
		Subject: Reference{Display: subjectDisplay},
		Period:  &Period{Start: dateTime(now)},
	}
}

// triageExtension holds a triage level as a Coding.
func triageExtension(rb *knowledge.RuleBase, level string) Extension {
	return Extension{URL: TriageExtension, ValueCoding: &Coding{System: TriageSystem, Code: level, Display: text(report.LevelLabel(rb, level))}}
}

// ids makes the urn:uuid names of a bundle's entries: UUIDs of version 8
// (RFC 9562's format for custom UUIDs) from a 128-bit FNV-1a hash of the answers, the
// triage and the time, then of that and the entry's number. The names
// only have to be the same for the same assessment and different for
// another, not hard to forge (anyone can write any name into a Bundle),
// so a cryptographic hash would only link and initialise the crypto
// packages into every run of the app.
type ids struct {
	seed [16]byte
	n    int
}

func newIDs(a knowledge.Answers, res knowledge.Result, now time.Time) *ids {
	h := fnv.New128a()
	fmt.Fprintf(h, "%s|%s|%s|%s", a.RuleBase().Version, a.YAML(), res.Triage.Level, dateTime(now))
	var s ids
	copy(s.seed[:], h.Sum(nil))
	return &s
}

func (s *ids) next() string {
	s.n++
	f := fnv.New128a()
	f.Write(s.seed[:])
	fmt.Fprintf(f, "%d", s.n)
	h := f.Sum(nil)
	h[6] = h[6]&0x0f | 0x80 // version 8 (custom, RFC 9562)
	h[8] = h[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
