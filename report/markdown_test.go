package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// opensBlock reports whether line, at the start of a line or of a list
// item, would open a Markdown block (CommonMark): indentation; a heading,
// block quote, fence, HTML or table row, whose characters mdEscape
// escapes anywhere; a bullet; a thematic break or heading underline; or
// an ordered list item.
func opensBlock(line string) bool {
	if line == "" {
		return false
	}
	if strings.IndexByte(" \t#>~`<|", line[0]) >= 0 {
		return true
	}
	if m := regexp.MustCompile(`^[-+*]([ \t]|$)|^[0-9]{1,9}[.)]([ \t]|$)`).MatchString(line); m {
		return true
	}
	for _, c := range "-*_=" {
		rest := strings.Trim(line, string(c)+" \t")
		if rest == "" && line[0] == byte(c) && (c == '=' || c == '-' || strings.Count(line, string(c)) >= 3) {
			return true
		}
	}
	return false
}

// mdUnescape undoes mdEscape: a backslash before ASCII punctuation and
// the three entities it writes.
func mdUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0:
			i++
			b.WriteByte(s[i])
		case s[i] == '&':
			ent := ""
			for _, e := range [][2]string{{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}} {
				if strings.HasPrefix(s[i:], e[0]) {
					ent = e[1]
					i += len(e[0]) - 1
					break
				}
			}
			if ent == "" {
				ent = "&"
			}
			b.WriteString(ent)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// TestMdEscapeLineStart checks text that would open a block where it
// starts a line is escaped, and text that would not keeps its words.
func TestMdEscapeLineStart(t *testing.T) {
	for in, want := range map[string]string{
		"1. Nothing to worry about": `1\. Nothing to worry about`,
		"12) twelve":                `12\) twelve`,
		"2026. A year":              `2026\. A year`,
		"- x":                       `\- x`,
		"+ x":                       `\+ x`,
		"---":                       `\---`,
		"===":                       `\===`,
		"-5 mg":                     "-5 mg",
		"+5":                        "+5",
		"-":                         `\-`,
		"- - -":                     `\- - -`,
		"--":                        `\--`,
		"== ":                       `\== `,
		"=5":                        "=5",
		"1.":                        `1\.`,
		"1.5 mg":                    "1.5 mg",
		"2026.11.2":                 "2026.11.2",
		"3)":                        `3\)`,
		"   - indented":             `\- indented`,
		"    code block":            "code block",
		"\t1. tab":                  `1\. tab`,
		"\n- after a newline":       `\- after a newline`,
		"# heading":                 `\# heading`,
		"> quote":                   "&gt; quote",
		"* star":                    `\* star`,
		"``` fence":                 "\\`\\`\\` fence",
		"~~~ fence":                 `\~\~\~ fence`,
		"a - b. 1. c":               "a - b. 1. c",
		"1 a":                       "1 a",
		"1":                         "1",
		"":                          "",
		"   ":                       "",
	} {
		if got := mdEscape(in); got != want {
			t.Errorf("mdEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzMdEscape checks any text comes out as one line that opens no block,
// wherever a report places it, and reads the same once unescaped (less
// its leading white space, with line breaks as spaces).
func FuzzMdEscape(f *testing.F) {
	for _, s := range []string{"1. Nothing to worry about", "- x", "+ x", "---", "===", "  12) x", "\n> q", "&lt; & <b>", `\- x`, "a\r\n- b", "2026.11.2", "-", "1", "- - -", "== "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := mdEscape(s)
		if strings.ContainsAny(got, "\n\r") {
			t.Fatalf("mdEscape(%q) = %q spans lines", s, got)
		}
		// What a report puts after the text: nothing or a reference mark
		// (after empty text the line is the report's own).
		for _, after := range []string{"", ` \[1\]`} {
			if got == "" {
				break
			}
			if opensBlock(got + after) {
				t.Fatalf("mdEscape(%q) = %q opens a block at the start of a line, followed by %q", s, got, after)
			}
		}
		want := strings.TrimLeft(strings.NewReplacer("\n", " ", "\r", " ").Replace(s), " \t")
		if back := mdUnescape(got); back != want {
			t.Fatalf("mdEscape(%q) = %q reads %q, want %q", s, got, back, want)
		}
	})
}

// TestMarkdownLineStarts renders a rule base whose texts start like
// Markdown blocks, where the report puts them at the start of a line, of
// a list item and of a block quote: each stays text.
func TestMarkdownLineStarts(t *testing.T) {
	y := string(testrules.YAML())
	for _, r := range [][2]string{
		{`action: "Book an appointment."`, `action: "1. Nothing to worry about"`},
		{`reason: "Emergency check skipped."`, `reason: "+ skipped"`},
		{`label: "Breathing difficulty"`, `label: "1) Breathing"`},
		{`disclaimer: "Test disclaimer: a screening aid, not a diagnosis."`, `disclaimer: "- the disclaimer"`},
	} {
		if !strings.Contains(y, r[0]) {
			t.Fatalf("the test rule base lacks %q", r[0])
		}
		y = strings.Replace(y, r[0], r[1], 1)
	}
	rb, err := knowledge.Load("blocks.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	a := answers(t, rb, "diet: vegan\n")
	var buf bytes.Buffer
	if err := Markdown(&buf, a, knowledge.Assess(a), reportDate); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"\n1. Nothing", "\n+ skipped", "1) Breathing", "\n- the"} {
		if strings.Contains(out, bad) {
			t.Errorf("the report holds %q as Markdown", bad)
		}
	}
	for _, good := range []string{"\n**1\\. Nothing to worry about", "\n\\+ skipped", "1\\) Breathing", "\n\\- the disclaimer"} {
		if !strings.Contains(out, good) {
			t.Errorf("the report lacks %q:\n%s", good, out)
		}
	}
}
