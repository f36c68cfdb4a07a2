package knowledge

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

// ReadLimited reads all of r, but never more than limit bytes: a larger
// input is refused as soon as it passes the limit, while reading, so an
// endless or huge input (such as /dev/zero) costs no more than the limit.
// name is used in messages. Errors are Problems: bad input, not an
// internal error.
func ReadLimited(r io.Reader, name string, limit int) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, Problems{{File: name, Msg: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	if len(data) > limit {
		return nil, Problems{{File: name, Msg: fmt.Sprintf("is larger than the limit of %d bytes", limit)}}
	}
	return data, nil
}

// ReadFileLimited reads the file at path with ReadLimited. A folder is
// refused, and a regular file larger than limit is refused before it is
// read. Every file the user names (rule bases, answers, vignettes, cases)
// is read through it or ReadRegularFileLimited. The file is opened
// without blocking (see openFile); a named pipe or a device, which the
// command line may be given on purpose (a shell's <(…), /dev/stdin), is
// then read as usual.
func ReadFileLimited(path string, limit int) ([]byte, error) {
	return readFileLimited(path, limit, false)
}

// ReadRegularFileLimited is ReadFileLimited for a reader that must never
// block, such as the app's watcher: it refuses anything but a regular file
// (a named pipe, a device, a socket) after opening it without blocking,
// before reading a byte.
func ReadRegularFileLimited(path string, limit int) ([]byte, error) {
	return readFileLimited(path, limit, true)
}

func readFileLimited(path string, limit int, regularOnly bool) ([]byte, error) {
	cannot := func(err error) error {
		return Problems{{File: path, Msg: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	if !regularOnly {
		// A named pipe or a device given on purpose is read as any
		// program reads it: opened once, waiting for its writer. (Opened
		// without blocking and then again, a writer that came and went
		// in between would leave the second open waiting for ever.)
		if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
			f, err := os.Open(path)
			if err != nil {
				return nil, cannot(err)
			}
			defer f.Close()
			return ReadLimited(f, path, limit)
		}
	}
	f, err := openFile(path)
	if err != nil {
		return nil, cannot(err)
	}
	defer func() { f.Close() }()
	st, err := f.Stat()
	if err != nil {
		return nil, cannot(err)
	}
	mode := st.Mode()
	switch {
	case mode.IsDir():
		return nil, Problems{{File: path, Msg: "is a folder, not a file"}}
	case mode.IsRegular():
		if st.Size() > int64(limit) {
			return nil, Problems{{File: path, Msg: fmt.Sprintf("is %d bytes, larger than the limit of %d bytes", st.Size(), limit)}}
		}
	case regularOnly:
		return nil, Problems{{File: path, Msg: fmt.Sprintf("is %s, not a regular file; only a regular file is read here, so that reading it cannot wait for ever", fileKind(mode))}}
	default:
		// Opened without blocking, a pipe with no writer yet would read
		// as empty: open it again, as any program reading it would.
		f.Close()
		if f, err = os.Open(path); err != nil {
			return nil, cannot(err)
		}
	}
	return ReadLimited(f, path, limit)
}

// fileKind names what a file that is not regular is, for messages.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a broken symbolic link"
	}
	return "a special file"
}

// readFSLimited reads name from fsys with ReadLimited, reported as
// prefix/name.
func readFSLimited(fsys fs.FS, name, shown string, limit int) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, Problems{{File: shown, Msg: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	defer f.Close()
	return ReadLimited(f, shown, limit)
}

// IsDataFile reports whether name is a file of vignettes or cases by its
// extension: .yaml, .yml or .json.
func IsDataFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// dataFiles lists the data files under fsys, in name order. A data file
// that is not a regular file (a named pipe, a device), once symbolic links
// are followed, is refused before anything opens it: opening a named pipe
// would wait for a writer. Those are the problems, named under prefix.
func dataFiles(fsys fs.FS, prefix string) ([]string, Problems, error) {
	var names []string
	var probs Problems
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !IsDataFile(p) {
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			if st, err := fs.Stat(fsys, p); err == nil {
				mode = st.Mode()
			}
		}
		if !mode.IsRegular() {
			probs = append(probs, Problem{File: shownName(prefix, p), Msg: fmt.Sprintf("is %s, not a regular file; a folder of data files may hold only regular files", fileKind(mode))})
			return nil
		}
		names = append(names, p)
		return nil
	})
	sort.Strings(names)
	return names, probs, err
}

// shownName is how file p of a tree shown as prefix is named in messages.
func shownName(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return prefix + "/" + p
}

