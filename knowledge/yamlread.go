package knowledge

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Input limits. Real rule bases are well under 200 KiB and real answers
// files under 4 KiB; anything far larger is refused before parsing, so a
// hostile file cannot make the parser use unbounded time or memory.
const (
	// MaxRuleBaseBytes is the largest rule-base file accepted.
	MaxRuleBaseBytes = 4 << 20
	// MaxAnswersBytes is the largest answers file accepted.
	MaxAnswersBytes = 256 << 10
	// MaxVignetteBytes is the largest vignette file accepted.
	MaxVignetteBytes = 1 << 20
	// maxDepth is the deepest nesting of YAML collections accepted.
	maxDepth = 64
	// maxNodes bounds the number of YAML nodes in one document.
	maxNodes = 200_000
	// MaxProblems is how many problems are reported for one file; past it
	// they are only counted, so a hostile file cannot make the messages
	// themselves huge.
	MaxProblems = 100
)

// reader walks YAML nodes and collects problems with their positions.
type reader struct {
	file  string
	probs Problems
	more  int // problems past MaxProblems, counted but not kept
}

func posOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{Line: n.Line, Col: n.Column}
}

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.errorAt(posOf(n), format, args...)
}

func (r *reader) errorAt(p Pos, format string, args ...any) {
	if len(r.probs) >= MaxProblems {
		r.more++
		return
	}
	r.probs = append(r.probs, Problem{File: r.file, Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// problems returns the problems found, sorted by position, with a last one
// counting those past MaxProblems.
func (r *reader) problems() Problems {
	ps := r.probs.sorted()
	if r.more > 0 {
		ps = append(ps, Problem{File: r.file, Msg: fmt.Sprintf("… and %d more problems", r.more)})
	}
	return ps
}

// parse checks data against the limits and parses it into its root node,
// which is never an alias and never nil when no problem was recorded.
// what names the kind of file for messages ("rule base", "answers").
func (r *reader) parse(data []byte, limit int, what string) *yaml.Node {
	if len(data) > limit {
		r.errorAt(Pos{}, "%s file is %d bytes; the limit is %d bytes", what, len(data), limit)
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		r.errorAt(Pos{}, "%s file is empty", what)
		return nil
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		r.errorAt(Pos{}, "%s file is not UTF-8 text (is it a binary file?)", what)
		return nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&doc)
	if err == io.EOF {
		r.errorAt(Pos{}, "%s file holds no YAML document", what)
		return nil
	}
	// A second document would be silently ignored: refuse it. Only text
	// with a document marker can hold one, so skip the check otherwise.
	if err == nil && (bytes.Contains(data, []byte("---")) || bytes.Contains(data, []byte("..."))) {
		var extra yaml.Node
		switch err2 := dec.Decode(&extra); {
		case err2 == io.EOF:
		case err2 != nil:
			err = err2
		default:
			r.errorf(&extra, "%s file holds more than one YAML document (a line with ---); put everything in one", what)
			return nil
		}
	}
	if err != nil {
		// The parser reports "yaml: line N: message", without a column,
		// and for some errors N is where the enclosing block starts.
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		p := Pos{}
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if num, text, ok := strings.Cut(rest, ": "); ok {
				if line, err := strconv.Atoi(num); err == nil {
					p, msg = Pos{Line: line, Col: 1}, text
				}
			}
		}
		if loc := locateSyntaxError(data); loc.Line >= p.Line {
			p = loc
		}
		if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
			name, _, _ = strings.Cut(name, "'")
			if at := positionOf(data, "*"+name); at.Line > 0 {
				p = at
			}
		}
		r.errorAt(p, "YAML syntax error: %s", msg)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		r.errorAt(Pos{}, "%s file holds no YAML document", what)
		return nil
	}
	root := doc.Content[0]
	if !r.checkShape(root, 0, new(int)) {
		return nil
	}
	return root
}

// locateLimit bounds the input size for which locateSyntaxError runs.
const locateLimit = 512 << 10

// locateSyntaxError finds the first line at which data stops being valid
// YAML, by parsing ever longer prefixes of whole lines (a binary search), and
// returns it with the column of its first character. It returns the zero Pos
// for large inputs or when no prefix fails.
func locateSyntaxError(data []byte) Pos {
	if len(data) > locateLimit {
		return Pos{}
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	fails := func(k int) bool {
		var n yaml.Node
		dec := yaml.NewDecoder(bytes.NewReader(bytes.Join(lines[:k], nil)))
		for {
			if err := dec.Decode(&n); err != nil {
				return err != io.EOF
			}
		}
	}
	if !fails(len(lines)) {
		return Pos{}
	}
	lo, hi := 1, len(lines)
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	line := lines[lo-1]
	col := len(line) - len(bytes.TrimLeft(line, " ")) + 1
	return Pos{Line: lo, Col: col}
}

// positionOf returns the position of the first occurrence of s in data.
func positionOf(data []byte, s string) Pos {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return Pos{}
	}
	line := bytes.Count(data[:i], []byte("\n")) + 1
	col := i - bytes.LastIndexByte(data[:i], '\n')
	return Pos{Line: line, Col: col}
}

// checkShape refuses anchors (and so aliases), too-deep nesting and too
// many nodes.
func (r *reader) checkShape(n *yaml.Node, depth int, count *int) bool {
	*count++
	if *count > maxNodes {
		r.errorf(n, "too many YAML nodes (limit %d)", maxNodes)
		return false
	}
	if depth > maxDepth {
		r.errorf(n, "nesting is deeper than %d levels", maxDepth)
		return false
	}
	// An alias can only follow its anchor, which is refused first.
	if n.Anchor != "" {
		r.errorf(n, "YAML anchors (&%s) are not supported; write the value out", n.Anchor)
		return false
	}
	for _, c := range n.Content {
		if !r.checkShape(c, depth+1, count) {
			return false
		}
	}
	return true
}

// kindName names a node kind for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

// field is one key of a mapping with its value.
type field struct {
	key   *yaml.Node
	value *yaml.Node
}

// fields reads a mapping whose keys must be among required and optional.
// Missing required keys, unknown keys and duplicate keys are problems. The
// result maps each key present to its value; ok is false when n is not a
// mapping.
func (r *reader) fields(n *yaml.Node, what string, required, optional []string) (map[string]*yaml.Node, bool) {
	if n == nil {
		return nil, false // a missing field, reported by the caller's fields()
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s must be a mapping, got %s", what, kindName(n))
		return nil, false
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		if _, dup := out[name]; dup {
			r.errorf(k, "%s: key %q is given twice", what, name)
			continue
		}
		if !contains(required, name) && !contains(optional, name) {
			r.errorf(k, "%s: unknown field %q; allowed: %s", what, name, strings.Join(append(append([]string{}, required...), optional...), ", "))
			continue
		}
		out[name] = v
	}
	for _, name := range required {
		if _, ok := out[name]; !ok {
			r.errorf(n, "%s: missing field %q", what, name)
		}
	}
	return out, true
}

// pairs reads a mapping in order, reporting duplicate keys.
func (r *reader) pairs(n *yaml.Node, what string) ([]field, bool) {
	if n == nil {
		return nil, false
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s must be a mapping, got %s", what, kindName(n))
		return nil, false
	}
	seen := make(map[string]bool, len(n.Content)/2)
	out := make([]field, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			r.errorf(k, "%s: keys must be plain names, got %s", what, kindName(k))
			continue
		}
		if seen[k.Value] {
			r.errorf(k, "%s: key %q is given twice", what, k.Value)
			continue
		}
		seen[k.Value] = true
		out = append(out, field{key: k, value: v})
	}
	return out, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// str reads a non-empty string scalar.
func (r *reader) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.errorf(n, "%s must be text, got %s", what, kindName(n))
		return ""
	}
	if strings.TrimSpace(n.Value) == "" {
		r.errorf(n, "%s must not be empty", what)
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// optStr reads an optional string: a missing node gives "".
func (r *reader) optStr(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	return r.str(n, what)
}

// seq reads a list.
func (r *reader) seq(n *yaml.Node, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, "%s must be a list, got %s", what, kindName(n))
		return nil
	}
	return n.Content
}

