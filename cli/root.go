package cli

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// root handles twitchcheck with no command: --version, or the interactive
// app.
func root(args []string, env Env) error {
	fs := newFlags("twitchcheck")
	version := fs.Bool("version", false, "")
	answersPath := fs.String("answers", "", "")
	caseName := fs.String("case", "", "")
	rulesPath := fs.String("rules", "", "")
	watch := fs.Bool("watch", false, "")
	theme := fs.String("theme", "auto", "")
	accessible := fs.Bool("accessible", false, "")
	pos, done, err := parse(fs, args, rootHelp, env)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unknown command %q; commands: assess, rules, eval, cases, help", pos[0])
	}
	if *version {
		rb, err := loadRules(*rulesPath)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "twitchcheck %s (knowledge base %s, %s)\n", Version, rb.Version, rb.Date)
		return nil
	}
	if *watch && *rulesPath == "" {
		return usagef("--watch needs --rules FILE: the embedded rule base cannot change")
	}
	if *answersPath != "" && *caseName != "" {
		return usagef("give --answers or --case, not both")
	}
	switch *theme {
	case "auto", "high-contrast":
	default:
		return usagef("unknown --theme %q; allowed: auto, high-contrast", *theme)
	}
	rb, err := loadRules(*rulesPath)
	if err != nil {
		return err
	}
	opts := TUIOptions{Rules: rb, Watch: *watch, Theme: *theme, Accessible: *accessible}
	if *rulesPath != "" {
		opts.RulesPath = *rulesPath
	}
	if *answersPath != "" {
		name, raw, err := readInput(*answersPath, knowledge.MaxAnswersBytes, env)
		if err != nil {
			return err
		}
		a, err := knowledge.ParseAnswers(rb, name, raw)
		if err != nil {
			return err
		}
		opts.Answers = &a
	}
	if *caseName != "" {
		c, err := loadCase(rb, *caseName)
		if err != nil {
			return err
		}
		opts.Answers, opts.CaseTitle = &c.Answers, c.Title
	}
	if opts.Cases, err = LoadCases(rb); err != nil {
		return err
	}
	if env.TUI == nil {
		fmt.Fprint(env.Stdout, rootHelp)
		return nil
	}
	if code := env.TUI(opts); code != 0 {
		return exitError{code: code}
	}
	return nil
}

const casesHelp = `Usage: twitchcheck cases

List the sample cases: named patients written from the source documents,
for demonstrations. Open one with 'twitchcheck --case NAME'.
`

func cases(args []string, env Env) error {
	flags := newFlags("cases")
	rulesPath := flags.String("rules", "", "")
	pos, done, err := parse(flags, args, casesHelp, env)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	rb, err := loadRules(*rulesPath)
	if err != nil {
		return err
	}
	all, err := LoadCases(rb)
	if err != nil {
		return err
	}
	for _, c := range all {
		fmt.Fprintf(env.Stdout, "%-22s %s\n%-22s %s\n\n", c.ID, c.Title, "", c.Story)
	}
	return nil
}

// LoadCases reads every embedded sample case, sorted by id, through the
// same validation as any answers file.
func LoadCases(rb *knowledge.RuleBase) ([]knowledge.Case, error) {
	var out []knowledge.Case
	var probs knowledge.Problems
	err := fs.WalkDir(data.Cases(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
			return err
		}
		raw, err := fs.ReadFile(data.Cases(), p)
		if err != nil {
			return err
		}
		c, err := knowledge.ParseCase(rb, "data/cases/"+p, raw)
		if err != nil {
			if ps, ok := err.(knowledge.Problems); ok {
				probs = append(probs, ps...)
				return nil
			}
			return err
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(probs) > 0 {
		return nil, probs
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func loadCase(rb *knowledge.RuleBase, name string) (knowledge.Case, error) {
	all, err := LoadCases(rb)
	if err != nil {
		return knowledge.Case{}, err
	}
	var ids []string
	for _, c := range all {
		if c.ID == name {
			return c, nil
		}
		ids = append(ids, c.ID)
	}
	return knowledge.Case{}, usagef("unknown case %q; cases: %s", name, strings.Join(ids, ", "))
}
