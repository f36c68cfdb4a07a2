package cli

import (
	"errors"
	"flag"
	"io"
	"sort"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// newFlags makes a flag set whose errors are returned, not printed.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// errHelpShown ends a command after --help printed its help.
var errHelpShown = errors.New("help shown")

// parse parses flags anywhere among args and returns the positional
// arguments. --help prints help to stdout and returns errHelpShown (or a
// write error). Flag errors name flags as the help does, with two dashes.
func (c *command) parse(fs *flag.FlagSet, args []string, help string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				if err := c.print(withFlags(help, fs)); err != nil {
					return nil, err
				}
				return nil, errHelpShown
			}
			return nil, flagError(err, fs)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagError rewrites the flag package's messages ("flag provided but not
// defined: -nope") in the words of the help ("unknown flag --nope").
func flagError(err error, fs *flag.FlagSet) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		name = strings.TrimPrefix(name, "-")
		var known []string
		fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		hint := ""
		if s, ok := knowledge.Nearest(name, known); ok {
			hint = " (did you mean `--" + s + "`?)"
		}
		return usagef("unknown flag --%s%s; flags: %s", name, hint, flagNames(fs))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return usagef("--%s needs a value", strings.TrimPrefix(name, "-"))
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		// invalid boolean value "x" for -force: parse error
		val, name, _ := strings.Cut(rest, " for -")
		name, _, _ = strings.Cut(name, ":")
		return usagef("--%s takes no value (or true or false), got %s", strings.TrimPrefix(name, "-"), val)
	}
	if rest, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return usagef("bad flag syntax %q; flags start with -- and a name: %s", rest, flagNames(fs))
	}
	return usagef("%s", msg)
}

// flagNames lists a flag set's flags for messages.
func flagNames(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	sort.Strings(names)
	if len(names) == 0 {
		return "none (but --help)"
	}
	return strings.Join(append(names, "--help"), ", ")
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// formatFlag checks a --format value, case-insensitively, against the
// allowed formats and returns it in lower case.
func formatFlag(value string, allowed ...string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(value))
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", usagef("unknown --format %q; allowed: %s", value, strings.Join(allowed, ", "))
}

// withFlags fills in the {flags} of a help text with fs's flags.
func withFlags(help string, fs *flag.FlagSet) string {
	return strings.Replace(help, "{flags}", flagHelp(fs), 1)
}

// flagHelpWidth is the width the flag help is wrapped to.
const flagHelpWidth = 79

// flagHelp lists fs's flags for a help text, one entry each, in name
// order, written from the definitions: the name, the value's name (the
// back-quoted word of the usage, as flag.UnquoteUsage reads it) and the
// usage, wrapped under itself.
func flagHelp(fs *flag.FlagSet) string {
	type entry struct{ left, usage string }
	var entries []entry
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		left := "  --" + f.Name
		if name != "" {
			left += " " + name
		}
		entries = append(entries, entry{left, usage})
		width = max(width, len(left))
	})
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.left)
		b.WriteString(strings.Repeat(" ", width+2-len(e.left)))
		col := width + 2
		for i, w := range strings.Fields(e.usage) {
			if i > 0 && col+1+len(w) > flagHelpWidth {
				b.WriteString("\n" + strings.Repeat(" ", width+2))
				col = width + 2
			} else if i > 0 {
				b.WriteString(" ")
				col++
			}
			b.WriteString(w)
			col += len(w)
		}
		b.WriteString("\n")
	}
	return b.String()
}
