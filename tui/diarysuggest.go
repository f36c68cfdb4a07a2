package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/twitchcheck/twitchcheck/diary"
)

// The questionnaire offers what the diary says (how long, whether it has
// spread, caffeine and sleep lately) as a suggestion on the question: the
// person takes it with d, or answers as they like. It is never an answer
// by itself.

// withSuggestion enables the key when there is a suggestion.
func withSuggestion(s *diary.Suggestion, k key.Binding) key.Binding {
	k.SetEnabled(s != nil)
	return k
}

// diarySuggestionFor reads the diary, for the questions it can suggest
// an answer to, and returns its suggestion, if any.
func diarySuggestionFor(c *common, qid string) *diary.Suggestion {
	switch qid {
	case "duration", "spreading", "caffeine", "sleep":
	default:
		return nil
	}
	if c.opts.Diary == nil {
		return nil
	}
	if ok, err := c.opts.Diary.Exists(); err != nil || !ok {
		return nil
	}
	entries, err := c.opts.Diary.List()
	if err != nil {
		return nil
	}
	s, ok := diary.Suggest(c.rb, entries, today(c), qid)
	if !ok {
		return nil
	}
	return &s
}

// suggestionLine offers the suggestion in words.
func suggestionLine(c *common, s diary.Suggestion) string {
	label := s.Option
	if q := c.rb.Question(s.Question); q != nil {
		if i := q.OptionIndex(s.Option); i >= 0 {
			label = q.Options[i].Label
		}
	}
	return c.styles.Hint.Render(wrapText(clean("From your diary: "+s.Why+". That suggests “"+label+"”: press d to choose it, or answer as you like."), c.width))
}

// takeSuggestion chooses the suggested option, and returns the row to put
// the cursor on.
func takeSuggestion(c *common, s diary.Suggestion, cursor int) int {
	f := field{c.rb.Question(s.Question).Offered()}
	i := f.q.OptionIndex(s.Option)
	if i < 0 {
		return cursor
	}
	a, err := f.choose(c.answers, i)
	if err != nil {
		c.fail(clean(err.Error()))
		return cursor
	}
	c.setAnswers(a)
	c.say("Chosen from your diary: " + clean(f.q.Options[i].Label) + ".")
	return i
}
