package fhir

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// diaryDays are three days with every kind of value, one unsafe note.
func diaryDays() report.Diary {
	c, s := 4, 6.5
	return report.Diary{Last: "2026-11-23", Days: 14, Entries: []diary.Entry{
		{Date: "2026-11-01", Twitching: 4}, // outside the window
		{Date: "2026-11-21", Twitching: 2, Where: []string{"eyelid", "legs"}, Caffeine: &c, Sleep: &s, Stress: "high", Exercise: "yes", New: []string{"chest_pain", "cramps"}, Note: "tired \x1b[2J"},
		{Date: "2026-11-22", Twitching: 0},
	}}
}

func TestBundleDiaryObservations(t *testing.T) {
	rb := testrules.RuleBase()
	a := answers(t, rb, "serious: [none]\n")
	res := knowledge.Assess(a)
	b := Bundle(a, res, testNow, diaryDays())
	var obs []ObservationResource
	for _, e := range b.Entry {
		if o, ok := e.Resource.(ObservationResource); ok {
			obs = append(obs, o)
		}
	}
	if len(obs) != 2 || obs[0].EffectiveDateTime != "2026-11-21" || *obs[0].ValueInteger != 2 || *obs[1].ValueInteger != 0 {
		t.Fatalf("observations: %+v", obs)
	}
	if obs[0].Code.Coding[0].System != DiarySystem || obs[0].Code.Coding[0].Code != "twitching-level" {
		t.Errorf("code: %+v", obs[0].Code)
	}
	if strings.Contains(obs[0].Note[0].Text, "\x1b") {
		t.Error("the note reached the bundle raw")
	}
	if len(obs[0].Component) != 8 {
		t.Errorf("%d components, want 8: %+v", len(obs[0].Component), obs[0].Component)
	}
	// Without a diary, the bundle is as before.
	if plain := Bundle(a, res, testNow); len(plain.Entry) != len(b.Entry)-2 {
		t.Errorf("without a diary: %d entries", len(plain.Entry))
	}
}

// TestDiaryBundleValidates validates a bundle with the diary with the
// independent validator.
func TestDiaryBundleValidates(t *testing.T) {
	node, script := validator(t)
	rb := testrules.RuleBase()
	a := answers(t, rb, "serious: [none]\n")
	var buf bytes.Buffer
	if err := WriteBundle(&buf, a, knowledge.Assess(a), testNow, diaryDays()); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "diary-bundle.json")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script, p)
	cmd.Env = append(os.Environ(), "FHIR_REQUIRE_FHIRJS=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), ": OK") {
		t.Fatalf("the validator refused the diary bundle (%v):\n%s", err, out)
	}
}
