package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// pickList is a list of entries to open, filterable with "/": the rule
// browser's and the sample cases'. It filters as the person types, at once
// and in place (no background filtering that could race the keys that
// follow), and wraps every title and description in full.
type pickList struct {
	items     []pickItem
	shown     []int // the items that match the filter, in order
	cursor    int   // into shown
	list      rowList
	filter    textinput.Model
	filtering bool // keys go to the filter
	// rest says where to read the rest of a row too tall for the window.
	rest string
	km   pickKeys
	// heights are the rows' heights at width hw: a long list renders only
	// the rows in view.
	heights []int
	hw      int
}

// pickItem is one entry: its title and description, already cleaned.
type pickItem struct {
	title, desc string
	match       string // lower-case text the filter searches
}

// newPickList lists items with the keys km (c.keys.Browser or
// c.keys.Cases); rest says where the rest of a row too tall for the window
// can be read.
func newPickList(c *common, items []pickItem, km pickKeys, rest string) pickList {
	in := textinput.New()
	in.Prompt = "Filter: "
	in.CharLimit = 200
	in.KeyMap.Paste.SetEnabled(false) // never run a clipboard program
	in.SetStyles(inputStyles(c))
	p := pickList{
		items:  items,
		filter: in,
		rest:   rest,
		km:     km,
	}
	p.refilter()
	return p
}

// typing reports whether keys go to the filter.
func (p pickList) typing() bool { return p.filtering }

// keySet lists the bindings for the state.
func (p pickList) keySet() keySet {
	k := p.km
	if p.filtering {
		k.nav.setEnabled(false)
		k.Open.SetEnabled(false)
		k.Filter.SetEnabled(false)
		k.Close.SetEnabled(false)
		k.Apply.SetEnabled(true)
		k.Clear.SetEnabled(true)
		k.typingNav.at(p.cursor, len(p.shown)-1)
		k.typingNav.Top.SetEnabled(false)
		k.typingNav.Bottom.SetEnabled(false)
		return keySet{
			short: []key.Binding{k.Apply, k.Clear, k.typingNav.Down, k.typingNav.Up},
			more:  append([]key.Binding{k.typingNav.PageDown, k.typingNav.PageUp}, k.text...),
		}
	}
	k.Apply.SetEnabled(false)
	filtered := p.filter.Value() != ""
	k.Clear.SetEnabled(filtered)
	k.Close.SetEnabled(!filtered)
	k.Open.SetEnabled(len(p.shown) > 0)
	k.nav.at(p.cursor, len(p.shown)-1)
	return keySet{
		short: []key.Binding{k.Open, k.nav.Up, k.nav.Down, k.Filter, k.Clear, k.Close},
		more:  []key.Binding{k.nav.Top, k.nav.Bottom, k.nav.PageUp, k.nav.PageDown},
	}
}

// selected is the item under the cursor, or -1.
func (p pickList) selected() int {
	if p.cursor < 0 || p.cursor >= len(p.shown) {
		return -1
	}
	return p.shown[p.cursor]
}

// update handles a message; open reports enter on an item, back esc with
// no filter.
func (p pickList) update(msg tea.Msg, height int) (next pickList, open, back bool) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if p.filtering {
			p.filter, _ = p.filter.Update(tea.PasteMsg{Content: safeTyped(msg.Content)})
			p.refilter()
		}
	case tea.KeyPressMsg:
		k := p.km
		if p.filtering {
			switch {
			case p.move(k.typingNav, msg, height):
			case key.Matches(msg, k.Apply):
				p.filtering = false
				p.filter.Blur()
			case key.Matches(msg, k.Clear):
				p.filtering = false
				p.filter.Blur()
				p.filter.SetValue("")
				p.refilter()
			default:
				msg.Text = safeTyped(msg.Text)
				p.filter, _ = p.filter.Update(msg)
				p.refilter()
			}
			return p, false, false
		}
		switch {
		case p.move(k.nav, msg, height):
		case key.Matches(msg, k.Filter):
			p.filtering = true
			p.filter.Focus()
		case p.filter.Value() != "" && key.Matches(msg, k.Clear):
			p.filter.SetValue("")
			p.refilter()
		case key.Matches(msg, k.Open):
			return p, p.selected() >= 0, false
		case key.Matches(msg, k.Close):
			return p, false, true
		}
	}
	return p, false, false
}

