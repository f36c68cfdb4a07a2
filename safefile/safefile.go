// Package safefile writes files the way twitchcheck promises: to a temporary
// file in the same directory, synced, then renamed into place with mode
// 0600, so a reader never sees half a file; never over an existing file
// unless asked; and never leaving a partial file behind on error.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrExists is returned when the target exists and overwriting was not
// allowed.
var ErrExists = errors.New("file already exists")

// Mode is the permission of every file written: only the user may read it,
// since it holds health information.
const Mode = 0o600

// Write writes data to path. When overwrite is false and path exists, it
// returns an error wrapping ErrExists and changes nothing.
func Write(path string, data []byte, overwrite bool) (err error) {
	if path == "" {
		return errors.New("no file name given")
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot save %s: the folder %s does not exist", path, dir)
	case err != nil:
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	case !st.IsDir():
		return fmt.Errorf("cannot save %s: %s is not a folder", path, dir)
	}
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return fmt.Errorf("cannot save %s: it is a folder", path)
		}
		if !overwrite {
			return fmt.Errorf("cannot save %s: %w", path, ErrExists)
		}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(Mode); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	if overwrite {
		if err = os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
		}
		return nil
	}
	// Link fails if path exists, so a file created meanwhile is never
	// overwritten. Where links are not supported, fall back to a rename
	// after the check above.
	if err = os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("cannot save %s: %w", path, ErrExists)
		}
		if err = os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
		}
		return nil
	}
	os.Remove(tmp.Name())
	return nil
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
