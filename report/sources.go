package report

import (
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// refList numbers the sources a report cites, in the order of their first
// citation, for a reference list at its end.
type refList struct {
	ids []string
}

// number returns the number of source id, from 1, numbering it at its
// first citation.
func (r *refList) number(id string) int {
	for i, x := range r.ids {
		if x == id {
			return i + 1
		}
	}
	r.ids = append(r.ids, id)
	return len(r.ids)
}

// SourceLine renders a source for a reader: its words (title, publisher
// and print citation, each said once: SourceWords) and its address.
func SourceLine(s *knowledge.Source) string {
	if s.URL == "" {
		return SourceWords(s)
	}
	return SourceWords(s) + " " + s.URL
}

// SourceName returns a source's title and publisher, the short form shown
// beside evidence; the full form, with its address, is SourceLine.
func SourceName(rb *knowledge.RuleBase, id string) string {
	if s := rb.Source(id); s != nil {
		return s.Title + " (" + s.Publisher + ")"
	}
	return id
}

// CitedSources lists, in order of first citation, every source a result
// cites: flags, evidence, food notes and causes (of every deficiency, as
// the JSON lists them), other causes, triggers and their notes, cautions
// and reassurance.
func CitedSources(rb *knowledge.RuleBase, res knowledge.Result) []*knowledge.Source {
	var r refList
	citeResult(&r, res)
	out := make([]*knowledge.Source, 0, len(r.ids))
	for _, id := range r.ids {
		if s := rb.Source(id); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// citeResult cites every source of res, part by part of the result, for
// the list of sources JSON carries (the result document numbers its own).
func citeResult(r *refList, res knowledge.Result) {
	cite := func(id string) { r.number(id) }
	for _, f := range res.Triage.Flags {
		cite(f.Source)
	}
	for _, d := range res.Deficiencies {
		for _, e := range d.Evidence {
			cite(e.Rule.Source)
		}
		for _, n := range d.FoodNotes {
			cite(n.Source)
		}
		for _, c := range d.Causes {
			cite(c.Source)
		}
	}
	for _, o := range res.Others {
		cite(o.Source)
	}
	for _, t := range res.Triggers {
		for _, s := range t.Sources {
			cite(s)
		}
		for _, n := range t.AdviceNotes {
			cite(n.Source)
		}
	}
	for _, c := range res.Cautions {
		cite(c.Source)
	}
	for _, n := range res.Reassurance {
		cite(n.Source)
	}
}
