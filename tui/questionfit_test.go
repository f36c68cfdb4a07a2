package tui

import (
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// longHelp is a question help of four lines at 40 columns, like the real
// emergency check's.
const longHelp = "These can be signs of something that needs a doctor soon or straight away. Pick every one that applies, or None."

// helpRules is the test rule base with a long help on its first question.
func helpRules(t testing.TB) *knowledge.RuleBase {
	t.Helper()
	y := strings.Replace(string(testrules.YAML()), "    text: \"Test question serious?\"\n", "    text: \"Test question serious?\"\n    help: \""+longHelp+"\"\n", 1)
	rb, err := knowledge.Load("help.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	if rb.Questions[0].Help != longHelp {
		t.Fatal("the help was not added to the first question")
	}
	return rb
}

// TestSmallWindowShowsOptions: at 40×12 a question with a long help shows
// several option rows and the "↓ N more" marker, before and after ↓; the
// help gives way and is the first thing ? shows.
func TestSmallWindowShowsOptions(t *testing.T) {
	rb := helpRules(t)
	m := press(t, newModelOpts(t, optionsFor(t, rb), 40, 12), "enter")
	onQuestion(t, m, "serious")
	for _, k := range []string{"", "down", "down"} {
		if k != "" {
			m = press(t, m, k)
		}
		v := text(m)
		mustContain(t, v, "None", "Breathing difficulty", "Chest pain", "more")
		if !strings.Contains(v, "↓ ") {
			t.Errorf("after %q no ↓ marker:\n%s", k, v)
		}
		checkFits(t, m, 40, 12, "serious")
	}
	h := flat(text(press(t, m, "?")))
	mustContain(t, h, flat(longHelp))
}

// TestSmallWindowFindShowsFound: / chest at 40×12 shows the option found,
// while typing and after enter, and cuts no sentence.
func TestSmallWindowFindShowsFound(t *testing.T) {
	rb := helpRules(t)
	m := press(t, newModelOpts(t, optionsFor(t, rb), 40, 12), "enter", "/", "c", "h", "e", "s", "t")
	mustContain(t, text(m), "1 of 12 options", "Chest pain")
	m = press(t, m, "enter")
	v := text(m)
	mustContain(t, v, "Chest pain")
	if strings.Contains(flat(v), "These can be") && !strings.Contains(flat(v), flat(longHelp)) {
		t.Errorf("the help is cut:\n%s", v)
	}
}

// TestRealQuestionsAtSmallestSize opens every question of the real rule
// base at 40×12: each shows some options and, when some are hidden, the
// marker.
func TestRealQuestionsAtSmallestSize(t *testing.T) {
	rb := realRules(t)
	for i, q := range rb.Questions {
		if len(q.Options) == 0 {
			continue
		}
		m := newModelOpts(t, optionsFor(t, rb), 40, 12)
		m.stack = []screen{newQuestion(&m.c, i, false)}
		m = press(t, m, "down")
		v := text(m)
		shown := 0
		for r := range (field{&rb.Questions[i]}).rows() {
			if strings.Contains(solid(v), solid(field{&rb.Questions[i]}.row(m.c.answers, r).label)) {
				shown++
			}
		}
		if shown < min(2, len(q.Options)) {
			t.Errorf("%s: %d options show at 40×12:\n%s", q.ID, shown, v)
		}
		if shown < (field{&rb.Questions[i]}).rows() && !strings.Contains(v, "more") {
			t.Errorf("%s: options are hidden with no marker:\n%s", q.ID, v)
		}
	}
}
