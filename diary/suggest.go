package diary

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Suggestion is what the diary suggests for one question of the
// questionnaire: the option and why, in words. The questionnaire offers
// it; the person chooses it or not. It is never an answer by itself.
type Suggestion struct {
	Question string
	Option   string
	Why      string
}

// The questions the diary can suggest answers for, and their options.
const (
	durationQuestion  = "duration"
	spreadingQuestion = "spreading"
	caffeineQuestion  = "caffeine"
	sleepQuestion     = "sleep"
)

// lately is how many days "lately" looks back, and the fewest entries
// with a value in them that make a suggestion.
const (
	latelyDays    = 7
	latelyEntries = 3
)

// Suggest returns what the diary (entries oldest first, up to today,
// YYYY-MM-DD) suggests for question qid of rb, if anything: how long the
// twitching has gone on (from the first entry with twitching: at least
// that long), whether it has spread (a place recorded later that the
// first week did not have), and caffeine and sleep lately (the average of
// the last 7 days' entries). Only options the rule base has are
// suggested.
func Suggest(rb *knowledge.RuleBase, entries []Entry, today string, qid string) (Suggestion, bool) {
	end, err := ParseDate(today)
	if err != nil {
		return Suggestion{}, false
	}
	var s Suggestion
	switch qid {
	case durationQuestion:
		s = suggestDuration(entries, end)
	case spreadingQuestion:
		s = suggestSpread(rb, entries)
	case caffeineQuestion:
		s = suggestCaffeine(Window(entries, today, latelyDays))
	case sleepQuestion:
		s = suggestSleep(Window(entries, today, latelyDays))
	}
	if s.Option == "" {
		return Suggestion{}, false
	}
	q := rb.Question(qid)
	if q == nil || q.OptionIndex(s.Option) < 0 {
		return Suggestion{}, false
	}
	s.Question = qid
	return s, true
}

func suggestDuration(entries []Entry, end time.Time) Suggestion {
	for _, e := range entries {
		if e.Twitching == 0 {
			continue
		}
		days := int(end.Sub(e.Day()).Hours()/24) + 1
		var opt string
		switch {
		case days < 1:
			return Suggestion{}
		case days < 7:
			opt = "1_to_6_days"
		case days <= 14:
			opt = "1_to_2_weeks"
		case days <= 90:
			opt = "2_weeks_to_3_months"
		default:
			opt = "over_3_months"
		}
		return Suggestion{Option: opt, Why: durationWhy(e.Day(), days)}
	}
	return Suggestion{}
}

// durationWhy says when the first day with twitching was: days is how many
// days it spans, that day and today included.
func durationWhy(first time.Time, days int) string {
	day := first.Format("2 Jan 2006")
	if days == 1 {
		return fmt.Sprintf("your diary's first day with twitching is today, %s", day)
	}
	ago := days - 1
	return fmt.Sprintf("your diary's first day with twitching is %s, %d %s ago: %d days, including today, so it has gone on at least that long", day, ago, plural(ago, "day", "days"), days)
}

func suggestSpread(rb *knowledge.RuleBase, entries []Entry) Suggestion {
	var withPlaces []Entry
	for _, e := range entries {
		if len(e.Where) > 0 {
			withPlaces = append(withPlaces, e)
		}
	}
	if len(withPlaces) < 2 {
		return Suggestion{}
	}
	firstWeek := withPlaces[0].Day().AddDate(0, 0, 7).Format(DateLayout)
	var early []string
	for _, e := range withPlaces {
		if e.Date >= firstWeek {
			for _, w := range e.Where {
				if !slices.Contains(early, w) {
					return Suggestion{Option: "yes", Why: fmt.Sprintf("your diary records twitching in %s on %s, a place its first week did not have", PlaceLabel(rb, w), e.Day().Format("2 Jan"))}
				}
			}
			continue
		}
		for _, w := range e.Where {
			if !slices.Contains(early, w) {
				early = append(early, w)
			}
		}
	}
	last := withPlaces[len(withPlaces)-1]
	if last.Date >= firstWeek {
		return Suggestion{Option: "no", Why: fmt.Sprintf("from %s to %s your diary records twitching only in the places of its first week", withPlaces[0].Day().Format("2 Jan"), last.Day().Format("2 Jan"))}
	}
	return Suggestion{}
}

func suggestCaffeine(recent []Entry) Suggestion {
	sum, n := 0, 0
	for _, e := range recent {
		if e.Caffeine != nil {
			sum += *e.Caffeine
			n++
		}
	}
	if n < latelyEntries {
		return Suggestion{}
	}
	avg := float64(sum) / float64(n)
	var opt string
	switch r := math.Round(avg); {
	case r == 0:
		opt = "none"
	case r <= 2:
		opt = "1_2_cups"
	case r <= 4:
		opt = "3_4_cups"
	default:
		opt = "5_plus_cups"
	}
	return Suggestion{Option: opt, Why: fmt.Sprintf("on the %d days of the last week in your diary, you had %.1f caffeinated drinks a day on average", n, avg)}
}

func suggestSleep(recent []Entry) Suggestion {
	sum, n := 0.0, 0
	for _, e := range recent {
		if e.Sleep != nil {
			sum += *e.Sleep
			n++
		}
	}
	if n < latelyEntries {
		return Suggestion{}
	}
	avg := sum / float64(n)
	opt := "under_5"
	switch {
	case avg >= 7:
		opt = "7_plus"
	case avg >= 5:
		opt = "5_6"
	}
	return Suggestion{Option: opt, Why: fmt.Sprintf("on the %d days of the last week in your diary, you slept %.1f hours a night on average", n, avg)}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
