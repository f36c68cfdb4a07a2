// Package tui is twitchcheck's interactive terminal app: a bubbletea program
// over the knowledge engine. Every question, option and result comes from
// the rule base; the TUI holds no clinical content of its own.
package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Layout limits.
const (
	// MaxWidth caps the content at a readable width.
	MaxWidth = 100
	// MinWidth and MinHeight are the smallest window the app draws in;
	// below it, it asks for a larger window.
	MinWidth  = 40
	MinHeight = 12
	// PanelMinWidth is the width from which the live scoring panel sits
	// beside the questions instead of being an overlay.
	PanelMinWidth = 110
)

// Options configure the app.
type Options struct {
	Rules *knowledge.RuleBase
	// Answers, when set, are loaded and the app opens at the review screen.
	Answers   *knowledge.Answers
	CaseTitle string
	// Cases are the sample cases offered by "Demo a sample case".
	Cases []knowledge.Case
	// RulesPath and Watch make the app reload the rule base when the file
	// changes.
	RulesPath string
	Watch     bool
	Theme     string
	// Dir is where saved files go by default; "" is the current directory.
	Dir string
	Now func() time.Time
}

type screenID int

const (
	welcomeScreen screenID = iota
	questionScreen
	emergencyScreen
	reviewScreen
	resultsScreen
	explainScreen
	casesScreen
	browserScreen
)

// Model is the root model: it holds the answers and routes messages to the
// active screen.
type Model struct {
	opts    Options
	rb      *knowledge.RuleBase
	answers knowledge.Answers
	result  knowledge.Result // kept current with answers

	screen screenID
	prev   screenID // where the rule browser and cases list return to

	width, height int
	isDark        bool
	styles        Styles
	keys          keyMap
	help          help.Model

	q       questionState
	review  listState
	results resultsState
	explain explainState
	save    saveState
	cases   casesState
	browser browserState
	panelOn bool // the live panel overlay, in narrow windows
	// confirmRestart asks before start over clears every answer.
	confirmRestart bool
	editing        bool // a question opened from the review screen returns there
	caseName       string

	status    string
	statusErr bool
	// banner shows rule-base reload errors (--watch).
	banner string

	exitCode int
	quitting bool

	// frameBody is set while a frame is drawn (on render's own copy of the
	// model): the body height, so the footer is rendered once per frame.
	frameBody int
}

// New returns the app's model.
func New(opts Options) Model {
	if opts.Theme == "" {
		opts.Theme = ThemeAuto
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := Model{
		opts:   opts,
		rb:     opts.Rules,
		isDark: true,
		keys:   newKeyMap(),
		help:   help.New(),
		width:  80,
		height: 24,
	}
	m.styles = NewStyles(m.isDark, opts.Theme)
	m.help.Styles = m.styles.HelpStyles
	m.setAnswers(knowledge.NewAnswers(m.rb))
	if opts.Answers != nil {
		m.setAnswers(*opts.Answers)
		m.caseName = opts.CaseTitle
		m.openReview()
	}
	m.cases = newCasesState(opts.Cases)
	return m
}

// Init asks the terminal for its background colour, and starts watching
// the rule file when asked to.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.opts.Watch && m.opts.RulesPath != "" {
		cmds = append(cmds, watchRules(m.opts.RulesPath))
	}
	return tea.Batch(cmds...)
}

// Answers returns the answers held.
func (m Model) Answers() knowledge.Answers { return m.answers }

// ExitCode is the exit status the app asks for when it quits.
func (m Model) ExitCode() int { return m.exitCode }

// setAnswers replaces the answers and re-scores them.
func (m *Model) setAnswers(a knowledge.Answers) {
	m.answers = a
	m.result = knowledge.Assess(a)
}

// Update routes a message to the active screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return nil
	case tea.BackgroundColorMsg:
		m.isDark = msg.IsDark()
		m.styles = NewStyles(m.isDark, m.opts.Theme)
		m.help.Styles = m.styles.HelpStyles
		m.refreshResults()
		return nil
	case savedMsg:
		m.save = saveState{}
		if msg.err != nil {
			m.status, m.statusErr = msg.err.Error(), true
		} else {
			m.status, m.statusErr = "Saved to "+msg.path+" (readable only by you).", false
		}
		return nil
	case rulesReloadedMsg:
		return m.rulesReloaded(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m.forward(msg)
}

