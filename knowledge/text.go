package knowledge

// UnsafeRune reports whether r could act on a terminal or reorder what a
// reader sees: a C0 control other than a newline or a tab, DEL, a C1
// control (NEL, U+0085, among them), a bidirectional mark, embedding,
// override or isolate, or the line and paragraph separators U+2028 and
// U+2029 (line breaks to YAML and to some terminals, but to nothing
// else). Rule bases, answers, cases and vignettes may hold none, and every
// output escapes them in anything that came from a file. It is the one
// place that says which characters are unsafe.
func UnsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
