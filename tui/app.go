package tui

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Model is the root model. It holds the common state, a stack of screens
// (the page, and the sub-views opened over it), the prompts that sit in the
// footer (save, yes/no), and the watcher's state. It routes each message to
// the top screen, applies what the screen asked for, and draws the frame:
// the watch banner, the screen (with the live panel beside or below it),
// and the footer (prompt, status, help bar).
//
// This file routes; the frame is drawn in frame.go, the footer and the keys
// the help shows in footer.go, and the yes/no prompt, quitting, reloading
// the rules and the warnings view each have their file (confirm.go,
// quit.go, reload.go, warnings.go).
type Model struct {
	c       common
	stack   []screen
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

// signalMsg is a signal the process received (SIGTERM, SIGINT, SIGHUP,
// SIGQUIT): the app quits with 128+signal, after any save in flight.
type signalMsg struct{ code int }

// New returns the app's model for opts. With answers given, it opens at
// the review; otherwise at the welcome screen.
func New(opts Options) Model {
	m := Model{
		c:    newCommon(opts),
		help: help.New(),
		winW: 80,
		winH: 24,
	}
	m.setStyles(true)
	if opts.Answers != nil {
		m.c.loadAnswers(*opts.Answers, opts.CaseTitle)
		m.stack = []screen{newReviewAt(&m.c, m.c.flow.first(m.c.answers))}
	} else {
		m.stack = []screen{newWelcome(&m.c)}
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
	k := m.c.keys.Global
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
		return m.toConfirm(msg)
	}
	top := m.top()
	if !isTyping(top) {
		switch {
		case key.Matches(msg, k.Help):
			if p, ok := top.(pagerScreen); ok && p.isHelp {
				m.pop()
				return nil
			}
			m.stack = append(m.stack, newHelp(&m.c, titleOf(top), introOf(&m.c, top), top.keys(&m.c), m.globalBindings()))
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
			m.stack = append(m.stack, m.warningsPage())
			return nil
		}
	}
	return m.toScreen(msg)
}

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
	if r.saveMenu {
		p := newSaveMenu(&m.c)
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
