package tui

import (
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// rulesReloadedMsg carries the outcome of reloading the rule file: a new
// rule base, or the problems that kept it from loading.
type rulesReloadedMsg struct {
	rb   *knowledge.RuleBase
	err  error
	next tea.Cmd // waits for the next change
}

// debounce is how long to wait for an editor to finish writing before
// reloading: saving often fires several events.
const debounce = 80 * time.Millisecond

// watchRules starts watching path. It watches the directory, since editors
// often save by writing a new file and renaming it over the old one.
func watchRules(path string) tea.Cmd {
	return func() tea.Msg {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			return rulesReloadedMsg{err: err}
		}
		abs, err := filepath.Abs(path)
		if err == nil {
			err = w.Add(filepath.Dir(abs))
		}
		if err != nil {
			w.Close()
			return rulesReloadedMsg{err: err}
		}
		return waitChange(w, abs)()
	}
}

// waitChange blocks until path changes, then reloads it.
func waitChange(w *fsnotify.Watcher, path string) tea.Cmd {
	return func() tea.Msg {
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return nil
				}
				if filepath.Clean(ev.Name) != path || !ev.Has(fsnotify.Write|fsnotify.Create|fsnotify.Rename) {
					continue
				}
				drain(w, debounce)
				rb, err := knowledge.LoadFile(path)
				return rulesReloadedMsg{rb: rb, err: err, next: waitChange(w, path)}
			case err, ok := <-w.Errors:
				if !ok {
					return nil
				}
				return rulesReloadedMsg{err: err, next: waitChange(w, path)}
			}
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

// rulesReloaded swaps in a rule base that loaded, re-scoring the answers
// on the spot; a rule base with problems leaves the last good one and every
// answer in place and shows the problems in a banner.
func (m *Model) rulesReloaded(msg rulesReloadedMsg) tea.Cmd {
	if msg.err != nil {
		m.banner = "Rule file not reloaded; still using the last good version.\n" + msg.err.Error()
		return msg.next
	}
	if msg.rb == nil {
		return msg.next
	}
	a, err := m.answers.Rebase(msg.rb)
	m.rb = msg.rb
	m.setAnswers(a.Pruned())
	m.banner = ""
	if err != nil {
		m.status, m.statusErr = err.Error(), true
	} else {
		m.status, m.statusErr = "Rule file reloaded: knowledge base "+msg.rb.Version+". Scores updated.", false
	}
	m.afterRulesChange()
	return msg.next
}

// afterRulesChange keeps every screen consistent with a new rule base.
func (m *Model) afterRulesChange() {
	if m.screen == questionScreen && (m.q.index >= len(m.rb.Questions) || !m.answers.Shown(m.q.index)) {
		m.openReview()
	}
	if m.screen == questionScreen {
		m.openQuestion(m.q.index)
	}
	switch m.screen {
	case reviewScreen:
		m.openReview()
	case browserScreen:
		m.openBrowser()
	case explainScreen:
		m.refreshExplain()
	}
	m.refreshResults()
}
