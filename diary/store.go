package diary

import (
	"errors"
	"fmt"
)

// Store keeps a diary. The command line and the app use it through this
// interface only, so a later server mode can give each user a diary of
// their own, or none.
type Store interface {
	// Put records e. When the date already has an entry and replace is
	// false, it changes nothing and returns an *ExistsError holding the
	// entry there; otherwise it returns the entry it replaced, if any.
	Put(e Entry, replace bool) (old *Entry, err error)
	// Get returns the entry of date, if there is one.
	Get(date string) (Entry, bool, error)
	// List returns every entry, oldest first.
	List() ([]Entry, error)
	// Exists reports whether the diary has been started.
	Exists() (bool, error)
	// Forget deletes the diary and returns the files it removed.
	Forget() ([]string, error)
	// Where says where the diary is kept, for people.
	Where() string
}

// ExistsError is returned by Put when the date already has an entry and
// replacing was not asked for.
type ExistsError struct {
	Old Entry
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("the diary already has an entry for %s", e.Old.Date)
}

// Errors of a store, each wrapped with what it concerns.
var (
	// ErrLocked: another twitchcheck holds the diary's lock for longer
	// than the store waits.
	ErrLocked = errors.New("in use by another twitchcheck")
	// ErrRefused: the file is not a diary this version can use (corrupt,
	// foreign, newer): it is left as it is.
	ErrRefused = errors.New("refused")
)

// RefusedError says why a file was refused as a diary. It wraps
// ErrRefused.
type RefusedError struct {
	Path string
	Why  string
	// Damaged is set for a bbolt file that fails its checks, as opposed
	// to a foreign or newer one.
	Damaged bool
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("%s cannot be used as a diary: %s; it was left as it is", e.Path, e.Why)
}

func (e *RefusedError) Unwrap() error { return ErrRefused }

// LockedError says that another process holds the diary. It wraps
// ErrLocked.
type LockedError struct {
	Path string
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("the diary %s is in use by another twitchcheck (an open app or command holds its lock); try again when it has finished", e.Path)
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// Window returns the entries of the n days that end on last (a date),
// oldest first, from entries sorted oldest first.
func Window(entries []Entry, last string, n int) []Entry {
	end, err := ParseDate(last)
	if err != nil || n <= 0 {
		return nil
	}
	first := end.AddDate(0, 0, -(n - 1)).Format(DateLayout)
	var out []Entry
	for _, e := range entries {
		if e.Date >= first && e.Date <= last {
			out = append(out, e)
		}
	}
	return out
}
