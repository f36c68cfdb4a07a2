package tui

import (
	"maps"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// resultsScreen shows the result: a skipped emergency check first, in
// words, with the signs and what to do for each; the triage level, which
// never scrolls away, and what to do at that level, which does not either
// when the check was answered and the window has room; then, scrolling,
// the reasons, the nutrients as bars (one selected, any number
// expanded into their evidence), other causes, triggers, cautions,
// reassurance, the sources and the disclaimer.
type resultsScreen struct {
	selected int             // index into result.Deficiencies
	expanded map[string]bool // by deficiency id; copied on change
	expGen   int             // counts changes to expanded
	text     textView
	rowLine  []int // the content line of each deficiency's row
	built    resultsKey
	km       resultsKeys
}

// resultsKey is what the content depends on.
type resultsKey struct {
	gen, width, selected, expanded int
	pinned                         bool // what to do is in the header
}

type resultsKeys struct {
	nav                                                 navKeys
	Next, Prev, Expand, Explain, Review, Restart, Rules key.Binding
	Diary                                               key.Binding
	Save                                                []key.Binding // one per save kind
}

func newResults(c *common) resultsScreen {
	s := resultsScreen{
		expanded: map[string]bool{},
		km: resultsKeys{
			nav:     newNavKeys(true),
			Next:    bind("tab", "next nutrient", "tab"),
			Prev:    bind("shift+tab", "previous nutrient", "shift+tab"),
			Expand:  bind("enter", "details", "enter"),
			Explain: bind("e", "why, answer by answer", "e"),
			Review:  bind("v", "review answers", "v"),
			Restart: bind("n", "start over", "n"),
			Rules:   bind("i", "rule browser", "i"),
			Diary:   diaryKey(),
		},
	}
	for _, k := range saveKinds() {
		s.km.Save = append(s.km.Save, k.key)
	}
	s.built.gen = -1
	return s
}

func (s resultsScreen) title() string { return "the results" }

func (s resultsScreen) keys(c *common) keySet {
	k := s.km
	has := len(c.result.Deficiencies) > 0
	k.Next.SetEnabled(has)
	k.Prev.SetEnabled(has)
	k.Expand.SetEnabled(has)
	k.Explain.SetEnabled(has)
	if has && s.expanded[c.result.Deficiencies[s.sel(c)].ID] {
		k.Expand.SetHelp("enter", "hide details")
	}
	k.nav = s.text.keys(k.nav)
	short := []key.Binding{k.nav.Down, k.nav.Up, k.Next, k.Expand, k.Explain}
	short = append(short, k.Save...)
	return keySet{
		short: short,
		more:  []key.Binding{k.Prev, k.nav.PageDown, k.nav.PageUp, k.nav.Top, k.nav.Bottom, k.Review, k.Restart, k.Rules, withDiary(c, k.Diary)},
	}
}

// sel is the selected deficiency, within range.
func (s resultsScreen) sel(c *common) int {
	return max(0, min(s.selected, len(c.result.Deficiencies)-1))
}

func (s resultsScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		s.key(c, msg)
	}
	s.layout(c)
	return s, nil
}