// move moves the cursor with nav; it reports whether msg was a move.
func (p *pickList) move(nav navKeys, msg tea.KeyPressMsg, height int) bool {
	page := max(1, height/3)
	last := len(p.shown) - 1
	switch {
	case key.Matches(msg, nav.Up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(msg, nav.Down):
		p.cursor = max(0, min(last, p.cursor+1))
	case key.Matches(msg, nav.Top):
		p.cursor = 0
	case key.Matches(msg, nav.Bottom):
		p.cursor = max(0, last)
	case key.Matches(msg, nav.PageUp):
		p.cursor = max(0, p.cursor-page)
	case key.Matches(msg, nav.PageDown):
		p.cursor = max(0, min(last, p.cursor+page))
	default:
		return false
	}
	return true
}

// refilter keeps the items that hold every word of the filter.
func (p *pickList) refilter() {
	words := strings.Fields(strings.ToLower(p.filter.Value()))
	p.shown = p.shown[:0:0]
	for i, it := range p.items {
		ok := true
		for _, w := range words {
			if !strings.Contains(it.match, w) {
				ok = false
				break
			}
		}
		if ok {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = max(0, min(p.cursor, len(p.shown)-1))
	p.list.top = 0
	p.heights = nil
}

// header is the title, the filter and the count.
func (p pickList) header(c *common, title string) string {
	st := c.styles
	w := c.width
	out := []string{st.Title.Render(wrapText(title, w))}
	switch {
	case p.filtering:
		out = append(out, clip(p.filter.View(), w, 1))
	case p.filter.Value() != "":
		out = append(out, st.Faint.Render(wrapText("Filter: "+clean(p.filter.Value())+" (esc clears it)", w)))
	}
	count := itoa(len(p.shown)) + " of " + itoa(len(p.items))
	if len(p.shown) == 0 {
		count = "Nothing matches the filter."
	}
	out = append(out, st.Faint.Render(wrapText(count, w)))
	return strings.Join(out, "\n")
}

// row renders the item shown at n.
func (p pickList) row(c *common, n int) string {
	st := c.styles
	w := c.width
	it := p.items[p.shown[n]]
	prefix := "  "
	tst := st.Question
	if n == p.cursor {
		prefix = "> "
		tst = st.Cursor
	}
	row := tst.Render(hang(prefix+it.title, w, 0, 2))
	if it.desc != "" {
		row += "\n" + st.Faint.Render(hang(it.desc, w, 2, 2))
	}
	return row
}

// rowHeights are the heights of the rows shown, at width w.
func (p pickList) rowHeights(w int) []int {
	if p.hw == w && len(p.heights) == len(p.shown) {
		return p.heights
	}
	hs := make([]int, len(p.shown))
	for n, i := range p.shown {
		it := p.items[i]
		hs[n] = lineCount(wrapText("> "+it.title, max(1, w-2)))
		if it.desc != "" {
			hs[n] += lineCount(wrapText(it.desc, max(1, w-2)))
		}
	}
	return hs
}

// place keeps the cursor in view, and the filter's end in its line.
func (p *pickList) place(c *common, title string) {
	p.filter.SetWidth(max(1, c.width-ansi.StringWidth(p.filter.Prompt)-1))
	p.heights, p.hw = p.rowHeights(c.width), c.width
	p.list.place(p.heights, p.cursor, c.height-lineCount(p.header(c, title)))
}

func (p pickList) view(c *common, title string) string {
	st := c.styles
	top := p.header(c, title)
	height := c.height - lineCount(top)
	heights := p.rowHeights(c.width)
	first, end, above, below := p.list.place(heights, p.cursor, height)
	var out []string
	for n := first; n < end; n++ {
		out = append(out, lines(p.row(c, n))...)
	}
	room := height
	if above {
		room--
	}
	if below {
		room--
	}
	if len(out) > room {
		// One row taller than the window, which only a window too small
		// for it has: its first lines, and where to read the rest.
		out = append(out[:max(0, room-1)], st.Faint.Render(wrapText("  … ("+p.rest+")", c.width)))
	}
	if above {
		out = append([]string{st.Faint.Render("  ↑ " + itoa(first) + " more")}, out...)
	}
	if below {
		out = append(out, st.Faint.Render("  ↓ "+itoa(len(p.shown)-end)+" more"))
	}
	return top + "\n" + clip(strings.Join(out, "\n"), c.width, height)
}

// safeTyped drops from typed or pasted text every character that could
// act on the terminal or reorder text: what is typed is what is shown.
func safeTyped(s string) string {
	if clean(s) == s {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if c := string(r); clean(c) == c {
			b.WriteString(c)
		}
	}
	return b.String()
}
