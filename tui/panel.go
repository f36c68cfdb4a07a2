package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/report"
)

// livePanel shows the current triage level and the top nutrients, updated
// after every answer, so a clinician can show "what if". It is for demos:
// off for a person screening themselves, on in demo mode, toggled with p.
// Beside the questions it is a box w cells wide; below them (narrow
// windows) it is a few plain lines. It never takes more than h lines. Its
// heading breaks only between phrases, never inside the level's words.
func livePanel(c *common, w, h int, boxed bool) string {
	st := c.styles
	rb := c.rb
	res := c.result
	lvl := res.Triage.Level
	iw := w
	if boxed {
		iw = max(10, w-4)
	}
	flags := "no red flags"
	if n := len(res.Triage.Flags); n > 0 {
		flags = plural(n, "red flag", "red flags")
	}
	head := []string{st.Title.Render("Live scores"), st.level(lvl).Render(clean(report.TriageLine(rb, lvl))), flags}
	if res.Triage.Skipped() {
		head = append(head, st.Error.Render("emergency check not answered"))
	}
	top := res.Deficiencies[:min(5, len(res.Deficiencies))]
	if !boxed {
		// A few plain lines: the level, the top scores while they fit,
		// and what a score is.
		out := strings.Split(wrapPhrases(head, iw), "\n")
		if len(out) > h {
			// Less, never a phrase cut: the level alone, at the least.
			label := st.level(lvl).Render(clean(report.LevelLabel(rb, lvl)))
			for _, short := range [][]string{{st.Title.Render("Live scores"), label}, {label}} {
				if out = strings.Split(wrapPhrases(short, iw), "\n"); len(out) <= h {
					break
				}
			}
			return strings.Join(out, "\n")
		}
		scores := ""
		for _, d := range top {
			item := clean(d.Name) + " " + itoa(d.Score)
			next := item
			if scores != "" {
				next = scores + " · " + item
			}
			if len(out)+lineCount(wrapText(next, iw)) > h {
				break
			}
			scores = next
		}
		if scores != "" {
			out = append(out, strings.Split(wrapText(scores, iw), "\n")...)
		}
		if note := strings.Split(st.Faint.Render(wrapText(clean(rb.ScoreNote), iw)), "\n"); len(out)+len(note) <= h {
			out = append(out, note...)
		}
		return strings.Join(out, "\n")
	}
	var out []string
	add := func(t string) { out = append(out, strings.Split(t, "\n")...) }
	add(wrapPhrases(head, iw))
	add("")
	nameW := 0
	for _, d := range top {
		nameW = max(nameW, ansi.StringWidth(clean(d.Name)))
	}
	nameW = min(nameW, iw-9)
	barW := max(3, iw-nameW-5)
	for _, d := range top {
		name := clean(d.Name)
		bar := st.band(d.Band).Render(report.Bar(d.Score, barW)) + " " + lpad(itoa(d.Score), 3)
		if ansi.StringWidth(name) > nameW {
			add(wrapText(name, iw))
			add(strings.Repeat(" ", nameW+1) + bar)
			continue
		}
		add(pad(name, nameW) + " " + bar)
	}
	if len(res.Triggers) > 0 {
		names := make([]string, len(res.Triggers))
		for i, t := range res.Triggers {
			names[i] = clean(t.Name)
		}
		add("")
		add(st.Faint.Render(wrapText("Triggers: "+strings.Join(names, ", "), iw)))
	}
	add("")
	add(st.Faint.Render(wrapText(clean(report.ScoreLegend(rb)), iw)))
	if len(out) > h-2 {
		out = out[:max(1, h-2)]
	}
	return st.Panel.Width(w).Render(strings.Join(out, "\n"))
}