func (s *resultsScreen) key(c *common, msg tea.KeyPressMsg) {
	k := s.km
	n := len(c.result.Deficiencies)
	for i, b := range k.Save {
		if key.Matches(msg, b) {
			c.startSave(saveKinds()[i])
			return
		}
	}
	switch {
	case n > 0 && key.Matches(msg, k.Next):
		s.selected = (s.sel(c) + 1) % n
		s.layout(c)
		s.showSelected()
	case n > 0 && key.Matches(msg, k.Prev):
		s.selected = (s.sel(c) - 1 + n) % n
		s.layout(c)
		s.showSelected()
	case n > 0 && key.Matches(msg, k.Expand):
		id := c.result.Deficiencies[s.sel(c)].ID
		s.expanded = maps.Clone(s.expanded)
		s.expanded[id] = !s.expanded[id]
		s.expGen++
		s.layout(c)
		s.showSelected()
	case n > 0 && key.Matches(msg, k.Explain):
		c.push(newExplain(c, c.result.Deficiencies[s.sel(c)].ID))
	case key.Matches(msg, k.Review):
		c.open(newReviewAt(c, -1))
	case key.Matches(msg, k.Restart):
		c.ask(confirmation{
			question: "Start over? This clears every answer.",
			yesDesc:  "clear and start over",
			yes:      func(c *common) { c.restart() },
		})
	case key.Matches(msg, k.Rules):
		c.push(newBrowser(c))
	case key.Matches(msg, k.Diary) && c.opts.Diary != nil:
		c.push(newDiaryScreen(c))
	default:
		s.text.scroll(s.text.keys(k.nav), msg)
	}
}

// showSelected scrolls so the selected row and its details show.
func (s *resultsScreen) showSelected() {
	if s.selected >= len(s.rowLine) {
		return
	}
	from := s.rowLine[s.selected]
	to := len(s.text.lines)
	if s.selected+1 < len(s.rowLine) {
		to = s.rowLine[s.selected+1]
	}
	s.text.show(max(0, from-1), to)
}

// layout rebuilds the content when what it depends on changed, and fits
// the window to the height left under the header.
func (s *resultsScreen) layout(c *common) {
	k := resultsKey{gen: c.gen, width: c.width, selected: s.sel(c), expanded: s.expGen, pinned: s.pinned(c)}
	content := s.text.lines
	if k != s.built {
		s.built = k
		content, s.rowLine = s.content(c, k.pinned)
	}
	s.text.set(content, c.height-lineCount(s.header(c)))
}

// header is the part that never scrolls: a skipped emergency check, in
// words, before anything else; then the triage level; then what to do,
// when it is pinned.
func (s resultsScreen) header(c *common) string {
	top := s.levelLines(c)
	if s.pinned(c) {
		top += "\n" + s.action(c) + strings.Repeat("\n", c.styles.Spacing)
	}
	return top
}

// levelLines are a skipped emergency check, in words, and the triage level.
func (s resultsScreen) levelLines(c *common) string {
	st := c.styles
	w := c.width
	lvl := c.result.Triage.Level
	var out []string
	if c.result.Triage.Skipped() {
		out = append(out, st.Error.Render(wrapText("! "+report.SkippedHeading, w)))
	}
	head := clean(report.TriageLine(c.rb, lvl))
	out = append(out, st.level(lvl).Render(wrapText(head, w)))
	return strings.Join(out, "\n")
}

// action is what to do at the triage level.
func (s resultsScreen) action(c *common) string {
	return c.styles.Question.Render(wrapText(clean(c.rb.Level(c.result.Triage.Level).Action), c.width))
}

// pinned reports whether what to do stays in the header: it does when the
// header with it takes at most a third of the height, so the text under it
// keeps room, and the emergency check was answered (skipped, the signs and
// what to do for each come first).
func (s resultsScreen) pinned(c *common) bool {
	return !c.result.Triage.Skipped() && lineCount(s.levelLines(c))+lineCount(s.action(c))+c.styles.Spacing <= c.height/3
}

func (s resultsScreen) view(c *common) string {
	return s.header(c) + "\n" + s.text.view(c.styles.Faint)
}

