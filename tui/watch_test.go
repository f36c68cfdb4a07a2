package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// The vegan rule of vitamin B12, as in data/rules.yaml.
const veganRule = "      - when: {diet: vegan}\n        weight: 1.8\n        why: \"B12 comes almost only"

// editedRules returns data/rules.yaml with old replaced by new, failing if
// old is not there exactly once.
func editedRules(t *testing.T, old, new string) []byte {
	t.Helper()
	src := string(data.Rules())
	if n := strings.Count(src, old); n != 1 {
		t.Fatalf("%q occurs %d times in rules.yaml, want 1", old, n)
	}
	return []byte(strings.Replace(src, old, new, 1))
}

// lighterVegan is the rule base with the vegan B12 rule weighing 0.2.
func lighterVegan(t *testing.T) []byte {
	t.Helper()
	b := editedRules(t, veganRule, strings.Replace(veganRule, "weight: 1.8", "weight: 0.2", 1))
	return []byte(strings.Replace(string(b), `version: "2026.11.1"`, `version: "2026.11.1-test"`, 1))
}

// brokenRules is the rule base with a weight that is not a number.
func brokenRules(t *testing.T) []byte {
	t.Helper()
	return editedRules(t, veganRule, strings.Replace(veganRule, "weight: 1.8", "weight: lots", 1))
}

func TestRulesReloadedRescores(t *testing.T) {
	newRB, err := knowledge.Load("rules.yaml", lighterVegan(t))
	if err != nil {
		t.Fatalf("the edited rules do not load: %v", err)
	}
	for _, screen := range []string{"results", "review", "question", "explain"} {
		t.Run(screen, func(t *testing.T) {
			m := veganScript.run(t, newModel(t, 120, 40))
			switch screen {
			case "results":
				m = press(t, m, "r")
			case "question":
				m = press(t, m, "enter")
			case "explain":
				m = press(t, m, "r", "e")
			}
			was := m.screen
			before := m.Answers()
			b12 := scoreOf(t, m, "vitamin_b12")

			m, cmd := send(t, m, rulesReloadedMsg{rb: newRB})
			if cmd != nil {
				t.Error("a reload without next returned a command")
			}
			if m.rb != newRB {
				t.Fatal("the new rule base was not taken")
			}
			if got := scoreOf(t, m, "vitamin_b12"); got >= b12 {
				t.Errorf("Vitamin B12 = %d after lightening the vegan rule, was %d", got, b12)
			}
			if !sameRefs(m.Answers(), before) {
				t.Errorf("answers changed on reload: %v, want %v", m.Answers().Refs(), before.Refs())
			}
			if m.Answers().RuleBase() != newRB {
				t.Error("the answers still belong to the old rule base")
			}
			if m.screen != was {
				t.Errorf("screen %v after reload, want %v", m.screen, was)
			}
			if m.banner != "" {
				t.Errorf("banner %q after a good reload", m.banner)
			}
			mustContain(t, flat(text(m)), "Rule file reloaded: knowledge base 2026.11.1-test")
			if screen == "results" {
				d := m.result.Deficiencies[m.deficiencyRank("vitamin_b12")]
				mustContain(t, text(m), fmt.Sprintf("%3d  %s", d.Score, d.Band))
			}
		})
	}
}

// sameRefs reports whether a and b hold the same answers by ID, even over
// different rule bases.
func sameRefs(a, b knowledge.Answers) bool {
	ra, rb := a.Refs(), b.Refs()
	if len(ra) != len(rb) {
		return false
	}
	for i := range ra {
		if ra[i] != rb[i] {
			return false
		}
	}
	return true
}

var fileLineCol = regexp.MustCompile(`rules\.yaml:\d+:\d+: `)

func TestRulesReloadErrorShowsBanner(t *testing.T) {
	_, err := knowledge.Load("rules.yaml", brokenRules(t))
	var probs knowledge.Problems
	if !errors.As(err, &probs) {
		t.Fatalf("the broken rules gave %v, want Problems", err)
	}
	m := press(t, veganScript.run(t, newModel(t, 120, 40)), "r")
	oldRB := m.rb
	before := m.Answers()
	res := m.result

	m, _ = send(t, m, rulesReloadedMsg{err: probs})
	v := text(m)
	inBox := flat(strings.NewReplacer("│", " ", "┌", " ", "┐", " ", "└", " ", "┘", " ", "─", "").Replace(v))
	mustContain(t, inBox, "Rule file not reloaded; still using the last good version.", probs[0].Error())
	if !fileLineCol.MatchString(v) {
		t.Errorf("the banner has no file:line:col:\n%s", v)
	}
	if m.rb != oldRB || !m.Answers().Equal(before) {
		t.Error("a failed reload changed the rule base or the answers")
	}
	if m.result.Deficiencies[0].Score != res.Deficiencies[0].Score {
		t.Error("a failed reload changed the scores")
	}
	checkFits(t, m, 120, 40, "banner")
	// The banner stays while using the app…
	m = press(t, m, "tab")
	mustContain(t, text(m), "Rule file not reloaded")

	// …and a good reload clears it.
	good, err := knowledge.Load("rules.yaml", data.Rules())
	if err != nil {
		t.Fatal(err)
	}
	m, _ = send(t, m, rulesReloadedMsg{rb: good})
	if m.banner != "" {
		t.Errorf("banner %q after a good reload", m.banner)
	}
	mustNotContain(t, text(m), "Rule file not reloaded")
	if !sameRefs(m.Answers(), before) {
		t.Error("answers changed")
	}
}

