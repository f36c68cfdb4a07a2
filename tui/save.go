package tui

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/fhir"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
	"github.com/twitchcheck/twitchcheck/safefile"
)

// saveKind is one thing the app can save. Each is one entry of saveKinds:
// the key that saves it on the results screen, what it is, its format, its
// default file name, and how it is rendered. The results screen, the save
// prompt and accessible mode all read the table, so a new format (an HTML
// report, a FHIR bundle) is one more entry.
type saveKind struct {
	key    key.Binding
	what   string // "the report": in the prompt and messages
	format string // "Markdown"
	// file is the default file name for a date.
	file func(day string) string
	// render renders the answers and their result.
	render func(a knowledge.Answers, res knowledge.Result, now time.Time) ([]byte, error)
}

// saveKinds is every kind of file the app saves, in the order offered.
func saveKinds() []saveKind {
	return []saveKind{
		{
			key:    bind("s", "save report", "s"),
			what:   "the report",
			format: "Markdown, to take to a doctor",
			file:   func(day string) string { return "twitchcheck-report-" + day + ".md" },
			render: func(a knowledge.Answers, res knowledge.Result, now time.Time) ([]byte, error) {
				var b bytes.Buffer
				err := report.Markdown(&b, a, res, now)
				return b.Bytes(), err
			},
		},
		{
			key:    bind("h", "save printable report", "h"),
			what:   "the printable report",
			format: "HTML, to print or open in a browser",
			file:   func(day string) string { return "twitchcheck-report-" + day + ".html" },
			render: func(a knowledge.Answers, res knowledge.Result, now time.Time) ([]byte, error) {
				var b bytes.Buffer
				err := report.HTML(&b, a, res, now)
				return b.Bytes(), err
			},
		},
		{
			key:    bind("f", "save for a clinic system", "f"),
			what:   "the FHIR bundle",
			format: "FHIR R4 JSON, for a clinic's record system",
			file:   func(day string) string { return "twitchcheck-fhir-" + day + ".json" },
			render: func(a knowledge.Answers, res knowledge.Result, now time.Time) ([]byte, error) {
				var b bytes.Buffer
				err := fhir.WriteBundle(&b, a, res, now)
				return b.Bytes(), err
			},
		},
		{
			key:    bind("a", "save answers", "a"),
			what:   "your answers",
			format: "YAML, to open again with --answers",
			file:   func(day string) string { return "twitchcheck-answers-" + day + ".yaml" },
			render: func(a knowledge.Answers, _ knowledge.Result, now time.Time) ([]byte, error) {
				return answersFile(a, now), nil
			},
		},
	}
}