// content renders the scrolling part of the results, each line at most
// the width, and the line of each deficiency's row. What to do opens it
// when it is not pinned in the header.
func (s resultsScreen) content(c *common, pinned bool) ([]string, []int) {
	st := c.styles
	w := c.width
	rb := c.rb
	res := c.result
	var out []string
	add := func(text string) { out = append(out, strings.Split(text, "\n")...) }
	gap := func() {
		for i := 0; i < st.Spacing; i++ {
			out = append(out, "")
		}
	}
	title := func(t string) { add(st.Title.Render(wrapText(t, w))) }
	source := func(id string) string { return st.Faint.Render("Source: " + clean(report.SourceName(rb, id))) }

	if c.caseName != "" {
		add(st.Faint.Render(wrapText("Sample case: "+c.caseName, w)))
		if pinned {
			gap() // what to do is above it, in the header
		}
	}
	if res.Triage.Skipped() {
		add(hang(clean(rb.Skipped.Reason), w, 2, 2))
		add(hang(report.SignsIntro, w, 2, 2))
		for _, sg := range rb.EmergencySigns() {
			add(hang("- "+clean(report.SignLine(sg)), w, 2, 4))
		}
		gap()
	}
	if !pinned {
		add(s.action(c))
		gap()
	}

	if len(res.Triage.Flags) > 0 {
		title("Why")
		for _, f := range res.Triage.Flags {
			out = append(out, flagLines(c, f)...)
		}
		gap()
	}

	title("What your answers may point to")
	add(st.Faint.Render(hang(clean(report.ScoreLegend(rb)), w, 2, 2)))
	add(st.Faint.Render(hang("tab: next · enter: details · e: why, answer by answer", w, 2, 2)))
	rows := make([]int, len(res.Deficiencies))
	sel := s.sel(c)
	nameW := 0
	for _, d := range res.Deficiencies {
		nameW = max(nameW, ansi.StringWidth(clean(d.Name)))
	}
	barW := max(5, min(20, w-nameW-22))
	oneLine := 4+nameW+1+barW+5+9 <= w
	for i, d := range res.Deficiencies {
		rows[i] = len(out)
		marker, arrow := "  ", "▸ "
		if i == sel {
			marker = "> "
		}
		if s.expanded[d.ID] {
			arrow = "▾ "
		}
		name := clean(d.Name)
		score := report.Bar(d.Score, barW) + " " + lpad(itoa(d.Score), 3) + "  " + d.Band
		var row string
		if oneLine {
			row = marker + arrow + pad(name, nameW) + " " + score
		} else {
			row = hang(marker+arrow+name, w, 0, 4) + "\n" + hang(report.Bar(d.Score, max(5, min(20, w-20)))+" "+itoa(d.Score)+"  "+d.Band, w, 4, 4)
		}
		if i == sel {
			add(st.Cursor.Render(row))
		} else {
			add(st.band(d.Band).Render(row))
		}
		if s.expanded[d.ID] {
			add(s.details(c, d))
		}
	}
	gap()

	if len(res.Others) > 0 {
		title("Other causes a doctor may consider")
		for _, o := range res.Others {
			add(hang("• "+st.Question.Render(clean(o.Name))+": "+clean(o.Text), w, 2, 4))
			if len(o.Tests) > 0 {
				add(hang("Tests: "+cleanList(o.Tests), w, 4, 6))
			}
			add(hang(source(o.Source), w, 4, 6))
		}
		gap()
	}

	title("Lifestyle triggers")
	if len(res.Triggers) == 0 {
		add(hang("None of your answers point to a lifestyle trigger.", w, 2, 2))
	}
	for _, t := range res.Triggers {
		add(hang("• "+st.Question.Render(clean(t.Name))+" ("+string(t.Strength)+"): "+clean(t.Why), w, 2, 4))
		if t.AdviceShown() {
			add(hang("What to do: "+clean(t.Advice), w, 4, 6))
		}
		for _, n := range t.AdviceNotes {
			add(hang("What to do: "+clean(n.Text), w, 4, 6))
			add(hang(source(n.Source), w, 4, 6))
		}
		names := make([]string, len(t.Sources))
		for i, id := range t.Sources {
			names[i] = clean(report.SourceName(rb, id))
		}
		if len(names) > 0 {
			add(st.Faint.Render(hang("Source: "+strings.Join(names, "; "), w, 4, 6)))
		}
	}
	gap()

	if len(res.Cautions) > 0 {
		title("Cautions")
		for _, ca := range res.Cautions {
			add(hang(st.Error.Render("!")+" "+clean(ca.Text), w, 2, 4))
			add(hang(source(ca.Source), w, 4, 6))
		}
		gap()
	}
	if len(res.Reassurance) > 0 {
		title("Good to know")
		for _, n := range res.Reassurance {
			add(hang("• "+clean(n.Text), w, 2, 4))
			add(hang(source(n.Source), w, 4, 6))
		}
		gap()
	}
	if srcs := report.CitedSources(rb, res); len(srcs) > 0 {
		title("Sources")
		for i, src := range srcs {
			add(hang("["+itoa(i+1)+"] "+clean(report.SourceLine(src)), w, 2, 6))
		}
		gap()
	}
	title("Disclaimer")
	add(hang(clean(rb.Disclaimer), w, 2, 2))
	return out, rows
}

