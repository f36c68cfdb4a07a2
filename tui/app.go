package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Model is the root model. It holds the common state, a stack of screens
// (the page, and the sub-views opened over it), the prompts that sit in the
// footer (save, yes/no), and the watcher's state. It routes each message to
// the top screen, applies what the screen asked for, and draws the frame:
// the watch banner, the screen (with the live panel beside or below it),
// and the footer (prompt, status, help bar).
type Model struct {
	c       common
	stack   []screen
	keys    globalKeys
	help    help.Model
	save    *savePrompt
	confirm *confirmation
	status  status
	watch   watchState
	// gotBackground is set once the terminal has said what its
	// background is; COLORFGBG is only a first guess.
	gotBackground bool
	// quitAfterSave is the exit status to quit with when the save in
	// flight ends (ctrl+c or a signal during a save).
	quitAfterSave int
	quitting      bool
	exitCode      int
	// frame is the geometry measured when the top screen was last laid
	// out: View draws with it, so a frame is measured once per message.
	frame      frame
	winW, winH int
}

// confirmation is a yes/no question in the footer.
type confirmation struct {
	question string
	yesDesc  string
	yes      func(c *common)
}

// signalMsg is a signal the process received (SIGTERM, SIGINT, SIGHUP,
// SIGQUIT): the app quits with 128+signal, after any save in flight.
type signalMsg struct{ code int }

// New returns the app's model for opts. With answers given, it opens at
// the review; otherwise at the welcome screen.
func New(opts Options) Model {
	m := Model{
		c:    newCommon(opts),
		keys: newGlobalKeys(),
		help: help.New(),
		winW: 80,
		winH: 24,
	}
	m.setStyles(true)
	if opts.Answers != nil {
		m.c.loadAnswers(*opts.Answers, opts.CaseTitle)
		m.stack = []screen{newReviewAt(&m.c, m.c.flow.first(m.c.answers))}
	} else {
		m.stack = []screen{newWelcome()}
	}
	if opts.Watch && opts.RulesPath != "" {
		m.watch = watchState{on: true, file: clean(opts.RulesPath), version: clean(m.c.rb.Version)}
	}
	m.layout()
	return m
}

// Init asks the terminal for its background colour and starts watching
// the rule file when asked to.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.watch.on {
		cmds = append(cmds, watchRules(m.c.opts.RulesPath))
	}
	return tea.Batch(cmds...)
}

// Answers returns the answers held.
func (m Model) Answers() knowledge.Answers { return m.c.answers }

// ExitCode is the exit status the app asks for when it quits.
func (m Model) ExitCode() int { return m.exitCode }

// top is the screen on top of the stack.
func (m Model) top() screen { return m.stack[len(m.stack)-1] }

// setStyles builds the styles for a background.
func (m *Model) setStyles(dark bool) {
	m.c.memo = &memo{} // drawn in the old colours
	st := NewStyles(dark, m.c.opts.Theme)
	m.c.styles = &st
	m.c.isDark = dark
	m.help.Styles = st.Help
	m.c.gen++
}

