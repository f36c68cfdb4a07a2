// Package diary holds the twitch diary: one entry per day (how much
// twitching, where, caffeine, sleep, stress, exercise, anything new, a
// note), its validation against the rule base, the patterns across days,
// and the local store that keeps it (a bbolt database, opened only for each
// operation). It has no terminal, TUI or network code.
package diary

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// DateLayout is the ISO date layout entries are keyed by.
const DateLayout = "2006-01-02"

// Limits of an entry's values.
const (
	MaxTwitching   = 4
	MaxCaffeine    = 50
	MaxSleep       = 24
	MaxNoteChars   = 500
	MaxChoices     = 64 // options in where or new
	MaxOptionBytes = 64 // bytes of one option ID
)

// The questions of the rule base whose options an entry uses.
const (
	LocationQuestion = "location"
	SymptomsQuestion = "symptoms"
)

// Stress levels.
const (
	StressLow      = "low"
	StressModerate = "moderate"
	StressHigh     = "high"
)

// Exercise answers.
const (
	ExerciseYes = "yes"
	ExerciseNo  = "no"
)

// StressLevels lists the stress levels, calmest first.
func StressLevels() []string { return []string{StressLow, StressModerate, StressHigh} }

// ExerciseAnswers lists the exercise answers.
func ExerciseAnswers() []string { return []string{ExerciseYes, ExerciseNo} }

// TwitchingLabels names the twitching levels 0 to 4.
func TwitchingLabels() []string {
	return []string{"none", "a little", "often", "most of the day", "almost constant"}
}

// Entry is one day of the diary. A value not given is unknown, never
// "none": Caffeine and Sleep are nil, Stress and Exercise "".
type Entry struct {
	Date      string // YYYY-MM-DD
	Twitching int    // 0 none … 4 almost constant
	Where     []string
	Caffeine  *int     // caffeinated drinks that day
	Sleep     *float64 // hours of sleep the night before
	Stress    string   // low, moderate, high or ""
	Exercise  string   // yes, no or ""
	New       []string // options of the emergency check and other symptoms
	Note      string   // untrusted text, at most MaxNoteChars characters
}

// Day returns the entry's date as a time at midnight UTC.
func (e Entry) Day() time.Time {
	t, _ := time.Parse(DateLayout, e.Date)
	return t
}

// FieldError is one invalid value of an entry: the field (named as the
// command line's flag) and what is wrong and allowed.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return fmt.Sprintf("--%s: %s", e.Field, e.Msg) }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// ParseDate checks that s is a real ISO date (YYYY-MM-DD).
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Format(DateLayout) != s || t.Year() < 1900 {
		return time.Time{}, fieldErr("date", "%q is not a date; allowed: YYYY-MM-DD, such as 2026-12-05", clip(s))
	}
	return t, nil
}

// Check checks the entry's values on their own, without a rule base: the
// date, the ranges, the words allowed, the shape of option IDs and the
// note. Stored entries are checked this way when read, so a diary stays
// readable when the rule base changes its options.
func (e Entry) Check() error {
	if _, err := ParseDate(e.Date); err != nil {
		return err
	}
	if e.Twitching < 0 || e.Twitching > MaxTwitching {
		return fieldErr("twitching", "%d is out of range; allowed: 0 (none), 1 (a little), 2 (often), 3 (most of the day), 4 (almost constant)", e.Twitching)
	}
	if err := checkIDs("where", e.Where); err != nil {
		return err
	}
	if err := checkIDs("new", e.New); err != nil {
		return err
	}
	if e.Caffeine != nil && (*e.Caffeine < 0 || *e.Caffeine > MaxCaffeine) {
		return fieldErr("caffeine", "%d is out of range; allowed: a whole number of drinks from 0 to %d", *e.Caffeine, MaxCaffeine)
	}
	if e.Sleep != nil {
		if err := checkSleep(*e.Sleep); err != nil {
			return err
		}
	}
	if e.Stress != "" && !slices.Contains(StressLevels(), e.Stress) {
		return fieldErr("stress", "%q is not a stress level; allowed: %s", clip(e.Stress), strings.Join(StressLevels(), ", "))
	}
	if e.Exercise != "" && !slices.Contains(ExerciseAnswers(), e.Exercise) {
		return fieldErr("exercise", "%q is not allowed; allowed: yes, no", clip(e.Exercise))
	}
	return CheckNote(e.Note)
}