// ReadVignettes reads every vignette file (.yaml, .yml or .json) in fsys,
// in name order, naming each prefix/path in messages. Problems in every
// file, and vignette ids used twice, are all reported together.
func ReadVignettes(rb *RuleBase, fsys fs.FS, prefix string) ([]Vignette, error) {
	names, probs, err := dataFiles(fsys, prefix)
	if err != nil {
		return nil, Problems{{File: prefix, Msg: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	var out []Vignette
	for _, n := range names {
		shown := shownName(prefix, n)
		raw, err := readFSLimited(fsys, n, shown, MaxVignetteBytes)
		if err == nil {
			var vs []Vignette
			if vs, err = ParseVignettes(rb, shown, raw); err == nil {
				out = append(out, vs...)
				continue
			}
		}
		probs = appendProblems(probs, err, shown)
	}
	probs = append(probs, duplicateVignettes(out)...)
	if len(probs) > 0 {
		return nil, probs
	}
	return out, nil
}

// duplicateVignettes reports vignette ids used more than once.
func duplicateVignettes(vs []Vignette) Problems {
	var probs Problems
	first := map[string]*Vignette{}
	for i := range vs {
		v := &vs[i]
		if f, dup := first[v.ID]; dup {
			probs = append(probs, Problem{File: v.File, Pos: v.Pos, Msg: fmt.Sprintf("duplicate vignette id %q (first in %s:%d)", v.ID, f.File, f.Pos.Line)})
			continue
		}
		first[v.ID] = v
	}
	return probs
}

// CheckVignetteIDs reports vignette ids used more than once across vs,
// such as vignettes read from several paths.
func CheckVignetteIDs(vs []Vignette) error {
	if probs := duplicateVignettes(vs); len(probs) > 0 {
		return probs
	}
	return nil
}

// ReadCases reads every sample-case file in fsys through the same
// validation as any answers file, sorted by id; prefix names them in
// messages. Problems in every file, and case ids used twice, are reported
// together.
func ReadCases(rb *RuleBase, fsys fs.FS, prefix string) ([]Case, error) {
	cases, _, err := readCases(rb, fsys, prefix, false)
	return cases, err
}

// ReadCasesFitting reads the sample cases as ReadCases does, for a rule
// base other than the one they were written for: a case file that does
// not fit rb is left out, and skipped holds one problem for each (its
// first). A folder that cannot be read and case ids used twice are still
// errors.
func ReadCasesFitting(rb *RuleBase, fsys fs.FS, prefix string) (cases []Case, skipped Problems, err error) {
	return readCases(rb, fsys, prefix, true)
}

func readCases(rb *RuleBase, fsys fs.FS, prefix string, skip bool) ([]Case, Problems, error) {
	names, probs, err := dataFiles(fsys, prefix)
	if err != nil {
		return nil, nil, Problems{{File: prefix, Msg: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	var out []Case
	var skipped Problems
	seen := map[string]string{}
	for _, n := range names {
		shown := shownName(prefix, n)
		raw, err := readFSLimited(fsys, n, shown, MaxAnswersBytes)
		if err == nil {
			var c Case
			if c, err = ParseCase(rb, shown, raw); err == nil {
				if first, dup := seen[c.ID]; dup {
					probs = append(probs, Problem{File: shown, Msg: fmt.Sprintf("duplicate case id %q (first in %s)", c.ID, first)})
					continue
				}
				seen[c.ID] = shown
				out = append(out, c)
				continue
			}
			if skip {
				skipped = append(skipped, appendProblems(nil, err, shown)[0])
				continue
			}
		}
		probs = appendProblems(probs, err, shown)
	}
	if len(probs) > 0 {
		return nil, nil, probs
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, skipped, nil
}

// FindCase returns the case with id among cases, or an error that lists
// the ids there are.
func FindCase(cases []Case, id string) (Case, error) {
	ids := make([]string, len(cases))
	for i, c := range cases {
		if c.ID == id {
			return c, nil
		}
		ids[i] = c.ID
	}
	return Case{}, Problems{{Msg: fmt.Sprintf("unknown case %q%s; cases: %s", id, DidYouMean(id, ids), strings.Join(ids, ", "))}}
}

// appendProblems adds err's problems to probs, naming file for an error
// that is not Problems.
func appendProblems(probs Problems, err error, file string) Problems {
	var ps Problems
	if errors.As(err, &ps) {
		return append(probs, ps...)
	}
	return append(probs, Problem{File: file, Msg: err.Error()})
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
