package knowledge_test

import (
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

func TestNearest(t *testing.T) {
	known := []string{"location", "duration", "frequency", "diet", "sleep", "sun", "assess", "rules", "eval", "cases", "help"}
	for _, c := range []struct {
		word, want string
	}{
		{"locaton", "location"},
		{"lcoation", "location"},
		{"Location", "location"},
		{"durtion", "duration"},
		{"diet", "diet"},
		{"dite", "diet"},
		{"slep", "sleep"},
		{"asess", "assess"},
		{"rule", "rules"},
		{"son", "sun"},
		{"xyz", ""},
		{"mood", ""},
		{"", ""},
		{"frequencyyyy", ""},
		{"x", ""},
		{"s", ""},
	} {
		got, ok := knowledge.Nearest(c.word, known)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Nearest(%q) = %q, %v; want %q", c.word, got, ok, c.want)
		}
	}
	if s := knowledge.DidYouMean("locaton", known); s != " (did you mean `location`?)" {
		t.Errorf("DidYouMean: %q", s)
	}
}

// TestParseErrorsSuggest checks the answers parser's messages suggest the
// nearest question, option and case.
func TestParseErrorsSuggest(t *testing.T) {
	rb := ruleBase(t)
	for _, c := range []struct{ in, want string }{
		{"locaton: [eyelid]\n", "unknown question \"locaton\" (did you mean `location`?)"},
		{"location: [eyelidd]\n", "unknown option \"eyelidd\" (did you mean `eyelid`?)"},
		{"diet: vegam\n", "unknown option \"vegam\" (did you mean `vegan`?)"},
		{"mood: happy\n", "unknown question \"mood\"; known questions"},
	} {
		_, err := knowledge.ParseAnswers(rb, "a.yaml", []byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v; want %q", c.in, err, c.want)
		}
	}
	if _, err := knowledge.NewAnswers(rb).With("sleeep", "5_6"); err == nil || !strings.Contains(err.Error(), "(did you mean `sleep`?)") {
		t.Errorf("With: %v", err)
	}
	_, err := knowledge.FindCase([]knowledge.Case{{ID: "exam_week"}, {ID: "vegan_b12"}}, "exam_wek")
	if err == nil || !strings.Contains(err.Error(), "(did you mean `exam_week`?)") {
		t.Errorf("FindCase: %v", err)
	}
}
