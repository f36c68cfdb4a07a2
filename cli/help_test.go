package cli

import (
	"slices"
	"strings"
	"testing"
)

// TestHelpFromFlagDefinitions checks each command's help lists exactly
// the flags it defines (as its unknown-flag error lists them, from the
// flag set), each with its usage: the help is written from the
// definitions, so it cannot drift, and a flag with no usage fails here.
func TestHelpFromFlagDefinitions(t *testing.T) {
	for _, c := range []struct {
		help  [][]string // ways to print the help
		probe []string   // the command, to which an unknown flag is added
	}{
		{[][]string{{"--help"}, {"help"}}, nil},
		{[][]string{{"assess", "--help"}, {"help", "assess"}}, []string{"assess"}},
		{[][]string{{"eval", "--help"}, {"help", "eval"}}, []string{"eval"}},
		{[][]string{{"cases", "--help"}, {"help", "cases"}}, []string{"cases"}},
		{[][]string{{"rules", "show", "--help"}}, []string{"rules", "show"}},
		{[][]string{{"rules", "export", "--help"}}, []string{"rules", "export"}},
		{[][]string{{"rules", "check", "--help"}}, []string{"rules", "check"}},
	} {
		e := run(t, append(append([]string{}, c.probe...), "--zzz"))
		_, list, ok := strings.Cut(e.stderr, "; flags: ")
		if !ok {
			t.Fatalf("%v: no flag list in %q", c.probe, e.stderr)
		}
		list, _, _ = strings.Cut(list, "\n")
		var want []string
		for _, name := range strings.Split(list, ", ") {
			if strings.HasPrefix(name, "--") && name != "--help" {
				want = append(want, name)
			}
		}
		for _, args := range c.help {
			r := run(t, args)
			r.check(t, 0, nil, nil)
			if strings.Contains(r.stdout, "{flags}") {
				t.Errorf("%v: an unfilled {flags}", args)
			}
			var got []string
			for _, line := range strings.Split(r.stdout, "\n") {
				if !strings.HasPrefix(line, "  --") {
					continue
				}
				f := strings.Fields(line)
				got = append(got, f[0])
				if len(f) < 2 {
					t.Errorf("%v: %s has no usage", args, f[0])
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%v: the help lists %v; the command defines %v", args, got, want)
			}
		}
	}
}
