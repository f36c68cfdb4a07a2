package formats

import (
	"regexp"
	"strings"
	"testing"
)

// TestSafeVersion checks safeVersion against the regular expression it
// stands for (compiled here, not at start-up).
func TestSafeVersion(t *testing.T) {
	re := regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$`)
	for _, v := range []string{
		"", "2026.11.3", "v3", "1.0-rc+build_7", ".hidden", "-1", "_x", "a b", "1\nserious: [chest_pain]\n#",
		"2026.11\n", "é", "1é", strings.Repeat("a", 40), strings.Repeat("a", 41), "a/b", "a#b", "a:b", "a\x00",
	} {
		if got, want := safeVersion(v), re.MatchString(v); got != want {
			t.Errorf("safeVersion(%q) = %v, want %v", v, got, want)
		}
	}
	const alphabet = "aZ09._+-# \n/é"
	for n := range 4 {
		var walk func(prefix string)
		walk = func(prefix string) {
			if len(prefix) == n {
				if got, want := safeVersion(prefix), re.MatchString(prefix); got != want {
					t.Errorf("safeVersion(%q) = %v, want %v", prefix, got, want)
				}
				return
			}
			for i := 0; i < len(alphabet); i++ {
				walk(prefix + alphabet[i:i+1])
			}
		}
		walk("")
	}
}
