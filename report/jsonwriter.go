package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// jsonWriter writes indented JSON. It tracks only what indentation needs:
// how deep it is and whether the current container has a value yet.
type jsonWriter struct {
	buf   []byte
	depth int
	first bool // the next value is the first in its container
	inKey bool // a key was just written: the value goes on the same line
	// rb is the rule base of the answers written: it says what an
	// unanswered follow-up was read as.
	rb *knowledge.RuleBase
}

// value starts a value: a comma and a new line unless it follows a key.
func (j *jsonWriter) value() {
	if j.inKey {
		j.inKey = false
		return
	}
	if j.depth > 0 {
		if !j.first {
			j.buf = append(j.buf, ',')
		}
		j.newline()
	}
	j.first = false
}

// indent is a new line and enough indentation for any depth used.
const indent = "\n                                "

func (j *jsonWriter) newline() {
	if n := 1 + 2*j.depth; n <= len(indent) {
		j.buf = append(j.buf, indent[:n]...)
		return
	}
	j.buf = append(j.buf, '\n')
	for i := 0; i < j.depth; i++ {
		j.buf = append(j.buf, ' ', ' ')
	}
}

func (j *jsonWriter) open(c byte) {
	j.value()
	j.buf = append(j.buf, c)
	j.depth++
	j.first = true
}

func (j *jsonWriter) close(c byte) {
	j.depth--
	if !j.first {
		j.newline()
	}
	j.buf = append(j.buf, c)
	j.first = false
}

func (j *jsonWriter) key(k string) {
	j.value()
	j.buf = appendJSONString(j.buf, k)
	j.buf = append(j.buf, ':', ' ')
	j.inKey = true
}

func (j *jsonWriter) str(s string) {
	j.value()
	j.buf = appendJSONString(j.buf, s)
}

func (j *jsonWriter) field(k, v string) {
	j.key(k)
	j.str(v)
}

func (j *jsonWriter) int(n int) {
	j.value()
	j.buf = strconv.AppendInt(j.buf, int64(n), 10)
}

// float writes a finite number; rule weights are validated to be finite.
func (j *jsonWriter) float(f float64) {
	j.value()
	j.buf = strconv.AppendFloat(j.buf, f, 'g', -1, 64)
}

func (j *jsonWriter) bool(v bool) {
	j.value()
	j.buf = strconv.AppendBool(j.buf, v)
}

// notes writes sourced notes as a list of {text, source}.
func (j *jsonWriter) notes(ns []knowledge.Note) {
	j.open('[')
	for _, n := range ns {
		j.open('{')
		j.field("text", n.Text)
		j.field("source", n.Source)
		j.close('}')
	}
	j.close(']')
}

func (j *jsonWriter) strings(list []string) {
	j.open('[')
	for _, s := range list {
		j.str(s)
	}
	j.close(']')
}

func (j *jsonWriter) refs(refs []knowledge.AnswerRef) {
	j.open('[')
	for _, r := range refs {
		j.open('{')
		j.field("question", r.Question)
		j.field("answer", r.Answer)
		if as := j.rb.ReadAs(r); as != "" {
			// A follow-up asked but not answered, which a red flag read
			// on the safe side: answer is "unanswered".
			j.field("read_as", as)
		}
		j.close('}')
	}
	j.close(']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, U+2028 and U+2029 escaped (for JavaScript
// readers), invalid UTF-8 replaced, the rest copied in runs.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	valid := utf8.ValidString(s)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		size := 1
		r := rune(utf8.RuneError)
		if valid {
			// U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
			if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				r, size = rune(0x2000|int(s[i+2]-0xA0)+0x20), 3
			} else {
				i++
				continue
			}
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			if r != '\u2028' && r != '\u2029' && !(r == utf8.RuneError && size == 1) {
				i += size
				continue
			}
		}
		b = append(b, s[start:i]...)
		if r == utf8.RuneError {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xf])
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
