package tui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Watching the rule file (--watch). Editors save in many ways: writing in
// place, writing a new file and renaming it over the old one, or editing
// the file a symbolic link points to. So the watcher watches the folder of
// the file and the folder of the file it resolves to, and reloads on any
// change to either name. When a watched folder is removed, it waits for the
// folder to come back, and says so.

// watchMsg is news from the watcher: a reload (a rule base, or the
// problems that kept it from loading), or a change in the watching itself.
type watchMsg struct {
	rb      *knowledge.RuleBase
	err     error
	gone    bool   // a watched folder was removed: waiting for it
	stopped string // watching stopped, and why
	next    tea.Cmd
}

// debounce is how long to wait for an editor to finish writing before
// reloading: saving often fires several events.
const debounce = 80 * time.Millisecond

// pollEvery is how often a removed folder is looked for.
const pollEvery = 250 * time.Millisecond

// watcher watches one rule file.
type watcher struct {
	fs     *fsnotify.Watcher
	path   string // the file as named, absolute
	target string // what it resolves to
	dirs   []string
}

// watchRules starts watching path.
func watchRules(path string) tea.Cmd {
	return func() tea.Msg {
		fw, err := fsnotify.NewWatcher()
		if err != nil {
			return watchMsg{stopped: "cannot watch files here: " + err.Error()}
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			fw.Close()
			return watchMsg{stopped: err.Error()}
		}
		w := &watcher{fs: fw, path: filepath.Clean(abs)}
		if err := w.addDirs(); err != nil {
			fw.Close()
			return watchMsg{stopped: err.Error()}
		}
		return w.wait()
	}
}

// addDirs watches the folders of the file and of its target.
func (w *watcher) addDirs() error {
	w.target = w.path
	if t, err := filepath.EvalSymlinks(w.path); err == nil {
		w.target = filepath.Clean(t)
	}
	want := []string{filepath.Dir(w.path)}
	if d := filepath.Dir(w.target); d != want[0] {
		want = append(want, d)
	}
	for _, d := range w.dirs {
		if !slices.Contains(want, d) {
			_ = w.fs.Remove(d)
		}
	}
	for _, d := range want {
		if !slices.Contains(w.dirs, d) {
			if err := w.fs.Add(d); err != nil {
				return err
			}
		}
	}
	w.dirs = want
	return nil
}

// next is the command that waits for the next change.
func (w *watcher) next() tea.Cmd { return func() tea.Msg { return w.wait() } }

// wait blocks until the file changes, then reloads it.
func (w *watcher) wait() tea.Msg {
	for {
		select {
		case ev, ok := <-w.fs.Events:
			if !ok {
				return watchMsg{stopped: "the watcher closed"}
			}
			name := filepath.Clean(ev.Name)
			if slices.Contains(w.dirs, name) && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				return watchMsg{gone: true, next: w.pollDir()}
			}
			if name != w.path && name != w.target {
				continue
			}
			drain(w.fs, debounce)
			return w.reload()
		case err, ok := <-w.fs.Errors:
			if !ok {
				return watchMsg{stopped: "the watcher closed"}
			}
			return watchMsg{err: err, next: w.next()}
		}
	}
}

// reload loads the file and watches again where it now resolves.
func (w *watcher) reload() tea.Msg {
	rb, err := knowledge.LoadRegularFile(w.path) // never blocks: a named pipe is refused
	for _, d := range w.dirs {
		if st, serr := os.Stat(d); serr != nil || !st.IsDir() {
			// The folder went (its own event may have come while
			// waiting for the editor to finish): wait for it.
			return watchMsg{gone: true, next: w.pollDir()}
		}
	}
	if aerr := w.addDirs(); aerr != nil {
		return watchMsg{rb: rb, err: err, gone: errors.Is(aerr, os.ErrNotExist), next: w.pollDir()}
	}
	return watchMsg{rb: rb, err: err, next: w.next()}
}

// pollDir waits for the watched folders to exist again, then watches them
// and reloads.
func (w *watcher) pollDir() tea.Cmd {
	return func() tea.Msg {
		for {
			time.Sleep(pollEvery)
			ok := true
			for _, d := range append([]string{filepath.Dir(w.path)}, w.dirs...) {
				if st, err := os.Stat(d); err != nil || !st.IsDir() {
					ok = false
				}
			}
			if !ok {
				continue
			}
			for _, d := range w.dirs {
				_ = w.fs.Remove(d)
			}
			w.dirs = nil
			if err := w.addDirs(); err != nil {
				continue
			}
			return w.reload()
		}
	}
}

// drain swallows the events that follow within d.
func drain(w *fsnotify.Watcher, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-w.Events:
			if !t.Stop() {
				<-t.C
			}
			t.Reset(d)
		case <-t.C:
			return
		}
	}
}

// watchState is what the app shows about the rule file: which file, which
// version is in use, and every problem of the last try to reload it.
type watchState struct {
	on       bool
	file     string // cleaned, for display
	version  string // of the rule base in use, cleaned
	when     string // time of the last reload
	problems []string
	gone     bool
	stopped  string
}

// lines is the banner at the top of the window, at most maxLines lines:
// one line in words naming the file and the version in use or, after a
// broken edit, how many problems it has; the problems themselves are in
// the warnings view (w), each once.
func (ws watchState) lines(c *common, maxLines int) []string {
	if !ws.on {
		return nil
	}
	st := c.styles
	w := c.width
	var head string
	kind := st.Faint
	switch {
	case ws.stopped != "":
		head = "Rules: watching " + ws.file + " stopped (" + ws.stopped + "); still using knowledge base " + ws.version + "."
		kind = st.Warn
	case ws.gone:
		head = "Rules: the folder of " + ws.file + " was removed; waiting for it to come back. Still using knowledge base " + ws.version + "."
		kind = st.Warn
	case len(ws.problems) > 0:
		head = wrapPhrases([]string{filepath.Base(ws.file) + ": " + plural(len(ws.problems), "problem", "problems") + ", last good version kept", "w details"}, w)
		kind = st.Banner
	case ws.when != "":
		head = "Rules: " + ws.file + " · knowledge base " + ws.version + " · reloaded at " + ws.when + " · watching for changes"
	default:
		head = "Rules: " + ws.file + " · knowledge base " + ws.version + " · watching for changes"
	}
	out := lines(kind.Render(wrapText(head, w)))
	if len(out) > maxLines {
		out = out[:max(1, maxLines)]
	}
	return out
}

// problemsPage is the warnings view's account of a broken edit: the file,
// the version still in use, and every problem, each once.
func (ws watchState) problemsPage(c *common) []string {
	if len(ws.problems) == 0 {
		return nil
	}
	st := c.styles
	w := c.width
	out := lines(st.Title.Render(wrapText("Problems in "+ws.file, w)))
	out = append(out, lines(wrapText("It was not loaded: still using the last good version (knowledge base "+ws.version+"). Save the file again once they are fixed.", w))...)
	for _, p := range ws.problems {
		out = append(out, lines(st.Error.Render(hang("! "+p, w, 0, 2)))...)
	}
	return out
}

// problemLines splits a load error into its problems, cleaned.
func problemLines(err error) []string {
	var probs knowledge.Problems
	if errors.As(err, &probs) {
		out := make([]string, len(probs))
		for i, p := range probs {
			out[i] = clean(p.Error())
		}
		return out
	}
	var out []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, clean(l))
		}
	}
	return out
}
