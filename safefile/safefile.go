// Package safefile writes files the way twitchcheck promises: whole or not
// at all (a reader never sees half a file), with mode 0600, never over an
// existing file unless asked, only ever replacing a regular file (never a
// device, a named pipe, a socket, a folder or a symbolic link), and never
// leaving a temporary file with the content behind.
//
// On Linux the content goes to an unnamed temporary file (O_TMPFILE) in
// the target's folder, which is given its name only once it is complete
// and synced: a save killed at any moment leaves nothing. Elsewhere, and
// on file systems without unnamed files, a hidden temporary file whose
// name is no longer than the target's (so names of up to 255 bytes work)
// is renamed into place, and temporary files that a killed save left
// behind are removed by the next save to the same name that names one
// (on Linux, a save that replaces a file does, for an instant).
package safefile

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrExists is returned when the target exists and overwriting was not
// allowed.
var ErrExists = errors.New("file already exists")

// ErrNotRegular is returned when the target exists but is not a regular
// file: it is never replaced, even when overwriting is allowed.
var ErrNotRegular = errors.New("not a regular file")

// ErrBadPath is wrapped by the other errors about the path itself rather
// than the writing: no file name, a folder that does not exist, is not a
// folder or cannot be looked at, and a target that cannot be looked at
// (such as a name too long). Together with ErrExists, ErrNotRegular and a
// permission error (fs.ErrPermission), it tells a path that has to change
// from a write that failed (a full disk, an I/O error).
var ErrBadPath = errors.New("bad path")

// pathError is an error about the path: its message as given, wrapping
// ErrBadPath and the cause, if any.
type pathError struct {
	msg   string
	cause error
}

func (e *pathError) Error() string { return e.msg }

func (e *pathError) Unwrap() []error {
	if e.cause == nil {
		return []error{ErrBadPath}
	}
	return []error{ErrBadPath, e.cause}
}

// badPath returns a pathError with the message format gives and the cause.
func badPath(cause error, format string, args ...any) error {
	return &pathError{msg: fmt.Sprintf(format, args...), cause: cause}
}

// Mode is the permission of every file written: only the user may read it,
// since it holds health information.
const Mode = 0o600

// staleAge is how old a left-over temporary file must be before a save
// removes it, so a save running at the same moment is left alone.
const staleAge = 10 * time.Minute

// Write writes data to path. When overwrite is false and path exists, it
// returns an error wrapping ErrExists and changes nothing. When path
// exists and is not a regular file, it returns an error wrapping
// ErrNotRegular and changes nothing. Any other problem with the path
// itself (see ErrBadPath) wraps ErrBadPath and changes nothing. Every
// error names path.
func Write(path string, data []byte, overwrite bool) error {
	if path == "" {
		return badPath(nil, "no file name given")
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return badPath(unwrap(err), "cannot save %s: the folder %s does not exist", path, dir)
	case err != nil:
		err = unwrap(err)
		return badPath(err, "cannot save %s: %v", path, err)
	case !st.IsDir():
		return badPath(nil, "cannot save %s: %s is not a folder", path, dir)
	}
	if err := checkTarget(path, overwrite); err != nil {
		return err
	}
	err = writeUnnamed(dir, path, data, overwrite)
	if errors.Is(err, errNoUnnamed) {
		err = writeNamed(dir, path, data, overwrite)
	}
	return err
}

// checkTarget refuses a target that is not a regular file, and one that
// exists when overwrite is false: every error it returns is about the
// path.
func checkTarget(path string, overwrite bool) error {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		err = unwrap(err)
		return badPath(err, "cannot save %s: %v", path, err)
	}
	switch m := st.Mode(); {
	case m.IsDir():
		return fmt.Errorf("cannot save %s: it is a folder, %w", path, ErrNotRegular)
	case m&fs.ModeSymlink != 0:
		return fmt.Errorf("cannot save %s: it is a symbolic link; give the name of the file itself: %w", path, ErrNotRegular)
	case !m.IsRegular():
		return fmt.Errorf("cannot save %s: it is %s; only a regular file is ever replaced: %w", path, kindOf(m), ErrNotRegular)
	case !overwrite:
		return fmt.Errorf("cannot save %s: %w", path, ErrExists)
	}
	return nil
}

