package knowledge

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// reader walks YAML nodes and collects problems with their positions.
type reader struct {
	file  string
	probs Problems
	more  int  // problems past MaxProblems, counted but not kept
	json  bool // read as strict JSON whatever the file's name
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

// errorAt records a problem at p. The message may quote the input as it
// is: Problem.Error escapes it, and every output goes through Error.
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
// what names the kind of file for messages ("rule base", "answers"). A
// leading UTF-8 byte-order mark (which Windows PowerShell 5 writes) is
// dropped, in every input alike. A file named .json, or any file when
// r.json is set, is read as strict JSON (parseJSON); any other as YAML.
func (r *reader) parse(data []byte, limit int, what string) *yaml.Node {
	if len(data) > limit {
		r.errorAt(Pos{}, "%s file is %d bytes; the limit is %d bytes", what, len(data), limit)
		return nil
	}
	data = bytes.TrimPrefix(data, bom)
	if len(bytes.TrimSpace(data)) == 0 {
		r.errorAt(Pos{}, "%s file is empty", what)
		return nil
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		r.errorAt(Pos{}, "%s file is not UTF-8 text (is it a binary file?)", what)
		return nil
	}
	// YAML reads NEL, U+2028, U+2029 and a lone carriage return as line
	// breaks (and drops the white space before them), so they would never
	// reach the checks on text (which name where the text belongs): refuse
	// them in the raw file, comments included. A carriage return may only
	// end a line (CRLF).
	if p, c, ok := rawBreak(data); ok {
		r.errorAt(p, "%s file contains the control or formatting character %U, which is not allowed; remove it", what, c)
		return nil
	}
	if r.json || isJSONName(r.file) {
		root, err := parseJSON(data)
		if err != nil {
			r.errorAt(err.pos, "%s", err.msg)
			return nil
		}
		return root
	}
	// Refuse a file with too many nodes before the parser builds them all:
	// every node but the first follows a separator, so counting those
	// bounds the nodes from above, in one cheap pass.
	if n := separators(data); n > 2*maxNodes {
		r.errorAt(Pos{}, "%s file has too many YAML values (%d separators; the limit is %d values)", what, n, maxNodes)
		return nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&doc)
	if err == io.EOF {
		r.errorAt(Pos{}, "%s file holds no YAML document", what)
		return nil
	}
	// Anything after the first document would be silently ignored: refuse
	// it, whether it is a second document or stray text.
	if err == nil {
		var extra yaml.Node
		switch err2 := dec.Decode(&extra); {
		case err2 == io.EOF:
		case err2 != nil:
			_, msg, _ := cutLine(strings.TrimPrefix(err2.Error(), "yaml: "))
			r.errorAt(syntaxPos(data, err2), "%s file has content after its first document (%s); put everything in one document and remove the rest", what, msg)
			return nil
		default:
			r.errorf(&extra, "%s file holds more than one document (a second document starts here); put everything in one", what)
			return nil
		}
	}
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if _, text, ok := cutLine(msg); ok {
			msg = text
		}
		p := syntaxPos(data, err)
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

// rawBreak finds the first line break in data that YAML reads but
// UnsafeRune refuses in text (NEL, U+2028, U+2029, or a carriage return
// that does not end a line with a newline), and where it is.
func rawBreak(data []byte) (Pos, rune, bool) {
	for i := 0; i < len(data); {
		c, size := rune(data[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRune(data[i:])
		}
		switch {
		case c == '\r' && (i+1 == len(data) || data[i+1] != '\n'),
			c == 0x85, c == 0x2028, c == 0x2029:
			return offsetPos(data, i), c, true
		}
		i += size
	}
	return Pos{}, 0, false
}

// separators counts the bytes that can start a YAML node: flow
// separators and indicators, block sequence entries and line breaks. The
// number of nodes in a document is about this count (a mapping entry
// "key: value" is two nodes and two separators, a flow list item one of
// each), so a count more than twice the node limit is refused without
// parsing. Separators in quoted text and comments count too: telling them
// apart needs a real scanner (an apostrophe in a comment or a word starts
// no string), and twice the node limit leaves room for punctuation in
// text.
func separators(data []byte) int {
	n := 0
	for i, c := range data {
		switch c {
		case ',', '[', '{', '\n':
			n++
		case '-', ':':
			if i+1 < len(data) && (data[i+1] == ' ' || data[i+1] == '\n') {
				n++
			}
		}
	}
	return n
}

// cutLine splits a parser message "line N: text" into N and text.
func cutLine(msg string) (int, string, bool) {
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg, false
	}
	num, text, ok := strings.Cut(rest, ": ")
	if !ok {
		return 0, msg, false
	}
	line, err := strconv.Atoi(num)
	if err != nil {
		return 0, msg, false
	}
	return line, text, true
}

// syntaxPos finds where a YAML syntax error is. The parser reports only a
// line, and for some errors the line where the enclosing block starts, so
// this finds the first line at which data stops being valid YAML: one
// parse that feeds the input a byte at a time gives a bound (the parser
// stops a few tokens past the error), then at most maxProbes parses of
// prefixes search the lines just below it. That is a fixed number of
// parses, so the cost is linear in the input. The column is that of the
// line's first character.
func syntaxPos(data []byte, err error) Pos {
	reported, _, _ := cutLine(strings.TrimPrefix(err.Error(), "yaml: "))
	upper := consumedLines(data)
	if upper == 0 {
		if reported > 0 {
			return lineStart(data, reported)
		}
		return Pos{}
	}
	lo := max(1, reported, upper-(1<<maxProbes)+1)
	if lo > upper {
		lo = upper
	}
	hi := upper
	// fails(k): the first k lines are not valid YAML on their own.
	ends := lineEnds(data)
	fails := func(k int) bool { return yamlFails(data[:ends[k-1]]) }
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lineStart(data, lo)
}

// maxProbes bounds the prefix parses syntaxPos makes: it searches the
// 2^maxProbes lines below the bound.
const maxProbes = 6

// trickle reads its data a few bytes a call, so that the bytes a parser
// has consumed when it fails tell, within a line or two, where it failed.
type trickle struct {
	data []byte
	n    int
}

func (t *trickle) Read(p []byte) (int, error) {
	if t.n >= len(t.data) {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	n := copy(p[:min(len(p), trickleChunk)], t.data[t.n:])
	t.n += n
	return n, nil
}

// trickleChunk is how many bytes trickle gives a call: small enough that
// the parser's overshoot stays within syntaxPos's search window, large
// enough to keep the calls few.
const trickleChunk = 32

// consumedLines parses data once and returns the line the parser had read
// up to when it failed, or 0 when data parses.
func consumedLines(data []byte) int {
	t := &trickle{data: data}
	dec := yaml.NewDecoder(t)
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if err == io.EOF {
				return 0
			}
			return bytes.Count(data[:max(0, t.n-1)], []byte("\n")) + 1
		}
	}
}

// yamlFails reports whether data is not valid YAML.
func yamlFails(data []byte) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			return err != io.EOF
		}
	}
}

