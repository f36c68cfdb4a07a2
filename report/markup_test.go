package report

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMarkdownMarkup checks mdMarkup against the strings.Replacer it
// replaces (built here, not at start-up), on fixed and random text.
func TestMarkdownMarkup(t *testing.T) {
	want := strings.NewReplacer(
		`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
		"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "|", `\|`, "~", `\~`,
		"\n", " ", "\r", " ",
	)
	for _, s := range []string{"", "plain", "*", "a*b_c`d[e]f<g>h&i#j|k~l\\m\nn\ro", "**bold**", "<b>é</b>", "日本語_x", "\xff*"} {
		if got := mdMarkup(s); got != want.Replace(s) {
			t.Errorf("mdMarkup(%q) = %q, want %q", s, got, want.Replace(s))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ab \\*_`[]<>&#|~\n\r-.é"
	for range 5000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if s := string(b); mdMarkup(s) != want.Replace(s) {
			t.Fatalf("mdMarkup(%q) = %q, want %q", s, mdMarkup(s), want.Replace(s))
		}
	}
}
