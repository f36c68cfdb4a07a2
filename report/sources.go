package report

import (
	"strconv"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// refList numbers the sources a report cites, in the order of their first
// citation, for a reference list at its end.
type refList struct {
	ids []string
}

// cite returns the reference mark of source id, such as "[3]", numbering
// it at its first citation.
func (r *refList) cite(id string) string {
	for i, x := range r.ids {
		if x == id {
			return "[" + strconv.Itoa(i+1) + "]"
		}
	}
	r.ids = append(r.ids, id)
	return "[" + strconv.Itoa(len(r.ids)) + "]"
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

// citeResult cites the sources of res in the order the reports show them.
func citeResult(r *refList, res knowledge.Result) {
	for _, f := range res.Triage.Flags {
		r.cite(f.Source)
	}
	for _, d := range res.Deficiencies {
		for _, e := range d.Evidence {
			r.cite(e.Rule.Source)
		}
		for _, n := range d.FoodNotes {
			r.cite(n.Source)
		}
		for _, c := range d.Causes {
			r.cite(c.Source)
		}
	}
	for _, o := range res.Others {
		r.cite(o.Source)
	}
	for _, t := range res.Triggers {
		for _, s := range t.Sources {
			r.cite(s)
		}
		for _, n := range t.AdviceNotes {
			r.cite(n.Source)
		}
	}
	for _, c := range res.Cautions {
		r.cite(c.Source)
	}
	for _, n := range res.Reassurance {
		r.cite(n.Source)
	}
}
