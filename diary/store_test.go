package diary

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func newTestFile(t *testing.T) *File {
	t.Helper()
	f := NewFile(filepath.Join(t.TempDir(), "data", AppFolder, FileName))
	f.Timeout = 30 * time.Second
	return f
}

func TestPutGetList(t *testing.T) {
	f := newTestFile(t)
	if ok, err := f.Exists(); ok || err != nil {
		t.Fatalf("Exists before any entry: %v %v", ok, err)
	}
	if list, err := f.List(); err != nil || len(list) != 0 {
		t.Fatalf("List of no diary: %v %v", list, err)
	}
	if _, err := os.Stat(filepath.Dir(f.Path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("reading made the folder: %v", err)
	}
	a := Entry{Date: "2026-03-02", Twitching: 3, Where: []string{"eyelid"}, Caffeine: intp(5), Sleep: floatp(4.5), Stress: StressHigh, Exercise: ExerciseNo, New: []string{"cramps"}, Note: "après le café\nline two"}
	b := Entry{Date: "2026-03-01", Twitching: 0}
	for _, e := range []Entry{a, b} {
		if old, err := f.Put(e, false); err != nil || old != nil {
			t.Fatalf("Put %s: %v %v", e.Date, old, err)
		}
	}
	info, err := os.Stat(f.Path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("file mode: %v %v", info, err)
	}
	if dir, err := os.Stat(filepath.Dir(f.Path)); err != nil || dir.Mode().Perm() != 0o700 {
		t.Fatalf("folder mode: %v %v", dir.Mode(), err)
	}
	list, err := f.List()
	if err != nil || len(list) != 2 || list[0].Date != b.Date || !equalEntry(list[1], a) {
		t.Fatalf("List: %+v %v", list, err)
	}
	_, err = f.Put(Entry{Date: a.Date, Twitching: 1}, false)
	var ee *ExistsError
	if !errors.As(err, &ee) || !equalEntry(ee.Old, a) {
		t.Fatalf("Put over an entry without replace: %v", err)
	}
	old, err := f.Put(Entry{Date: a.Date, Twitching: 1}, true)
	if err != nil || old == nil || !equalEntry(*old, a) {
		t.Fatalf("replace: %v %v", old, err)
	}
	got, ok, err := f.Get(a.Date)
	if err != nil || !ok || got.Twitching != 1 || got.Caffeine != nil {
		t.Fatalf("Get after replace: %+v %v %v", got, ok, err)
	}
	if _, ok, err := f.Get("2020-01-01"); ok || err != nil {
		t.Fatalf("Get of a day without entry: %v %v", ok, err)
	}
	if _, err := f.Put(Entry{Date: "2026-13-01", Twitching: 1}, false); err == nil {
		t.Fatal("an invalid entry was stored")
	}
	entries, _ := filepath.Glob(filepath.Join(filepath.Dir(f.Path), "*"))
	hidden, _ := filepath.Glob(filepath.Join(filepath.Dir(f.Path), ".*"))
	if len(entries) != 1 || len(hidden) != 0 {
		t.Fatalf("files beside the diary: %v %v", entries, hidden)
	}
}

func equalEntry(a, b Entry) bool {
	x, _ := Encode(a)
	y, _ := Encode(b)
	return bytes.Equal(x, y)
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestMigrations(t *testing.T) {
	f := newTestFile(t)
	if _, err := f.Put(Entry{Date: "2026-01-01", Twitching: 2}, false); err != nil {
		t.Fatal(err)
	}
	// A failing migration changes nothing: the write is one transaction.
	failing := &File{Path: f.Path, Timeout: f.Timeout, migrations: append(append([]migration(nil), schemaMigrations...), migration{to: 2, run: func(tx *bolt.Tx) error {
		if err := tx.Bucket(entriesBucket).Delete([]byte("2026-01-01")); err != nil {
			return err
		}
		return errors.New("broken migration")
	}})}
	before := sum(t, f.Path)
	if _, err := failing.Put(Entry{Date: "2026-01-02", Twitching: 1}, false); err == nil || !strings.Contains(err.Error(), "broken migration") {
		t.Fatalf("a failing migration: %v", err)
	}
	if sum(t, f.Path) != before {
		t.Fatal("a failed migration changed the file")
	}
	// A working one runs once, in the write that needs it.
	runs := 0
	next := &File{Path: f.Path, Timeout: f.Timeout, migrations: append(append([]migration(nil), schemaMigrations...), migration{to: 2, run: func(tx *bolt.Tx) error {
		runs++
		_, err := tx.CreateBucket([]byte("v2"))
		return err
	}})}
	for _, d := range []string{"2026-01-02", "2026-01-03"} {
		if _, err := next.Put(Entry{Date: d, Twitching: 1}, false); err != nil {
			t.Fatal(err)
		}
	}
	if runs != 1 {
		t.Fatalf("the migration ran %d times", runs)
	}
	if list, err := next.List(); err != nil || len(list) != 3 {
		t.Fatalf("after migrating: %v %v", list, err)
	}
	// Reading a file of an older schema migrates it first.
	g := newTestFile(t)
	if _, err := g.Put(Entry{Date: "2026-01-01", Twitching: 2}, false); err != nil {
		t.Fatal(err)
	}
	runs = 0
	next.Path = g.Path
	if list, err := next.List(); err != nil || len(list) != 1 || runs != 1 {
		t.Fatalf("reading an older file: %v %v, %d runs", list, err, runs)
	}
	// This version refuses the newer file, and leaves it alone.
	before = sum(t, f.Path)
	for name, op := range ops(f) {
		err := op()
		var re *RefusedError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), "newer twitchcheck") {
			t.Errorf("%s on a newer schema: %v", name, err)
		}
	}
	if sum(t, f.Path) != before {
		t.Fatal("a newer file was changed")
	}
}

