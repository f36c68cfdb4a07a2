package knowledge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// smallObject is the number of keys past which an object's keys are
// checked for duplicates through a set rather than a scan.
const smallObject = 16

// jsonError is a JSON document that cannot be read: why, and where.
type jsonError struct {
	pos Pos
	msg string
}

func (e *jsonError) Error() string { return e.msg }

// parseJSON reads data as strict JSON, with encoding/json's semantics
// (escapes, surrogate pairs and numbers as the standard library reads
// them), into the same yaml.Node tree the YAML parser builds, with the
// line and column (in characters) of every value, so every .json input
// feeds the same decoding as YAML and its problems are positioned the
// same way. Refused, with where: a syntax error, a key given twice in one
// object (JSON readers disagree on which counts), nesting deeper than
// maxDepth, more than maxNodes values, and anything after the first value.
func parseJSON(data []byte) (*yaml.Node, *jsonError) {
	p := &jsonParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	off := p.start()
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &jsonError{pos: p.pos(off), msg: "not valid JSON: there is more after the first JSON value; a .json file must hold exactly one"}
	}
	return root, nil
}

// jsonParser walks the decoder's tokens. Its positions only move forward,
// so it turns offsets into lines and columns incrementally, in linear
// time.
type jsonParser struct {
	data  []byte
	dec   *json.Decoder
	nodes int
	// at is the offset whose line and column (in characters) are known.
	at, line, col int
}

// pos is the line and column of byte off, which is never before the last
// one asked for.
func (p *jsonParser) pos(off int64) Pos {
	o := max(0, min(int(off), len(p.data)))
	if p.line == 0 {
		p.line, p.col = 1, 1
	}
	if o < p.at {
		return offsetPos(p.data, o)
	}
	for p.at < o {
		c, size := utf8.DecodeRune(p.data[p.at:])
		p.at += size
		if c == '\n' {
			p.line, p.col = p.line+1, 1
		} else {
			p.col++
		}
	}
	return Pos{Line: p.line, Col: p.col}
}

// start is where the next token starts: past white space, commas and
// colons after the decoder's offset.
func (p *jsonParser) start() int64 {
	off := p.dec.InputOffset()
	for off < int64(len(p.data)) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (p *jsonParser) value(depth int) (*yaml.Node, *jsonError) {
	off := p.start()
	if depth > maxDepth {
		return nil, &jsonError{pos: p.pos(off), msg: fmt.Sprintf("nesting is deeper than %d levels", maxDepth)}
	}
	if p.nodes++; p.nodes > maxNodes {
		return nil, &jsonError{pos: p.pos(off), msg: fmt.Sprintf("too many JSON values (limit %d)", maxNodes)}
	}
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntax(err, off)
	}
	at := p.pos(off)
	n := &yaml.Node{Line: at.Line, Column: at.Col}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.Kind, n.Tag, n.Style = yaml.MappingNode, "!!map", yaml.FlowStyle
			if err := p.object(n, depth); err != nil {
				return nil, err
			}
		case '[':
			n.Kind, n.Tag, n.Style = yaml.SequenceNode, "!!seq", yaml.FlowStyle
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, v)
			}
		default:
			return nil, &jsonError{pos: at, msg: fmt.Sprintf("not valid JSON: unexpected %q", rune(t))}
		}
		eoff := p.start()
		if _, err := p.dec.Token(); err != nil {
			return nil, p.syntax(err, eoff)
		}
	case string:
		n.Kind, n.Tag, n.Style, n.Value = yaml.ScalarNode, "!!str", yaml.DoubleQuotedStyle, t
	case json.Number:
		// encoding/json refuses a number no float64 holds (1e700): so
		// does this reader.
		if _, err := strconv.ParseFloat(t.String(), 64); err != nil {
			return nil, &jsonError{pos: at, msg: fmt.Sprintf("not valid JSON: the number %s is out of range", t.String())}
		}
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", t.String()
		if strings.ContainsAny(n.Value, ".eE") {
			n.Tag = "!!float"
		}
	case bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", "false"
		if t {
			n.Value = "true"
		}
	case nil:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
	}
	return n, nil
}

// object reads the keys and values of an object into n. Keys are checked
// for duplicates by a scan while the object is small, and through a set
// once it is not, so an object of many keys costs linear time.
func (p *jsonParser) object(n *yaml.Node, depth int) *jsonError {
	var seen map[string]bool
	for p.dec.More() {
		koff := p.start()
		kt, err := p.dec.Token()
		if err != nil {
			return p.syntax(err, koff)
		}
		key, _ := kt.(string) // the decoder refuses a key that is not a string
		at := p.pos(koff)
		dup := seen[key]
		if seen == nil {
			for i := 0; i < len(n.Content); i += 2 {
				dup = dup || n.Content[i].Value == key
			}
		}
		if dup {
			return &jsonError{pos: at, msg: fmt.Sprintf("not valid JSON: key %s appears twice in one object; JSON readers disagree on which counts, so it is refused", quoteInput(key))}
		}
		if p.nodes++; p.nodes > maxNodes {
			return &jsonError{pos: at, msg: fmt.Sprintf("too many JSON values (limit %d)", maxNodes)}
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: key, Line: at.Line, Column: at.Col}
		v, err2 := p.value(depth + 1)
		if err2 != nil {
			return err2
		}
		n.Content = append(n.Content, k, v)
		switch {
		case seen != nil:
			seen[key] = true
		case len(n.Content) == 2*smallObject:
			seen = make(map[string]bool, 4*smallObject)
			for i := 0; i < len(n.Content); i += 2 {
				seen[n.Content[i].Value] = true
			}
		}
	}
	return nil
}

// syntax turns a decoder error, met reading the token that starts at
// off, into a positioned problem.
func (p *jsonParser) syntax(err error, off int64) *jsonError {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		// The decoder's offset is just past the bad byte, or at it when
		// it is the first byte of a token after a delimiter; off is where
		// that token starts.
		return &jsonError{pos: offsetPos(p.data, int(max(off, se.Offset-1))), msg: "not valid JSON: " + se.Error() + " (a .json file must be strict JSON)"}
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return &jsonError{pos: offsetPos(p.data, len(p.data)), msg: "not valid JSON: it ends too early"}
	}
	return &jsonError{pos: offsetPos(p.data, int(off)), msg: "not valid JSON: " + err.Error()}
}

// quoteInput quotes text from the input for a message, cut to a readable
// length; Problem.Error escapes what is unsafe.
func quoteInput(s string) string {
	const maxRunes = 120
	if utf8.RuneCountInString(s) > maxRunes {
		s = string([]rune(s)[:maxRunes]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// ReadJSON reads data as one strict JSON document (see parseJSON), after
// the checks every input gets (size, emptiness, UTF-8, a leading
// byte-order mark dropped), into a yaml.Node tree with positions. It is
// the one JSON reader: rule bases, answers, cases and vignettes named
// .json are read through it, and FHIR resources, whatever their name.
// name is used in messages and what names the kind of file ("answers").
// On bad input the error is Problems.
func ReadJSON(name string, data []byte, limit int, what string) (*yaml.Node, error) {
	r := &reader{file: name, json: true}
	root := r.parse(data, limit, what)
	if root == nil {
		return nil, r.problems()
	}
	return root, nil
}