// kindOf names a file type that is not a regular file.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// errNoUnnamed says unnamed temporary files are not available here.
var errNoUnnamed = errors.New("unnamed temporary files are not supported")

// writeNamed writes through a hidden temporary file in dir that is then
// linked (without overwrite: fails if path appeared meanwhile) or renamed
// (with overwrite) into place. It first removes the temporary files of
// path that a killed save left behind.
func writeNamed(dir, path string, data []byte, overwrite bool) (err error) {
	removeStale(dir, filepath.Base(path))
	tmp, err := createTemp(dir, filepath.Base(path))
	if err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = fill(tmp, data); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	return place(tmp.Name(), path, overwrite)
}

// place gives the complete temporary file tmp its final name.
func place(tmp, path string, overwrite bool) error {
	if !overwrite {
		// Link fails if path exists, so a file created meanwhile is never
		// overwritten. Where links are not supported, fall back to a
		// rename after a last check.
		err := os.Link(tmp, path)
		if err == nil {
			os.Remove(tmp)
			syncDir(filepath.Dir(path))
			return nil
		}
		if errors.Is(err, fs.ErrExist) {
			os.Remove(tmp)
			return fmt.Errorf("cannot save %s: %w", path, ErrExists)
		}
	}
	// Check again just before: a regular file only when overwriting,
	// nothing at all otherwise.
	if err := checkTarget(path, overwrite); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	syncDir(filepath.Dir(path))
	return nil
}

// fill sets the mode (whatever the umask), writes and syncs.
func fill(f *os.File, data []byte) error {
	if err := f.Chmod(Mode); err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}

// syncDir makes a new name durable; a folder that cannot be synced (as on
// some systems) changes nothing about the file's content.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// tempSuffix is the end of a temporary file's name, before its random part.
const tempSuffix = ".tmp-"

// minTempName is the length a temporary name may take even when the
// target's name is shorter.
const minTempName = 24

// tempPrefix is the start of the temporary names for target base: a dot,
// then as much of base as fits, so the whole name ("." + prefix +
// ".tmp-" + 8 hex digits) is no longer than base, or minTempName.
func tempPrefix(base string) string {
	limit := max(len(base), minTempName)
	keep := limit - 1 - len(tempSuffix) - 8
	if keep < len(base) {
		for keep > 0 && !utf8.RuneStart(base[keep]) {
			keep--
		}
		base = base[:max(keep, 0)]
	}
	return "." + base + tempSuffix
}

// tempName returns a random temporary name for target base in dir, no
// longer than base (or minTempName). The name need not be secret: the
// file is created with O_EXCL (or linked, which never replaces), so a name
// taken by anyone else is skipped, and randomness only makes that rare.
// math/rand/v2 draws from the runtime's generator, seeded by the system;
// crypto/rand would link and initialise the crypto packages for this.
func tempName(dir, base string) string {
	return filepath.Join(dir, fmt.Sprintf("%s%08x", tempPrefix(base), rand.Uint32()))
}

// createTemp creates a new temporary file for target base in dir, mode
// 0600.
func createTemp(dir, base string) (*os.File, error) {
	for range 100 {
		name := tempName(dir, base)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, Mode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, errors.New("cannot find a free temporary name")
}

// isTempName reports whether name is a temporary name made for base.
func isTempName(name, base string) bool {
	rest, ok := strings.CutPrefix(name, tempPrefix(base))
	if !ok || len(rest) != 8 {
		return false
	}
	_, err := hex.DecodeString(rest)
	return err == nil
}

// removeStale removes the temporary files of base in dir that a killed
// save left behind: regular files, named as ours, older than staleAge. It
// reads the whole folder, so only a save that names a temporary file
// calls it: one that only links an unnamed file leaves none to find.
func removeStale(dir, base string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.Type().IsRegular() || !isTempName(e.Name(), base) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// ExpandHome trims spaces from a typed path and expands a leading "~/" to
// the home folder.
func ExpandHome(p string) string {
	p = strings.TrimSpace(p)
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
