package tui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// FuzzParseChoice: typed numbers never panic, and what is accepted is a
// valid answer.
func FuzzParseChoice(f *testing.F) {
	for _, s := range []string{"1", "1 2", "1,3", "0", "-1", "99", "1 1", "", "a", "1;2;3", "9999999999999999999", "١"} {
		f.Add(s)
	}
	rb := testRules(f)
	f.Fuzz(func(t *testing.T, line string) {
		for i := range rb.Questions {
			q := &rb.Questions[i]
			opts, msg := field{q}.parse(line)
			if msg != "" {
				if opts != nil {
					t.Fatalf("%q: an error and options", line)
				}
				continue
			}
			f := field{q}
			if _, err := f.set(knowledge.NewAnswers(rb), opts); err != nil {
				t.Fatalf("%q on %s: accepted %v, but the answer is invalid: %v", line, q.ID, opts, err)
			}
		}
	})
}

// FuzzAccessibleInput: any input runs to an end without panicking, with
// exit 0 or 2, and the output holds no terminal control.
func FuzzAccessibleInput(f *testing.F) {
	f.Add("1\n\nb\nb\n3\nn\n")
	f.Add("\x1b]0;x\x07\n2 3\n0\n")
	f.Add(strings.Repeat("\n", 40) + "1\n\n")
	f.Chdir(f.TempDir()) // a file name typed at the save prompt lands here
	rb := testRules(f)
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		code := runPlain(Options{Rules: rb, Dir: t.TempDir()}, strings.NewReader(in), &out, 60)
		if code != 0 && code != 2 {
			t.Fatalf("exit %d", code)
		}
		if bytes.ContainsAny(out.Bytes(), "\x1b\x07\u202e") {
			t.Fatalf("a control reached the output: %q", out.String())
		}
	})
}

// FuzzSafeFrame: the last guard leaves only colour escapes, and changes
// nothing on a second pass.
func FuzzSafeFrame(f *testing.F) {
	f.Add("plain \x1b[1mbold\x1b[0m")
	f.Add("\x1b]0;t\x07\x1b[2J\u202e\x9b")
	f.Add("\x1b")
	f.Add("\x1b[")
	f.Fuzz(func(t *testing.T, s string) {
		out := safeFrame(s)
		for i := 0; i < len(out); i++ {
			if out[i] == 0x1b && sgrLen(out[i:]) == 0 {
				t.Fatalf("%q: an escape that is not a colour is left: %q", s, out)
			}
			if out[i] < 0x20 && out[i] != '\n' && out[i] != 0x1b {
				t.Fatalf("%q: a control is left: %q", s, out)
			}
		}
		if strings.ContainsRune(out, '\u202e') {
			t.Fatalf("%q: a bidi override is left", s)
		}
		if safeFrame(out) != out {
			t.Fatalf("%q: a second pass changes %q", s, out)
		}
	})
}