// checkSleep checks hours of sleep: 0 to 24, in tenths at most.
func checkSleep(h float64) error {
	if math.IsNaN(h) || h < 0 || h > MaxSleep || math.Abs(h*10-math.Round(h*10)) > 1e-6 {
		return fieldErr("sleep", "%v is out of range; allowed: hours from 0 to %d, such as 7 or 6.5", h, MaxSleep)
	}
	return nil
}

// CheckNote checks a note: valid UTF-8, at most MaxNoteChars characters,
// and no control or bidirectional formatting character (but a newline or a
// tab), as every text the project reads.
func CheckNote(s string) error {
	if !utf8.ValidString(s) {
		return fieldErr("note", "the note is not valid UTF-8 text")
	}
	if n := utf8.RuneCountInString(s); n > MaxNoteChars {
		return fieldErr("note", "the note has %d characters; allowed: at most %d", n, MaxNoteChars)
	}
	for i, r := range s {
		if knowledge.UnsafeRune(r) {
			return fieldErr("note", "the note holds the control or direction character U+%04X at character %d; allowed: plain text, newlines and tabs", r, utf8.RuneCountInString(s[:i])+1)
		}
	}
	return nil
}

// checkIDs checks the shape of option IDs: short, lower-case letters,
// digits and underscores, no repeats.
func checkIDs(field string, ids []string) error {
	if len(ids) > MaxChoices {
		return fieldErr(field, "%d options; allowed: at most %d", len(ids), MaxChoices)
	}
	for i, id := range ids {
		if id == "" || len(id) > MaxOptionBytes || strings.IndexFunc(id, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
		}) >= 0 {
			return fieldErr(field, "%q is not an option ID; allowed: lower-case letters, digits and _", clip(id))
		}
		if slices.Contains(ids[:i], id) {
			return fieldErr(field, "%q is given twice", id)
		}
	}
	return nil
}

// Validate checks the entry against the rule base as well as Check does:
// every place is an option of the location question, and every new thing
// an option (but none) of the emergency check or of the other symptoms.
// New entries are validated; stored ones are only checked.
func (e Entry) Validate(rb *knowledge.RuleBase) error {
	if err := e.Check(); err != nil {
		return err
	}
	places := Places(rb)
	for _, w := range e.Where {
		if !slices.Contains(places, w) {
			return fieldErr("where", "%q is not a place; allowed: %s", w, strings.Join(places, ", "))
		}
	}
	news := NewOptions(rb)
	for _, n := range e.New {
		if !slices.Contains(news, n) {
			return fieldErr("new", "%q is not a symptom of the questionnaire; allowed: %s", n, strings.Join(news, ", "))
		}
	}
	return nil
}

// Places lists the options of the rule base's location question.
func Places(rb *knowledge.RuleBase) []string {
	if q := rb.Question(LocationQuestion); q != nil {
		return q.OptionIDs()
	}
	return nil
}

// NewOptions lists what an entry may record as new: the options of the
// emergency check, then those of the other symptoms, without "none" and
// without repeats.
func NewOptions(rb *knowledge.RuleBase) []string {
	var out []string
	for _, qid := range []string{knowledge.FirstQuestion, SymptomsQuestion} {
		q := rb.Question(qid)
		if q == nil {
			continue
		}
		for _, o := range q.Options {
			if o.ID != knowledge.NoneOption && !slices.Contains(out, o.ID) {
				out = append(out, o.ID)
			}
		}
	}
	return out
}

// OptionLabel returns the label of option id of the first of the
// questions qids that has it, or id itself (a stored entry may name an
// option a newer rule base no longer has).
func OptionLabel(rb *knowledge.RuleBase, id string, qids ...string) string {
	for _, qid := range qids {
		if q := rb.Question(qid); q != nil {
			if i := q.OptionIndex(id); i >= 0 {
				return q.Options[i].Label
			}
		}
	}
	return id
}

// PlaceLabel names a place for people.
func PlaceLabel(rb *knowledge.RuleBase, id string) string {
	return OptionLabel(rb, id, LocationQuestion)
}

// NewLabel names a new symptom for people.
func NewLabel(rb *knowledge.RuleBase, id string) string {
	return OptionLabel(rb, id, knowledge.FirstQuestion, SymptomsQuestion)
}

// clip shortens a value for a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:40]) + "…"
}