// ops are the operations that open the diary.
func ops(f *File) map[string]func() error {
	return map[string]func() error{
		"put":  func() error { _, err := f.Put(Entry{Date: "2026-02-01", Twitching: 1}, true); return err },
		"list": func() error { _, err := f.List(); return err },
		"get":  func() error { _, _, err := f.Get("2026-01-01"); return err },
	}
}

func TestRefusesForeignAndCorrupt(t *testing.T) {
	good := newTestFile(t)
	for i := 0; i < 40; i++ {
		if _, err := good.Put(Entry{Date: day(t, i), Twitching: i % 5, Note: strings.Repeat("n", 300)}, false); err != nil {
			t.Fatal(err)
		}
	}
	goodBytes, _ := os.ReadFile(good.Path)
	noise := make([]byte, 64<<10)
	for i := range noise {
		noise[i] = byte(i*7 + i/13)
	}
	cases := map[string]func(path string) error{
		"empty":     func(p string) error { return os.WriteFile(p, nil, 0o600) },
		"text":      func(p string) error { return os.WriteFile(p, []byte("date,twitching\n2026-01-01,2\n"), 0o600) },
		"noise":     func(p string) error { return os.WriteFile(p, noise, 0o600) },
		"truncated": func(p string) error { return os.WriteFile(p, goodBytes[:len(goodBytes)/3], 0o600) },
		"bbolt, not ours": func(p string) error {
			db, err := bolt.Open(p, 0o600, nil)
			if err != nil {
				return err
			}
			err = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
			db.Close()
			return err
		},
		"bad entry": func(p string) error {
			if err := os.WriteFile(p, goodBytes, 0o600); err != nil {
				return err
			}
			db, err := bolt.Open(p, 0o600, nil)
			if err != nil {
				return err
			}
			err = db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(entriesBucket).Put([]byte("2026-01-05"), []byte(`{"date":"2026-01-05"} trailing`))
			})
			db.Close()
			return err
		},
		"a folder": func(p string) error { return os.Mkdir(p, 0o700) },
	}
	// A damaged entry: its JSON broken where it lies in the file.
	cases["entry damaged in place"] = func(p string) error {
		b := bytes.Clone(goodBytes)
		at := bytes.Index(b, []byte(`{"date":"`+day(t, 10)))
		if at < 0 {
			return errors.New("entry not found in the file")
		}
		b[at] = '['
		return os.WriteFile(p, b, 0o600)
	}
	// Both meta pages damaged: bbolt's checksums catch it.
	cases["meta pages scribbled"] = func(p string) error {
		b := bytes.Clone(goodBytes)
		ps := os.Getpagesize()
		b[40] ^= 0xff
		b[ps+40] ^= 0xff
		return os.WriteFile(p, b, 0o600)
	}
	for name, make := range cases {
		t.Run(name, func(t *testing.T) {
			f := NewFile(filepath.Join(t.TempDir(), FileName))
			f.Timeout = time.Second
			if err := make(f.Path); err != nil {
				t.Fatal(err)
			}
			snap := snapshot(t, f.Path)
			refusedOnce := false
			for op, run := range ops(f) {
				err := run()
				var re *RefusedError
				if errors.As(err, &re) {
					refusedOnce = true
					if !strings.Contains(err.Error(), "left as it is") || !strings.Contains(err.Error(), f.Path) {
						t.Errorf("%s: unclear refusal %q", op, err)
					}
				} else if err == nil && op != "get" {
					t.Errorf("%s: accepted", op)
				} else if err != nil {
					t.Errorf("%s: %v (not a refusal)", op, err)
				}
			}
			if !refusedOnce {
				t.Error("never refused")
			}
			if snapshot(t, f.Path) != snap {
				t.Error("the file was changed")
			}
		})
	}
}

