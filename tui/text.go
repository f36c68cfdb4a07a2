package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// clean makes text that came from a file (a rule base, a case, an answers
// file, a file name, an error about one) safe to draw: control characters
// and bidirectional overrides are shown as visible escapes, on one line.
// Every such text passes through it before it is styled.
func clean(s string) string { return report.CleanLine(s) }

// wrapText wraps s (which may hold styles) to width cells. Long words are
// broken, never cut: nothing is lost.
func wrapText(s string, width int) string {
	return ansi.Wrap(s, max(1, width), "")
}

// wrapPhrases joins phrases (which may hold styles) with " · " and wraps
// them to width cells, breaking lines only between phrases: a phrase is
// never split unless it is wider than a line on its own.
func wrapPhrases(phrases []string, width int) string {
	const sep = " · "
	width = max(1, width)
	var out []string
	cur, curW := "", 0
	for _, p := range phrases {
		pw := ansi.StringWidth(p)
		switch {
		case cur == "":
		case curW+3+pw <= width: // " · " is 3 cells wide
			cur, curW = cur+sep+p, curW+3+pw
			continue
		default:
			out = append(out, cur)
		}
		if pw > width {
			ls := strings.Split(wrapText(p, width), "\n")
			out = append(out, ls[:len(ls)-1]...)
			p = ls[len(ls)-1]
			pw = ansi.StringWidth(p)
		}
		cur, curW = p, pw
	}
	if cur != "" {
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}

// hang wraps s to width cells with its first line indented by first
// cells and the others by rest: a bullet with its text hanging under it.
func hang(s string, width, first, rest int) string {
	ls := strings.Split(wrapText(s, max(1, width-max(first, rest))), "\n")
	for i := range ls {
		n := rest
		if i == 0 {
			n = first
		}
		ls[i] = strings.Repeat(" ", n) + ls[i]
	}
	return strings.Join(ls, "\n")
}

// lead writes prefix, then text wrapped in the width left, its other
// lines under the first: a column of text after a fixed lead.
func lead(prefix, text string, width int) string {
	n := ansi.StringWidth(prefix)
	ls := strings.Split(wrapText(text, max(1, width-n)), "\n")
	for i := range ls {
		if i == 0 {
			ls[i] = prefix + ls[i]
		} else {
			ls[i] = strings.Repeat(" ", n) + ls[i]
		}
	}
	return strings.Join(ls, "\n")
}

// lines splits s into lines; "" is no line at all.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// lineCount is the number of lines s takes.
func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

// clip cuts s to at most width cells per line and height lines, so a view
// never draws outside the space it was given. Views wrap their text before
// this: clip is the last guard, not the layout.
func clip(s string, width, height int) string {
	ls := strings.Split(s, "\n")
	if height >= 0 && len(ls) > height {
		ls = ls[:height]
	}
	for i, l := range ls {
		// A line never takes more cells than it has bytes, so short lines
		// need no measuring.
		if len(l) > width && ansi.StringWidth(l) > width {
			ls[i] = ansi.Truncate(l, max(0, width), "")
		}
	}
	return strings.Join(ls, "\n")
}

// pad pads s with spaces to width cells.
func pad(s string, width int) string {
	if n := width - ansi.StringWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// lpad pads s on the left to width cells: numbers in a column.
func lpad(s string, width int) string {
	if n := width - ansi.StringWidth(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}

// indent pads every non-empty line of s with n spaces.
func indent(s string, n int) string {
	p := strings.Repeat(" ", n)
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		if l != "" {
			ls[i] = p + l
		}
	}
	return strings.Join(ls, "\n")
}

// plural is "1 rule", "2 rules".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

// itoa is strconv.Itoa without the import in every file.
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// signed renders points with their sign, right-aligned in width cells:
// " +9", "-12".
func signed(n, width int) string {
	s := itoa(n)
	if n > 0 {
		s = "+" + s
	}
	if n == 0 {
		s = "±0"
	}
	return strings.Repeat(" ", max(0, width-len(s))) + s
}

// safeFrame is the last guard before a frame reaches the terminal: it
// drops every escape sequence that is not a colour or text style (SGR),
// every other control character but the newline, and every bidirectional
// formatting character. The app's own styles are SGR only, and text from
// files is cleaned where it is used, so on a healthy frame this changes
// nothing; it is there so that a text that escaped cleaning can still not
// set a title, make a link, move the cursor or reorder a line.
func safeFrame(s string) string {
	if !needsGuard(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n := keptLen(s[i:])
			if n > 0 {
				b.WriteString(s[i : i+n])
				i += n
				continue
			}
			i += escLen(s[i:])
		case c < 0x20 && c != '\n', c == 0x7f:
			i++
		case c < 0x80:
			b.WriteByte(c)
			i++
		default:
			r, size := decodeRune(s[i:])
			if !badRune(r) {
				b.WriteString(s[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

// needsGuard reports whether s holds anything safeFrame would look at
// beyond SGR sequences.
func needsGuard(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0x1b {
			n := keptLen(s[i:])
			if n == 0 {
				return true
			}
			i += n - 1
			continue
		}
		if (c < 0x20 && c != '\n') || c == 0x7f {
			return true
		}
		if c >= 0x80 {
			r, size := decodeRune(s[i:])
			if badRune(r) {
				return true
			}
			i += size - 1
		}
	}
	return false
}

// keptLen is the length of the sequence at the start of s that a frame
// keeps: a colour or text style, or a web link the app made (see
// linkLen); 0 for anything else.
func keptLen(s string) int {
	if n := sgrLen(s); n > 0 {
		return n
	}
	return linkLen(s)
}

// linkLen is the length of the OSC 8 hyperlink sequence at the start of s
// (ESC ] 8 ; ; URI BEL), or 0: one that ends a link, or starts a link to
// a plain http or https address of printable ASCII, with no parameters.
// Text from files is cleaned before it is drawn, so only the app makes
// these; a link that is anything else is dropped like any escape.
func linkLen(s string) int {
	const open = "\x1b]8;;"
	if !strings.HasPrefix(s, open) {
		return 0
	}
	end := strings.IndexByte(s, 0x07)
	if end < 0 {
		return 0
	}
	uri := s[len(open):end]
	if uri != "" && !strings.HasPrefix(uri, "https://") && !strings.HasPrefix(uri, "http://") {
		return 0
	}
	for i := 0; i < len(uri); i++ {
		if uri[i] <= 0x20 || uri[i] >= 0x7f {
			return 0
		}
	}
	return end + 1
}

// sgrLen is the length of the SGR sequence (ESC [ digits ; : m) at the
// start of s, or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// escLen is the length of the escape sequence at the start of s (which
// starts with ESC), to skip it whole: CSI up to its final byte; OSC, DCS,
// APC, PM and SOS up to their terminator; anything else two bytes.
func escLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', '_', '^', 'X':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 2
}

// badRune is a rune no frame may carry: a C1 control or a bidirectional
// formatting character (knowledge.UnsafeRune past ASCII; the C0 controls
// are handled with the escape sequences), or invalid UTF-8 (-1).
func badRune(r rune) bool { return r < 0 || r >= 0x80 && knowledge.UnsafeRune(r) }

// decodeRune decodes the first rune of s; invalid UTF-8 is -1, one byte.
func decodeRune(s string) (rune, int) {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return -1, 1
	}
	return r, size
}
