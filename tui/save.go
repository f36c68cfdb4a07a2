package tui

import (
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/report/formats"
	"github.com/twitchcheck/twitchcheck/safefile"
)

// saveKind is one thing the app can save: an entry of the one table of
// formats (report/formats), which the save menu, the prompt and accessible
// mode all read, as `assess --format` does.
type saveKind = formats.Format

// saveKinds is every kind of file the app saves, in the order offered.
func saveKinds() []saveKind { return formats.All() }

// savePrompt asks what to save (the save menu), then where, then whether
// to replace a file that is there, then saves in the background. While it
// saves, it takes no keys: the save cannot be half-cancelled.
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
	saveChoosing saveState = iota
	saveTyping
	saveConfirm
	saveRunning
)

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

// newSaveMenu opens the save menu: every kind of file, each with its key.
func newSaveMenu(c *common) savePrompt {
	return savePrompt{state: saveChoosing, km: c.keys.Save}
}

// choose asks where to save kind, offering a file name that is not there
// yet.
func (p *savePrompt) choose(c *common, k saveKind) {
	in := textinput.New()
	in.Prompt = "Save to: "
	in.CharLimit = maxPathLen
	in.KeyMap.Paste.SetEnabled(false) // never run a clipboard program
	in.SetValue(freeName(c.exists, filepath.Join(c.opts.Dir, k.File(c.opts.Now().Format("2006-01-02")))))
	in.CursorEnd()
	in.SetStyles(inputStyles(c))
	in.SetWidth(max(10, c.width-10))
	in.Focus()
	in, _ = in.Update(nil) // scroll the text so its end shows
	p.kind, p.input, p.state = k, in, saveTyping
}

// freeName is name, or, when a file of that name is there, the first of
// name-2, name-3, … (before the extension) that is not: the prompt never
// offers a name that would ask to replace a file.
func freeName(exists func(string) bool, name string) string {
	if !exists(name) {
		return name
	}
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 2; i < 1000; i++ {
		if n := base + "-" + itoa(i) + ext; !exists(n) {
			return n
		}
	}
	return name
}

// keys lists the prompt's bindings for its state.
func (p savePrompt) keys() keySet {
	switch p.state {
	case saveChoosing:
		// The menu lists the kinds with their keys; the bar, how to leave.
		return keySet{short: []key.Binding{p.km.Cancel}, more: p.km.Kinds}
	case saveConfirm:
		return keySet{short: []key.Binding{p.km.Yes, p.km.No}}
	case saveRunning:
		return keySet{}
	}
	return keySet{short: []key.Binding{p.km.Save, p.km.Cancel}, more: p.km.text}
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
		case saveChoosing:
			if key.Matches(msg, k.Cancel) {
				c.say("Not saved.")
				return p, nil, true
			}
			for i, b := range k.Kinds {
				if key.Matches(msg, b) {
					p.choose(c, saveKinds()[i])
				}
			}
			return p, nil, false
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
	data, err := p.kind.Render(formats.Input{Answers: c.answers, Result: c.result, Now: c.opts.Now(), Diary: diaryForReport(c)})
	if err != nil {
		p.state = saveTyping
		p.err = "Could not make " + p.kind.What + ": " + clean(err.Error())
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
	c.done("Saved " + p.kind.What + " to " + clean(msg.path) + " (readable only by you).")
	c.dirty = false
	return p, true
}

// view is the prompt, above the help bar.
func (p savePrompt) view(c *common) string {
	st := c.styles
	w := c.width
	var out []string
	switch p.state {
	case saveChoosing:
		out = append(out, st.Question.Render(wrapText("Save which? (readable only by you)", w)))
		for _, k := range saveKinds() {
			out = append(out, hang(st.Help.ShortKey.Render(k.Key)+"  "+k.What+" ("+k.Describe+")", w, 2, 5))
		}
	case saveConfirm:
		out = append(out, st.Warn.Render(wrapText(clean(p.path)+" already exists. Replace it with "+p.kind.What+"? (y/n)", w)))
	case saveRunning:
		out = append(out, st.Status.Render(wrapText("Saving "+p.kind.What+" to "+clean(p.path)+"…", w)))
	default:
		out = append(out, st.Question.Render(wrapText("Save "+p.kind.What+" ("+p.kind.Describe+"; readable only by you)", w)))
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
