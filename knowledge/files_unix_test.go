//go:build unix

package knowledge_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestReadNamedPipe checks a named pipe with no writer is refused at once
// where only regular files are read (the watcher), and is read as usual,
// once written to, by the command line's reader.
func TestReadNamedPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := knowledge.LoadRegularFile(path)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is a named pipe, not a regular file") {
			t.Errorf("LoadRegularFile on a named pipe: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("LoadRegularFile waited on a named pipe with no writer")
	}
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err == nil {
			f.WriteString("serious: [none]\n")
			f.Close()
		}
	}()
	data, err := knowledge.ReadFileLimited(path, knowledge.MaxAnswersBytes)
	if err != nil || string(data) != "serious: [none]\n" {
		t.Errorf("ReadFileLimited on a named pipe: %q, %v", data, err)
	}
	if _, err := knowledge.ReadRegularFileLimited(os.DevNull, 10); err == nil || !strings.Contains(err.Error(), "a device") {
		t.Errorf("ReadRegularFileLimited on %s: %v", os.DevNull, err)
	}
}

// TestVignetteFolderWithANamedPipe checks a named pipe among the data
// files of a folder is refused without being opened (which would wait),
// while the regular files and a symbolic link to one are read.
func TestVignetteFolderWithANamedPipe(t *testing.T) {
	rb := ruleBase(t)
	dir := t.TempDir()
	v := "- id: %s\n  story: \"S.\"\n  answers: {serious: [none]}\n  expect: {triage: see_doctor}\n"
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(strings.ReplaceAll(v, "%s", "a")), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "b.yaml")
	if err := os.WriteFile(other, []byte(strings.ReplaceAll(v, "%s", "b")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(other, filepath.Join(dir, "b.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "c.yaml"), 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := knowledge.ReadVignettes(rb, os.DirFS(dir), "v")
		done <- err
	}()
	select {
	case err := <-done:
		ps := asProblems(t, err)
		if len(ps) != 1 || ps[0].File != "v/c.yaml" || !strings.Contains(ps[0].Msg, "is a named pipe, not a regular file") {
			t.Errorf("got %v; want only the named pipe refused", ps)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadVignettes waited on a named pipe")
	}
	os.Remove(filepath.Join(dir, "c.yaml"))
	vs, err := knowledge.ReadVignettes(rb, os.DirFS(dir), "v")
	if err != nil || len(vs) != 2 {
		t.Errorf("without the pipe: %d vignettes, %v", len(vs), err)
	}
}
