package cli

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestCommands runs every command in process on the test content and
// checks the exit status and the words of its output.
func TestCommands(t *testing.T) {
	answers := writeFile(t, "answers.yaml", "serious: [none]\ndiet: vegan\nsymptoms: [numbness_tingling]\ncaffeine: 5_plus_cups\n")
	bad := writeFile(t, "bad.yaml", "duration: 3_days\n")
	rules := writeFile(t, "rules.yaml", string(testrules.YAML()))
	broken := writeFile(t, "broken.yaml", strings.Replace(string(testrules.YAML()), "weight: 1.5,", "weight: 9,", 1))
	miss := writeFile(t, "miss.yaml", "- id: m\n  story: \"Calm.\"\n  answers: {serious: [none]}\n  expect: {triage: emergency, top1: [sodium]}\n")
	folder := t.TempDir()
	empty := t.TempDir()
	for name, body := range map[string]string{"one.yaml": vignetteA, "two.yml": "id: two\nstory: \"Two.\"\nanswers: {diet: vegan}\nexpect: {top1: [vitamin_b12]}\n"} {
		writeTo(t, folder, name, body)
	}

	for _, tc := range []struct {
		name           string
		args           []string
		opts           []opt
		code           int
		stdout, stderr []string
		noStdout       bool
	}{
		{name: "version", args: []string{"--version"}, stdout: []string{"twitchcheck " + Version, "knowledge base test-1, 2026-01-01"}},
		{name: "version of a file", args: []string{"--version", "--rules", rules}, stdout: []string{"knowledge base test-1"}},
		{name: "help", args: []string{"--help"}, stdout: []string{"Usage:", "assess", "rules export"}},
		{name: "help command", args: []string{"help"}, stdout: []string{"Usage:"}},
		{name: "help assess", args: []string{"help", "assess"}, stdout: []string{"Usage: twitchcheck assess", "--format FORMAT"}},
		{name: "help rules", args: []string{"help", "rules"}, stdout: []string{"twitchcheck rules export"}},
		{name: "help eval", args: []string{"help", "eval"}, stdout: []string{"Usage: twitchcheck eval"}},
		{name: "help cases", args: []string{"help", "cases"}, stdout: []string{"Usage: twitchcheck cases"}},
		{name: "help of no command", args: []string{"help", "nope"}, code: 2, stderr: []string{`no help for "nope"`, "Run 'twitchcheck --help'"}, noStdout: true},
		{name: "help of two", args: []string{"help", "a", "b"}, code: 2, stderr: []string{"one COMMAND at most"}},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: []string{`twitchcheck: unknown command "frobnicate"`, "Run 'twitchcheck --help'"}, noStdout: true},
		{name: "unknown command after flags", args: []string{"--rules", rules, "frobnicate"}, code: 2, stderr: []string{`unknown command "frobnicate"`}},
		{name: "unknown flag", args: []string{"--nope"}, code: 2, stderr: []string{"unknown flag --nope", "--accessible", "Run 'twitchcheck --help'"}},
		{name: "unknown assess flag", args: []string{"assess", "-nope"}, code: 2, stderr: []string{"twitchcheck assess: unknown flag --nope", "--answers", "Run 'twitchcheck assess --help'"}},
		{name: "flag without value", args: []string{"assess", "--answers"}, code: 2, stderr: []string{"--answers needs a value"}},
		{name: "bool flag with a value", args: []string{"assess", "--force=maybe"}, code: 2, stderr: []string{`--force takes no value`, `"maybe"`}},
		{name: "bad flag syntax", args: []string{"assess", "---x"}, code: 2, stderr: []string{"bad flag syntax"}},
		{name: "assess help", args: []string{"assess", "--help"}, stdout: []string{"--answers FILE", "--format", "fhir"}},
		{name: "assess text", args: []string{"assess", "--answers", answers}, stdout: []string{"Triage: SEE A DOCTOR", "Vitamin B12", "Caffeine", "Disclaimer", "References"}},
		{name: "assess stdin", args: []string{"assess"}, opts: []opt{withStdin("serious: [chest_pain]\n")}, stdout: []string{"Triage: EMERGENCY"}},
		{name: "assess dash", args: []string{"assess", "--answers", "-", "--format", "json"}, opts: []opt{withStdin("serious: [none]\ndiet: vegan\n")}, stdout: []string{`"level": "self_care"`, `"id": "vitamin_b12"`}},
		{name: "assess format any case", args: []string{"assess", "--answers", answers, "--format", "JSON"}, stdout: []string{`"contract_version": 3`}},
		{name: "assess markdown", args: []string{"assess", "--answers", answers, "--format", "Markdown"}, stdout: []string{"# twitchcheck report", "23 November 2026", "## References"}},
		{name: "assess html", args: []string{"assess", "--answers", answers, "--format", "html"}, stdout: []string{"<!DOCTYPE html>", "Triage: SEE A DOCTOR", "23 November 2026"}},
		{name: "assess fhir", args: []string{"assess", "--answers", answers, "--format", "fhir"}, stdout: []string{`"resourceType": "Bundle"`, `"RiskAssessment"`, "2026-11-23T10:30:00Z"}},
		{name: "assess bad format", args: []string{"assess", "--answers", answers, "--format", "xml"}, code: 2, stderr: []string{`unknown --format "xml"`, "text, markdown, html, fhir, json"}, noStdout: true},
		{name: "assess bad answers", args: []string{"assess", "--answers", bad}, code: 2, stderr: []string{`question "duration": unknown option "3_days"`, "under_1_day", "bad.yaml:1:11"}, noStdout: true},
		{name: "assess missing file", args: []string{"assess", "--answers", "/nonexistent/a.yaml"}, code: 2, stderr: []string{"/nonexistent/a.yaml", "no such file"}, noStdout: true},
		{name: "assess a folder", args: []string{"assess", "--answers", folder}, code: 2, stderr: []string{"is a folder"}},
		{name: "assess empty stdin", args: []string{"assess", "--answers", "-"}, code: 2, stderr: []string{"answers file is empty"}, noStdout: true},
		{name: "assess terminal without answers", args: []string{"assess"}, opts: []opt{withTerminal()}, code: 2, stderr: []string{"no answers given", "--case NAME"}},
		{name: "assess terminal dash", args: []string{"assess", "--answers", "-"}, opts: []opt{withTerminal(), withStdin("caffeine: none\n")}, stdout: []string{"Triage:"}, stderr: []string{"reading answers from the terminal", "Ctrl+D"}},
		{name: "assess empty answers flag", args: []string{"assess", "--answers="}, code: 2, stderr: []string{"--answers needs a file name"}},
		{name: "assess positional", args: []string{"assess", answers}, code: 2, stderr: []string{"unexpected argument", "--answers"}},
		{name: "assess case", args: []string{"assess", "--case", "chest"}, stdout: []string{"Triage: EMERGENCY"}},
		{name: "assess unknown case", args: []string{"assess", "--case", "nobody"}, code: 2, stderr: []string{`unknown case "nobody"`, "calm, chest, vegan"}},
		{name: "assess case and answers", args: []string{"assess", "--case", "calm", "--answers", answers}, code: 2, stderr: []string{"not both"}},
		{name: "assess broken rules", args: []string{"assess", "--answers", answers, "--rules", broken}, code: 2, stderr: []string{"weight is 9"}, noStdout: true},
		{name: "assess output dash", args: []string{"assess", "--answers", answers, "--output", "-"}, stdout: []string{"Triage: SEE A DOCTOR"}},
		{name: "assess output empty", args: []string{"assess", "--answers", answers, "--output", ""}, code: 2, stderr: []string{"--output needs a file name", "--output -"}, noStdout: true},
		{name: "assess force alone", args: []string{"assess", "--answers", answers, "--force"}, code: 2, stderr: []string{"--force only applies with --output FILE"}},
		{name: "assess force with dash", args: []string{"assess", "--answers", answers, "--force", "--output", "-"}, code: 2, stderr: []string{"--force only applies"}},
		{name: "rules check", args: []string{"rules", "check"}, stdout: []string{testrules.Name + ": ok: knowledge base test-1"}},
		{name: "rules check file", args: []string{"rules", "check", rules}, stdout: []string{rules + ": ok"}},
		{name: "rules check broken", args: []string{"rules", "check", broken}, code: 2, stderr: []string{broken + ":", "weight is 9"}},
		{name: "rules check two files", args: []string{"rules", "check", "a", "b"}, code: 2, stderr: []string{"at most one FILE"}},
		{name: "rules check help", args: []string{"rules", "check", "--help"}, stdout: []string{"rules check [FILE]"}},
		{name: "rules", args: []string{"rules"}, code: 2, stderr: []string{"missing subcommand"}},
		{name: "rules help", args: []string{"rules", "--help"}, stdout: []string{"rules show"}},
		{name: "rules unknown", args: []string{"rules", "frob"}, code: 2, stderr: []string{`unknown subcommand "frob"`}},
		{name: "rules show", args: []string{"rules", "show"}, stdout: []string{"DEFICIENCIES", "Magnesium (magnesium)", "RED FLAGS"}},
		{name: "rules show markdown", args: []string{"rules", "show", "--format", "MARKDOWN"}, stdout: []string{"## Deficiencies"}},
		{name: "rules show file", args: []string{"rules", "show", "--rules", rules}, stdout: []string{"TEST-1"}},
		{name: "rules show bad format", args: []string{"rules", "show", "--format", "pdf"}, code: 2, stderr: []string{`unknown --format "pdf"`, "text, markdown"}},
		{name: "rules show positional", args: []string{"rules", "show", "x"}, code: 2, stderr: []string{"unexpected argument"}},
		{name: "rules export", args: []string{"rules", "export", "--format", "fhir"}, stdout: []string{`"resourceType": "Questionnaire"`, `"version": "test-1"`}},
		{name: "rules export FHIR", args: []string{"rules", "export", "--format", "FHIR", "--output", "-"}, stdout: []string{`"Questionnaire"`}},
		{name: "rules export no format", args: []string{"rules", "export"}, code: 2, stderr: []string{"--format", "fhir"}},
		{name: "rules export bad format", args: []string{"rules", "export", "--format", "csv"}, code: 2, stderr: []string{`unknown --format "csv"`}},
		{name: "rules export positional", args: []string{"rules", "export", "x"}, code: 2, stderr: []string{"unexpected argument"}},
		{name: "eval built in", args: []string{"eval"}, stdout: []string{"3 vignettes in 2 files, knowledge base test-1", "under-triage:  0"}},
		{name: "eval file", args: []string{"eval", miss}, code: 1, stdout: []string{"UNDER-TRIAGE", "under-triage:  1", "top1: got"}},
		{name: "eval folder", args: []string{"eval", folder}, stdout: []string{"3 vignettes in 2 files"}},
		{name: "eval twice", args: []string{"eval", folder, folder}, code: 2, stderr: []string{`duplicate vignette id "a_chest"`}},
		{name: "eval bad file", args: []string{"eval", bad}, code: 2, stderr: []string{`unknown field "duration"`, `missing field "id"`}},
		{name: "eval missing", args: []string{"eval", "/nonexistent"}, code: 2, stderr: []string{"/nonexistent", "no such file"}},
		{name: "eval empty folder", args: []string{"eval", empty}, code: 2, stderr: []string{"no vignettes found"}},
		{name: "eval help", args: []string{"eval", "-h"}, stdout: []string{"Usage: twitchcheck eval"}},
		{name: "cases", args: []string{"cases"}, stdout: []string{"calm", "Calm, 30", "Chest pain."}},
		{name: "cases positional", args: []string{"cases", "x"}, code: 2, stderr: []string{"unexpected argument"}},
		{name: "cases bad rules", args: []string{"cases", "--rules", "/nonexistent"}, code: 2, stderr: []string{"/nonexistent"}},
		{name: "watch without rules", args: []string{"--watch"}, code: 2, stderr: []string{"--watch needs --rules"}},
		{name: "bad theme", args: []string{"--theme", "pink"}, code: 2, stderr: []string{`unknown --theme "pink"`, "high-contrast"}},
		{name: "answers and case", args: []string{"--answers", answers, "--case", "calm"}, code: 2, stderr: []string{"not both"}},
		{name: "empty answers", args: []string{"--answers="}, code: 2, stderr: []string{"--answers needs a file name"}},
		{name: "unknown case", args: []string{"--case", "nobody"}, code: 2, stderr: []string{`unknown case "nobody"`}},
		{name: "app bad answers", args: []string{"--answers", bad}, code: 2, stderr: []string{"bad.yaml:1:11"}},
		{name: "app exit status", args: nil, opts: []opt{withTUI(130)}, code: 130},
		{name: "no app", args: nil, opts: []opt{withoutTUI()}, stdout: []string{"Usage:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args, tc.opts...)
			r.check(t, tc.code, tc.stdout, tc.stderr)
			if tc.noStdout && r.stdout != "" {
				t.Errorf("stdout should be empty on error, got:\n%s", r.stdout)
			}
			if strings.Contains(r.stderr, "internal error") {
				t.Errorf("an internal error:\n%s", r.stderr)
			}
		})
	}
}

