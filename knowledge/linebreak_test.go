package knowledge_test

import (
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestUnicodeLineBreaksRefused checks that NEL (U+0085), a C1 control,
// and the separators U+2028 and U+2029, which YAML reads as line breaks
// (dropping the white space before them), are refused wherever they are:
// raw in a rule base or a case, or written as a YAML escape. A CRLF file
// is still read; a carriage return on its own is not.
func TestUnicodeLineBreaksRefused(t *testing.T) {
	rb := ruleBase(t)
	rules := string(testrules.YAML())
	disclaimer := `disclaimer: "Test disclaimer: a screening aid, not a diagnosis."`
	story := "id: c\ntitle: \"T\"\nstory: %s\nanswers:\n  serious: [none]\n"
	for _, c := range []struct {
		name, in string
		rules    bool
		want     string // in the first problem; "" means accepted
	}{
		{"rule base, raw NEL", strings.Replace(rules, disclaimer, "disclaimer: \"Test\u0085disclaimer\"", 1), true, "U+0085"},
		{"rule base, NEL escape", strings.Replace(rules, disclaimer, `disclaimer: "Test\Ndisclaimer"`, 1), true, "U+0085"},
		{"rule base, raw U+2028 after a space", strings.Replace(rules, disclaimer, "disclaimer: \"Test \u2028disclaimer\"", 1), true, "U+2028"},
		{"rule base, U+2028 escape", strings.Replace(rules, disclaimer, `disclaimer: "Test \Ldisclaimer"`, 1), true, "U+2028"},
		{"rule base, U+2029 escape", strings.Replace(rules, disclaimer, `disclaimer: "Test \Pdisclaimer"`, 1), true, "U+2029"},
		{"rule base, raw NEL in a comment", "# a\u0085b\n" + rules, true, "U+0085"},
		{"rule base, CRLF", strings.ReplaceAll(rules, "\n", "\r\n"), true, ""},
		{"rule base, a lone CR", strings.Replace(rules, disclaimer, "disclaimer: \"Test\rdisclaimer\"", 1), true, "U+000D"},
		{"case story, raw NEL", strings.Replace(story, "%s", "Twitch\u0085ing", 1), false, "U+0085"},
		{"case story, raw U+2029", strings.Replace(story, "%s", "Twitch \u2029ing", 1), false, "U+2029"},
		{"case story, plain", strings.Replace(story, "%s", "Twitching", 1), false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.rules {
				_, err = knowledge.Load("rules.yaml", []byte(c.in))
			} else {
				_, err = knowledge.ParseCase(rb, "case.yaml", []byte(c.in))
			}
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			probs := asProblems(t, err)
			if !strings.Contains(probs[0].Msg, c.want) {
				t.Errorf("first problem %q does not name %s", probs[0].Msg, c.want)
			}
		})
	}
}

// TestUnsafeRuneSeparators checks UnsafeRune, the one classification,
// counts NEL and the Unicode line and paragraph separators.
func TestUnsafeRuneSeparators(t *testing.T) {
	for _, r := range []rune{0x85, 0x2028, 0x2029, '\r', 0x1b, 0x202e} {
		if !knowledge.UnsafeRune(r) {
			t.Errorf("UnsafeRune(%U) = false", r)
		}
	}
	for _, r := range []rune{'\n', '\t', 'a', 'é', 0xfeff, 0x2027, 0x202f} {
		if knowledge.UnsafeRune(r) {
			t.Errorf("UnsafeRune(%U) = true", r)
		}
	}
}
