package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// rulesVersion is the test rule base with another version.
func rulesVersion(v string) []byte {
	return []byte(strings.Replace(string(testrules.YAML()), `version: "test-1"`, `version: "`+v+`"`, 1))
}

// watching is a model watching path, on the test rules.
func watching(t *testing.T, path string, w, h int) Model {
	t.Helper()
	opts := testOptions(t)
	opts.RulesPath, opts.Watch = path, true
	return newModelOpts(t, opts, w, h)
}

// next waits for the watcher's next message.
func nextWatch(t *testing.T, cmd tea.Cmd) watchMsg {
	t.Helper()
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		wm, ok := msg.(watchMsg)
		if !ok {
			t.Fatalf("the watcher sent %T", msg)
		}
		return wm
	case <-time.After(5 * time.Second):
		t.Fatal("no news from the watcher within 5s")
	}
	return watchMsg{}
}

func TestWatchReloadRescoresAndSaysSoOnce(t *testing.T) {
	m := watching(t, "my-rules.yaml", 80, 24)
	m = press(t, tinglingScriptAt(t, m), "r")
	mustContain(t, text(m), "Rules: my-rules.yaml · knowledge base test-1 · watching for changes")
	before := scoreOf(t, m, "vitamin_b12")
	// A version where vegan weighs more.
	y := strings.Replace(string(rulesVersion("test-2")), `{id: b12_vegan, when: {diet: vegan}, weight: 2`, `{id: b12_vegan, when: {diet: vegan}, weight: 3`, 1)
	rb, err := knowledge.Load("my-rules.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	m, _ = send(t, m, watchMsg{rb: rb})
	if after := scoreOf(t, m, "vitamin_b12"); after <= before {
		t.Errorf("vitamin B12 scored %d before and %d after a heavier rule", before, after)
	}
	v := text(m)
	mustContain(t, v, "knowledge base test-2 · reloaded at 10:30:00")
	mustNotContain(t, v, "not reloaded", "problem")
	// Then a broken edit: every problem, the last good version kept.
	probs := knowledge.Problems{
		{File: "my-rules.yaml", Pos: knowledge.Pos{Line: 3, Col: 1}, Msg: "first problem"},
		{File: "my-rules.yaml", Pos: knowledge.Pos{Line: 9, Col: 5}, Msg: "second problem"},
		{File: "my-rules.yaml", Pos: knowledge.Pos{Line: 12, Col: 2}, Msg: "third problem"},
	}
	answers := m.c.answers
	m, _ = send(t, m, watchMsg{err: probs})
	v = flat(text(m))
	if first := strings.TrimSpace(strings.SplitN(text(m), "\n", 2)[0]); first != "my-rules.yaml: 3 problems, last good version kept · w details" {
		t.Errorf("the banner is not one line: %q\n%s", first, text(m))
	}
	mustNotContain(t, v, "reloaded at", "my-rules.yaml:3:1")
	if !m.c.answers.Equal(answers) || m.c.rb != rb {
		t.Error("a broken edit changed the answers or the rules in use")
	}
	w := press(t, m, "w")
	all := flat(screenContent(t, w))
	mustContain(t, all, "Problems in my-rules.yaml", "still using the last good version (knowledge base test-2)")
	for _, p := range probs {
		if n := strings.Count(all, p.Error()); n != 1 {
			t.Errorf("the problems page shows %q %d times:\n%s", p.Error(), n, all)
		}
	}
	// At the smallest size, the banner leaves room for the screen.
	small := resize(t, m, 40, 12)
	checkFits(t, small, 40, 12, "banner")
	if n := len(small.watch.lines(&small.c, small.winH/4)); n > 2 {
		t.Errorf("the banner takes %d lines of 12", n)
	}
}

// tinglingScriptAt answers the tingling script on m.
func tinglingScriptAt(t *testing.T, m Model) Model {
	t.Helper()
	return tinglingScript.run(t, m)
}

func TestWatchMovesTheScreensToTheNewRules(t *testing.T) {
	m := watching(t, "my-rules.yaml", 80, 24)
	m = press(t, m, "enter", "tab", "tab") // on duration
	onQuestion(t, m, "duration")
	// A question added before it, and its options reworded.
	old := "      - id: under_1_day\n        label: \"Under 1 day\""
	y := string(rulesVersion("test-3"))
	if strings.Count(y, old) != 1 {
		t.Fatalf("the test rule base does not hold %q once", old)
	}
	y = strings.Replace(y, old, "      - id: under_1_day\n        label: \"Less than a day\"", 1)
	y = strings.Replace(y, "  - id: location\n", "  - id: extra\n    section: twitching\n    kind: single\n    text: \"An extra question?\"\n    options:\n      - {id: \"yes\", label: \"Yes\"}\n      - {id: \"no\", label: \"No\"}\n  - id: location\n", 1)
	rb, err := knowledge.Load("my-rules.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	m, _ = send(t, m, watchMsg{rb: rb})
	onQuestion(t, m, "duration")
	mustContain(t, text(m), "Less than a day")
	if m.top().(questionScreen).index != rb.QuestionIndex("duration") {
		t.Error("the question's place was not moved to the new rules")
	}
	// The browser is rebuilt too.
	b := press(t, newModelOpts(t, testOptions(t), 80, 24), "i")
	b, _ = send(t, b, watchMsg{rb: rb})
	mustContain(t, text(b), "knowledge base test-3")
}

// TestWatchReloadWithNoAnswersRedraws reloads rules whose disclaimer and
// skipped-check reason changed while nothing is answered: the result is
// scored on the new rules and the screens show their words.
func TestWatchReloadWithNoAnswersRedraws(t *testing.T) {
	y := string(rulesVersion("test-4"))
	for _, r := range [][2]string{
		{`disclaimer: "Test disclaimer: a screening aid, not a diagnosis."`, `disclaimer: "Reloaded disclaimer."`},
		{`reason: "Emergency check skipped."`, `reason: "Reloaded skipped reason."`},
	} {
		if strings.Count(y, r[0]) != 1 {
			t.Fatalf("the test rule base does not hold %q once", r[0])
		}
		y = strings.Replace(y, r[0], r[1], 1)
	}
	rb, err := knowledge.Load("my-rules.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	welcome := watching(t, "my-rules.yaml", 80, 24)
	welcome, _ = send(t, welcome, watchMsg{rb: rb})
	onScreen(t, welcome, "welcome")
	mustContain(t, flat(screenContent(t, welcome)), "Reloaded disclaimer.")
	res := press(t, enterOnly(t, watching(t, "my-rules.yaml", 80, 24)), "enter")
	onScreen(t, res, "results")
	res, _ = send(t, res, watchMsg{rb: rb})
	all := flat(screenContent(t, res))
	mustContain(t, all, "Reloaded skipped reason.", "Reloaded disclaimer.")
	mustNotContain(t, all, "Emergency check skipped.", "Test disclaimer")
	if res.c.result.Triage.Level != rb.Skipped.Level || res.c.answers.RuleBase() != rb {
		t.Errorf("the result was not scored on the new rules")
	}
	if res.c.dirty {
		t.Error("a reload made the answers need saving")
	}
}

func TestWatchStoppedAndFolderGoneSaySo(t *testing.T) {
	m := watching(t, "my-rules.yaml", 80, 24)
	g, _ := send(t, m, watchMsg{gone: true})
	mustContain(t, flat(text(g)), "the folder of my-rules.yaml was removed; waiting for it to come back")
	s, _ := send(t, m, watchMsg{stopped: "too many files open"})
	mustContain(t, flat(text(s)), "watching my-rules.yaml stopped (too many files open)")
}

func TestWatchFileEdits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	write := func(p string, data []byte) {
		t.Helper()
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(path, rulesVersion("v1"))
	cmd := watchRules(path)
	got := make(chan watchMsg, 1)
	go func() { got <- nextWatch(t, cmd) }()
	time.Sleep(100 * time.Millisecond)
	write(filepath.Join(dir, "notes.txt"), []byte("another file: ignored"))
	write(path, rulesVersion("v2"))
	msg := <-got
	if msg.err != nil || msg.rb == nil || msg.rb.Version != "v2" {
		t.Fatalf("after an edit: %+v", msg)
	}
	// A broken edit: the problems, and watching goes on.
	write(path, []byte("version: [\n"))
	msg = nextWatch(t, msg.next)
	for msg.err == nil { // a late event may reload v2 first
		msg = nextWatch(t, msg.next)
	}
	if msg.rb != nil || msg.next == nil {
		t.Fatalf("a broken edit: rb %v, next %v", msg.rb != nil, msg.next != nil)
	}
}

// TestWatchSymlinkTarget edits the file a symlinked rule file points to,
// in another folder: it reloads.
func TestWatchSymlinkTarget(t *testing.T) {
	real := t.TempDir()
	links := t.TempDir()
	target := filepath.Join(real, "rules.yaml")
	if err := os.WriteFile(target, rulesVersion("v1"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(links, "rules.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	cmd := watchRules(link)
	got := make(chan watchMsg, 1)
	go func() { got <- nextWatch(t, cmd) }()
	time.Sleep(100 * time.Millisecond)
	if err := os.WriteFile(target, rulesVersion("v2"), 0o600); err != nil {
		t.Fatal(err)
	}
	msg := <-got
	if msg.rb == nil || msg.rb.Version != "v2" {
		t.Fatalf("editing the symlink's target: %+v", msg)
	}
	// Pointing the link elsewhere reloads too, and that file is watched.
	other := filepath.Join(t.TempDir(), "other.yaml")
	if err := os.WriteFile(other, rulesVersion("v3"), 0o600); err != nil {
		t.Fatal(err)
	}
	tmp := link + ".new"
	if err := os.Symlink(other, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, link); err != nil {
		t.Fatal(err)
	}
	msg = nextWatch(t, msg.next)
	for msg.rb != nil && msg.rb.Version != "v3" {
		msg = nextWatch(t, msg.next)
	}
	if msg.rb == nil {
		t.Fatalf("repointing the link: %+v", msg)
	}
	if err := os.WriteFile(other, rulesVersion("v4"), 0o600); err != nil {
		t.Fatal(err)
	}
	msg = nextWatch(t, msg.next)
	if msg.rb == nil || msg.rb.Version != "v4" {
		t.Fatalf("editing the new target: %+v", msg)
	}
}

// TestWatchFolderRemovedAndRecreated removes the folder of the rule file
// and makes it again: the app says it waits, then reloads.
func TestWatchFolderRemovedAndRecreated(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "rules")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, rulesVersion("v1"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := watchRules(path)
	got := make(chan watchMsg, 1)
	go func() { got <- nextWatch(t, cmd) }()
	time.Sleep(100 * time.Millisecond)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	msg := <-got
	for !msg.gone {
		if msg.next == nil {
			t.Fatalf("watching ended without saying the folder went: %+v", msg)
		}
		msg = nextWatch(t, msg.next)
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, rulesVersion("v2"), 0o600); err != nil {
		t.Fatal(err)
	}
	msg = nextWatch(t, msg.next)
	for msg.rb == nil && !errors.Is(msg.err, os.ErrNotExist) && msg.next != nil && msg.gone {
		msg = nextWatch(t, msg.next)
	}
	if msg.rb == nil || msg.rb.Version != "v2" {
		t.Fatalf("after the folder came back: %+v", msg)
	}
	// And it is watched again.
	if err := os.WriteFile(path, rulesVersion("v3"), 0o600); err != nil {
		t.Fatal(err)
	}
	msg = nextWatch(t, msg.next)
	if msg.rb == nil || msg.rb.Version != "v3" {
		t.Fatalf("editing after the folder came back: %+v", msg)
	}
}

func TestInitWatchesOnlyWhenAsked(t *testing.T) {
	plain := New(testOptions(t))
	if plain.watch.on {
		t.Error("watching without --watch")
	}
	w := watching(t, "x.yaml", 80, 24)
	if !w.watch.on {
		t.Error("not watching with --watch")
	}
}