// forward passes other messages (such as the rule browser's filtering) to
// the screen that needs them.
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	switch m.screen {
	case casesScreen:
		return m.cases.update(msg)
	case browserScreen:
		return m.browser.update(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	debugKey(msg)
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.quit(130)
	}
	m.status = ""
	if m.save.active {
		return m.saveKey(msg)
	}
	if m.confirmRestart {
		m.confirmRestart = false
		if key.Matches(msg, m.keys.Yes) {
			m.restart()
		} else {
			m.status, m.statusErr = "Kept your answers.", false
		}
		return nil
	}
	// Keys typed into a filter belong to the filter.
	typing := (m.screen == casesScreen && m.cases.typing()) || (m.screen == browserScreen && m.browser.typing())
	if !typing {
		switch {
		case key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			m.layout()
			return nil
		case key.Matches(msg, m.keys.Quit):
			return m.quit(0)
		case key.Matches(msg, m.keys.Panel) && m.panelAvailable() && m.width < PanelMinWidth:
			m.panelOn = !m.panelOn
			return nil
		}
	}
	switch m.screen {
	case welcomeScreen:
		return m.welcomeKey(msg)
	case questionScreen:
		return m.questionKey(msg)
	case emergencyScreen:
		return m.emergencyKey(msg)
	case reviewScreen:
		return m.reviewKey(msg)
	case resultsScreen:
		return m.resultsKey(msg)
	case explainScreen:
		return m.explainKey(msg)
	case casesScreen:
		return m.casesKey(msg)
	case browserScreen:
		return m.browserKey(msg)
	}
	return nil
}

func (m *Model) quit(code int) tea.Cmd {
	m.exitCode = code
	m.quitting = true
	return tea.Quit
}

// restart clears every answer and goes back to the welcome screen.
func (m *Model) restart() {
	m.setAnswers(knowledge.NewAnswers(m.rb))
	m.caseName = ""
	m.editing = false
	m.results = resultsState{}
	m.screen = welcomeScreen
}

// contentWidth is the width content is laid out in.
func (m Model) contentWidth() int {
	return max(1, min(m.width, MaxWidth)-2)
}

// layout resizes what depends on the window size.
func (m *Model) layout() {
	m.help.SetWidth(m.contentWidth())
	if m.save.active {
		m.save.input.SetWidth(max(10, m.contentWidth()-12))
	}
	m.refreshResults()
	m.browser.setSize(m.contentWidth(), m.bodyHeight())
	m.cases.setSize(m.contentWidth(), m.bodyHeight())
}

// View draws the active screen.
func (m Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "twitchcheck"
	if m.quitting {
		v.SetContent("")
		return v
	}
	if m.width < MinWidth || m.height < MinHeight {
		v.SetContent(m.tooSmall())
		return v
	}
	v.SetContent(m.render())
	return v
}

// render draws the screen as text, padded one column from the left.
func (m Model) render() string {
	foot := m.footer()
	m.frameBody = m.bodyHeightFor(foot)
	body := m.body()
	if m.panelAvailable() && m.width >= PanelMinWidth {
		body = lipgloss.JoinHorizontal(lipgloss.Top, body, "  ", m.panel(min(40, m.width-m.questionWidth()-4)))
	} else if m.panelAvailable() && m.panelOn {
		body = m.overlay(body)
	}
	var parts []string
	if m.banner != "" {
		parts = append(parts, m.styles.Banner.Width(m.contentWidth()).Render(m.banner))
	}
	parts = append(parts, clip(body, m.width, m.bodyHeight()))
	// Keep the footer at the bottom of the window.
	used := lipgloss.Height(strings.Join(parts, "\n")) + lipgloss.Height(foot)
	if gap := m.height - used; gap > 0 {
		parts = append(parts, strings.Repeat("\n", gap-1))
	}
	parts = append(parts, foot)
	out := strings.Join(parts, "\n")
	return clip(indent(out, 1), m.width, m.height)
}

// body draws the active screen without the footer.
func (m Model) body() string {
	switch m.screen {
	case questionScreen:
		return m.questionView()
	case emergencyScreen:
		return m.emergencyView()
	case reviewScreen:
		return m.reviewView()
	case resultsScreen:
		return m.resultsView()
	case explainScreen:
		return m.explainView()
	case casesScreen:
		return m.casesView()
	case browserScreen:
		return m.browserView()
	default:
		return m.welcomeView()
	}
}

