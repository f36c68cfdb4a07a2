package safefile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// writeUnnamed writes data to an unnamed temporary file in dir (O_TMPFILE)
// and links it to path once it is complete: a save killed before that
// leaves nothing behind. With overwrite, it is linked to a temporary name
// and renamed over path, so only that instant leaves a name to clean up:
// only then are left-over temporary files removed first.
// It returns errNoUnnamed when the file system or the kernel has no
// unnamed files, or when /proc is not there to link one.
func writeUnnamed(dir, path string, data []byte, overwrite bool) (err error) {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, Mode)
	if err != nil {
		if errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.EISDIR) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOENT) {
			return errNoUnnamed
		}
		return fmt.Errorf("cannot save %s: %w", path, err)
	}
	f := os.NewFile(uintptr(fd), path)
	defer f.Close()
	if err := fill(f, data); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrap(err))
	}
	proc := "/proc/self/fd/" + strconv.Itoa(fd)
	link := func(name string) error {
		return unix.Linkat(unix.AT_FDCWD, proc, unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
	}
	if !overwrite {
		switch err := link(path); {
		case err == nil:
			syncDir(dir)
			return nil
		case errors.Is(err, unix.EEXIST):
			return fmt.Errorf("cannot save %s: %w", path, ErrExists)
		case errors.Is(err, unix.ENOENT) || errors.Is(err, unix.EPERM) || errors.Is(err, unix.EXDEV):
			return errNoUnnamed // no /proc, or linking refused
		default:
			return fmt.Errorf("cannot save %s: %w", path, err)
		}
	}
	removeStale(dir, filepath.Base(path))
	for i := 0; ; i++ {
		tmp := tempName(dir, filepath.Base(path))
		switch err := link(tmp); {
		case err == nil:
			return place(tmp, path, true)
		case errors.Is(err, unix.EEXIST) && i < 100:
			continue
		case errors.Is(err, unix.ENOENT) || errors.Is(err, unix.EPERM) || errors.Is(err, unix.EXDEV):
			return errNoUnnamed
		default:
			return fmt.Errorf("cannot save %s: %w", path, err)
		}
	}
}
