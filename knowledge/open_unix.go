//go:build unix

package knowledge

import (
	"os"
	"syscall"
)

// openFile opens path for reading without blocking: opening a named pipe
// with no writer, or some devices, would otherwise wait for ever.
func openFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
