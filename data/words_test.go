package data_test

import (
	"regexp"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
)

// TestOneSpelling checks the rule base spells a term one way: "motor
// neurone disease", as the NHS does, never "motor neuron".
func TestOneSpelling(t *testing.T) {
	if m := regexp.MustCompile(`(?i)motor\s+neuron\b`).FindAllIndex(data.Rules(), -1); len(m) > 0 {
		t.Errorf("rules.yaml spells \"motor neuron\" %d times; write \"motor neurone\"", len(m))
	}
}
