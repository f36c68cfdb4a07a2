package tui

import (
	neturl "net/url"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// docCache keeps the result document of the present answers, built once
// per change of the answers (a screen holds one).
type docCache struct {
	doc  *report.Document
	gen  int
	name string
}

// get returns the document of the present answers.
func (d *docCache) get(c *common) *report.Document {
	if d.doc == nil || d.gen != c.gen || d.name != c.caseName {
		var opts = report.Options{Case: c.caseName}
		if ds := diaryForReport(c); len(ds) > 0 {
			opts.Diary = &ds[0]
		}
		d.doc = report.Build(c.answers, c.result, opts)
		d.gen, d.name = c.gen, c.caseName
	}
	return d.doc
}

// blockLines renders one block of a result document for the app,
// indented by in: the app's styles, reference marks faint. A nutrient row
// is drawn by the results screen, which can select and open it.
func blockLines(c *common, b report.Block, in int) []string {
	st := c.styles
	w := c.width
	cites := ""
	if len(b.Cites) > 0 {
		cites = " " + st.Faint.Render(report.CiteMarks(b.Cites))
	}
	text := clean(b.Text) + cites
	var out []string
	add := func(s string) { out = append(out, strings.Split(s, "\n")...) }
	switch b.Kind {
	case report.Para:
		add(hang(text, w, in, in))
	case report.Lead:
		add(st.Question.Render(hang(clean(b.Text)+plainCites(b.Cites), w, in, in)))
	case report.Note:
		add(st.Faint.Render(hang(clean(b.Text)+plainCites(b.Cites), w, in, in)))
	case report.SubHeading:
		add(hang(st.Question.Render(clean(b.Text)), w, in, in))
	case report.Item:
		name := ""
		if b.Name != "" {
			name = st.Question.Render(clean(b.Name)) + ": "
		}
		add(hang("• "+name+text, w, in, in+2))
	case report.Warning:
		add(hang(st.Error.Render("!")+" "+text, w, in, in+2))
	case report.FlagItem:
		mark := "!"
		if b.Name != "" {
			mark = "! [" + clean(b.Name) + "]"
		}
		add(hang(st.level(b.Level).Render(mark)+" "+text, w, in, in+2))
	case report.EvidenceItem:
		add(hang(lpad(clean(b.Name), 4)+"  "+text, w, in, in+6))
	case report.AnswerRow:
		add(hang(st.Question.Render(clean(b.Name))+": "+text, w, in, in+2))
	case report.ReferenceItem:
		mark := "[" + itoa(b.Ref.N) + "] "
		add(hang(mark+clean(b.Ref.Text), w, in, in+len(mark)))
		if b.Ref.URL != "" {
			out = append(out, linkLines(b.Ref.URL, w, in+len(mark))...)
		}
	}
	for _, d := range b.Details {
		if b.Kind == report.FlagItem && d.Kind == report.Note && !c.roomy() {
			// What raised a flag: in a small window, on the e view, so
			// the reasons that set the level fit the first screen.
			continue
		}
		out = append(out, blockLines(c, d, in+2)...)
	}
	return out
}

// roomy reports whether the window has room for the answers behind each
// flag under it on the results.
func (c *common) roomy() bool { return c.height > 30 }

// plainCites are reference marks after a space, unstyled.
func plainCites(ns []int) string {
	if len(ns) == 0 {
		return ""
	}
	return " " + report.CiteMarks(ns)
}

// linkLines draws a web address, indented by in: broken only after a
// slash when it does not fit, never inside a word, and each piece a link
// (OSC 8) to the whole address in terminals that support them.
func linkLines(url string, width, in int) []string {
	link := lipgloss.NewStyle()
	if safeLink(url) {
		link = link.Hyperlink(url)
	}
	url = clean(url)
	room := max(1, width-in)
	var out []string
	cur := ""
	for _, part := range strings.SplitAfter(url, "/") {
		if part == "" {
			continue
		}
		if cur != "" && ansi.StringWidth(cur+part) > room {
			out = append(out, strings.Repeat(" ", in)+link.Render(cur))
			cur = ""
		}
		cur += part
		for ansi.StringWidth(cur) > room {
			// one piece with no slash longer than the line: cut it
			head := ansi.Truncate(cur, room, "")
			out = append(out, strings.Repeat(" ", in)+link.Render(head))
			cur = cur[len(head):]
		}
	}
	if cur != "" {
		out = append(out, strings.Repeat(" ", in)+link.Render(cur))
	}
	return out
}

// safeLink reports whether an address may be a link: as the rule base
// gives it, needing no cleaning, an http or https address with a host, in
// printable ASCII (see linkLen, which lets only such links through).
func safeLink(addr string) bool {
	u, err := neturl.Parse(addr)
	return err == nil && u.Host != "" && clean(addr) == addr && linkLen("\x1b]8;;"+addr+"\x07") > 0
}

// cleanList cleans and joins a list from the rule base.
func cleanList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = clean(s)
	}
	return strings.Join(out, ", ")
}

// flagLines is a red flag as the clinician's views show it: its level and
// reason, what to do, the answers that raised it, and its source.
func flagLines(c *common, f knowledge.Flag) []string {
	st := c.styles
	rb := c.rb
	w := c.width
	return lines(strings.Join([]string{
		hang(st.level(f.Level).Render("! ["+clean(report.LevelLabel(rb, f.Level))+"]")+" "+clean(f.Reason), w, 2, 4),
		hang("What to do: "+clean(f.Action), w, 4, 6),
		st.Faint.Render(hang("Because "+clean(report.FlagAnswers(rb, f)), w, 4, 6)),
		hang(st.Faint.Render("Source: "+clean(report.SourceName(rb, f.Source))), w, 4, 6),
	}, "\n"))
}
