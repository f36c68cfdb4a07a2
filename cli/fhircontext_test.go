package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/fhir"
)

// TestAssessKeepsWhoAndWhen checks `assess --answers qr.json --format
// fhir` carries the response's subject, author, encounter and authored
// into the Bundle, and refuses a bad one naming the field, with nothing
// on stdout.
func TestAssessKeepsWhoAndWhen(t *testing.T) {
	qr := func(extra string) string {
		return writeFile(t, "qr.json", `{"resourceType": "QuestionnaireResponse", "questionnaire": "`+fhir.QuestionnaireURL+`|test-1", "status": "completed"`+extra+
			`, "item": [{"linkId": "diet", "answer": [{"valueCoding": {"system": "`+fhir.AnswerSystem("diet")+`", "code": "vegan"}}]}]}`)
	}
	r := run(t, []string{"assess", "--answers", qr(`, "subject": {"reference": "Patient/example"}, "author": {"reference": "Patient/example"}, "encounter": {"reference": "Encounter/e1"}, "authored": "2026-11-20T08:00:00Z"`), "--format", "fhir"})
	r.check(t, 0, nil, nil)
	var b struct {
		Entry []struct {
			Resource struct {
				ResourceType       string
				Subject            fhir.Reference
				Author, Encounter  *fhir.Reference
				Authored           string
				OccurrenceDateTime string
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &b); err != nil || len(b.Entry) < 2 {
		t.Fatalf("not a bundle (%v):\n%s", err, r.stdout)
	}
	resp, ra := b.Entry[0].Resource, b.Entry[1].Resource
	if resp.Subject.Reference != "Patient/example" || resp.Authored != "2026-11-20T08:00:00Z" || resp.Author == nil || resp.Encounter == nil || resp.Encounter.Reference != "Encounter/e1" {
		t.Errorf("the response lost who and when: %+v", resp)
	}
	if ra.ResourceType != "RiskAssessment" || ra.Subject.Reference != "Patient/example" || ra.Encounter == nil || ra.OccurrenceDateTime != "2026-11-23T10:30:00Z" {
		t.Errorf("risk assessment: %+v", ra)
	}
	r = run(t, []string{"assess", "--answers", qr(`, "subject": {"reference": "Group/1"}, "authored": "20 Nov 2026"`), "--format", "fhir"})
	r.check(t, 2, nil, []string{`subject.reference "Group/1" points to a Group; subject may only point to: Patient`, `authored "20 Nov 2026" is not a FHIR dateTime`})
	if strings.TrimSpace(r.stdout) != "" {
		t.Errorf("output written on refusal: %q", r.stdout)
	}
}
