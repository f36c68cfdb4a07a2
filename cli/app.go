package cli

import "github.com/twitchcheck/twitchcheck/tui"

// startApp starts the interactive app with opts, in the plain accessible
// mode when asked. The plain mode needs only the command's own streams, so
// it runs here, through Env, where tests can drive it; Env.TUI runs the
// full-screen app on the process's terminal. A failed write to stdout in
// the plain mode takes the commands' one write-error path (exit status 1,
// said on stderr).
func (c *command) startApp(opts tui.Options, plain bool) int {
	opts.Accessible = plain
	if plain {
		code, err := tui.RunAccessible(opts, c.env.Stdin, c.env.Stdout)
		if err != nil {
			return c.exit(writeError{what: stdoutName, err: err})
		}
		return code
	}
	if c.env.TUI == nil {
		return c.exit(helpDone(c.root([]string{"--help"})))
	}
	return c.env.TUI(opts)
}