// footer is the status line and the help bar.
func (m Model) footer() string {
	var lines []string
	if m.save.active {
		lines = append(lines, m.saveView())
	}
	if m.confirmRestart {
		lines = append(lines, wrapText(m.styles.Error.Render("Start over? This clears every answer. (y/n)"), m.contentWidth()))
	}
	if m.status != "" {
		st := m.styles.Status
		prefix := "✓ "
		if m.statusErr {
			st, prefix = m.styles.Error, "Error: "
		}
		lines = append(lines, wrapText(st.Render(prefix+m.status), m.contentWidth()))
	}
	if m.help.ShowAll {
		// The disclaimer is one key away from every screen.
		lines = append(lines, wrapText(m.styles.Faint.Render(m.rb.Disclaimer), m.contentWidth()))
	}
	lines = append(lines, m.help.View(m.keyHelp()))
	return strings.Join(lines, "\n")
}

// bodyHeight is the number of rows the screen body may use.
func (m Model) bodyHeight() int {
	if m.frameBody > 0 {
		return m.frameBody
	}
	return m.bodyHeightFor(m.footer())
}

func (m Model) bodyHeightFor(footer string) int {
	h := m.height - lipgloss.Height(footer)
	if m.banner != "" {
		h -= lipgloss.Height(m.styles.Banner.Width(m.contentWidth()).Render(m.banner))
	}
	return max(3, h)
}

// keyHelp returns the bindings of the active screen for the help bar.
func (m Model) keyHelp() help.KeyMap {
	k := m.keys
	var short, more []key.Binding
	switch {
	case m.save.active:
		short = []key.Binding{k.Submit, k.Cancel}
		if m.save.confirm {
			short = []key.Binding{k.Yes, k.No}
		}
		return bindings{short: short, full: [][]key.Binding{short}}
	case m.confirmRestart:
		short = []key.Binding{k.Yes, k.No}
		return bindings{short: short, full: [][]key.Binding{short}}
	case m.screen == welcomeScreen:
		short = []key.Binding{k.Start}
		if len(m.opts.Cases) > 0 {
			short = append(short, k.Demo)
		}
		short = append(short, k.Rules)
	case m.screen == questionScreen:
		q := m.currentQuestion()
		if q != nil && q.Kind == knowledge.Multi {
			short = []key.Binding{k.Toggle, k.Confirm}
		} else {
			short = []key.Binding{k.Select}
		}
		short = append(short, k.Back, k.Skip)
	case m.screen == emergencyScreen:
		short = []key.Binding{k.Continue, k.Results, k.Back}
	case m.screen == reviewScreen:
		short = []key.Binding{k.Change, k.Results}
	case m.screen == resultsScreen:
		short = []key.Binding{k.Next, k.Expand, k.Explain, k.Save}
		more = []key.Binding{k.SaveAnswers, k.Review, k.Restart, k.Rules}
	case m.screen == explainScreen:
		short = []key.Binding{k.Next, k.Close}
	case m.screen == browserScreen || m.screen == casesScreen:
		short = []key.Binding{k.Select, k.Filter, k.Close}
	}
	// Lists move with ↑/↓ or k/j; scrolling screens use only the arrows,
	// since k opens the rule browser there.
	extra := []key.Binding{k.Up, k.Down}
	if m.screen == resultsScreen || m.screen == explainScreen {
		extra = []key.Binding{k.ScrollUp, k.ScrollDown, k.PageUp, k.PageDown}
	}
	if m.panelAvailable() && m.width < PanelMinWidth {
		short = append(short, k.Panel)
	}
	full := [][]key.Binding{append(short, more...), extra, {k.Help, k.Quit, k.ForceQuit}}
	short = append(short, k.Help, k.Quit)
	return bindings{short: short, full: full}
}

func (m Model) tooSmall() string {
	msg := fmt.Sprintf("Please make the window larger: twitchcheck needs at least %d×%d (now %d×%d). Your answers are kept.", MinWidth, MinHeight, m.width, m.height)
	return clip(wrapText(msg, max(1, m.width)), m.width, m.height)
}

// currentQuestion is the question on screen, or nil.
func (m Model) currentQuestion() *knowledge.Question {
	if m.q.index < 0 || m.q.index >= len(m.rb.Questions) {
		return nil
	}
	return &m.rb.Questions[m.q.index]
}
