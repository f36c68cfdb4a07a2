package knowledge_test

import (
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// variant loads the test rule base with one edit, failing on any error.
func variant(t *testing.T, old, new string) *knowledge.RuleBase {
	t.Helper()
	src := string(testrules.YAML())
	if !strings.Contains(src, old) {
		t.Fatalf("the test rule base lacks %q", old)
	}
	rb, err := knowledge.Load("variant.yaml", []byte(strings.Replace(src, old, new, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return rb
}

func flagged(res knowledge.Result, id string) bool {
	for _, f := range res.Triage.Flags {
		if f.ID == id {
			return true
		}
	}
	return false
}

// TestTooMuchHoldsBackTheLikelyFlag: while a flag that warns of too much
// magnesium is raised, the answers that point to it do not raise the
// likely-shortage flag; without that flag, they do.
func TestTooMuchHoldsBackTheLikelyFlag(t *testing.T) {
	rb := variant(t, "    reason: \"Chest pain.\"\n    action: \"Call now.\"\n    source: src_a\n",
		"    reason: \"Chest pain.\"\n    action: \"Call now.\"\n    source: src_a\n    too_much: [magnesium]\n")
	const likely = "symptoms: [cramps]\nalcohol: heavy\n"
	if res := knowledge.Assess(mustAnswers(t, rb, "serious: [chest_pain]\n"+likely)); !flagged(res, "chest_pain") || flagged(res, "likely_magnesium") {
		t.Errorf("with the too-much flag: flags %+v; want chest_pain and no likely_magnesium", res.Triage.Flags)
	}
	if res := knowledge.Assess(mustAnswers(t, rb, "serious: [none]\n"+likely)); !flagged(res, "likely_magnesium") {
		t.Errorf("without it: flags %+v; want likely_magnesium", res.Triage.Flags)
	}
	src := strings.Replace(string(testrules.YAML()), "    source: src_a\n  - {id: faint_palp", "    source: src_a\n    too_much: [magnesum]\n  - {id: faint_palp", 1)
	if _, err := knowledge.Load("bad.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), `too_much: unknown deficiency "magnesum"`) {
		t.Errorf("an unknown deficiency in too_much: %v", err)
	}
}

// TestReassuranceRequiresAnswered: with requires_answered, reassurance
// shows only once those questions are answered (unknown is not "no").
func TestReassuranceRequiresAnswered(t *testing.T) {
	rb := variant(t, "  max_level: see_doctor\n  hide_when:", "  max_level: see_doctor\n  requires_answered: [symptoms]\n  hide_when:")
	if res := knowledge.Assess(mustAnswers(t, rb, "serious: [none]\n")); len(res.Reassurance) > 0 {
		t.Error("reassurance with the symptoms unanswered")
	}
	if res := knowledge.Assess(mustAnswers(t, rb, "serious: [none]\nsymptoms: [none]\n")); len(res.Reassurance) == 0 {
		t.Error("no reassurance with the symptoms answered")
	}
	src := strings.Replace(string(testrules.YAML()), "  max_level: see_doctor\n  hide_when:", "  max_level: see_doctor\n  requires_answered: [symptom]\n  hide_when:", 1)
	if _, err := knowledge.Load("bad.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), `unknown question "symptom"`) {
		t.Errorf("an unknown question in requires_answered: %v", err)
	}
}
