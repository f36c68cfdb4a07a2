package cli

import (
	"fmt"
	"strings"

	"github.com/twitchcheck/twitchcheck/report"
)

// cases lists the sample cases.
func (c *command) cases(args []string) error {
	fs := newFlags("cases")
	rulesPath := fs.String("rules", "", "use the rule base in `FILE` instead of the embedded one")
	pos, err := c.parse(fs, args, casesHelp)
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; 'cases' lists every sample case", pos[0])
	}
	rb, err := c.loadRules(*rulesPath)
	if err != nil {
		return err
	}
	all, err := c.loadCases(rb)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, cs := range all {
		fmt.Fprintf(&b, "%-22s %s\n%-22s %s\n\n", cs.ID, report.CleanLine(cs.Title), "", report.CleanLine(cs.Story))
	}
	return c.print(b.String())
}