// snapshot is a file's content and mode, or a folder's mode.
func snapshot(t *testing.T, path string) string {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.IsDir() {
		return "dir " + info.Mode().String()
	}
	s := sum(t, path)
	return fmt.Sprintf("%x %v %d", s, info.Mode(), info.Size())
}

func TestTooBigRefusedBeforeOpening(t *testing.T) {
	f := newTestFile(t)
	if _, err := f.Put(Entry{Date: "2026-01-01", Twitching: 1}, false); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(f.Path, MaxFileBytes+1); err != nil {
		t.Fatal(err)
	}
	_, err := f.List()
	var re *RefusedError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "a diary is at most") {
		t.Fatalf("a file beyond the bound: %v", err)
	}
}

func TestLockedSaysWhatHoldsIt(t *testing.T) {
	f := newTestFile(t)
	if _, err := f.Put(Entry{Date: "2026-01-01", Twitching: 1}, false); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(f.Path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f.Timeout = 200 * time.Millisecond
	_, err = f.Put(Entry{Date: "2026-01-02", Twitching: 1}, false)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "in use by another twitchcheck") {
		t.Fatalf("a held lock: %v", err)
	}
}

// TestConcurrentProcesses: 14 days, then 20 processes adding 20 other
// days at once: 34 entries.
func TestConcurrentProcesses(t *testing.T) {
	f := newTestFile(t)
	for i := 0; i < 14; i++ {
		if _, err := f.Put(Entry{Date: day(t, i), Twitching: i % 5}, false); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(d string) {
			defer wg.Done()
			out, err := helper(t, "add", f.Path, d).CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != "ok "+d {
				errs <- fmt.Errorf("helper %s: %v: %s", d, err, out)
			}
		}(day(t, 100+i))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	list, err := f.List()
	if err != nil || len(list) != 34 {
		t.Fatalf("%d entries, want 34: %v", len(list), err)
	}
}

// TestConcurrentStart: 20 processes start the same new diary at once;
// every entry lands in the one file and no temporary file is left.
func TestConcurrentStart(t *testing.T) {
	f := newTestFile(t)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(d string) {
			defer wg.Done()
			if out, err := helper(t, "add", f.Path, d).CombinedOutput(); err != nil {
				t.Errorf("helper %s: %v: %s", d, err, out)
			}
		}(day(t, i))
	}
	wg.Wait()
	if list, err := f.List(); err != nil || len(list) != 20 {
		t.Fatalf("%d entries, want 20: %v", len(list), err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(f.Path), ".*")); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
}

// TestKillDuringWrites kills a writing process with SIGKILL at moments
// spread over its writes: every entry it acknowledged is there, and the
// diary still opens.
func TestKillDuringWrites(t *testing.T) {
	f := newTestFile(t)
	acked := map[string]bool{}
	start := 0
	for round, after := range []time.Duration{30 * time.Millisecond, 120 * time.Millisecond, 300 * time.Millisecond, 5 * time.Millisecond} {
		cmd := helper(t, "loop", f.Path, day(t, start))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		timer := time.After(after)
		n := 0
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				if d, ok := strings.CutPrefix(l, "ok "); ok {
					acked[d] = true
					n++
				}
			case <-timer:
				_ = cmd.Process.Signal(syscall.SIGKILL)
				timer = nil
			}
		}
		_ = cmd.Wait()
		start += n + 1 // the day being written when killed may or may not be there
		list, err := f.List()
		if err != nil {
			t.Fatalf("round %d: after kill -9 the diary does not open: %v", round, err)
		}
		have := map[string]bool{}
		for _, e := range list {
			have[e.Date] = true
		}
		for d := range acked {
			if !have[d] {
				t.Fatalf("round %d: acknowledged %s is lost", round, d)
			}
		}
	}
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged")
	}
}

// mountTmpfs mounts a tmpfs of size at a new folder, as root; without
// root, it skips.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	return dir
}

