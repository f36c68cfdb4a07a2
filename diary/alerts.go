package diary

import (
	"slices"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Alerts returns the red flags the rule base raises for what the entry
// records as new: the answers an entry stands for (the emergency check
// and the other symptoms, and nothing else) are assessed as the
// questionnaire would, and every flag above the lowest level is returned,
// highest first, in the rule base's own words. A diary never records
// danger silently.
func Alerts(rb *knowledge.RuleBase, e Entry) []knowledge.Flag {
	if len(e.New) == 0 {
		return nil
	}
	a := knowledge.NewAnswers(rb)
	var serious, symptoms []string
	for _, id := range e.New {
		if q := rb.Question(knowledge.FirstQuestion); q != nil && q.OptionIndex(id) >= 0 {
			serious = append(serious, id)
		} else if q := rb.Question(SymptomsQuestion); q != nil && q.OptionIndex(id) >= 0 {
			symptoms = append(symptoms, id)
		}
	}
	if len(serious) == 0 {
		serious = []string{knowledge.NoneOption}
	}
	var err error
	if a, err = a.With(knowledge.FirstQuestion, serious...); err != nil {
		return nil
	}
	if len(symptoms) > 0 {
		if a, err = a.With(SymptomsQuestion, symptoms...); err != nil {
			return nil
		}
	}
	res := knowledge.Assess(a)
	var out []knowledge.Flag
	for _, f := range res.Triage.Flags {
		if f.ID == rb.Skipped.ID || strings.HasPrefix(f.ID, knowledge.LikelyFlagPrefix) || rb.LevelRank(f.Level) <= 0 {
			continue
		}
		if slices.ContainsFunc(out, func(g knowledge.Flag) bool { return g.ID == f.ID }) {
			continue
		}
		out = append(out, f)
	}
	return out
}
