// Package data holds twitchcheck's clinical content: the YAML rule base,
// the evaluation vignettes and the sample cases, embedded in the binary.
// It is the only place clinical content lives.
package data

import (
	"embed"
	"io/fs"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

//go:generate go run ./internal/gensnapshot rules.yaml snapshot.go

//go:embed rules.yaml
var rules []byte

//go:embed vignettes cases
var files embed.FS

// RulesName is the name the embedded rule base is reported under.
const RulesName = "data/rules.yaml"

// Rules returns the embedded rule base as YAML, the source of truth.
func Rules() []byte { return rules }

// RuleBase returns the embedded rule base. It is compiled from snapshot.go,
// a Go literal generated from rules.yaml, so start-up parses no YAML; a test
// checks that the snapshot matches rules.yaml.
func RuleBase() (*knowledge.RuleBase, error) { return knowledge.FromSnapshot(snapshot), nil }

// Vignettes returns the embedded evaluation vignettes.
func Vignettes() fs.FS { return sub("vignettes") }

// Cases returns the embedded sample cases.
func Cases() fs.FS { return sub("cases") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // dir is a constant that go:embed has checked
	}
	return f
}