func TestReadOnlyFolder(t *testing.T) {
	dir := mountTmpfs(t, "1m")
	f := NewFile(filepath.Join(dir, AppFolder, FileName))
	if _, err := f.Put(Entry{Date: "2026-01-01", Twitching: 2}, false); err != nil {
		t.Fatal(err)
	}
	snap := snapshot(t, f.Path)
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v: %s", err, out)
	}
	_, err := f.Put(Entry{Date: "2026-01-02", Twitching: 1}, false)
	var we *WriteError
	if !errors.As(err, &we) || !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), "nothing in it was changed") {
		t.Fatalf("writing on a read-only file system: %v", err)
	}
	if list, err := f.List(); err != nil || len(list) != 1 {
		t.Fatalf("reading on a read-only file system: %v %v", list, err)
	}
	if snapshot(t, f.Path) != snap {
		t.Fatal("changed")
	}
	// A new diary on a read-only file system is not started.
	g := NewFile(filepath.Join(dir, "other", FileName))
	if _, err := g.Put(Entry{Date: "2026-01-02", Twitching: 1}, false); !errors.As(err, &we) {
		t.Fatalf("starting on a read-only file system: %v", err)
	}
}

func TestFullDisk(t *testing.T) {
	dir := mountTmpfs(t, "160k")
	f := NewFile(filepath.Join(dir, AppFolder, FileName))
	var acked []string
	var err error
	for i := 0; i < 2000; i++ {
		d := day(t, i)
		if _, err = f.Put(Entry{Date: d, Twitching: i % 5, Note: strings.Repeat("é", MaxNoteChars)}, false); err != nil {
			break
		}
		acked = append(acked, d)
	}
	var we *WriteError
	if !errors.As(err, &we) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("after %d entries: %v, want a full disk", len(acked), err)
	}
	if len(acked) == 0 {
		t.Fatal("nothing fitted")
	}
	list, lerr := f.List()
	if lerr != nil || len(list) != len(acked) {
		t.Fatalf("after a full disk: %d entries of %d acknowledged: %v", len(list), len(acked), lerr)
	}
	// A diary started on the full disk leaves nothing behind.
	g := NewFile(filepath.Join(dir, AppFolder, "second.db"))
	if _, err := g.Put(Entry{Date: "2026-01-01", Twitching: 1}, false); err == nil {
		t.Skip("the second diary fitted")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, AppFolder, "*second*")); len(left) != 0 {
		t.Fatalf("left behind on a full disk: %v", left)
	}
	hidden, _ := filepath.Glob(filepath.Join(dir, AppFolder, ".*"))
	if len(hidden) != 0 {
		t.Fatalf("left behind on a full disk: %v", hidden)
	}
}

func TestForget(t *testing.T) {
	f := newTestFile(t)
	if _, err := f.Put(Entry{Date: "2026-01-01", Twitching: 1}, false); err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(filepath.Dir(f.Path), "."+FileName+".new-abc")
	if err := os.WriteFile(left, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	removed, err := f.Forget()
	if err != nil || len(removed) != 2 {
		t.Fatalf("Forget: %v %v", removed, err)
	}
	if !f.RemoveFolderIfEmpty() {
		t.Fatal("the folder stayed")
	}
	// A file that is not a diary is never deleted.
	other := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(other, []byte("my notes"), 0o600)
	if _, err := NewFile(other).Forget(); !errors.Is(err, ErrRefused) {
		t.Fatalf("forgetting a foreign file: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Fatal("a foreign file was deleted")
	}
}

// TestScribbledPages damages pages of a diary at many places: each time,
// it is refused or reads back exactly the entries written (a free page
// holds nothing), and never crashes the process.
func TestScribbledPages(t *testing.T) {
	good := newTestFile(t)
	var want []Entry
	for i := 0; i < 40; i++ {
		e := Entry{Date: day(t, i), Twitching: i % 5, Note: strings.Repeat("n", 300)}
		want = append(want, e)
		if _, err := good.Put(e, false); err != nil {
			t.Fatal(err)
		}
	}
	goodBytes, _ := os.ReadFile(good.Path)
	ps := os.Getpagesize()
	for at := 2 * ps; at < len(goodBytes); at += 997 {
		f := NewFile(filepath.Join(t.TempDir(), FileName))
		f.Timeout = time.Second
		b := bytes.Clone(goodBytes)
		for i := at; i < at+8 && i < len(b); i++ {
			b[i] ^= 0xa5
		}
		if err := os.WriteFile(f.Path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		list, err := f.List()
		var re *RefusedError
		switch {
		case errors.As(err, &re):
		case err != nil:
			t.Errorf("offset %d: %v (not a refusal)", at, err)
		case len(list) != len(want):
			t.Errorf("offset %d: %d entries read back, want %d", at, len(list), len(want))
		default:
			for i := range want {
				if !equalEntry(list[i], want[i]) {
					t.Errorf("offset %d: entry %d read back as %+v", at, i, list[i])
				}
			}
		}
	}
}