// details is an expanded deficiency: where its score starts, the evidence
// for and against (points, answers, why, source), the blood tests, the
// causes a doctor looks for, and the foods as the result allows them.
func (s resultsScreen) details(c *common, d knowledge.Scored) string {
	st := c.styles
	rb := c.rb
	w := c.width
	var out []string
	out = append(out, st.Faint.Render(hang("Starts at "+itoa(d.Baseline)+" before any answer.", w, 6, 6)))
	if d.ForScore > d.Score {
		out = append(out, st.Faint.Render(hang("From the signs and risks alone it would be "+itoa(d.ForScore)+"; the answers against it bring it to "+itoa(d.Score)+".", w, 6, 6)))
	}
	var pro, con []knowledge.Evidence
	for _, e := range d.Evidence {
		if e.Points >= 0 {
			pro = append(pro, e)
		} else {
			con = append(con, e)
		}
	}
	for _, g := range []struct {
		title string
		ev    []knowledge.Evidence
	}{{"For:", pro}, {"Against:", con}} {
		if len(g.ev) == 0 {
			continue
		}
		out = append(out, "      "+st.Question.Render(g.title))
		for _, e := range g.ev {
			out = append(out, evidenceLine(c, e, w, 6))
		}
	}
	if len(d.Evidence) == 0 {
		out = append(out, hang("No answer so far points to or away from it.", w, 6, 6))
	}
	if len(d.Tests) > 0 {
		out = append(out, hang("Blood tests to ask about: "+cleanList(d.Tests), w, 6, 8))
	}
	for _, cause := range d.Causes {
		out = append(out, hang("A doctor looks for: "+clean(cause.Text)+" "+st.Faint.Render("["+clean(report.SourceName(rb, cause.Source))+"]"), w, 6, 8))
	}
	if line := report.FoodsLine(d); line != "" {
		out = append(out, hang(clean(line), w, 6, 8))
	}
	for _, n := range d.FoodNotes {
		out = append(out, hang(st.Warn.Render("!")+" "+clean(n.Text)+" "+st.Faint.Render("["+clean(report.SourceName(rb, n.Source))+"]"), w, 6, 8))
	}
	return strings.Join(out, "\n")
}

// evidenceLine is one piece of evidence: its points, aligned, the answers
// that fired it, why, and its source.
func evidenceLine(c *common, e knowledge.Evidence, w, in int) string {
	st := c.styles
	rb := c.rb
	text := signed(e.Points, 4) + "  " + clean(report.AnswerLabels(rb, e.Answers())) + ": " + clean(e.Rule.Why) + " " + st.Faint.Render("["+clean(report.SourceName(rb, e.Rule.Source))+"]")
	return hang(text, w, in, in+6)
}

// cleanList cleans and joins a list from the rule base.
func cleanList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = clean(s)
	}
	return strings.Join(out, ", ")
}

// flagLines is a red flag as every screen shows it: its level and reason,
// what to do, the answers that raised it, and its source.
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
