package cli

import (
	"fmt"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/tui"
)

// root handles twitchcheck with no command: --version, or the interactive
// app with the options the command line gathered.
func (c *command) root(args []string) error {
	fs := newFlags("twitchcheck")
	version := fs.Bool("version", false, "print the app and knowledge-base versions")
	answersPath := fs.String("answers", "", "open with the answers in `FILE` loaded, at the review screen (- reads them from stdin)")
	caseName := fs.String("case", "", "open a sample case by its `NAME` (see 'twitchcheck cases')")
	rulesPath := fs.String("rules", "", "use the rule base in `FILE` instead of the embedded one")
	watch := fs.Bool("watch", false, "with --rules: reload the file when it changes")
	theme := fs.String("theme", "auto", "colour theme `NAME`: auto (default) or high-contrast")
	accessibleFlag := fs.Bool("accessible", false, "plain numbered prompts on stdin/stdout (also when ACCESSIBLE is set to anything but 0, false, no or off, or TERM=dumb)")
	diaryPath := fs.String("diary", "", "keep the diary in `FILE` instead of the default place")
	pos, err := c.parse(fs, args, rootHelp)
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unknown command %q%s; commands: %s", pos[0], knowledge.DidYouMean(pos[0], strings.Split(commandList, ", ")), commandList)
	}
	if *version {
		if *rulesPath == "" && c.env.Content.Version != nil {
			return c.print(versionLine(c.env.Content.Version()))
		}
		rb, err := c.loadRules(*rulesPath)
		if err != nil {
			return err
		}
		return c.print(versionLine(rb.Version, rb.Date))
	}
	if *watch && *rulesPath == "" {
		return usagef("--watch needs --rules FILE: the embedded rule base cannot change")
	}
	if isSet(fs, "answers") && *answersPath == "" {
		return usagef("--answers needs a file name; use --answers - for standard input")
	}
	if *answersPath != "" && *caseName != "" {
		return usagef("give --answers or --case, not both")
	}
	th := strings.ToLower(*theme)
	switch th {
	case "auto", "high-contrast":
	default:
		return usagef("unknown --theme %q; allowed: auto, high-contrast", *theme)
	}
	rb, err := c.loadRules(*rulesPath)
	if err != nil {
		return err
	}
	opts := tui.Options{Rules: rb, RulesPath: *rulesPath, Watch: *watch, Theme: th, Now: c.env.Now}
	if opts.Diary, err = c.appDiary(*diaryPath, isSet(fs, "diary")); err != nil {
		return err
	}
	if *answersPath != "" {
		a, err := c.readAnswers(rb, *answersPath)
		if err != nil {
			return err
		}
		a = c.warnIgnored(a)
		opts.Answers = &a
	}
	if opts.Cases, err = c.appCases(rb, *rulesPath != ""); err != nil {
		return err
	}
	if *caseName != "" {
		cs, err := knowledge.FindCase(opts.Cases, *caseName)
		if err != nil {
			return err
		}
		opts.Answers, opts.CaseTitle = &cs.Answers, cs.Title
	}
	if code := c.startApp(opts, tui.Accessible(*accessibleFlag, c.env.Getenv)); code != 0 {
		return exitError{code: code}
	}
	return nil
}

// versionLine is the line --version prints.
func versionLine(version, date string) string {
	return cleanName(fmt.Sprintf("twitchcheck %s (knowledge base %s, %s)", Version, version, date)) + "\n"
}
