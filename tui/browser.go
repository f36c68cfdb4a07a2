package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// browserScreen is the rule browser, for clinicians: every deficiency,
// trigger, other cause, red flag, caution and source of the rule base,
// filterable, each opening to its rules in words, with its sources. It
// shows ids, labelled as such, so a clinician can find them in the file.
type browserScreen struct {
	entries []browserEntry
	pick    pickList
}

// browserEntry is what an item of the list opens.
type browserEntry struct{ kind, id string }

func newBrowser(c *common) browserScreen {
	rb := c.rb
	var items []pickItem
	var entries []browserEntry
	add := func(kind, id, title, desc string) {
		title, desc = clean(title), clean(desc)
		entries = append(entries, browserEntry{kind, id})
		items = append(items, pickItem{title: title, desc: desc, match: strings.ToLower(kind + " " + id + " " + title + " " + desc)})
	}
	for _, d := range rb.Deficiencies {
		add("deficiency", d.ID, d.Name, "Deficiency · "+plural(len(d.Rules), "rule", "rules")+" · id: "+d.ID)
	}
	for _, t := range rb.Triggers {
		add("trigger", t.ID, t.Name, "Trigger · "+plural(len(t.Rules), "rule", "rules")+" · id: "+t.ID)
	}
	for _, o := range rb.Others {
		add("other", o.ID, o.Name, "Other cause or look-alike · id: "+o.ID)
	}
	for i := len(rb.Levels) - 1; i >= 0; i-- {
		for _, f := range rb.RedFlags {
			if f.Level == rb.Levels[i].ID {
				add("red flag", f.ID, f.Reason, "Red flag · "+rb.Levels[i].Label+" · id: "+f.ID)
			}
		}
	}
	for _, ca := range rb.Cautions {
		add("caution", ca.ID, ca.Text, "Caution · id: "+ca.ID)
	}
	for _, s := range rb.Sources {
		add("source", s.ID, s.Title, "Source · "+s.Publisher+" · id: "+s.ID)
	}
	return browserScreen{entries: entries, pick: newPickList(c, items, c.keys.Browser, "enter shows it all")}
}

func (s browserScreen) isSubView() {}

func (s browserScreen) title() string { return "the rule browser" }

func (s browserScreen) typing() bool { return s.pick.typing() }

func (s browserScreen) heading(c *common) string {
	return "Rule browser · knowledge base " + clean(c.rb.Version)
}

func (s browserScreen) keys(c *common) keySet { return s.pick.keySet() }

func (s browserScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	var open, back bool
	s.pick, open, back = s.pick.update(msg, c.height)
	switch {
	case back:
		c.back()
	case open:
		e := s.entries[s.pick.selected()]
		c.push(newPager(c, e.kind+" "+e.id, func(c *common) []string { return browserDetail(c, e) }))
	}
	s.pick.place(c, s.heading(c))
	return s, nil
}

func (s browserScreen) view(c *common) string { return s.pick.view(c, s.heading(c)) }

// rebased builds the browser again for a new rule base.
func (s browserScreen) rebased(c *common, _ *knowledge.RuleBase) screen { return newBrowser(c) }

