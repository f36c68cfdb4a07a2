package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// welcomeScreen says what twitchcheck does and does not do, that nothing
// leaves the machine, and the disclaimer; enter starts.
type welcomeScreen struct {
	text    textView
	laidOut layoutKey
	km      welcomeKeys
}

func newWelcome(c *common) welcomeScreen {
	return welcomeScreen{km: c.keys.Welcome}
}

func (s welcomeScreen) title() string { return "the welcome screen" }

func (s welcomeScreen) keys(c *common) keySet {
	k := s.km
	k.Demo.SetEnabled(len(c.opts.Cases) > 0)
	k.Diary.SetEnabled(c.opts.Diary != nil)
	k.scroll = s.text.keys(k.scroll)
	return keySet{
		short: []key.Binding{k.Start, k.Demo, k.Diary, k.Rules, k.scroll.Down, k.scroll.Up},
		more:  []key.Binding{k.scroll.PageDown, k.scroll.PageUp, k.scroll.Top, k.scroll.Bottom},
	}
}

func (s welcomeScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		k := s.km
		switch {
		case key.Matches(msg, k.Start):
			if i := c.flow.first(c.answers); i >= 0 {
				c.open(newQuestion(c, i, false))
			} else {
				c.open(newReviewAt(c, -1))
			}
		case key.Matches(msg, k.Demo) && len(c.opts.Cases) > 0:
			c.push(newCases(c))
		case key.Matches(msg, k.Rules):
			c.push(newBrowser(c))
		case key.Matches(msg, k.Diary) && c.opts.Diary != nil:
			c.push(newDiaryScreen(c))
		case s.text.scrolls():
			s.text.scroll(s.text.keys(k.scroll), msg)
		}
		return s, nil
	}
	if s.laidOut != c.layoutKey() {
		s.laidOut = c.layoutKey()
		s.text.set(s.content(c), c.height)
	}
	return s, nil
}

// content is the welcome text. The way to start comes right after the
// title, so it shows at any height; the rest scrolls.
func (s welcomeScreen) content(c *common) []string {
	st := c.styles
	w := c.width
	start := "Press Enter to start."
	if len(c.opts.Cases) > 0 {
		start += " Or press d to demo a sample case."
	}
	blocks := []string{
		st.Title.Render("twitchcheck") + "\n" + st.Faint.Render(wrapText("A symptom checker for muscle twitching.", w)),
		st.Key.Render(wrapText(start, w)),
		wrapText("It asks where the twitching is, how long it has lasted, and about your lifestyle, diet, medicines and other symptoms. Then it shows which nutrient shortages and everyday triggers your answers may point to, and whether to see a doctor.", w),
		st.Question.Render(wrapText("It screens; it does not diagnose.", w)) + "\n" + wrapText("Only a health professional, often with a blood test, can tell what is going on.", w),
		wrapText("Private: nothing leaves this computer, and nothing is saved unless you ask.", w),
		diaryInvite(c),
		st.Faint.Render(wrapText(clean(c.rb.Disclaimer), w)),
	}
	var out []string
	for i, b := range blocks {
		if b == "" {
			continue // no diary line without a diary
		}
		if i > 0 {
			for j := 0; j < st.Spacing; j++ {
				out = append(out, "")
			}
		}
		out = append(out, strings.Split(b, "\n")...)
	}
	return out
}

func (s welcomeScreen) view(c *common) string { return s.text.view(c.styles.Faint) }
