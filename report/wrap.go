package report

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap wraps s at spaces to width, the first line indented by first
// spaces and the others by rest. Spaces that start s, or that align
// columns inside a line, stay. A web address is never broken: one too
// long for the line runs past the width on a line of its own. Another
// word too long for a line is cut where the line ends.
func Wrap(s string, width, first, rest int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	trimmed := strings.TrimLeft(s, " ")
	first += len(s) - len(trimmed)
	var lines []string
	cur, curW := "", 0
	indent := first
	flush := func() {
		lines = append(lines, strings.Repeat(" ", indent)+cur)
		cur, curW, indent = "", 0, rest
	}
	for _, word := range strings.Split(trimmed, " ") {
		if word == "" && cur == "" {
			continue // a space where a line broke
		}
		ww := ansi.StringWidth(word)
		room := max(1, width-indent)
		switch {
		case cur == "" && ww <= room:
			cur, curW = word, ww
		case cur != "" && curW+1+ww <= room:
			cur, curW = cur+" "+word, curW+1+ww
		case IsAddress(word):
			if cur != "" {
				flush()
			}
			cur, curW = word, ww
		default:
			if cur != "" {
				flush()
				room = max(1, width-indent)
			}
			if ww <= room {
				cur, curW = word, ww
				continue
			}
			parts := strings.Split(ansi.Hardwrap(word, room, false), "\n")
			for _, p := range parts[:len(parts)-1] {
				cur = p
				flush()
			}
			cur, curW = parts[len(parts)-1], ansi.StringWidth(parts[len(parts)-1])
		}
	}
	if cur != "" || len(lines) == 0 {
		flush()
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// IsAddress reports whether a word is a web address (or holds one), which
// must never be broken.
func IsAddress(word string) bool {
	return strings.Contains(word, "://") || strings.HasPrefix(word, "doi:")
}
