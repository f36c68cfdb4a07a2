package knowledge_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// rulesJSON is the test rule base written as JSON, as json.Marshal
// writes it (escaping <, > and &).
func rulesJSON(t *testing.T) string {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(testrules.YAML(), &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestJSONRuleBaseReadAsJSON checks a rule base named .json is read with
// encoding/json's semantics and decoded like its YAML: the same rule base,
// a surrogate-pair escape (what Python's json.dump writes for an emoji)
// read as the one character, and JSON's own refusals positioned.
func TestJSONRuleBaseReadAsJSON(t *testing.T) {
	src := rulesJSON(t)
	fromJSON, err := knowledge.Load("rules.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fromYAML := ruleBase(t)
	if fromJSON.Version != fromYAML.Version || len(fromJSON.Questions) != len(fromYAML.Questions) || fromJSON.Disclaimer != fromYAML.Disclaimer {
		t.Errorf("JSON rule base differs from its YAML: %s %d %q", fromJSON.Version, len(fromJSON.Questions), fromJSON.Disclaimer)
	}
	const disclaimer = `"Test disclaimer: a screening aid, not a diagnosis."`
	if !strings.Contains(src, disclaimer) {
		t.Fatal("test rule base changed: no disclaimer")
	}
	emoji := strings.Replace(src, disclaimer, `"Test disclaimer \ud83c\udfc3: a screening aid."`, 1)
	rb, err := knowledge.Load("rules.json", []byte(emoji))
	if err != nil {
		t.Fatalf("surrogate pair refused: %v", err)
	}
	if rb.Disclaimer != "Test disclaimer \U0001F3C3: a screening aid." {
		t.Errorf("disclaimer %q", rb.Disclaimer)
	}
	for _, c := range []struct{ name, in, want string }{
		{"duplicate key", strings.Replace(src, `"version": "test-1"`, `"version": "test-1", "version": "test-2"`, 1), `key "version" appears twice`},
		{"trailing content", src + "\n{}", "more after the first JSON value"},
		{"YAML in a .json file", string(testrules.YAML()), "not valid JSON"},
		{"a comment", "// rules\n" + src, "not valid JSON"},
		{"deep", `{"version": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}", "nesting is deeper than 64 levels"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := knowledge.Load("rules.json", []byte(c.in))
			ps := asProblems(t, err)
			if !strings.Contains(ps[0].Msg, c.want) || ps[0].Pos.Line == 0 {
				t.Errorf("got %v, want a positioned problem saying %q", ps, c.want)
			}
		})
	}
}

// TestJSONVignettesSurrogatePair reads a vignette file in JSON whose story
// holds an escaped emoji.
func TestJSONVignettesSurrogatePair(t *testing.T) {
	rb := ruleBase(t)
	in := `[{"id": "v1", "story": "Runs \ud83c\udfc3 daily", "answers": {"serious": ["none"]}, "expect": {"triage": "see_doctor"}}]`
	vs, err := knowledge.ParseVignettes(rb, "v.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Story != "Runs \U0001F3C3 daily" {
		t.Errorf("got %+v", vs)
	}
	// A lone surrogate is what encoding/json makes of it: U+FFFD.
	in = strings.Replace(in, `\ud83c\udfc3`, `\ud83c`, 1)
	if vs, err = knowledge.ParseVignettes(rb, "v.json", []byte(in)); err != nil || vs[0].Story != "Runs \uFFFD daily" {
		t.Errorf("lone surrogate: %v %+v", err, vs)
	}
}

// TestJSONPositions checks problems found after reading JSON (by the
// shared decoding) carry the line and column of the value, in characters.
func TestJSONPositions(t *testing.T) {
	rb := ruleBase(t)
	in := "{\n  \"serious\": [\"none\"],\n  \"café\": 1, \"diet\": \"carnivore\"\n}"
	_, err := knowledge.ParseAnswers(rb, "a.json", []byte(in))
	ps := asProblems(t, err)
	got := fmt.Sprint(ps)
	if !strings.Contains(got, "a.json:3:3:") || !strings.Contains(got, "a.json:3:22:") {
		t.Errorf("positions: %s", got)
	}
}

// TestByteOrderMark checks a leading UTF-8 byte-order mark (which Windows
// PowerShell 5 writes) is accepted in every input alike, JSON and YAML,
// and positions are counted as an editor shows them.
func TestByteOrderMark(t *testing.T) {
	rb := ruleBase(t)
	const bom = "\ufeff"
	for _, c := range []struct{ name, in string }{
		{"answers.json", `{"serious": ["none"], "diet": "vegan"}`},
		{"answers.yaml", "serious: [none]\ndiet: vegan\n"},
		{"answers.yml", "{serious: [none], diet: vegan}\n"},
	} {
		a, err := knowledge.ParseAnswers(rb, c.name, []byte(bom+c.in))
		if err != nil {
			t.Errorf("%s with a BOM: %v", c.name, err)
			continue
		}
		if got := a.Selected("diet"); len(got) != 1 || got[0] != "vegan" {
			t.Errorf("%s with a BOM: diet %v", c.name, got)
		}
	}
	if _, err := knowledge.Load("rules.json", []byte(bom+rulesJSON(t))); err != nil {
		t.Errorf("rules.json with a BOM: %v", err)
	}
	if _, err := knowledge.Load("rules.yaml", append([]byte(bom), testrules.YAML()...)); err != nil {
		t.Errorf("rules.yaml with a BOM: %v", err)
	}
	if _, err := knowledge.ParseCase(rb, "c.json", []byte(bom+`{"id": "c", "title": "T", "story": "S", "answers": {"serious": ["none"]}}`)); err != nil {
		t.Errorf("case with a BOM: %v", err)
	}
	_, err := knowledge.ParseAnswers(rb, "a.json", []byte(bom+`{"diet": "carnivore"}`))
	if ps := asProblems(t, err); ps[0].Pos != (knowledge.Pos{Line: 1, Col: 10}) {
		t.Errorf("position after a BOM: %v", ps)
	}
	// Only a leading one: a BOM inside is text, and refused as an unknown value.
	if _, err := knowledge.ParseAnswers(rb, "a.json", []byte(`{"diet": "vegan"}`+bom)); err == nil {
		t.Error("a trailing BOM was accepted")
	}
}

// FuzzReadJSON checks the one JSON reader never panics, refuses with
// positioned Problems, and accepts exactly what encoding/json accepts as
// one value with no key twice (after a leading byte-order mark).
func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`{"serious": ["none"], "diet": "vegan"}`,
		`{"a": "\ud83c\udfc3", "b": [1, 2.5, -3e2, true, false, null]}`,
		"\ufeff{\"a\": 1}",
		`{"a": 1, "a": 2}`,
		`{"a": 1} x`,
		`[[[[[[]]]]]]`,
		`"\ud83c"`,
		`{"a": 1,}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		root, err := knowledge.ReadJSON("fuzz.json", in, knowledge.MaxAnswersBytes, "answers")
		if err != nil {
			checkProblems(t, err, "fuzz.json")
			return
		}
		if root == nil {
			t.Fatal("no error and no tree")
		}
		var v any
		if e := json.Unmarshal([]byte(strings.TrimPrefix(string(in), "\ufeff")), &v); e != nil {
			t.Fatalf("accepted what encoding/json refuses (%v): %q", e, in)
		}
	})
}
