package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// casesScreen is "demo a sample case": the sample patients, filterable;
// enter opens one at the review, with the live scores panel on.
type casesScreen struct {
	pick pickList
}

func newCases(c *common) casesScreen {
	items := make([]pickItem, len(c.opts.Cases))
	for i, k := range c.opts.Cases {
		t, d := clean(k.Title), clean(k.Story)
		items[i] = pickItem{title: t, desc: d, match: strings.ToLower(k.ID + " " + t + " " + d)}
	}
	return casesScreen{pick: newPickList(c, items, c.keys.Cases, "a larger window shows it all")}
}

func (s casesScreen) isSubView() {}

func (s casesScreen) title() string { return "the sample cases" }

func (s casesScreen) typing() bool { return s.pick.typing() }

func (s casesScreen) keys(c *common) keySet { return s.pick.keySet() }

const casesHeading = "Demo a sample case"

func (s casesScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	var open, back bool
	s.pick, open, back = s.pick.update(msg, c.height)
	switch {
	case back:
		c.back()
	case open:
		k := c.opts.Cases[s.pick.selected()]
		load := func(c *common) {
			a, err := k.Answers.Rebase(c.rb)
			if err != nil {
				c.warn(clean(err.Error()))
			}
			c.loadAnswers(a, k.Title)
			c.open(newReviewAt(c, c.flow.first(c.answers)))
		}
		if c.dirty && c.answers.Count() > 0 {
			// The person's own answers would be lost: ask first.
			c.ask(confirmation{
				question: "Open the sample case? It replaces your answers, which are not saved.",
				yesDesc:  "replace them",
				yes:      load,
			})
		} else {
			load(c)
			return s, nil
		}
	}
	s.pick.place(c, casesHeading)
	return s, nil
}

func (s casesScreen) view(c *common) string { return s.pick.view(c, casesHeading) }