// strs reads a list of non-empty strings.
func (r *reader) strs(n *yaml.Node, what string) []string {
	items := r.seq(n, what)
	if items == nil {
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s := r.str(it, what+" item"); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// num reads a number within [lo, hi].
func (r *reader) num(n *yaml.Node, what string, lo, hi float64) (float64, bool) {
	if n == nil {
		return 0, false
	}
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		r.errorf(n, "%s must be a number, got %s", what, kindName(n))
		return 0, false
	}
	f, err := strconv.ParseFloat(n.Value, 64)
	if err != nil {
		r.errorf(n, "%s must be a number, got %q", what, n.Value)
		return 0, false
	}
	if f < lo || f > hi || f != f {
		r.errorf(n, "%s is %s; it must be between %s and %s", what, n.Value, fmtNum(lo), fmtNum(hi))
		return f, false
	}
	return f, true
}

// integer reads an integer within [lo, hi].
func (r *reader) integer(n *yaml.Node, what string, lo, hi int) (int, bool) {
	if n == nil {
		return 0, false
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		r.errorf(n, "%s must be a whole number, got %s", what, kindName(n))
		return 0, false
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		r.errorf(n, "%s must be a whole number, got %q", what, n.Value)
		return 0, false
	}
	if v < lo || v > hi {
		r.errorf(n, "%s is %d; it must be between %d and %d", what, v, lo, hi)
		return v, false
	}
	return v, true
}

func fmtNum(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
