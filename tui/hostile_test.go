package tui

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// payload is what a hostile rule base hides in every text: a window
// title (OSC 0), a hyperlink (OSC 8), concealed text (SGR 8), a screen
// clear, a bell and a right-to-left override.
const payload = `\e]0;pwned\a\e]8;;http://evil.example\e\\link\e]8;;\e\\\e[8mhidden\e[2J\u202eexe.txt`

// textFields are the fields of a rule base that people read; ids and
// references are left alone so the rule base stays whole.
var textFields = map[string]bool{
	"Version": true, "Date": true, "Disclaimer": true, "ScoreNote": true, "Text": true, "Label": true,
	"Short": true, "Help": true, "Reason": true, "Action": true, "Why": true, "Name": true, "Title": true,
	"Publisher": true, "Role": true, "Mechanism": true, "Advice": true, "Citation": true,
	"Symptoms": true, "Risks": true, "Tests": true, "Foods": true,
}

// hostileRules is the test rule base with the payload in every text. The
// loader refuses such text in a file (knowledge's first guard), so the
// payload is put into a freshly loaded copy: this tests the app's own
// guard, which must hold whatever a rule base holds.
func hostileRules(t testing.TB) *knowledge.RuleBase {
	t.Helper()
	rb, err := knowledge.Load("hostile\x1b[2J.yaml", testrules.YAML())
	if err != nil {
		t.Fatalf("the test rule base does not load: %v", err)
	}
	bad, err := strconv.Unquote(`"` + strings.ReplaceAll(payload, `\e`, `\x1b`) + `"`)
	if err != nil {
		t.Fatal(err)
	}
	rb.File = "hostile\x1b[2J.yaml"
	inject(reflect.ValueOf(rb).Elem(), bad, false)
	rb = knowledge.FromSnapshot(rb)
	if !strings.Contains(rb.Questions[0].Text, "\x1b]0;") {
		t.Fatal("the payload did not reach the rule base")
	}
	return rb
}

// inject appends bad to every text field reachable from v.
func inject(v reflect.Value, bad string, text bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			inject(v.Elem(), bad, false)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() {
				inject(v.Field(i), bad, textFields[f.Name])
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			inject(v.Index(i), bad, text)
		}
	case reflect.String:
		// Only plain texts: named string types (such as how foods are
		// shown) are enums the loader checks.
		if text && v.CanSet() && v.Type() == reflect.TypeFor[string]() {
			v.SetString(v.String() + " " + bad)
		}
	}
}

// checkNoControls fails if s holds anything from the payload that would
// act on a terminal: only the app's own colours (SGR) and its links to
// plain web addresses (linkLen; the rule base's addresses, which are not
// hostile here) may be there.
func checkNoControls(t testing.TB, where, s string) {
	t.Helper()
	var kept strings.Builder
	for i := 0; i < len(s); i++ {
		if n := linkLen(s[i:]); n > 0 {
			i += n - 1
			continue
		}
		kept.WriteByte(s[i])
	}
	s = kept.String()
	for _, bad := range []string{"\x07", "\x1b]", "\x1b[2J", "\x1b[8m", "\u202e", "\x1b\\"} {
		if strings.Contains(s, bad) {
			t.Errorf("%s: %q reached the terminal", where, bad)
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && sgrLen(s[i:]) == 0 {
			t.Errorf("%s: an escape sequence that is not a colour: %q", where, s[i:min(len(s), i+12)])
			return
		}
	}
}

// TestHostileRuleBaseCannotReachTheTerminal walks every screen with a
// rule base whose every text carries terminal controls: none reaches the
// frame, and the text shows them as visible escapes.
func TestHostileRuleBaseCannotReachTheTerminal(t *testing.T) {
	rb := hostileRules(t)
	for _, st := range states(t, rb, 80, 24) {
		v := st.m.View().Content
		checkNoControls(t, st.name, v)
		checkNoControls(t, st.name+" (whole)", screenContent(t, st.m))
	}
	// The frame shows the escapes in words.
	m := press(t, newModelOpts(t, optionsFor(t, rb), 120, 40), "enter")
	mustContain(t, text(m), `\x1b]0;pwned`, `\u202e`)
}

func TestHostileCasesFileNamesAndErrors(t *testing.T) {
	rb := testRules(t)
	opts := testOptions(t)
	opts.Cases = []knowledge.Case{{ID: "c", Title: "Case \x1b]0;pwned\x07", Story: "Story \u202e\x1b[2J", Answers: knowledge.NewAnswers(rb)}}
	opts.RulesPath, opts.Watch = "rules\x1b]8;;x\x1b\\.yaml", true
	m := newModelOpts(t, opts, 80, 24)
	checkNoControls(t, "welcome with a hostile file name", m.View().Content)
	c := press(t, m, "d")
	checkNoControls(t, "cases", c.View().Content)
	c = press(t, c, "enter")
	checkNoControls(t, "a hostile case", c.View().Content)
	mustContain(t, text(c), `case: Case \x1b]0;pwned\x07`)
	// A load error quoting the file.
	w, _ := send(t, m, watchMsg{err: knowledge.Problems{{File: "x\x1b[2J.yaml", Msg: "bad \u202e value"}}})
	checkNoControls(t, "problems", w.View().Content)
	checkNoControls(t, "problems page", press(t, w, "w").View().Content)
	// A file name typed or pasted with controls: they never get in.
	s := press(t, tinglingScript.run(t, newModel(t, 80, 24)), "r", "s")
	s = typeText(t, s, "\x1b]0;x\x07\u202e")
	checkNoControls(t, "save prompt", s.View().Content)
}

// TestSafeFrameDropsWhatCleaningMissed checks the last guard on its own.
func TestSafeFrameDropsWhatCleaningMissed(t *testing.T) {
	in := "ok \x1b[1mbold\x1b[0m \x1b]0;title\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \u202erev \x1b[2J\x9b\x07end"
	out := safeFrame(in)
	checkNoControls(t, "safeFrame", out)
	mustContain(t, out, "ok \x1b[1mbold\x1b[0m", "link", "rev", "end")
	if s := "plain \x1b[38;2;1;2;3mcolour\x1b[m\n"; safeFrame(s) != s {
		t.Error("safeFrame changed a healthy frame")
	}
}
