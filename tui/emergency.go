package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// emergencyScreen tells the person to get emergency help now, with the
// reasons, as soon as an answer calls for it. They may go on with the
// questions, see the results, go back, or quit.
type emergencyScreen struct {
	index   int // the question whose answer raised it
	editing bool
	text    textView
	laidOut layoutKey
	km      emergencyKeys
}

func newEmergency(c *common, index int, editing bool) emergencyScreen {
	return emergencyScreen{
		index:   index,
		editing: editing,
		km:      c.keys.Emergency,
	}
}

func (s emergencyScreen) title() string { return "the emergency notice" }

func (s emergencyScreen) keys(c *common) keySet {
	k := s.km
	k.nav = s.text.keys(k.nav)
	return keySet{
		short: []key.Binding{k.Continue, k.Results, k.Back, k.nav.Down, k.nav.Up},
		more:  []key.Binding{k.nav.PageDown, k.nav.PageUp, k.nav.Top, k.nav.Bottom},
	}
}

func (s emergencyScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	if key, ok := msg.(tea.KeyPressMsg); ok {
		if s.key(c, key) {
			return s, nil
		}
	}
	if s.laidOut != c.layoutKey() {
		s.laidOut = c.layoutKey()
		s.text.set(s.content(c), c.height)
	}
	return s, nil
}

func (s *emergencyScreen) key(c *common, msg tea.KeyPressMsg) bool {
	k := s.km
	switch {
	case key.Matches(msg, k.Continue):
		c.open(after(c, s.index, s.editing))
	case key.Matches(msg, k.Results):
		c.open(newResults(c))
	case key.Matches(msg, k.Back):
		c.open(newQuestion(c, s.index, s.editing))
	case s.text.scrolls() && s.text.scroll(s.text.keys(k.nav), msg):
	default:
		return false
	}
	return true
}

// content is the notice, wrapped to the width: the level, what to do and
// the reasons that set it, as the result document has them.
func (s emergencyScreen) content(c *common) []string {
	st := c.styles
	w := c.width
	doc := report.Build(c.answers, c.result, report.Options{})
	var out []string
	add := func(text string) { out = append(out, strings.Split(text, "\n")...) }
	for _, sec := range report.Notice(doc) {
		if sec.ID == report.SectionLevel {
			add(st.level(doc.Level).Render(wrapText(clean(sec.Title), w)))
			add("")
			for _, b := range sec.Blocks {
				out = append(out, blockLines(c, b, 0)...)
			}
		} else {
			add(st.Title.Render(wrapText(clean(sec.Title), w)))
			for _, b := range sec.Blocks {
				out = append(out, blockLines(c, b, 2)...)
			}
		}
		add("")
	}
	add(st.Faint.Render(wrapText("When you are safe, you can go on with the questions (c) to see what else your answers may point to, see the results now (r), or quit (q).", w)))
	return out
}

func (s emergencyScreen) view(c *common) string { return s.text.view(c.styles.Faint) }

// rebased keeps the notice on the new rules, for the same question.
func (s emergencyScreen) rebased(c *common, old *knowledge.RuleBase) screen {
	j := c.rb.QuestionIndex(old.Questions[s.index].ID)
	if j < 0 {
		return newReviewAt(c, -1)
	}
	s.index = j
	return s
}