// Update routes a message and lays the top screen out again.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.stack = slices.Clone(m.stack) // models are values: never share the stack
	cmd := m.update(msg)
	if !m.quitting {
		m.layout()
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.winW, m.winH = clampSize(msg.Width, msg.Height)
		return nil
	case tea.BackgroundColorMsg:
		m.gotBackground = true
		m.setStyles(msg.IsDark())
		return nil
	case tea.EnvMsg:
		if dark, ok := darkFromColorFGBG(msg.Getenv("COLORFGBG")); ok && !m.gotBackground {
			m.setStyles(dark)
		}
		return nil
	case savedMsg:
		return m.saved(msg)
	case watchMsg:
		return m.watched(msg)
	case signalMsg:
		return m.quitSoon(msg.code)
	case tea.PasteMsg:
		if m.save != nil {
			return m.toSave(msg)
		}
		if m.confirm != nil {
			return nil
		}
		return m.toScreen(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m.toScreen(msg)
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	debugKey(msg)
	k := m.keys
	switch {
	case key.Matches(msg, k.ForceQuit):
		if m.quitAfterSave != 0 {
			return m.quit(exitInterrupted) // a second ctrl+c: at once; Run still waits for the save
		}
		return m.quitSoon(exitInterrupted)
	case suspendSupported && key.Matches(msg, k.Suspend):
		return tea.Suspend
	}
	m.status = status{}
	if m.save != nil {
		return m.toSave(msg)
	}
	if m.confirm != nil {
		q := *m.confirm
		m.confirm = nil
		switch {
		case key.Matches(msg, confirmYes()):
			q.yes(&m.c)
			return m.apply()
		case key.Matches(msg, confirmNo()):
			m.status = status{"Nothing changed.", statusInfo}
		default:
			m.confirm = &q // only y, n or esc answer it
		}
		return nil
	}
	top := m.top()
	if !isTyping(top) {
		switch {
		case key.Matches(msg, k.Help):
			if p, ok := top.(pagerScreen); ok && p.isHelp {
				m.pop()
				return nil
			}
			m.stack = append(m.stack, newHelp(titleOf(top), top.keys(&m.c), m.globalBindings()))
			return nil
		case key.Matches(msg, k.Quit):
			if isSub(top) {
				m.pop()
				return nil
			}
			return m.askQuit()
		case key.Matches(msg, k.Panel) && hostsPanel(top):
			m.c.panel = !m.c.panel
			return nil
		case key.Matches(msg, k.Problems) && len(m.warnings()) > 0:
			ws := m.warnings()
			m.stack = append(m.stack, newPager("the warnings", func(c *common) []string {
				var out []string
				out = append(out, c.styles.Title.Render("Warnings"))
				for _, w := range ws {
					out = append(out, lines(hang("! "+w, c.width, 0, 2))...)
				}
				return out
			}))
			return nil
		}
	}
	return m.toScreen(msg)
}

// confirmYes and confirmNo answer a yes/no question in the footer. They
// are made when asked for, so nothing is built at start-up.
func confirmYes() key.Binding { return bind("y", "yes", "y") }
func confirmNo() key.Binding  { return bind("n/esc", "no", "n", "esc") }

// toScreen sends msg to the top screen and applies what it asked for.
func (m *Model) toScreen(msg tea.Msg) tea.Cmd {
	m.c.req = requests{}
	next, cmd := m.top().update(&m.c, msg)
	m.stack[len(m.stack)-1] = next
	return tea.Batch(cmd, m.apply())
}

// toSave sends msg to the save prompt.
func (m *Model) toSave(msg tea.Msg) tea.Cmd {
	m.c.req = requests{}
	p, cmd, done := m.save.update(&m.c, msg)
	m.save = &p
	if done {
		m.save = nil
	}
	return tea.Batch(cmd, m.apply())
}

// apply carries out what a screen or prompt asked for.
func (m *Model) apply() tea.Cmd {
	r := m.c.req
	m.c.req = requests{}
	if r.status.text != "" {
		m.status = r.status
	}
	switch {
	case r.open != nil:
		m.stack = []screen{r.open}
	case r.push != nil:
		m.stack = append(m.stack, r.push)
	case r.pop:
		m.pop()
	}
	if r.save != nil {
		p := newSavePrompt(&m.c, *r.save)
		m.save = &p
	}
	if r.confirm != nil {
		m.confirm = r.confirm
	}
	if r.quitNow {
		return m.quit(0)
	}
	return nil
}

// pop closes the top sub-view.
func (m *Model) pop() {
	if len(m.stack) > 1 {
		m.stack = m.stack[:len(m.stack)-1]
	}
}

// askQuit quits, asking first when answers would be lost. On a question
// whose answer has just called for emergency care, it shows the emergency
// notice instead, as leaving the question does: nobody quits past it
// unseen. Quitting from the notice is then the person's choice.
func (m *Model) askQuit() tea.Cmd {
	if q, ok := m.top().(questionScreen); ok && m.c.flow.raisedToEmergency(q.before, m.c.result) {
		m.stack = []screen{newEmergency(&m.c, q.index, q.editing)}
		return nil
	}
	if m.c.dirty && m.c.answers.Count() > 0 {
		m.confirm = &confirmation{
			question: "Quit? Your answers are not saved (on the results, a saves them).",
			yesDesc:  "quit",
			yes:      func(c *common) { c.req.quitNow = true },
		}
		return nil
	}
	return m.quit(0)
}

// quit ends the program with an exit status.
func (m *Model) quit(code int) tea.Cmd {
	m.quitting, m.exitCode = true, code
	return tea.Quit
}

// quitSoon quits with an exit status once the save in flight, if any, has
// ended: a save is whole or not made.
func (m *Model) quitSoon(code int) tea.Cmd {
	if m.c.saves.running() {
		m.quitAfterSave = code
		m.status = status{"Finishing the save, then quitting…", statusInfo}
		return nil
	}
	return m.quit(code)
}

// saved takes the end of a save.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	if m.save != nil {
		m.c.req = requests{}
		p, done := m.save.saved(&m.c, msg)
		m.save = &p
		if done {
			m.save = nil
		}
		m.apply()
	}
	if m.quitAfterSave != 0 {
		return m.quit(m.quitAfterSave)
	}
	return nil
}

