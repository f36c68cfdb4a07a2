package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// The footer: the prompt, the status line and the help bar, and the keys
// the help shows, from the bindings of the prompt or the screen on top.

// globalBindings are the keys that work everywhere, for the full help.
func (m Model) globalBindings() []key.Binding {
	k := m.c.keys.Global
	quit := k.Quit
	if isSub(m.top()) {
		quit.SetHelp("q", "back")
	}
	out := []key.Binding{k.Help, quit, k.ForceQuit}
	if suspendSupported {
		out = append(out, k.Suspend)
	}
	if hostsPanel(m.top()) {
		out = append(out, m.panelKey())
	}
	if len(m.warnings()) > 0 {
		out = append(out, k.Problems)
	}
	return out
}

// fullHelp is every key handled now: the prompt's or the screen's, and
// those that work everywhere. The help page shows them all.
func (m Model) fullHelp() []key.Binding {
	g := m.c.keys.Global
	always := []key.Binding{g.ForceQuit}
	if suspendSupported {
		always = append(always, g.Suspend)
	}
	switch {
	case m.save != nil:
		return append(m.save.keys().all(), always...)
	case m.confirm != nil:
		k := m.c.keys.Confirm
		return append([]key.Binding{k.Yes, k.No}, always...)
	}
	out := m.top().keys(&m.c).all()
	if isTyping(m.top()) {
		return append(out, always...)
	}
	return append(out, m.globalBindings()...)
}

// panelKey is p, worded for the panel's state.
func (m Model) panelKey() key.Binding {
	b := m.c.keys.Global.Panel
	if m.c.panel {
		b.SetHelp("p", "hide live scores")
	} else {
		b.SetHelp("p", "show live scores")
	}
	return b
}

// footerKeys is what the help bar shows: the prompt's keys while one is
// open, or the screen's, then p, ? and q.
func (m Model) footerKeys() (own []key.Binding, always []key.Binding) {
	g := m.c.keys.Global
	switch {
	case m.save != nil:
		return m.save.keys().short, []key.Binding{g.ForceQuit}
	case m.confirm != nil:
		k := m.c.keys.Confirm
		k.Yes.SetHelp("y", m.confirm.yesDesc)
		return []key.Binding{k.Yes, k.No}, nil
	}
	top := m.top()
	for _, b := range top.keys(&m.c).short {
		if b.Enabled() {
			own = append(own, b)
		}
	}
	if isTyping(top) {
		return own, nil
	}
	if hostsPanel(top) {
		own = append(own, m.panelKey())
	}
	quit := g.Quit
	if isSub(top) {
		quit.SetHelp("q", "back")
	}
	if p, ok := top.(pagerScreen); ok && p.isHelp {
		return own, []key.Binding{quit} // ? closes the help: it is in own
	}
	return own, []key.Binding{g.Help, quit}
}

// helpBar is the keys of the screen, as many as fit in one line (two in
// windows narrower than 80 columns), most important first; "? help" and
// "q quit" always show, at the end.
func (m Model) helpBar(w int) string {
	own, always := m.footerKeys()
	sig := helpSig(own, always, w, m.winW)
	if v, ok := m.c.memo.get(sig); ok {
		return v
	}
	v := m.packHelp(own, always, w)
	m.c.memo.put(sig, v)
	return v
}

// packHelp lays the help bar out.
func (m Model) packHelp(own, always []key.Binding, w int) string {
	maxLines := 1
	if m.winW < 80 {
		maxLines = 2
	}
	h := m.help
	h.SetWidth(0) // measured here, never cut by help
	sep := h.Styles.ShortSeparator.Render(h.ShortSeparator)
	sepW := ansi.StringWidth(sep)
	all := append(append([]key.Binding(nil), own...), always...)
	items := make([]string, len(all))
	widths := make([]int, len(all))
	for i, b := range all {
		items[i] = h.ShortHelpView([]key.Binding{b})
		widths[i] = ansi.StringWidth(items[i])
	}
	for n := len(own); n >= 0; n-- {
		// The first n of the screen's keys, then the ones that always show.
		idx := make([]int, 0, n+len(always))
		for i := range n {
			idx = append(idx, i)
		}
		for i := range always {
			idx = append(idx, len(own)+i)
		}
		var ls []string
		cur, curW := "", 0
		for _, i := range idx {
			switch {
			case cur == "":
				cur, curW = items[i], widths[i]
			case curW+sepW+widths[i] <= w:
				cur, curW = cur+sep+items[i], curW+sepW+widths[i]
			default:
				ls = append(ls, cur)
				cur, curW = items[i], widths[i]
			}
		}
		if cur != "" {
			ls = append(ls, cur)
		}
		if len(ls) <= maxLines || n == 0 {
			return clip(strings.Join(ls, "\n"), w, maxLines)
		}
	}
	return ""
}

// helpSig identifies a help bar: its keys and words, the width and
// whether the window is narrow.
func helpSig(own, always []key.Binding, w, winW int) string {
	var b strings.Builder
	for _, k := range append(append([]key.Binding(nil), own...), always...) {
		b.WriteString(k.Help().Key)
		b.WriteByte(0)
		b.WriteString(k.Help().Desc)
		b.WriteByte(1)
	}
	b.WriteString(itoa(w))
	if winW < 80 {
		b.WriteString("n")
	}
	return b.String()
}

// footer is the prompt, the status line and the help bar.
func (m Model) footer(w int) string {
	st := m.c.styles
	var out []string
	if m.save != nil {
		out = append(out, m.save.view(&m.c))
	}
	if m.confirm != nil {
		out = append(out, st.Warn.Render(wrapText(m.confirm.question+" (y/n)", w)))
	}
	if m.status.text != "" {
		switch m.status.kind {
		case statusError:
			out = append(out, st.Error.Render(wrapText("Error: "+m.status.text, w)))
		case statusWarn:
			out = append(out, st.Warn.Render(wrapText("! "+m.status.text, w)))
		case statusDone:
			out = append(out, st.Status.Render(wrapText("✓ "+m.status.text, w)))
		default:
			out = append(out, st.Status.Render(wrapText(m.status.text, w)))
		}
	}
	out = append(out, m.helpBar(w))
	return strings.Join(out, "\n")
}
