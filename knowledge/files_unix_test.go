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
