package fhir

import (
	"cmp"
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
	return questionnaireResponse(a, now, Context{})
}

// questionnaireResponse is QuestionnaireResponse with the subject, author,
// encounter and authored of ctx where it gives them.
func questionnaireResponse(a knowledge.Answers, now time.Time, ctx Context) QuestionnaireResponseResource {
	rb := a.RuleBase()
	subject := subjectOf(ctx)
	qr := QuestionnaireResponseResource{
		ResourceType:  "QuestionnaireResponse",
		Questionnaire: canonical(rb),
		Status:        "completed",
		Subject:       &subject,
		Encounter:     cleanRef(ctx.Encounter),
		Authored:      cmp.Or(ctx.Authored, dateTime(now)),
		Author:        cleanRef(ctx.Author),
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
func Bundle(a knowledge.Answers, res knowledge.Result, now time.Time, extra ...report.Diary) BundleResource {
	return BundleWith(a, res, now, Context{}, extra...)
}

// BundleWith is Bundle for answers read from a QuestionnaireResponse with
// context ctx: the Bundle's QuestionnaireResponse keeps its subject,
// author, encounter and authored, and the RiskAssessment and every Flag
// are about its subject, in its encounter. The RiskAssessment's
// occurrence stays the time of the assessment, now; its basis is the
// response, which says when the answers were given.
// A diary in extra adds one Observation per day.
func BundleWith(a knowledge.Answers, res knowledge.Result, now time.Time, ctx Context, extra ...report.Diary) BundleResource {
	rb := a.RuleBase()
	qr := questionnaireResponse(a, now, ctx)
	ids := newIDs(a, res, now, ctx)
	qrURL := ids.next()
	b := BundleResource{
		ResourceType: "Bundle",
		Type:         "collection",
		Timestamp:    dateTime(now),
		Entry:        []BundleEntry{{FullURL: qrURL, Resource: qr}},
	}
	ra := riskAssessment(rb, report.Build(a, res, report.Options{}), res, qrURL, now)
	ra.Subject, ra.Encounter = subjectOf(ctx), cleanRef(ctx.Encounter)
	b.Entry = append(b.Entry, BundleEntry{FullURL: ids.next(), Resource: ra})
	for _, f := range res.Triage.Flags {
		fl := flag(rb, f, now)
		fl.Subject, fl.Encounter = subjectOf(ctx), cleanRef(ctx.Encounter)
		b.Entry = append(b.Entry, BundleEntry{FullURL: ids.next(), Resource: fl})
	}
	for _, d := range extra {
		for _, o := range diaryObservations(rb, d) {
			b.Entry = append(b.Entry, BundleEntry{FullURL: ids.next(), Resource: o})
		}
	}
	return b
}

// subjectOf is the subject of ctx, or a name for the person who answered
// when it gives none. Its display is cleaned as every text from a file.
func subjectOf(ctx Context) Reference {
	if ctx.Subject == nil {
		return Reference{Display: subjectDisplay}
	}
	return *cleanRef(ctx.Subject)
}

// cleanRef returns a copy of ref with its display cleaned, or nil.
func cleanRef(ref *Reference) *Reference {
	if ref == nil {
		return nil
	}
	c := *ref
	c.Display = text(c.Display)
	return &c
}

// WriteBundle writes the Bundle of an assessment as indented JSON.
func WriteBundle(w io.Writer, a knowledge.Answers, res knowledge.Result, now time.Time, extra ...report.Diary) error {
	return writeJSON(w, Bundle(a, res, now, extra...))
}

// WriteBundleWith writes BundleWith as indented JSON.
func WriteBundleWith(w io.Writer, a knowledge.Answers, res knowledge.Result, now time.Time, ctx Context, extra ...report.Diary) error {
	return writeJSON(w, BundleWith(a, res, now, ctx, extra...))
}

// riskAssessment maps the result: a prediction per deficiency, the triage
// in the mitigation text and the triage extension, the disclaimer and the
// score note as notes.
func riskAssessment(rb *knowledge.RuleBase, doc *report.Document, res knowledge.Result, basis string, now time.Time) RiskAssessmentResource {
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
		Mitigation:         text(mitigation(doc)),
		Note:               []Annotation{{Text: text(report.ScoreLegend(rb))}, {Text: text(rb.Disclaimer)}},
	}
	for _, d := range res.Deficiencies {
		ra.Prediction = append(ra.Prediction, Prediction{
			Outcome: &CodeableConcept{Coding: []Coding{{System: DeficiencySystem, Code: d.ID, Display: text(d.Name)}}, Text: text(d.Name)},
			QualitativeRisk: &CodeableConcept{
				Coding: []Coding{{System: BandSystem, Code: d.Band, Display: d.Band}},
				Text:   fmt.Sprintf("score %d of 100 (%s)", d.Score, report.BandWords(d.Band)),
			},
			Rationale: text(rationale(rb, d)),
		})
	}
	return ra
}

// mitigation says the triage in words, as the result document has it: a
// skipped emergency check with the signs and what to do for each, the
// level and what to do, and every reason with what to do and the answers
// behind it, those that set the level first, then those to mention.
func mitigation(doc *report.Document) string {
	var b strings.Builder
	for _, s := range doc.Sections {
		switch s.ID {
		case report.SectionSkipped, report.SectionLevel, report.SectionReasons, report.SectionAlso:
		default:
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(s.Title + ".")
		for _, blk := range s.Blocks {
			switch blk.Kind {
			case report.Para, report.Lead, report.Note:
				b.WriteString(" " + blk.Text)
			case report.SubHeading:
				b.WriteString("\n" + blk.Text + ":")
			case report.FlagItem:
				b.WriteString("\n- [" + blk.Name + "] " + blk.Text)
				for _, d := range blk.Details {
					b.WriteString(" " + d.Text)
				}
			default:
				b.WriteString("\n- " + blk.Text)
			}
		}
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

func newIDs(a knowledge.Answers, res knowledge.Result, now time.Time, ctx Context) *ids {
	h := fnv.New128a()
	fmt.Fprintf(h, "%s|%s|%s|%s", a.RuleBase().Version, a.YAML(), res.Triage.Level, dateTime(now))
	if !ctx.IsZero() {
		fmt.Fprintf(h, "|%+v|%+v|%+v|%s", ctx.Subject, ctx.Author, ctx.Encounter, ctx.Authored)
	}
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