// lineEnds returns the offset just past each line of data.
func lineEnds(data []byte) []int {
	var ends []int
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	return ends
}

// lineStart is the position of the first character of line (1-based).
func lineStart(data []byte, line int) Pos {
	start := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data[start:], '\n')
		if i < 0 {
			break
		}
		start += i + 1
	}
	end := bytes.IndexByte(data[start:], '\n')
	if end < 0 {
		end = len(data) - start
	}
	text := data[start : start+end]
	return Pos{Line: line, Col: len(text) - len(bytes.TrimLeft(text, " ")) + 1}
}

// bom is the UTF-8 byte-order mark some editors write first.
var bom = []byte("\xef\xbb\xbf")

// isJSONName reports whether a file is named as JSON, and so must be
// strict JSON rather than any YAML.
func isJSONName(name string) bool { return strings.EqualFold(path.Ext(name), ".json") }

// offsetPos is the line and column of byte off of data, the column in
// characters as the YAML reader counts them.
func offsetPos(data []byte, off int) Pos {
	off = max(0, min(off, len(data)))
	line := bytes.Count(data[:off], []byte("\n")) + 1
	col := utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off]) + 1
	return Pos{Line: line, Col: col}
}

// positionOf returns the position of the first occurrence of s in data.
func positionOf(data []byte, s string) Pos {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return Pos{}
	}
	return offsetPos(data, i)
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

// str reads a non-empty string scalar. Text that could act on a terminal
// or reorder what a reader sees (control characters other than a newline
// or a tab, and bidirectional formatting characters) is refused, so no
// file can smuggle it into the app's screens or reports.
func (r *reader) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.errorf(n, "%s must be text, got %s", what, kindName(n))
		return ""
	}
	s := strings.TrimSpace(n.Value)
	if s == "" {
		r.errorf(n, "%s must not be empty", what)
		return ""
	}
	if c, ok := badRune(s, true); ok {
		r.errorf(n, "%s contains the control or formatting character %U, which is not allowed in text; remove it", what, c)
		return ""
	}
	return s
}

// line reads text that must fit on one line, such as a title, a label or
// a version: str, and no line breaks either.
func (r *reader) line(n *yaml.Node, what string) string {
	s := r.str(n, what)
	if c, ok := badRune(s, false); ok {
		r.errorf(n, "%s must be one line of text, but it contains %U; remove the line break", what, c)
		return ""
	}
	return s
}

// optLine reads an optional one-line text: a missing node gives "".
func (r *reader) optLine(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	return r.line(n, what)
}

// badRune returns the first rune of s that text may not hold: an
// UnsafeRune, or a line break when the text is one line.
func badRune(s string, multiline bool) (rune, bool) {
	for _, c := range s {
		if UnsafeRune(c) || !multiline && (c == '\n' || c == '\t') {
			return c, true
		}
	}
	return 0, false
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

// boolean reads an optional true or false, spelt as the YAML 1.2 core
// schema allows: true, True, TRUE, false, False or FALSE. Anything else,
// such as a quoted "true" or an explicitly tagged !!bool yes, is refused
// rather than read as false.
func (r *reader) boolean(n *yaml.Node, what string) bool {
	if n == nil {
		return false
	}
	got := kindName(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		switch n.Value {
		case "true", "True", "TRUE":
			return true
		case "false", "False", "FALSE":
			return false
		}
		got = fmt.Sprintf("%q", n.Value)
	}
	r.errorf(n, "%s must be true or false, got %s; allowed: %s", what, got, boolSpellings)
	return false
}

// boolSpellings lists the booleans boolean accepts, for messages.
const boolSpellings = "true, True, TRUE, false, False, FALSE"
