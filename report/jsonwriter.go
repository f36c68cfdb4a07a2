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

func (j *jsonWriter) newline() {
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
		j.close('}')
	}
	j.close(']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced, the rest as is.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