// browserDetail shows one entry: its rules (when, in the questionnaire's
// words; weight; why; source), its advice and notes, and for a source its
// full reference and what cites it.
func browserDetail(c *common, e browserEntry) []string {
	st := c.styles
	rb := c.rb
	w := c.width
	var out []string
	add := func(t string, first, rest int) { out = append(out, strings.Split(hang(t, w, first, rest), "\n")...) }
	head := func(t string) { out = append(out, "", st.Question.Render(t)) }
	cite := func(id string) string { return st.Faint.Render("Source: " + clean(report.SourceName(rb, id))) }
	when := func(cond *knowledge.Cond) string { return "when " + clean(knowledge.DescribeCond(rb, cond)) }
	idLine := func(kind, id string) { add(st.Faint.Render(kind+" · id: "+clean(id)+" · esc: back"), 0, 2) }
	switch e.kind {
	case "deficiency":
		d := rb.Deficiency(e.id)
		if d == nil {
			break
		}
		add(st.Title.Render(clean(d.Name)), 0, 2)
		idLine("Deficiency", d.ID)
		add(clean(d.Role)+" "+clean(d.Mechanism), 0, 0)
		add("Blood tests: "+cleanList(d.Tests), 0, 2)
		add("Foods: "+cleanList(d.Foods), 0, 2)
		add("Starts at a score of "+itoa(knowledge.Percent(d.Prior))+" before any answer (prior log-odds "+num(d.Prior)+").", 0, 2)
		for _, n := range d.FoodNotes {
			add("Food note ("+string(n.Foods)+"), "+when(&n.When)+": "+clean(n.Text)+" "+cite(n.Source), 0, 2)
		}
		for _, n := range d.Causes {
			add("A doctor looks for: "+clean(n.Text)+" "+cite(n.Source), 0, 2)
		}
		head("Rules (weight: log-likelihood ratio)")
		for _, r := range d.Rules {
			add(signedNum(r.Weight)+"  "+when(&r.When)+st.Faint.Render(" · id: "+clean(r.ID)), 2, 8)
			add(clean(r.Why)+" "+cite(r.Source), 8, 8)
		}
	case "trigger":
		for _, t := range rb.Triggers {
			if t.ID != e.id {
				continue
			}
			add(st.Title.Render(clean(t.Name)), 0, 2)
			idLine("Trigger", t.ID)
			add("What to do: "+clean(t.Advice), 0, 2)
			for _, n := range t.AdviceNotes {
				add("Instead, "+when(&n.When)+": "+clean(n.Text)+" "+cite(n.Source), 0, 2)
			}
			head("Rules")
			for _, r := range t.Rules {
				add(string(r.Strength)+"  "+when(&r.When), 2, 8)
				add(clean(r.Why)+" "+cite(r.Source), 8, 8)
			}
		}
	case "other":
		for _, o := range rb.Others {
			if o.ID != e.id {
				continue
			}
			add(st.Title.Render(clean(o.Name)), 0, 2)
			idLine("Other cause or look-alike", o.ID)
			add("Named "+when(&o.When)+".", 0, 2)
			add(clean(o.Text), 0, 2)
			if len(o.Tests) > 0 {
				add("Tests: "+cleanList(o.Tests), 0, 2)
			}
			if o.Reassuring {
				add("Reassuring: shown only where reassurance may be (never beside danger).", 0, 2)
			}
			add(cite(o.Source), 0, 2)
		}
	case "red flag":
		for _, f := range rb.RedFlags {
			if f.ID != e.id {
				continue
			}
			add(st.Title.Render(clean(f.Reason)), 0, 2)
			idLine("Red flag", f.ID)
			add("Level: "+clean(report.LevelLabel(rb, f.Level)), 0, 2)
			add("Raised "+when(&f.When)+".", 0, 2)
			add("What to do: "+clean(f.Action), 0, 2)
			add(cite(f.Source), 0, 2)
		}
	case "caution":
		for _, ca := range rb.Cautions {
			if ca.ID != e.id {
				continue
			}
			add(st.Title.Render("Caution"), 0, 2)
			idLine("Caution", ca.ID)
			add(clean(ca.Text), 0, 2)
			add("Shown "+when(&ca.When)+".", 0, 2)
			add(cite(ca.Source), 0, 2)
		}
	case "source":
		src := rb.Source(e.id)
		if src == nil {
			break
		}
		add(st.Title.Render(clean(src.Title)), 0, 2)
		idLine("Source", src.ID)
		add(clean(report.SourceLine(src)), 0, 2)
		head("Cited by")
		for _, r := range citations(rb, e.id) {
			add("• "+clean(r), 2, 4)
		}
	}
	return out
}

// citations lists, in words, what in the rule base cites source id.
func citations(rb *knowledge.RuleBase, id string) []string {
	var out []string
	for _, c := range rb.Citations() {
		if c.Source != id {
			continue
		}
		line := strings.ToUpper(c.Kind[:1]) + c.Kind[1:] + ": " + c.Text
		if c.Owner != "" {
			line = c.Owner + " (" + c.Kind + "): " + c.Text
		}
		out = append(out, line)
	}
	return out
}

// num renders a number from the rule base briefly.
func num(f float64) string { return strconv.FormatFloat(f, 'g', 4, 64) }

// signedNum renders a weight with its sign, aligned: "+1.5", "-0.8".
func signedNum(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if f >= 0 {
		s = "+" + s
	}
	return pad(s, 5)
}
