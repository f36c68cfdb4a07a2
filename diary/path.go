package diary

import (
	"errors"
	"path/filepath"
	"runtime"
)

// FileName is the diary's file name inside the app's data folder.
const FileName = "diary.db"

// AppFolder is the app's folder inside the user data folder.
const AppFolder = "twitchcheck"

// DefaultPath returns where the diary is kept: $XDG_DATA_HOME/twitchcheck/
// diary.db when XDG_DATA_HOME is an absolute path, otherwise the OS's user
// data folder: ~/.local/share on Linux and other Unix systems,
// ~/Library/Application Support on macOS, %LocalAppData% on Windows,
// $home/lib on Plan 9. getenv reads the environment.
func DefaultPath(getenv func(string) string) (string, error) {
	return defaultPath(getenv, runtime.GOOS)
}

func defaultPath(getenv func(string) string, goos string) (string, error) {
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, AppFolder, FileName), nil
	}
	var base string
	switch goos {
	case "windows":
		base = getenv("LocalAppData")
		if base == "" {
			return "", errors.New("cannot tell where to keep the diary: %LocalAppData% is not set; name a file with --diary FILE")
		}
	case "darwin", "ios":
		base = getenv("HOME")
		if base == "" {
			return "", errors.New("cannot tell where to keep the diary: $HOME is not set; name a file with --diary FILE")
		}
		base = filepath.Join(base, "Library", "Application Support")
	case "plan9":
		base = getenv("home")
		if base == "" {
			return "", errors.New("cannot tell where to keep the diary: $home is not set; name a file with --diary FILE")
		}
		base = filepath.Join(base, "lib")
	default:
		base = getenv("HOME")
		if base == "" {
			return "", errors.New("cannot tell where to keep the diary: neither $XDG_DATA_HOME nor $HOME is set; name a file with --diary FILE")
		}
		base = filepath.Join(base, ".local", "share")
	}
	return filepath.Join(base, AppFolder, FileName), nil
}
