package knowledge

import (
	"fmt"
	"unicode"
)

// Nearest returns the word of known nearest to word by edit distance
// (insertions, deletions, substitutions and swaps of two neighbours, each
// counting one), when it is near enough to be a likely slip: at most one
// edit for a word of up to four characters, two for a longer one, never
// all of the word, and ignoring case. Ties go to the first in known.
// Words longer than 64 characters are never near; the search allocates
// nothing.
func Nearest(word string, known []string) (string, bool) {
	var w, k [maxSuggest]rune
	n, ok := lowerRunes(&w, word)
	if !ok || n == 0 {
		return "", false
	}
	limit := 1
	if n > 4 {
		limit = 2
	}
	limit = min(limit, n-1) // a suggestion shares a character with the word
	best, bestD := "", limit+1
	for _, s := range known {
		m, ok := lowerRunes(&k, s)
		if !ok {
			continue
		}
		if d := editDistance(w[:n], k[:m], bestD); d < bestD {
			best, bestD = s, d
		}
	}
	return best, best != ""
}

// maxSuggest is the longest word Nearest compares, in characters.
const maxSuggest = 64

// lowerRunes writes s in lower case into buf and returns its length, or
// false when it is too long.
func lowerRunes(buf *[maxSuggest]rune, s string) (int, bool) {
	n := 0
	for _, r := range s {
		if n == maxSuggest {
			return 0, false
		}
		buf[n] = unicode.ToLower(r)
		n++
	}
	return n, true
}

// DidYouMean is " (did you mean `x`?)" for the entry of known nearest to
// word, or "" when none is near (Nearest).
func DidYouMean(word string, known []string) string {
	if s, ok := Nearest(word, known); ok {
		return fmt.Sprintf(" (did you mean `%s`?)", s)
	}
	return ""
}

// suggestion is DidYouMean as a fmt.Stringer, worked out only when a
// message is formatted: past MaxProblems, a file's problems are only
// counted, so a flood of unknown names costs no search.
type suggestion struct {
	word  string
	known func() []string
}

func (s suggestion) String() string { return DidYouMean(s.word, s.known()) }

// editDistance is the optimal-string-alignment distance of a and b (each
// at most maxSuggest runes), or any value of at least bound once it is
// sure to reach bound.
func editDistance(a, b []rune, bound int) int {
	if d := len(a) - len(b); d >= bound || -d >= bound {
		return bound
	}
	var rows [3][maxSuggest + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= bound {
			return bound
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