// TestUnknownCommandHint checks `twitchcheck foo` does not send the user
// to `twitchcheck foo --help`, which does not exist.
func TestUnknownCommandHint(t *testing.T) {
	r := run(t, []string{"foo"})
	if strings.Contains(r.stderr, "foo --help") {
		t.Errorf("the hint points to a command that does not exist:\n%s", r.stderr)
	}
}

// TestFlagErrorsUseTwoDashes checks no flag error names a flag with one
// dash, as the flag package does, while the help uses two.
func TestFlagErrorsUseTwoDashes(t *testing.T) {
	for _, args := range [][]string{{"--nope"}, {"assess", "--answers"}, {"assess", "--force=x"}, {"eval", "--rules"}, {"rules", "show", "--format"}, {"cases", "--bad"}} {
		r := run(t, args)
		for _, line := range strings.Split(r.stderr, "\n") {
			for _, f := range strings.Fields(line) {
				if strings.HasPrefix(f, "-") && !strings.HasPrefix(f, "--") {
					t.Errorf("%v: %q names a flag with one dash: %s", args, f, line)
				}
			}
		}
	}
}

// TestProblemCountHeader checks the header over a list of problems counts
// them all: those listed and those past knowledge.MaxProblems that a
// file's last line only counts, for YAML and FHIR answers and across the
// files of the sample cases.
func TestProblemCountHeader(t *testing.T) {
	var yml strings.Builder
	for i := range 250 {
		fmt.Fprintf(&yml, "q%d: x\n", i)
	}
	qr := `{"resourceType": "QuestionnaireResponse", "questionnaire": "` + fhir.QuestionnaireURL + `|test-1", "status": "completed", "item": [`
	for i := range 130 {
		if i > 0 {
			qr += ", "
		}
		qr += fmt.Sprintf(`{"linkId": "q%d"}`, i)
	}
	qr += "]}"
	bad := func(id string) []byte {
		s := "id: " + id + "\ntitle: \"T\"\nstory: \"S\"\nanswers:\n"
		for i := range 120 {
			s += fmt.Sprintf("  q%d: x\n", i)
		}
		return []byte(s)
	}
	withCases := func(e *Env) {
		e.Content.Cases = fstest.MapFS{"a.yaml": {Data: bad("a")}, "b.yaml": {Data: bad("b")}, "c.yaml": {Data: []byte("id: c\ntitle: \"T\"\nstory: \"S\"\nanswers:\n  q1: x\n")}}
	}
	for _, tc := range []struct {
		name   string
		args   []string
		opts   []opt
		header string
		listed int
	}{
		{"answers", []string{"assess", "--answers", writeFile(t, "a.yaml", yml.String())}, nil, "250 problems:", knowledge.MaxProblems + 1},
		{"FHIR answers", []string{"assess", "--answers", writeFile(t, "qr.json", qr)}, nil, "130 problems:", knowledge.MaxProblems + 1},
		{"cases", []string{"cases"}, []opt{withCases}, "241 problems:", 2*knowledge.MaxProblems + 3},
		{"few", []string{"assess", "--answers", writeFile(t, "few.yaml", "q1: x\nq2: x\n")}, nil, "2 problems:", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args, tc.opts...)
			r.check(t, 2, nil, []string{": " + tc.header + "\n"})
			if n := strings.Count(r.stderr, "\n  "); n != tc.listed {
				t.Errorf("%d lines listed, want %d:\n%s", n, tc.listed, r.stderr)
			}
		})
	}
}
