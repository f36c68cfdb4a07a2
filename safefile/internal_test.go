package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestTempNames checks temporary names fit: never longer than the
// target's (or minTempName), valid UTF-8, recognised as ours.
func TestTempNames(t *testing.T) {
	for _, base := range []string{"a", "report.md", strings.Repeat("x", 255), strings.Repeat("é", 127) + "x", strings.Repeat("日", 85)} {
		name := tempName("", base)
		if len(name) > max(len(base), minTempName) || !utf8.ValidString(name) || !strings.HasPrefix(name, ".") {
			t.Errorf("temp name %q (%d bytes) for a %d-byte name", name, len(name), len(base))
		}
		if !isTempName(name, base) {
			t.Errorf("%q is not recognised as a temporary name of %q", name, base)
		}
	}
	if isTempName(".report.md.tmp-notahex", "report.md") || isTempName("report.md", "report.md") {
		t.Error("a name that is not ours is taken for a temporary name")
	}
}

// TestWriteNamed checks the fallback used without unnamed files: same
// guarantees, no temporary file left, stale ones cleaned up.
func TestWriteNamed(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, strings.Repeat("n", 255))
	if err := writeNamed(dir, p, []byte("one"), false); err != nil {
		t.Fatal(err)
	}
	if err := writeNamed(dir, p, []byte("two"), false); err == nil {
		t.Fatal("overwrote without overwrite")
	}
	if err := writeNamed(dir, p, []byte("two"), true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Errorf("content %q", b)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != Mode {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("%d files, want 1", len(ents))
	}
}

// TestRemoveStale checks a killed save's temporary file is removed by the
// next save that names a temporary file (the named fallback, or an unnamed
// file replacing one), while a fresh one (a save in progress) and other
// files stay; and that a save through an unnamed file alone, which leaves
// no name to clean up, does not look.
func TestRemoveStale(t *testing.T) {
	probe := t.TempDir()
	unnamed := writeUnnamed(probe, filepath.Join(probe, "probe"), nil, false) != errNoUnnamed
	for _, tc := range []struct {
		name string
		// over: the target exists and the save replaces it.
		over    bool
		write   func(path string, overwrite bool) error
		removes bool
		// unnamed: the case needs unnamed temporary files.
		unnamed bool
	}{
		{"named, new file", false, func(p string, o bool) error { return writeNamed(filepath.Dir(p), p, []byte("report"), o) }, true, false},
		{"named, over a file", true, func(p string, o bool) error { return writeNamed(filepath.Dir(p), p, []byte("report"), o) }, true, false},
		{"Write over a file", true, func(p string, o bool) error { return Write(p, []byte("report"), o) }, true, false},
		{"Write a new file, unnamed", false, func(p string, o bool) error { return Write(p, []byte("report"), o) }, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.unnamed && !unnamed {
				t.Skip("no unnamed temporary files here")
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "r.md")
			if tc.over {
				if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			old := tempName(dir, "r.md")
			fresh := tempName(dir, "r.md")
			other := tempName(dir, "other.md")
			user := filepath.Join(dir, ".r.md.tmp-mine")
			for _, p := range []string{old, fresh, other, user} {
				if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			long := time.Now().Add(-time.Hour)
			for _, p := range []string{old, other, user} {
				os.Chtimes(p, long, long)
			}
			if err := tc.write(path, tc.over); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(path); string(b) != "report" {
				t.Errorf("content %q", b)
			}
			for p, want := range map[string]bool{old: !tc.removes, fresh: true, other: true, user: true} {
				if _, err := os.Stat(p); (err == nil) != want {
					t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
				}
			}
		})
	}
}