// safeVersion reports whether a rule-base version may go into a comment
// as it is: a letter or digit, then at most 39 letters, digits and . _ + -
// (what `^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$` matches, without compiling a
// regular expression at start-up).
func safeVersion(v string) bool {
	if v == "" || len(v) > 40 {
		return false
	}
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9', 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z':
		case i > 0 && (c == '.' || c == '_' || c == '+' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// answersFile is the answers as a file --answers reads back to the same
// answers: comments the app writes itself, and the answers. Nothing from
// the rule base is written unless it is a plain version string, so a rule
// base cannot forge answers through its version.
func answersFile(a knowledge.Answers, now time.Time) []byte {
	var b bytes.Buffer
	b.WriteString("# twitchcheck answers, " + now.Format("2006-01-02"))
	if v := a.RuleBase().Version; safeVersion(v) {
		b.WriteString(", knowledge base " + v)
	}
	b.WriteString("\n# Open again with: twitchcheck --answers FILE\n")
	b.Write(a.YAML())
	return b.Bytes()
}

// savePrompt asks where to save, then whether to replace a file that is
// there, then saves in the background. While it saves, it takes no keys:
// the save cannot be half-cancelled.
type savePrompt struct {
	kind  saveKind
	input textinput.Model
	state saveState
	path  string // being saved, or asked about
	err   string // the last error, shown with the typed path kept
	km    saveKeys
}

type saveState int

const (
	saveTyping saveState = iota
	saveConfirm
	saveRunning
)

type saveKeys struct {
	Save, Cancel, Yes, No key.Binding
}

// savedMsg is the end of a save.
type savedMsg struct {
	path string
	err  error
}

// saveTracker counts the saves in flight, so quitting can wait for them:
// a save is whole or not made, never cut off by the exit.
type saveTracker struct {
	wg sync.WaitGroup
	mu sync.Mutex
	n  int
}

func (t *saveTracker) start() {
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
	t.wg.Add(1)
}

func (t *saveTracker) done() {
	t.mu.Lock()
	t.n--
	t.mu.Unlock()
	t.wg.Done()
}

// running reports whether a save is in flight.
func (t *saveTracker) running() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n > 0
}

// wait waits for the saves in flight, at most d; it reports whether they
// ended.
func (t *saveTracker) wait(d time.Duration) bool {
	done := make(chan struct{})
	go func() { t.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// maxPathLen bounds the file name typed, in characters: a longer one is
// no name a person types, and a bound keeps every key cheap.
const maxPathLen = 1024

func newSavePrompt(c *common, k saveKind) savePrompt {
	in := textinput.New()
	in.Prompt = "Save to: "
	in.CharLimit = maxPathLen
	in.KeyMap.Paste.SetEnabled(false) // never run a clipboard program
	in.SetValue(filepath.Join(c.opts.Dir, k.file(c.opts.Now().Format("2006-01-02"))))
	in.CursorEnd()
	in.SetStyles(inputStyles(c))
	in.SetWidth(max(10, c.width-10))
	in.Focus()
	in, _ = in.Update(nil) // scroll the text so its end shows
	return savePrompt{kind: k, input: in, km: saveKeys{
		Save:   bind("enter", "save", "enter"),
		Cancel: bind("esc", "cancel", "esc"),
		Yes:    bind("y", "replace it", "y"),
		No:     bind("n/esc", "do not", "n", "esc"),
	}}
}

// keys lists the prompt's bindings for its state.
func (p savePrompt) keys() keySet {
	switch p.state {
	case saveConfirm:
		return keySet{short: []key.Binding{p.km.Yes, p.km.No}}
	case saveRunning:
		return keySet{}
	}
	return keySet{short: []key.Binding{p.km.Save, p.km.Cancel}, more: textKeys()}
}

// update handles a key or a paste; done reports that the prompt closed.
func (p savePrompt) update(c *common, msg tea.Msg) (savePrompt, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if p.state == saveTyping {
			p.input, _ = p.input.Update(tea.PasteMsg{Content: safeTyped(msg.Content)})
		}
		return p, nil, false
	case tea.KeyPressMsg:
		k := p.km
		switch p.state {
		case saveRunning:
			c.say("Saving… please wait.")
			return p, nil, false
		case saveConfirm:
			switch {
			case key.Matches(msg, k.Yes):
				return p.run(c, true)
			case key.Matches(msg, k.No):
				p.state = saveTyping
				p.err = ""
			}
			return p, nil, false
		}
		switch {
		case key.Matches(msg, k.Cancel):
			c.say("Not saved.")
			return p, nil, true
		case key.Matches(msg, k.Save):
			return p.submit(c)
		}
		msg.Text = safeTyped(msg.Text)
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		p.err = ""
		return p, cmd, false
	}
	return p, nil, false
}

// submit saves to the path typed, never over a file that is there: safefile
// checks the path, and a file that exists comes back as ErrExists, which
// asks before replacing it (see saved).
func (p savePrompt) submit(c *common) (savePrompt, tea.Cmd, bool) {
	path := safefile.ExpandHome(strings.TrimSpace(p.input.Value()))
	if path == "" {
		p.err = "Type a file name to save to."
		return p, nil, false
	}
	p.path = path
	return p.run(c, false)
}

// run renders what is saved and writes it in the background.
func (p savePrompt) run(c *common, overwrite bool) (savePrompt, tea.Cmd, bool) {
	data, err := p.kind.render(c.answers, c.result, c.opts.Now())
	if err != nil {
		p.state = saveTyping
		p.err = "Could not make " + p.kind.what + ": " + clean(err.Error())
		return p, nil, false
	}
	p.state = saveRunning
	path, write, saves := p.path, c.write, c.saves
	saves.start()
	return p, func() tea.Msg {
		defer saves.done()
		return savedMsg{path: path, err: write(path, data, overwrite)}
	}, false
}

// saved takes the end of the save: the prompt closes, or stays open with
// the error and the path typed.
func (p savePrompt) saved(c *common, msg savedMsg) (savePrompt, bool) {
	switch {
	case errors.Is(msg.err, safefile.ErrExists):
		p.state = saveConfirm
		return p, false
	case msg.err != nil:
		p.state = saveTyping
		p.err = "Not saved: " + clean(msg.err.Error())
		return p, false
	}
	c.say("Saved " + p.kind.what + " to " + clean(msg.path) + " (readable only by you).")
	c.dirty = false
	return p, true
}

// view is the prompt, above the help bar.
func (p savePrompt) view(c *common) string {
	st := c.styles
	w := c.width
	var out []string
	switch p.state {
	case saveConfirm:
		out = append(out, st.Warn.Render(wrapText(clean(p.path)+" already exists. Replace it with "+p.kind.what+"? (y/n)", w)))
	case saveRunning:
		out = append(out, st.Status.Render(wrapText("Saving "+p.kind.what+" to "+clean(p.path)+"…", w)))
	default:
		out = append(out, st.Question.Render(wrapText("Save "+p.kind.what+" ("+p.kind.format+"; readable only by you)", w)))
		out = append(out, clip(p.input.View(), w, 1))
		if p.err != "" {
			out = append(out, st.Error.Render(wrapText("Error: "+p.err, w)))
		}
	}
	return strings.Join(out, "\n")
}

// inputStyles styles a text input in the app's colours, with a cursor that
// does not blink (no timer runs while a prompt is open).
func inputStyles(c *common) textinput.Styles {
	st := textinput.DefaultStyles(c.isDark)
	st.Cursor.Blink = false
	st.Focused.Prompt = c.styles.Question
	st.Blurred.Prompt = c.styles.Faint
	st.Blurred.Text = c.styles.Text
	return st
}
