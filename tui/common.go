package tui

import (
	"os"
	"time"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/safefile"
)

// common is what every screen shares, passed to it in one value: the rule
// base, the answers and their result, the styles, the space to draw in, and
// the requests the screen makes of the app. The root model owns it; a
// screen reads it and asks for changes through its methods, which the root
// applies after the screen's update returns.
type common struct {
	opts    Options
	rb      *knowledge.RuleBase
	flow    flow
	answers knowledge.Answers
	result  knowledge.Result
	// gen counts changes to the answers, the rules and the styles:
	// screens lay out again when it moves.
	gen    int
	styles *Styles
	isDark bool
	// keys is every binding of the app, built once with the model; a
	// screen copies its part.
	keys *keyMap
	// width and height are the body: where the top screen draws.
	width, height int
	// caseName is the sample case on show (demo mode), cleaned.
	caseName string
	// panel is whether the live scores panel shows where it can.
	panel bool
	// dirty is whether answers have changed since they were loaded or
	// last saved: quitting then asks first.
	dirty bool
	// notices are warnings about the answers given (follow-up answers
	// that are not asked, so ignored), shown on the review.
	notices []string
	// saves counts the saves in flight, so that quitting waits for them.
	saves *saveTracker
	// memo keeps parts of the frame that are costly to draw and seldom
	// change (the help bar), by what they show.
	memo *memo
	// write writes a file the safe way; tests slow it down.
	write func(path string, data []byte, overwrite bool) error
	// exists reports whether a file is there, so the save prompt offers a
	// name that is not; tests replace it.
	exists func(path string) bool

	req requests
}

// requests are what a screen asked of the app during one update.
type requests struct {
	open     screen // a new page, closing every sub-view
	push     screen // a sub-view over the current screen
	pop      bool   // close this sub-view
	quitNow  bool   // quit: the person said yes
	saveMenu bool
	confirm  *confirmation
	status   status
}

// status is the one-line message at the foot of the window.
type status struct {
	text string
	kind statusKind
}

type statusKind int

const (
	statusInfo statusKind = iota
	statusDone
	statusWarn
	statusError
)

func newCommon(opts Options) common {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Theme == "" {
		opts.Theme = ThemeAuto
	}
	st := NewStyles(true, opts.Theme)
	c := common{
		opts:   opts,
		rb:     opts.Rules,
		flow:   flow{opts.Rules},
		styles: &st,
		isDark: true,
		keys:   defaultKeyMap(),
		width:  80,
		height: 20,
		saves:  &saveTracker{},
		memo:   &memo{},
		write:  safefile.Write,
		exists: fileExists,
	}
	c.answers = knowledge.NewAnswers(c.rb)
	c.result = knowledge.Assess(c.answers)
	return c
}

// open replaces the page with s and closes every sub-view.
func (c *common) open(s screen) { c.req.open = s }

// push opens sub-view s over the current screen.
func (c *common) push(s screen) { c.req.push = s }

// back closes the current sub-view.
func (c *common) back() { c.req.pop = true }

// say shows a message in the status line.
func (c *common) say(text string) { c.req.status = status{text, statusInfo} }

// warn shows a warning in the status line.
func (c *common) warn(text string) { c.req.status = status{text, statusWarn} }

// fail shows an error in the status line.
func (c *common) fail(text string) { c.req.status = status{text, statusError} }

// openSaveMenu opens the save menu: every kind of file the app saves.
func (c *common) openSaveMenu() { c.req.saveMenu = true }

// done shows that something was done, in the status line, with a tick.
func (c *common) done(text string) { c.req.status = status{text, statusDone} }

// ask asks a yes/no question in the footer.
func (c *common) ask(q confirmation) { c.req.confirm = &q }

// setAnswers replaces the answers, without the answers to follow-ups that
// are not asked, and scores them. It reports whether they changed.
func (c *common) setAnswers(a knowledge.Answers) bool {
	a = a.Pruned()
	if a.Equal(c.answers) {
		return false
	}
	c.answers = a
	c.result = knowledge.Assess(a)
	c.gen++
	c.dirty = true
	return true
}

// loadAnswers replaces the answers with ones from a file or a sample case:
// they are not new work, so quitting does not ask. Answers to follow-ups
// that are not asked are dropped, with the same warning assess gives.
func (c *common) loadAnswers(a knowledge.Answers, caseName string) {
	c.notices = nil
	for _, ref := range a.Ignored() {
		c.notices = append(c.notices, "warning: "+clean(knowledge.FollowUpNote(c.rb, ref)))
	}
	c.setAnswers(a)
	c.dirty = false
	c.caseName = clean(caseName)
	if caseName != "" {
		c.panel = true // demo mode
	}
}

// restart clears every answer and goes back to the welcome screen, as a
// new person would find it: the live panel of a demo is closed.
func (c *common) restart() {
	c.setAnswers(knowledge.NewAnswers(c.rb))
	c.dirty = false
	c.caseName = ""
	c.panel = false
	c.notices = nil
	c.open(newWelcome(c))
}

// question returns question i of the rule base.
func (c *common) question(i int) *knowledge.Question { return &c.rb.Questions[i] }

// fileExists reports whether anything is at path (a broken link too).
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
