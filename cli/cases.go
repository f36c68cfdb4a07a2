package cli

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// Widths of the case list.
const (
	// casesWidth is the width when stdout is not a terminal.
	casesWidth = report.TextWidth
	// casesMaxWidth keeps lines readable in a wide terminal.
	casesMaxWidth = 100
	// casesColumnsFrom is the width from which the ids are a column of
	// their own beside the text; narrower, each id heads its case.
	casesColumnsFrom = 60
)

// cases lists the sample cases: each one's id, title, triage level (from
// the rule base in use, never from the case file) and story, wrapped to
// the terminal.
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
	width := casesWidth
	if c.env.StdoutWidth > 0 {
		width = min(c.env.StdoutWidth-1, casesMaxWidth)
	}
	return c.print(caseList(rb, all, width))
}

// caseList renders the cases at width: beside a column of ids when there
// is room, under each id when not.
func caseList(rb *knowledge.RuleBase, all []knowledge.Case, width int) string {
	idW := 0
	for _, cs := range all {
		idW = max(idW, ansi.StringWidth(report.CleanLine(cs.ID)))
	}
	idW += 2
	columns := width >= casesColumnsFrom && width-idW >= 40
	var b strings.Builder
	for i, cs := range all {
		if i > 0 {
			b.WriteString("\n")
		}
		level := knowledge.Assess(cs.Answers).Triage.Level
		text := []string{
			report.CleanLine(cs.Title),
			"Triage: " + report.CleanLine(report.LevelLabel(rb, level)),
			report.CleanLine(cs.Story),
		}
		id := report.CleanLine(cs.ID)
		in := 2
		if columns {
			in = idW
		} else {
			b.WriteString(id + "\n")
		}
		for j, t := range text {
			ls := strings.Split(ansi.Wrap(t, max(20, width-in), ""), "\n")
			for k, l := range ls {
				lead := strings.Repeat(" ", in)
				if columns && j == 0 && k == 0 {
					lead = id + strings.Repeat(" ", in-ansi.StringWidth(id))
				}
				b.WriteString(lead + strings.TrimRight(l, " ") + "\n")
			}
		}
	}
	return b.String()
}
