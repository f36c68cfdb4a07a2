package fhir

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// withContext is a QuestionnaireResponse for the test rule base with the
// given top-level elements (JSON, each with a leading comma) added.
func withContext(extra string) string {
	return `{"resourceType": "QuestionnaireResponse", "questionnaire": "` + QuestionnaireURL + `|test-1", "status": "completed"` + extra +
		`, "item": [{"linkId": "serious", "answer": [{"valueCoding": {"system": "` + AnswerSystem("serious") + `", "code": "fainting"}}]}]}`
}

// TestReadContext checks the subject, author, encounter and authored a
// response gives are read as given, in every shape FHIR allows.
func TestReadContext(t *testing.T) {
	rb := testrules.RuleBase()
	for _, tc := range []struct {
		name, extra string
		want        Context
	}{
		{"none", ``, Context{}},
		{"relative", `, "subject": {"reference": "Patient/example"}`, Context{Subject: &Reference{Reference: "Patient/example"}}},
		{"id of letters, digits, - and .", `, "subject": {"reference": "Patient/a.1-B"}`, Context{Subject: &Reference{Reference: "Patient/a.1-B"}}},
		{"absolute", `, "subject": {"reference": "https://fhir.example.org:8443/r4/Patient/123", "type": "Patient", "display": "Jane Doe"}`,
			Context{Subject: &Reference{Reference: "https://fhir.example.org:8443/r4/Patient/123", Type: "Patient", Display: "Jane Doe"}}},
		{"urn with type", `, "subject": {"reference": "urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301", "type": "Patient"}`,
			Context{Subject: &Reference{Reference: "urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301", Type: "Patient"}}},
		{"display only", `, "subject": {"display": "Zoë Ångström"}`, Context{Subject: &Reference{Display: "Zoë Ångström"}}},
		{"all", `, "subject": {"reference": "Patient/p"}, "author": {"reference": "PractitionerRole/r"}, "encounter": {"reference": "Encounter/e"}, "authored": "2026-11-30T09:15:00.123+01:00"`,
			Context{Subject: &Reference{Reference: "Patient/p"}, Author: &Reference{Reference: "PractitionerRole/r"}, Encounter: &Reference{Reference: "Encounter/e"}, Authored: "2026-11-30T09:15:00.123+01:00"}},
		{"author is the patient", `, "author": {"reference": "Patient/p"}`, Context{Author: &Reference{Reference: "Patient/p"}}},
		{"year", `, "authored": "2026"`, Context{Authored: "2026"}},
		{"month", `, "authored": "2026-02"`, Context{Authored: "2026-02"}},
		{"day", `, "authored": "2024-02-29"`, Context{Authored: "2024-02-29"}},
		{"utc", `, "authored": "2026-12-05T23:59:60Z"`, Context{Authored: "2026-12-05T23:59:60Z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := ReadQuestionnaireResponse(rb, "qr.json", []byte(withContext(tc.extra)))
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(resp.Context)
			want, _ := json.Marshal(tc.want)
			if string(got) != string(want) {
				t.Errorf("context %s, want %s", got, want)
			}
			if !resp.Answers.Has("serious", "fainting") {
				t.Errorf("answers lost: %s", resp.Answers.YAML())
			}
		})
	}
}

// TestContextErrors checks a context that is not what FHIR allows, or not
// what twitchcheck can carry, is refused with the field named and what is
// allowed.
func TestContextErrors(t *testing.T) {
	rb := testrules.RuleBase()
	long := strings.Repeat("a", 64)
	for _, tc := range []struct{ name, extra, want string }{
		{"not an object", `, "subject": "Patient/1"`, `subject must be a Reference (an object with "reference": "Patient/123"), got a string`},
		{"empty", `, "subject": {}`, `subject has neither "reference" nor "display"`},
		{"identifier", `, "subject": {"identifier": {"value": "123"}}`, `subject has the element "identifier", which twitchcheck does not carry`},
		{"extension", `, "encounter": {"reference": "Encounter/1", "extension": []}`, `encounter has the element "extension"`},
		{"wrong type", `, "subject": {"reference": "Practitioner/1"}`, `subject.reference "Practitioner/1" points to a Practitioner; subject may only point to: Patient`},
		{"wrong declared type", `, "subject": {"reference": "urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301", "type": "Group"}`, `subject.type is "Group"; subject may only point to: Patient`},
		{"type disagrees", `, "author": {"reference": "Practitioner/1", "type": "Patient"}`, `author.reference "Practitioner/1" points to a Practitioner, but author.type says Patient`},
		{"bad type", `, "author": {"reference": "Practitioner/1", "type": "practitioner"}`, `author.type must be a FHIR resource type; allowed: Device, Practitioner`},
		{"urn without type", `, "subject": {"reference": "urn:oid:1.2.3"}`, `subject.reference "urn:oid:1.2.3" does not say what it points to; add "type" (allowed: Patient)`},
		{"version", `, "subject": {"reference": "Patient/a/_history/2"}`, `subject.reference "Patient/a/_history/2" points to one version of a resource`},
		{"contained", `, "subject": {"reference": "#p1"}`, `subject.reference "#p1" points to a contained resource`},
		{"not a reference", `, "subject": {"reference": "Patient/1 OR 1=1"}`, `subject.reference "Patient/1 OR 1=1" is not a FHIR reference; want a relative reference (Type/id)`},
		{"id too long", `, "subject": {"reference": "Patient/` + long + `x"}`, `is not a FHIR reference`},
		{"javascript", `, "subject": {"reference": "javascript:alert(1)//Patient/1"}`, `is not a FHIR reference`},
		{"query", `, "subject": {"reference": "https://x.org/Patient?name=a"}`, `is not a FHIR reference`},
		{"huge", `, "subject": {"reference": "https://x.org/` + strings.Repeat("a/", 600) + `Patient/1"}`, `subject.reference is 1223 bytes; the limit is 1024`},
		{"escape in reference", `, "subject": {"reference": "Patient/\u001b[2J"}`, `subject.reference "Patient/\x1b[2J" is not a FHIR reference`},
		{"reference not a string", `, "encounter": {"reference": 7}`, `encounter.reference must be a string, got a number`},
		{"display control", `, "author": {"display": "Dr \u202eevil"}`, `author.display holds the control or line-break character U+202E at character 4`},
		{"display newline", `, "author": {"display": "Dr\nA"}`, `author.display holds the control or line-break character U+000A`},
		{"display blank", `, "author": {"display": " "}`, `author.display is empty`},
		{"display long", `, "author": {"display": "` + strings.Repeat("é", 201) + `"}`, `author.display is 201 characters; the limit is 200`},
		{"authored number", `, "authored": 2026`, `authored must be a FHIR dateTime string, got a number`},
		{"authored no zone", `, "authored": "2026-11-30T09:15:00"`, `authored "2026-11-30T09:15:00" is not a FHIR dateTime; want YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss`},
		{"authored no seconds", `, "authored": "2026-11-30T09:15Z"`, `is not a FHIR dateTime`},
		{"authored hour", `, "authored": "2026-11-30T24:00:00Z"`, `is not a FHIR dateTime`},
		{"authored text", `, "authored": "yesterday"`, `authored "yesterday" is not a FHIR dateTime`},
		{"authored 30 February", `, "authored": "2026-02-30T10:00:00Z"`, `authored "2026-02-30T10:00:00Z" is not a date on the calendar`},
		{"authored 29 February", `, "authored": "2025-02-29"`, `is not a date on the calendar`},
		{"authored long fraction", `, "authored": "2026-11-30T09:15:00.1234567890Z"`, `is not a FHIR dateTime`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadQuestionnaireResponse(rb, "qr.json", []byte(withContext(tc.extra)))
			var probs knowledge.Problems
			if err == nil || !errorsAs(err, &probs) {
				t.Fatalf("err = %v, want Problems", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "qr.json:1:") {
				t.Errorf("error %q does not give the position", err)
			}
			if hasControl(err.Error()) {
				t.Errorf("error %q holds a control character", err)
			}
		})
	}
}

