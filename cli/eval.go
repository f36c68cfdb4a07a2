package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// eval runs evaluation vignettes: the built-in ones, or those in PATHs.
func (c *command) eval(args []string) error {
	fs := newFlags("eval")
	rulesPath := fs.String("rules", "", "use the rule base in `FILE` instead of the embedded one")
	paths, err := c.parse(fs, args, evalHelp)
	if err != nil {
		return helpDone(err)
	}
	rb, err := c.loadRules(*rulesPath)
	if err != nil {
		return err
	}
	var vs []knowledge.Vignette
	if len(paths) == 0 {
		vs, err = knowledge.ReadVignettes(rb, c.env.Content.Vignettes, c.env.Content.VignettesName)
	} else {
		vs, err = readVignettePaths(rb, paths)
	}
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		return usagef("no vignettes found in %s; vignette files end in .yaml, .yml or .json", cleanName(fmt.Sprint(paths)))
	}
	s := knowledge.Evaluate(vs)
	var out bytes.Buffer
	if err := report.Eval(&out, rb, s); err != nil {
		return fmt.Errorf("rendering the evaluation: %w", err)
	}
	if err := c.write(out.Bytes()); err != nil {
		return err
	}
	if s.UnderTriage > 0 || s.Failed > 0 {
		return exitError{code: ExitInternal}
	}
	return nil
}

// readVignettePaths reads the vignettes of every path, a file or a folder
// of vignette files, each file with a bound. Problems in every path, and
// ids used twice across them, are reported together.
func readVignettePaths(rb *knowledge.RuleBase, paths []string) ([]knowledge.Vignette, error) {
	var all []knowledge.Vignette
	var probs knowledge.Problems
	for _, p := range paths {
		vs, err := readVignettePath(rb, p)
		if err != nil {
			var ps knowledge.Problems
			if !errors.As(err, &ps) {
				return nil, err
			}
			probs = append(probs, ps...)
			continue
		}
		all = append(all, vs...)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	if err := knowledge.CheckVignetteIDs(all); err != nil {
		return nil, err
	}
	return all, nil
}

func readVignettePath(rb *knowledge.RuleBase, p string) ([]knowledge.Vignette, error) {
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return knowledge.ReadVignettes(rb, os.DirFS(p), p)
	}
	raw, err := knowledge.ReadFileLimited(p, knowledge.MaxVignetteBytes)
	if err != nil {
		return nil, err
	}
	return knowledge.ParseVignettes(rb, p, raw)
}
