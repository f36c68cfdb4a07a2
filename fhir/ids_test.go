package fhir

import (
	"regexp"
	"testing"
	"time"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TestBundleIDs checks the names of a bundle's entries: version 8 UUIDs
// with the RFC 9562 variant, all different however many entries (past
// 256 too), the same for the same assessment and time, and different for
// other answers or another time.
func TestBundleIDs(t *testing.T) {
	uuid := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	rb := testrules.RuleBase()
	a := answers(t, rb, "serious: [none]\ncaffeine: 5_plus_cups\n")
	res := knowledge.Assess(a)
	first := func(a knowledge.Answers, now time.Time) string {
		return newIDs(a, knowledge.Assess(a), now, Context{}).next()
	}

	s := newIDs(a, res, testNow, Context{})
	seen := map[string]bool{}
	for i := range 1000 {
		id := s.next()
		if !uuid.MatchString(id) || seen[id] {
			t.Fatalf("entry %d: %q is not a new version 8 UUID", i+1, id)
		}
		seen[id] = true
	}
	if x, y := first(a, testNow), first(a, testNow); x != y {
		t.Error("the same assessment at the same time gives other names")
	}
	if first(a, testNow) == first(a, testNow.Add(time.Second)) {
		t.Error("another time gives the same names")
	}
	if first(a, testNow) == first(answers(t, rb, "serious: [none]\ncaffeine: none\n"), testNow) {
		t.Error("other answers give the same names")
	}
}