// TestBundleCarriesContext checks the Bundle of a response keeps its who
// and when: the response's subject, author, encounter and authored, the
// RiskAssessment's and every Flag's subject and encounter; the
// assessment's own time stays now. Without a context, the placeholder
// subject and now are used, as before.
func TestBundleCarriesContext(t *testing.T) {
	rb := testrules.RuleBase()
	resp, err := ReadQuestionnaireResponse(rb, "qr.json", []byte(withContext(`, "subject": {"reference": "Patient/example", "display": "Jane"}, "author": {"reference": "Practitioner/dr"}, "encounter": {"reference": "Encounter/visit"}, "authored": "2026-11-01T08:00:00+01:00"`)))
	if err != nil {
		t.Fatal(err)
	}
	a := resp.Answers
	res := knowledge.Assess(a)
	if len(res.Triage.Flags) == 0 {
		t.Fatal("want a flag raised, to check its subject")
	}
	type entry struct {
		Resource struct {
			ResourceType       string
			Subject            *Reference
			Author             *Reference
			Encounter          *Reference
			Authored           string
			OccurrenceDateTime string
			Basis              []Reference
			Period             *Period
		}
		FullURL string
	}
	decode := func(ctx Context) []entry {
		var buf bytes.Buffer
		if err := WriteBundleWith(&buf, a, res, testNow, ctx); err != nil {
			t.Fatal(err)
		}
		var b struct{ Entry []entry }
		if err := json.Unmarshal(buf.Bytes(), &b); err != nil {
			t.Fatal(err)
		}
		return b.Entry
	}
	now := dateTime(testNow)
	es := decode(resp.Context)
	qr := es[0].Resource
	if qr.ResourceType != "QuestionnaireResponse" || *qr.Subject != (Reference{Reference: "Patient/example", Display: "Jane"}) ||
		*qr.Author != (Reference{Reference: "Practitioner/dr"}) || *qr.Encounter != (Reference{Reference: "Encounter/visit"}) || qr.Authored != "2026-11-01T08:00:00+01:00" {
		t.Errorf("response: %+v", qr)
	}
	for _, e := range es[1:] {
		r := e.Resource
		if *r.Subject != *qr.Subject || r.Encounter == nil || *r.Encounter != *qr.Encounter || r.Author != nil {
			t.Errorf("%s: subject %+v, encounter %+v", r.ResourceType, r.Subject, r.Encounter)
		}
	}
	if ra := es[1].Resource; ra.OccurrenceDateTime != now || len(ra.Basis) != 1 || ra.Basis[0].Reference != es[0].FullURL {
		t.Errorf("risk assessment: occurrence %s, basis %+v", ra.OccurrenceDateTime, ra.Basis)
	}
	// The same answers without context: placeholder subject, now, no
	// author or encounter; and other entry names.
	plain := decode(Context{})
	if p := plain[0].Resource; p.Subject.Reference != "" || p.Subject.Display != subjectDisplay || p.Authored != now || p.Author != nil || p.Encounter != nil {
		t.Errorf("without context: %+v", p)
	}
	if plain[1].Resource.Subject.Display != subjectDisplay || plain[0].FullURL == es[0].FullURL {
		t.Errorf("without context: %+v, %s", plain[1].Resource.Subject, plain[0].FullURL)
	}
}