// recv waits for a message from cmd for up to d.
func recv(t *testing.T, cmd tea.Cmd, d time.Duration) (rulesReloadedMsg, bool) {
	t.Helper()
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		r, ok := msg.(rulesReloadedMsg)
		if !ok {
			t.Fatalf("watch returned %T, want rulesReloadedMsg", msg)
		}
		return r, true
	case <-time.After(d):
		return rulesReloadedMsg{}, false
	}
}

// writeUntil writes content to path every 150ms until done is closed, so
// the watcher sees a change however late it starts watching.
func writeUntil(t *testing.T, path string, content []byte, done <-chan struct{}) {
	t.Helper()
	go func() {
		tick := time.NewTicker(150 * time.Millisecond)
		defer tick.Stop()
		for {
			if err := os.WriteFile(path, content, 0o600); err != nil {
				return
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
}

func TestWatchRulesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, data.Rules(), 0o600); err != nil {
		t.Fatal(err)
	}
	// A change to another file in the folder is ignored.
	other := filepath.Join(dir, "notes.txt")

	type result struct {
		msg rulesReloadedMsg
		ok  bool
	}
	first := make(chan result, 1)
	go func() {
		msg, ok := recv(t, watchRules(path), 3*time.Second)
		first <- result{msg, ok}
	}()
	time.Sleep(100 * time.Millisecond)
	if err := os.WriteFile(other, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	writeUntil(t, path, lighterVegan(t), done)
	r := <-first
	close(done)
	if !r.ok {
		t.Fatal("no reload within 3s of a valid edit")
	}
	if r.msg.err != nil || r.msg.rb == nil {
		t.Fatalf("valid edit: rb %v, err %v", r.msg.rb != nil, r.msg.err)
	}
	if r.msg.rb.Version != "2026.11.1-test" {
		t.Errorf("reloaded version %q, want the edited one", r.msg.rb.Version)
	}
	if r.msg.next == nil {
		t.Fatal("no next command to keep watching")
	}

	// Then an invalid edit: the next reload reports the problems. Events
	// from the valid writes may still be queued; those reload the file,
	// which by then is broken, so every message from here has err set.
	time.Sleep(200 * time.Millisecond) // let the valid writer stop
	done2 := make(chan struct{})
	writeUntil(t, path, brokenRules(t), done2)
	defer close(done2)
	msg, ok := recv(t, r.msg.next, 3*time.Second)
	if !ok {
		t.Fatal("no reload within 3s of an invalid edit")
	}
	for i := 0; i < 5 && msg.err == nil && msg.next != nil; i++ {
		// A stale event reloaded the valid file before the broken one
		// was written; wait for the next.
		if msg, ok = recv(t, msg.next, 3*time.Second); !ok {
			t.Fatal("no reload within 3s of an invalid edit")
		}
	}
	if msg.err == nil {
		t.Fatal("an invalid edit reloaded without error")
	}
	if msg.rb != nil {
		t.Error("an invalid edit returned a rule base")
	}
	if !fileLineCol.MatchString(msg.err.Error()) {
		t.Errorf("error %q has no file:line:col", msg.err)
	}
	if msg.next == nil {
		t.Error("watching stopped after an invalid edit")
	}
	// The model shows it in the banner and keeps going.
	m := press(t, veganScript.run(t, newModel(t, 120, 40)), "r")
	m, cmd := send(t, m, msg)
	if cmd == nil {
		t.Error("the model stopped watching after an invalid edit")
	}
	mustContain(t, text(m), "Rule file not reloaded")
}

func TestInitWatchesOnlyWhenAsked(t *testing.T) {
	// Init with Watch returns a batch that includes the watcher; without
	// it, only the background colour request. A batch is opaque, so
	// compare what it holds.
	opts := testOptions(t)
	plain := New(opts).Init()
	if plain == nil {
		t.Fatal("Init returned nil")
	}
	if n := batchLen(plain()); n != 1 {
		t.Errorf("Init without watch runs %d commands, want 1", n)
	}
	opts.Watch, opts.RulesPath = true, filepath.Join(t.TempDir(), "rules.yaml")
	if n := batchLen(New(opts).Init()()); n != 2 {
		t.Errorf("Init with watch runs %d commands, want 2", n)
	}
}

// batchLen is the number of commands in a BatchMsg, or 1 for another
// message.
func batchLen(msg tea.Msg) int {
	if b, ok := msg.(tea.BatchMsg); ok {
		return len(b)
	}
	return 1
}

func TestRulesReloadOnReviewKeepsCursorInRange(t *testing.T) {
	// The edited base asks rehydration after "no" rather than "yes".
	src := editedRules(t, "    enable_when:\n      sweating: \"yes\"", "    enable_when:\n      sweating: \"no\"")
	newRB, err := knowledge.Load("rules.yaml", src)
	if err != nil {
		t.Fatalf("edited rules: %v", err)
	}
	rb := ruleBase(t)
	a := knowledge.NewAnswers(rb)
	a, _ = a.With("sweating", "yes")
	a, _ = a.With("rehydration", "plain_water")
	m := withAnswers(t, a, "", 80, 24)
	for m.review.cursor != len(m.Answers().Visible()) {
		m = press(t, m, "down")
	}
	m, _ = send(t, m, rulesReloadedMsg{rb: newRB})
	if m.Answers().IsAnswered("rehydration") {
		t.Fatal("rehydration kept although no longer shown")
	}
	if n := len(m.Answers().Visible()); m.review.cursor > n {
		t.Errorf("review cursor %d past the last row %d", m.review.cursor, n)
	}
	mustContain(t, text(m), "> ")
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("enter after the reload panicked: %v", r)
			}
		}()
		m = press(t, m, "enter")
	}()
}
