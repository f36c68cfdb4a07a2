package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// binPath is the twitchcheck binary built once for the tests that run it.
var binPath string

func TestMain(m *testing.M) {
	if out := os.Getenv(rusageEnv); out != "" {
		os.Exit(rusageWrapper(out, os.Args[1:]))
	}
	dir, err := os.MkdirTemp("", "twitchcheck-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "twitchcheck")
	if runtime.GOOS == "windows" {
		binPath += ".exe"
	}
	build := exec.Command("go", "build", "-o", binPath, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building twitchcheck:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type runResult struct {
	code           int
	stdout, stderr string
}

// run runs the built binary with args and stdin in dir ("" = a temp dir).
func run(t *testing.T, stdin string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Dir = t.TempDir()
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %v: %v", args, err)
	}
	return runResult{code: code, stdout: out.String(), stderr: errb.String()}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const vegan = `serious: [none]
location: [legs, feet]
duration: 2_weeks_to_3_months
symptoms: [numbness_tingling, sore_tongue, fatigue]
diet: vegan
supplements: [none]
caffeine: 5_plus_cups
`

func TestCommands(t *testing.T) {
	answers := writeFile(t, "answers.yaml", vegan)
	badAnswers := writeFile(t, "bad.yaml", "duration: 3_days\n")
	goodRules, err := os.ReadFile("data/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	brokenRules := writeFile(t, "rules.yaml", strings.Replace(string(goodRules), "weight: 0.6\n", "weight: 9\n", 1))
	vignette := writeFile(t, "v.yaml", `- id: b12
  story: "Vegan with tingling."
  answers: {serious: [none], diet: vegan, symptoms: [numbness_tingling, sore_tongue]}
  expect: {top1: [vitamin_b12], triage: see_doctor}
`)
	underTriage := writeFile(t, "u.yaml", `- id: calm
  story: "Nothing wrong, but the expectation is emergency."
  answers: {serious: [none]}
  expect: {triage: emergency}
- id: wrong_top
  story: "Vegan."
  answers: {diet: vegan}
  expect: {top1: [sodium]}
`)
	overTriage := writeFile(t, "o.yaml", `- id: chest
  story: "Chest pain, but the expectation is self-care."
  answers: {serious: [chest_pain]}
  expect: {triage: self_care}
`)

	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		stdout   []string // substrings
		stderr   []string
		noStdout bool
	}{
		{name: "version", args: []string{"--version"}, stdout: []string{"twitchcheck 0.1.0", "knowledge base 2026."}},
		{name: "help", args: []string{"--help"}, stdout: []string{"Usage:", "assess", "rules check"}},
		{name: "help command", args: []string{"help"}, stdout: []string{"Usage:"}},
		{name: "no args without a terminal", args: nil, code: 2, stderr: []string{"not a terminal", "assess", "--accessible"}, noStdout: true},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: []string{`unknown command "frobnicate"`}},
		{name: "unknown flag", args: []string{"--nope"}, code: 2, stderr: []string{"unknown flag --nope", "--help"}},
		{name: "assess help", args: []string{"assess", "--help"}, stdout: []string{"--answers FILE", "--format"}},
		{name: "assess text from file", args: []string{"assess", "--answers", answers}, stdout: []string{"Triage: SEE A DOCTOR", "Vitamin B12", "Caffeine", "Disclaimer"}},
		{name: "assess text from stdin", stdin: vegan, args: []string{"assess"}, stdout: []string{"Triage: SEE A DOCTOR", "Vitamin B12"}},
		{name: "assess json from dash", stdin: vegan, args: []string{"assess", "--answers", "-", "--format", "json"}, stdout: []string{`"level": "see_doctor"`, `"id": "vitamin_b12"`}},
		{name: "assess markdown", args: []string{"assess", "--answers", answers, "--format", "markdown"}, stdout: []string{"# twitchcheck report", "## Your answers", "Vegan", "knowledge base 2026.", "screening aid"}},
		{name: "assess bad format", args: []string{"assess", "--answers", answers, "--format", "xml"}, code: 2, stderr: []string{`unknown --format "xml"`, "text, markdown, html, fhir, json"}, noStdout: true},
		{name: "assess bad answers", args: []string{"assess", "--answers", badAnswers}, code: 2, stderr: []string{`question "duration": unknown option "3_days"`, "under_1_day", "bad.yaml:1:11"}, noStdout: true},
		{name: "assess missing file", args: []string{"assess", "--answers", "/nonexistent/a.yaml"}, code: 2, stderr: []string{"/nonexistent/a.yaml", "no such file"}, noStdout: true},
		{name: "assess empty stdin", stdin: "", args: []string{"assess", "--answers", "-"}, code: 2, stderr: []string{"answers file is empty"}, noStdout: true},
		{name: "assess broken rules", args: []string{"assess", "--answers", answers, "--rules", brokenRules}, code: 2, stderr: []string{"weight is 9", "between -3 and 3"}, noStdout: true},
		{name: "rules check embedded", args: []string{"rules", "check"}, stdout: []string{"data/rules.yaml: ok"}},
		{name: "rules check broken", args: []string{"rules", "check", brokenRules}, code: 2, stderr: []string{brokenRules + ":", "weight is 9"}},
		{name: "rules check two files", args: []string{"rules", "check", "a", "b"}, code: 2, stderr: []string{"at most one FILE"}},
		{name: "rules no subcommand", args: []string{"rules"}, code: 2, stderr: []string{"missing subcommand"}},
		{name: "rules show text", args: []string{"rules", "show"}, stdout: []string{"DEFICIENCIES", "Magnesium (magnesium)", "RED FLAGS", "SOURCES"}},
		{name: "rules show markdown", args: []string{"rules", "show", "--format", "markdown"}, stdout: []string{"## Deficiencies", "### Emergency"}},
		{name: "eval embedded", args: []string{"eval"}, stdout: []string{"Summary", "under-triage:  0"}},
		{name: "eval a file", args: []string{"eval", vignette}, stdout: []string{"1 vignettes", "top-1:         1/1"}},
		{name: "eval misses", args: []string{"eval", underTriage}, code: 1, stdout: []string{"UNDER-TRIAGE", "under-triage:  1", "top1: got"}},
		{name: "eval over-triage", args: []string{"eval", overTriage}, code: 1, stdout: []string{"over-triage:   1"}},
		{name: "eval bad file", args: []string{"eval", badAnswers}, code: 2, stderr: []string{`unknown field "duration"`, `missing field "id"`}},
		{name: "cases", args: []string{"cases"}, stdout: []string{"vegan_b12"}},
		{name: "unknown case", args: []string{"--case", "nobody"}, code: 2, stderr: []string{`unknown case "nobody"`}},
		{name: "watch without rules", args: []string{"--watch"}, code: 2, stderr: []string{"--watch needs --rules"}},
		{name: "bad theme", args: []string{"--theme", "pink"}, code: 2, stderr: []string{`unknown --theme "pink"`, "high-contrast"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			if tc.noStdout && r.stdout != "" {
				t.Errorf("stdout should be empty on error, got:\n%s", r.stdout)
			}
		})
	}
}

// TestAssessJSONContract checks the JSON output field for field against
// docs/answers.md (the answers contract).
func TestAssessJSONContract(t *testing.T) {
	r := run(t, vegan, "assess", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		ContractVersion *int `json:"contract_version"`
		Triage          struct {
			Level string `json:"level"`
			Flags []struct {
				ID     string `json:"id"`
				Level  string `json:"level"`
				Reason string `json:"reason"`
			} `json:"flags"`
		} `json:"triage"`
		Deficiencies []struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			Score    *int   `json:"score"`
			Band     string `json:"band"`
			Evidence []struct {
				Question string   `json:"question"`
				Answer   string   `json:"answer"`
				Weight   *float64 `json:"weight"`
				Why      string   `json:"why"`
			} `json:"evidence"`
			Tests []string `json:"tests"`
			Foods []string `json:"foods"`
		} `json:"deficiencies"`
		Triggers []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
			Why  string `json:"why"`
		} `json:"triggers"`
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, r.stdout)
	}
	if dec.More() {
		t.Fatal("more than one JSON value on stdout")
	}
	// Version 3, the first field, whatever version the answers were
	// written for.
	if doc.ContractVersion == nil || *doc.ContractVersion != 3 || !strings.HasPrefix(r.stdout, "{\n  \"contract_version\": 3,") {
		t.Errorf("contract_version is not 3, first: %.60q", r.stdout)
	}
	levels := map[string]int{"self_care": 0, "see_doctor": 1, "urgent": 2, "emergency": 3}
	max := 0
	for _, f := range doc.Triage.Flags {
		if f.ID == "" || f.Reason == "" {
			t.Errorf("flag without id or reason: %+v", f)
		}
		l, ok := levels[f.Level]
		if !ok {
			t.Errorf("flag %s has unknown level %q", f.ID, f.Level)
		}
		if l > max {
			max = l
		}
	}
	if levels[doc.Triage.Level] != max {
		t.Errorf("triage.level %s is not the highest flag level", doc.Triage.Level)
	}
	want := []string{"magnesium", "calcium", "potassium", "vitamin_b12", "vitamin_d", "thiamine", "iron", "sodium"}
	if len(doc.Deficiencies) != len(want) {
		t.Fatalf("%d deficiencies, want %d", len(doc.Deficiencies), len(want))
	}
	seen := map[string]bool{}
	for i, d := range doc.Deficiencies {
		seen[d.ID] = true
		if d.Score == nil || *d.Score < 0 || *d.Score > 100 {
			t.Errorf("%s: score missing or out of range", d.ID)
			continue
		}
		if i > 0 {
			p := doc.Deficiencies[i-1]
			if *p.Score < *d.Score || (*p.Score == *d.Score && p.ID > d.ID) {
				t.Errorf("not sorted by score then id at %d: %s %d, %s %d", i, p.ID, *p.Score, d.ID, *d.Score)
			}
		}
		if d.Band != "likely" && d.Band != "possible" && d.Band != "unlikely" {
			t.Errorf("%s: band %q", d.ID, d.Band)
		}
		if d.Name == "" || len(d.Tests) == 0 || len(d.Foods) == 0 || d.Evidence == nil {
			t.Errorf("%s: missing name, tests, foods or evidence list", d.ID)
		}
		for _, e := range d.Evidence {
			if e.Question == "" || e.Answer == "" || e.Weight == nil || e.Why == "" {
				t.Errorf("%s: incomplete evidence %+v", d.ID, e)
			}
		}
	}
	for _, id := range want {
		if !seen[id] {
			t.Errorf("deficiency %s missing", id)
		}
	}
	if doc.Deficiencies[0].ID != "vitamin_b12" {
		t.Errorf("top deficiency %s, want vitamin_b12", doc.Deficiencies[0].ID)
	}
	if len(doc.Triggers) == 0 || doc.Triggers[0].ID != "caffeine" || doc.Triggers[0].Why == "" || doc.Triggers[0].Name == "" {
		t.Errorf("triggers: %+v", doc.Triggers)
	}
}
