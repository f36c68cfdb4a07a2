package diary

import (
	"fmt"
	"math"
)

// MinGroupDays is the fewest days each side of a comparison needs before
// a pattern is shown.
const MinGroupDays = 4

// Pattern is one comparison of twitching between two groups of days, and
// the words that say it: an observation, never a cause.
type Pattern struct {
	ID        string  // sleep, caffeine or stress
	Days      int     // days in the first group
	Average   float64 // their average twitching, 0–4
	OtherDays int
	OtherAvg  float64
	Sentence  string
}

// comparison is one pattern the diary looks for: the days of a group,
// the days of the other, and how to say it.
type comparison struct {
	id          string
	in, other   func(Entry) bool
	first, then string // "On the %d days after …, twitching averaged %s"
}

var comparisons = []comparison{
	{
		id:    "sleep",
		in:    func(e Entry) bool { return e.Sleep != nil && *e.Sleep < 5 },
		other: func(e Entry) bool { return e.Sleep != nil && *e.Sleep >= 7 },
		first: "On the %d %s after less than 5 hours' sleep, twitching averaged %s",
		then:  "on the %d %s after 7 hours or more, %s.",
	},
	{
		id:    "caffeine",
		in:    func(e Entry) bool { return e.Caffeine != nil && *e.Caffeine >= 5 },
		other: func(e Entry) bool { return e.Caffeine != nil && *e.Caffeine < 5 },
		first: "On the %d %s with 5 or more caffeinated drinks, twitching averaged %s",
		then:  "on the %d %s with fewer, %s.",
	},
	{
		id:    "stress",
		in:    func(e Entry) bool { return e.Stress == StressHigh },
		other: func(e Entry) bool { return e.Stress == StressLow },
		first: "On the %d stressful %s, twitching averaged %s",
		then:  "on the %d calm %s, %s.",
	},
}

// PatternNote says what the patterns are, wherever they are shown.
const PatternNote = "These are observations from your diary, not causes: days differ in many ways at once."

// NoPatterns is said when no comparison has enough days on both sides.
const NoPatterns = "No patterns yet: a comparison needs at least 4 days on each side (such as 4 days after less than 5 hours' sleep and 4 after 7 hours or more)."

// Patterns compares twitching on days after less than five hours' sleep
// with days after seven or more, on days with five or more caffeinated
// drinks with days with fewer, and on stressful (high) days with calm
// (low) ones: each only when both groups have at least MinGroupDays days.
func Patterns(entries []Entry) []Pattern {
	var out []Pattern
	for _, c := range comparisons {
		var n, m, sum, sumOther int
		for _, e := range entries {
			switch {
			case c.in(e):
				n++
				sum += e.Twitching
			case c.other(e):
				m++
				sumOther += e.Twitching
			}
		}
		if n < MinGroupDays || m < MinGroupDays {
			continue
		}
		p := Pattern{ID: c.id, Days: n, Average: avg(sum, n), OtherDays: m, OtherAvg: avg(sumOther, m)}
		p.Sentence = fmt.Sprintf(c.first, n, "days", oneDecimal(p.Average)) + "; " + fmt.Sprintf(c.then, m, "days", oneDecimal(p.OtherAvg))
		out = append(out, p)
	}
	return out
}

func avg(sum, n int) float64 { return math.Round(float64(sum)/float64(n)*10) / 10 }

func oneDecimal(f float64) string { return fmt.Sprintf("%.1f", f) }

// TwoWeeks is how many days of entries a doctor wants to see: after as
// many, the diary offers its report.
const TwoWeeks = 14
