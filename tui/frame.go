package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The frame: the watch banner, the top screen with the live panel beside
// or below it, and the footer, measured once per message and drawn from
// that measure.

// frame is the geometry of a frame: the content width, the banner, the
// footer, and the body's size and the panel's place.
type frame struct {
	width          int // content width: the window less margins, at most MaxWidth
	banner, footer string
	bodyW, bodyH   int
	panel          string // "", "beside" or "below"
	panelH         int
}

// measure works the frame out for the present state. It is the one place
// sizes are decided, used both to lay screens out and to draw them.
func (m Model) measure() frame {
	var f frame
	f.width = max(1, min(m.winW, MaxWidth)-2)
	c := m.c
	c.width = f.width
	f.footer = m.footer(f.width)
	footH := lineCount(f.footer)
	if b := m.watch.lines(&c, max(1, m.winH/4)); len(b) > 0 {
		f.banner = strings.Join(b, "\n")
	}
	bannerH := 0
	if f.banner != "" {
		bannerH = lineCount(f.banner)
	}
	f.bodyW = f.width
	f.bodyH = max(3, m.winH-footH-bannerH)
	if m.c.panel && hostsPanel(m.top()) {
		if m.winW >= PanelMinWidth {
			f.panel = "beside"
			f.bodyW = min(f.width, m.winW-2-panelWidth-2)
		} else if f.bodyH >= 14 {
			f.panel = "below"
			f.panelH = min(4, f.bodyH/4)
			f.bodyH -= f.panelH + 1
		} else if f.bodyH >= 9 {
			f.panel = "below"
			f.panelH = 1
			f.bodyH -= 1
		}
	}
	return f
}

// layout gives the top screen its size and lets it lay itself out. The
// footer shows the screen's keys, which may change with its layout (a text
// that now scrolls offers the scroll keys), so it settles in a few rounds.
func (m *Model) layout() {
	for i := range 3 {
		f := m.measure()
		m.frame = f
		if i > 0 && m.c.width == f.bodyW && m.c.height == f.bodyH {
			return
		}
		m.c.width, m.c.height = f.bodyW, f.bodyH
		m.help.SetWidth(f.width)
		m.c.req = requests{}
		next, _ := m.top().update(&m.c, layoutMsg{})
		m.stack[len(m.stack)-1] = next
		m.c.req = requests{}
	}
}

// View draws the frame.
func (m Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "twitchcheck"
	switch {
	case m.quitting:
		v.SetContent("")
	case m.winW < MinWidth || m.winH < MinHeight:
		v.SetContent(m.tooSmall())
	default:
		v.SetContent(safeFrame(m.render()))
	}
	return v
}

// render draws the frame as text, one column in from the left.
func (m Model) render() string {
	f := m.frame
	c := m.c
	c.width, c.height = f.bodyW, f.bodyH
	body := clip(m.top().view(&c), f.bodyW, f.bodyH)
	switch f.panel {
	case "beside":
		ph := livePanel(&c, panelWidth, f.bodyH, true)
		body = lipgloss.JoinHorizontal(lipgloss.Top, padBlock(body, f.bodyW), "  ", ph)
	case "below":
		gap := "\n"
		if f.panelH > 1 {
			gap = "\n\n"
		}
		body = padLines(body, f.bodyH) + gap + livePanel(&c, f.width, f.panelH, false)
	}
	var parts []string
	if f.banner != "" {
		parts = append(parts, f.banner)
	}
	parts = append(parts, body)
	used := lineCount(strings.Join(parts, "\n")) + lineCount(f.footer)
	if gap := m.winH - used; gap > 0 {
		parts = append(parts, strings.Repeat("\n", gap-1))
	}
	parts = append(parts, f.footer)
	// Every part is already within the width: only the height is cut.
	return clip(indent(strings.Join(parts, "\n"), 1), 1<<30, m.winH)
}

// padBlock pads every line of s to width cells, so what is joined beside
// it stays in one place.
func padBlock(s string, width int) string {
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		ls[i] = pad(l, width)
	}
	return strings.Join(ls, "\n")
}

// padLines pads s with empty lines to n lines.
func padLines(s string, n int) string {
	if k := n - lineCount(s); k > 0 {
		return s + strings.Repeat("\n", k)
	}
	return s
}

// tooSmall asks for a larger window.
func (m Model) tooSmall() string {
	msg := "Please make the window larger: twitchcheck needs at least " + itoa(MinWidth) + "×" + itoa(MinHeight) + " (now " + itoa(m.winW) + "×" + itoa(m.winH) + "). Your answers are kept."
	return clip(wrapText(msg, max(1, m.winW)), max(1, m.winW), max(1, m.winH))
}
