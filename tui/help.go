package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/report"
)

// newHelp is the full help of a screen, opened with "?": every key it
// handles in its present state, with every key that does the same, then the
// keys that work everywhere, what the scores mean, and the disclaimer. It
// scrolls, so it fits any window.
// intro, when not "", comes first: what the screen is about.
func newHelp(c *common, name, intro string, ks keySet, global []key.Binding) pagerScreen {
	own := ks.all()
	p := newPager(c, "help", func(c *common) []string {
		st := c.styles
		w := c.width
		var out []string
		add := func(t string) { out = append(out, strings.Split(t, "\n")...) }
		table := func(bs []key.Binding) {
			kw := 0
			for _, b := range bs {
				kw = max(kw, ansi.StringWidth(keyNames(b)))
			}
			kw = min(kw, max(6, w/3))
			for _, b := range bs {
				k := keyNames(b)
				if ansi.StringWidth(k) > kw {
					add(st.Help.FullKey.Render(hang(k, w, 2, 2)))
					add(st.Help.FullDesc.Render(hang(b.Help().Desc, w, kw+4, kw+4)))
					continue
				}
				add(hang(st.Help.FullKey.Render(pad(k, kw))+"  "+st.Help.FullDesc.Render(b.Help().Desc), w, 2, kw+4))
			}
		}
		if intro != "" {
			add(st.Title.Render(wrapText("About "+name, w)))
			for _, l := range strings.Split(intro, "\n") {
				add(hang(l, w, 2, 2))
			}
			add("")
		}
		add(st.Title.Render(wrapText("Keys on "+name, w)))
		table(own)
		add("")
		add(st.Title.Render("Everywhere"))
		table(global)
		add("")
		add(st.Title.Render("What the scores mean"))
		add(hang(clean(report.ScoreLegend(c.rb)), w, 2, 2))
		add("")
		add(st.Title.Render("Disclaimer"))
		add(hang(clean(c.rb.Disclaimer), w, 2, 2))
		return out
	})
	p.isHelp = true
	p.km = c.keys.Help
	return p
}

// keyNames is every key of a binding, as the help writes them: "↑/k".
func keyNames(b key.Binding) string {
	names := make([]string, 0, len(b.Keys()))
	for _, k := range b.Keys() {
		switch k {
		case "up":
			k = "↑"
		case "down":
			k = "↓"
		case "left":
			k = "←"
		case "right":
			k = "→"
		case "pgdown":
			k = "pgdn"
		}
		names = append(names, k)
	}
	return strings.Join(names, "/")
}

// introScreen is a screen whose full help starts with words about it, which
// a small window may have left out.
type introScreen interface {
	helpIntro(c *common) string
}

// introOf is the words the full help of s starts with, or "".
func introOf(c *common, s screen) string {
	if i, ok := s.(introScreen); ok {
		return i.helpIntro(c)
	}
	return ""
}
