//go:build unix

package tui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// firstWatch waits for the watcher's first message, started on got.
func firstWatch(t *testing.T, got <-chan tea.Msg) watchMsg {
	t.Helper()
	select {
	case msg := <-got:
		wm, ok := msg.(watchMsg)
		if !ok {
			t.Fatalf("the watcher sent %T", msg)
		}
		return wm
	case <-time.After(20 * time.Second):
		t.Fatal("no news from the watcher within 20s: it is stuck")
	}
	return watchMsg{}
}

// TestWatchNamedPipe replaces the watched rule file with a named pipe
// that nothing writes to: the reload says so at once instead of waiting
// for ever in open(), and a later save of a real file still reloads.
func TestWatchNamedPipe(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, rulesVersion("v1"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := watchRules(path)
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	time.Sleep(100 * time.Millisecond)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	msg := firstWatch(t, got)
	for i := 0; i < 5 && (msg.err == nil || !strings.Contains(msg.err.Error(), "named pipe")); i++ {
		msg = nextWatch(t, msg.next) // the removal may reload first
	}
	if msg.rb != nil || msg.next == nil || !strings.Contains(msg.err.Error(), "is a named pipe, not a regular file") {
		t.Fatalf("a named pipe: rb %v, next %v, err %v", msg.rb != nil, msg.next != nil, msg.err)
	}
	// The banner says the file has a problem, not that all is well.
	m := watching(t, "rules.yaml", 100, 24)
	m, _ = send(t, m, msg)
	if v := flat(text(m)); !strings.Contains(v, "1 problem, last good version kept") {
		t.Errorf("banner after a named pipe:\n%s", v)
	}
	if v := flat(screenContent(t, press(t, m, "w"))); !strings.Contains(v, "named pipe") {
		t.Errorf("the problems page after a named pipe:\n%s", v)
	}
	// An editor saves a real file over it: watching goes on.
	tmp := filepath.Join(dir, "rules.yaml.tmp")
	if err := os.WriteFile(tmp, rulesVersion("v2"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	msg = nextWatch(t, msg.next)
	for msg.rb == nil {
		msg = nextWatch(t, msg.next)
	}
	if msg.rb.Version != "v2" {
		t.Errorf("after saving over the pipe: version %q", msg.rb.Version)
	}
}

// TestWatchHostileRuleBase saves a small rule base (400 KB) whose likely
// flag would fill in to 5 GB: the reload refuses it cheaply
// and the app goes on with the rules it has.
func TestWatchHostileRuleBase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, rulesVersion("v1"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := watchRules(path)
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	time.Sleep(100 * time.Millisecond)
	y := strings.Replace(string(rulesVersion("v2")), `reason: "Points strongly to low {name}."`, `reason: "Points strongly to low {name}. `+strings.Repeat("{tests}", 20_000)+`"`, 1)
	tests := strings.TrimSuffix(strings.Repeat("test000000, ", 20_000), ", ")
	y = strings.Replace(y, "tests: [test m]", "tests: ["+tests+"]", 1)
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	msg := firstWatch(t, got)
	for msg.err == nil && msg.rb != nil && msg.rb.Version == "v1" {
		msg = nextWatch(t, msg.next)
	}
	if msg.rb != nil || msg.next == nil || !strings.Contains(msg.err.Error(), "likely_flag") {
		t.Fatalf("a hostile rule base: rb %v, next %v, err %v", msg.rb != nil, msg.next != nil, msg.err)
	}
}
