package tui

// The warnings view (w): the rule file's problems after a broken edit,
// and the warnings about the answers loaded.

// warnings are the rule-file problems and the warnings about the answers.
func (m Model) warnings() []string {
	return append(append([]string(nil), m.watch.problems...), m.c.notices...)
}

// warningsPage is the warnings view: the rule file's problems, each once,
// then the warnings about the answers.
func (m Model) warningsPage() pagerScreen {
	watch, notices := m.watch, m.c.notices
	return newPager(&m.c, "the warnings", func(c *common) []string {
		out := watch.problemsPage(c)
		if len(notices) > 0 {
			if len(out) > 0 {
				out = append(out, "")
			}
			out = append(out, c.styles.Title.Render("Warnings"))
			for _, w := range notices {
				out = append(out, lines(hang("! "+w, c.width, 0, 2))...)
			}
		}
		return out
	})
}
