package tui

import (
	"errors"
	"strings"
	"testing"
)

// shortWriter accepts n bytes, then fails every write, like a disk that
// fills up part way.
type shortWriter struct {
	n       int
	written int
	calls   int // writes tried after the first failure
	failed  bool
}

var errDiskFull = errors.New("no space left on device")

func (w *shortWriter) Write(p []byte) (int, error) {
	if w.failed {
		w.calls++
	}
	if w.written+len(p) > w.n {
		w.failed = true
		k := w.n - w.written
		w.written = w.n
		return k, errDiskFull
	}
	w.written += len(p)
	return len(p), nil
}

// TestAccessibleWriteErrors checks a write that fails, at the start, in
// the middle of the questions or in the result, ends accessible mode with
// status 1 and the error, and nothing more is written or asked.
func TestAccessibleWriteErrors(t *testing.T) {
	rb := testRules(t)
	lines := append(tinglingScript.lines(t, rb), "", "")
	in := strings.Join(lines, "\n") + "\n"
	var whole strings.Builder
	if code := runPlain(testOptions(t), strings.NewReader(in), &whole, 80); code != 0 {
		t.Fatalf("exit %d without a write error", code)
	}
	for _, n := range []int{0, 1, 100, whole.Len() / 2, whole.Len() - 1} {
		w := &shortWriter{n: n}
		r := strings.NewReader(in)
		code, err := runPlainErr(testOptions(t), r, w, 80)
		if code != 1 || !errors.Is(err, errDiskFull) {
			t.Errorf("failing after %d bytes: exit %d, error %v; want 1 and the write error", n, code, err)
		}
		if w.calls > 0 {
			t.Errorf("failing after %d bytes: %d writes were tried after the first failure", n, w.calls)
		}
		if n < whole.Len()/2 && r.Len() == 0 {
			t.Errorf("failing after %d bytes: every answer was still read", n)
		}
	}
}