// watched takes news from the rule-file watcher. A rule base that loads
// replaces the one in use and the answers are scored again at once; one
// with problems leaves the last good one and every answer in place.
func (m *Model) watched(msg watchMsg) tea.Cmd {
	ws := &m.watch
	ws.gone = msg.gone
	if msg.stopped != "" {
		ws.stopped = clean(msg.stopped)
		return nil
	}
	switch {
	case msg.err != nil:
		ws.problems = problemLines(msg.err)
	case msg.rb != nil:
		ws.problems = nil
		ws.version = clean(msg.rb.Version)
		ws.when = m.c.opts.Now().Format("15:04:05")
		m.rebase(msg.rb)
	}
	return msg.next
}

// rebase moves the answers and every screen onto a new rule base.
func (m *Model) rebase(rb *knowledge.RuleBase) {
	old := m.c.rb
	a, err := m.c.answers.Rebase(rb)
	m.c.rb = rb
	m.c.flow = flow{rb}
	// Always scored again and drawn again: the same answers (none, say)
	// mean other words, reasons and levels under other rules. Whether
	// they need saving is unchanged.
	m.c.answers = a.Pruned()
	m.c.result = knowledge.Assess(m.c.answers)
	m.c.gen++
	if err != nil {
		m.status = status{clean(err.Error()), statusWarn}
	}
	for i, s := range m.stack {
		if r, ok := s.(rebaser); ok {
			m.stack[i] = r.rebased(&m.c, old)
		}
	}
}

// rebaser is a screen that holds places in the rule base (a question's
// index, the browser's entries) and is rebuilt when the rules change.
type rebaser interface {
	rebased(c *common, old *knowledge.RuleBase) screen
}

// warnings are the rule-file problems and the warnings about the answers.
func (m Model) warnings() []string {
	return append(append([]string(nil), m.watch.problems...), m.c.notices...)
}

// globalBindings are the keys that work everywhere, for the full help.
func (m Model) globalBindings() []key.Binding {
	k := m.keys
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
	always := []key.Binding{m.keys.ForceQuit}
	if suspendSupported {
		always = append(always, m.keys.Suspend)
	}
	switch {
	case m.save != nil:
		return append(m.save.keys().all(), always...)
	case m.confirm != nil:
		return append([]key.Binding{confirmYes(), confirmNo()}, always...)
	}
	out := m.top().keys(&m.c).all()
	if isTyping(m.top()) {
		return append(out, always...)
	}
	return append(out, m.globalBindings()...)
}

// panelKey is p, worded for the panel's state.
func (m Model) panelKey() key.Binding {
	b := m.keys.Panel
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
	switch {
	case m.save != nil:
		return m.save.keys().short, []key.Binding{m.keys.ForceQuit}
	case m.confirm != nil:
		yes := confirmYes()
		yes.SetHelp("y", m.confirm.yesDesc)
		return []key.Binding{yes, confirmNo()}, nil
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
	quit := m.keys.Quit
	if isSub(top) {
		quit.SetHelp("q", "back")
	}
	if p, ok := top.(pagerScreen); ok && p.isHelp {
		return own, []key.Binding{quit} // ? closes the help: it is in own
	}
	return own, []key.Binding{m.keys.Help, quit}
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
		default:
			out = append(out, st.Status.Render(wrapText("✓ "+m.status.text, w)))
		}
	}
	out = append(out, m.helpBar(w))
	return strings.Join(out, "\n")
}

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
