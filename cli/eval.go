package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

const evalHelp = `Usage: twitchcheck eval [--rules FILE] [PATH...]

Run evaluation vignettes against the rule base and print every miss and a
summary: top-1, top-3, triage exact, over-triage and under-triage. PATH may
be vignette files or directories of them (*.yaml, *.yml, *.json); with no
PATH the embedded data/vignettes are run.

Exit status: 0 when every expectation holds, 1 on any under-triage or any
failed expectation, 2 on a bad vignette file or bad usage.
`

func eval(args []string, env Env) error {
	flags := newFlags("eval")
	rulesPath := flags.String("rules", "", "")
	paths, done, err := parse(flags, args, evalHelp, env)
	if done || err != nil {
		return err
	}
	rb, err := loadRules(*rulesPath)
	if err != nil {
		return err
	}
	var vs []knowledge.Vignette
	var probs knowledge.Problems
	add := func(name string, raw []byte) {
		got, err := knowledge.ParseVignettes(rb, name, raw)
		if err != nil {
			if p, ok := err.(knowledge.Problems); ok {
				probs = append(probs, p...)
				return
			}
			probs = append(probs, knowledge.Problem{File: name, Msg: err.Error()})
			return
		}
		vs = append(vs, got...)
	}
	if len(paths) == 0 {
		err = readVignetteFS(data.Vignettes(), "data/vignettes", add)
	} else {
		for _, p := range paths {
			if err = readVignettePath(p, add); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	seen := map[string]knowledge.Vignette{}
	for _, v := range vs {
		if first, dup := seen[v.ID]; dup {
			probs = append(probs, knowledge.Problem{File: v.File, Pos: v.Pos, Msg: fmt.Sprintf("duplicate vignette id %q (first in %s:%d)", v.ID, first.File, first.Pos.Line)})
		}
		seen[v.ID] = v
	}
	if len(probs) > 0 {
		return probs
	}
	if len(vs) == 0 {
		return usagef("no vignettes found")
	}
	s := knowledge.Evaluate(vs)
	var out bytes.Buffer
	writeEval(&out, rb, s)
	if _, err := env.Stdout.Write(out.Bytes()); err != nil {
		return err
	}
	if s.UnderTriage > 0 || s.Failed > 0 {
		return exitError{code: ExitInternal}
	}
	return nil
}

func isVignetteFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

func readVignetteFS(fsys fs.FS, prefix string, add func(string, []byte)) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isVignetteFile(p) {
			return err
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		add(prefix+"/"+p, raw)
		return nil
	})
}

func readVignettePath(p string, add func(string, []byte)) error {
	st, err := os.Stat(p)
	if err != nil {
		return knowledge.Problems{{File: p, Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
	}
	if !st.IsDir() {
		raw, err := os.ReadFile(p)
		if err != nil {
			return knowledge.Problems{{File: p, Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
		}
		add(p, raw)
		return nil
	}
	var names []string
	err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isVignetteFile(q) {
			names = append(names, q)
		}
		return err
	})
	if err != nil {
		return knowledge.Problems{{File: p, Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
	}
	sort.Strings(names)
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			return knowledge.Problems{{File: n, Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
		}
		add(n, raw)
	}
	return nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

func writeEval(w *bytes.Buffer, rb *knowledge.RuleBase, s knowledge.Summary) {
	files := map[string]bool{}
	for _, o := range s.Outcomes {
		files[o.Vignette.File] = true
	}
	fmt.Fprintf(w, "%d vignettes in %d files, knowledge base %s\n", len(s.Outcomes), len(files), rb.Version)
	for _, o := range s.Outcomes {
		if len(o.Misses) == 0 {
			continue
		}
		v := o.Vignette
		fmt.Fprintf(w, "\nMISS %s (%s:%d): %s\n", v.ID, v.File, v.Pos.Line, v.Story)
		for _, m := range o.Misses {
			fmt.Fprintf(w, "  - %s\n", m)
		}
		top := []string{}
		for _, d := range o.Result.Deficiencies[:min(4, len(o.Result.Deficiencies))] {
			top = append(top, fmt.Sprintf("%s %d", d.ID, d.Score))
		}
		fmt.Fprintf(w, "    ranked: %s; triage %s\n", strings.Join(top, ", "), o.Result.Triage.Level)
	}
	pct := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%d/%d (%.1f%%)", a, b, 100*float64(a)/float64(b))
	}
	fmt.Fprintf(w, "\nSummary\n")
	fmt.Fprintf(w, "  top-1:         %s\n", pct(s.Top1Hits, s.Top1Checked))
	fmt.Fprintf(w, "  top-3:         %s\n", pct(s.Top3Hits, s.Top3Checked))
	fmt.Fprintf(w, "  triage exact:  %s\n", pct(s.TriageExact, s.TriageChecked))
	fmt.Fprintf(w, "  over-triage:   %d\n", s.OverTriage)
	fmt.Fprintf(w, "  under-triage:  %d\n", s.UnderTriage)
	fmt.Fprintf(w, "  vignettes with a miss: %d of %d\n", s.Failed, len(s.Outcomes))
}
