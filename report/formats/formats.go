// Package formats is the one table of the formats a result is written in:
// `twitchcheck assess --format` and the app's save menu both read it, so a
// new format is one more entry.
package formats

import (
	"bytes"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// Format is one way to write a result.
type Format struct {
	// ID is its name for --format ("markdown").
	ID string
	// What it is, in the app's prompt and messages ("the report").
	What string
	// Describe says what it is for ("Markdown, to take to a doctor").
	Describe string
	// Key is the key that picks it in the app's save menu.
	Key string
	// Assess reports whether `assess --format` offers it.
	Assess bool
	// name is the default file name before the date; ext its extension.
	name, ext string
	// Render writes the answers and their result.
	Render func(in Input) ([]byte, error)
}

// Input is what a format writes: the answers, their result, when, and
// what the result carries beyond them.
type Input struct {
	Answers knowledge.Answers
	Result  knowledge.Result
	Now     time.Time
	// Context is who and when of the QuestionnaireResponse the answers
	// came from, which the FHIR Bundle keeps.
	Context fhir.Context
	// Diary holds the person's diary when the result carries it.
	Diary []report.Diary
}

// File is the default file name for a date ("2026-11-23").
func (f Format) File(day string) string { return "twitchcheck-" + f.name + "-" + day + f.ext }

// All is every format, in the order offered.
func All() []Format {
	return []Format{
		{
			ID: "markdown", What: "the report", Describe: "Markdown, to take to a doctor", Key: "m", Assess: true,
			name: "report", ext: ".md",
			Render: func(in Input) ([]byte, error) {
				var b bytes.Buffer
				err := report.Markdown(&b, in.Answers, in.Result, in.Now, in.Diary...)
				return b.Bytes(), err
			},
		},
		{
			ID: "html", What: "the printable report", Describe: "HTML, to print or open in a browser", Key: "h", Assess: true,
			name: "report", ext: ".html",
			Render: func(in Input) ([]byte, error) {
				var b bytes.Buffer
				err := report.HTML(&b, in.Answers, in.Result, in.Now, in.Diary...)
				return b.Bytes(), err
			},
		},
		{
			ID: "fhir", What: "the FHIR bundle", Describe: "FHIR R4 JSON, for a clinic's record system", Key: "f", Assess: true,
			name: "fhir", ext: ".json",
			Render: func(in Input) ([]byte, error) {
				var b bytes.Buffer
				err := fhir.WriteBundleWith(&b, in.Answers, in.Result, in.Now, in.Context, in.Diary...)
				return b.Bytes(), err
			},
		},
		{
			ID: "answers", What: "your answers", Describe: "YAML, to open again with --answers", Key: "a",
			name: "answers", ext: ".yaml",
			Render: func(in Input) ([]byte, error) {
				return AnswersFile(in.Answers, in.Now), nil
			},
		},
		{
			ID: "text", What: "the result as text", Describe: "plain text, as a terminal shows it", Key: "t", Assess: true,
			name: "result", ext: ".txt",
			Render: func(in Input) ([]byte, error) {
				var b bytes.Buffer
				err := report.Text(&b, in.Answers, in.Result, in.Diary...)
				return b.Bytes(), err
			},
		},
		{
			ID: "json", What: "the result as JSON", Describe: "JSON in the answers contract's shape, for programs", Key: "j", Assess: true,
			name: "result", ext: ".json",
			Render: func(in Input) ([]byte, error) {
				return report.AppendJSON(nil, in.Answers, in.Result, in.Diary...), nil
			},
		},
	}
}

// AssessIDs are the formats `assess --format` takes, text first (its
// default).
func AssessIDs() []string {
	ids := []string{"text"}
	for _, f := range All() {
		if f.Assess && f.ID != "text" {
			ids = append(ids, f.ID)
		}
	}
	return ids
}

// Lookup returns the format with id, any case.
func Lookup(id string) (Format, bool) {
	for _, f := range All() {
		if strings.EqualFold(f.ID, id) {
			return f, true
		}
	}
	return Format{}, false
}

// safeVersion reports whether a rule-base version may go into a comment
// as it is: a letter or digit, then at most 39 letters, digits and . _ + -
// (what `^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$` matches, without compiling a
// regular expression at start-up).
func safeVersion(v string) bool {
	if v == "" || len(v) > 40 {
		return false
	}
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9', 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z':
		case i > 0 && (c == '.' || c == '_' || c == '+' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// AnswersFile is the answers as a file --answers reads back to the same
// answers: comments written here, and the answers. Nothing from the rule
// base is written unless it is a plain version string, so a rule base
// cannot forge answers through its version.
func AnswersFile(a knowledge.Answers, now time.Time) []byte {
	var b bytes.Buffer
	b.WriteString("# twitchcheck answers, " + now.Format("2006-01-02"))
	if v := a.RuleBase().Version; safeVersion(v) {
		b.WriteString(", knowledge base " + v)
	}
	b.WriteString("\n# Open again with: twitchcheck --answers FILE\n")
	b.Write(a.YAML())
	return b.Bytes()
}
