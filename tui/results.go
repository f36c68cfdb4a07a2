package tui

import (
	"maps"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/report"
)

// resultsScreen shows the result document (report.Build) in its order: a
// skipped emergency check first, in words; the triage level, which never
// scrolls away, and what to do, which does not either when the check was
// answered and the window has room; then, scrolling, the reasons that set
// the level, what the answers point to most, the lower reasons, the
// nutrients as bars (one selected, any number opened into their
// evidence), other causes, triggers, cautions, reassurance and the
// disclaimer. The answers and the sources are a key away (v, r).
type resultsScreen struct {
	selected int             // index into the nutrient rows
	expanded map[string]bool // by deficiency id; copied on change
	expGen   int             // counts changes to expanded
	text     textView
	rowLine  []int // the content line of each nutrient's row
	built    resultsKey
	head     string // the header, as laid out for built
	docs     *docCache
	km       resultsKeys
}

// resultsKey is what the content depends on.
type resultsKey struct {
	gen, width, selected, expanded int
	pinned                         bool // what to do is in the header
	name                           string
}

func newResults(c *common) resultsScreen {
	s := resultsScreen{
		expanded: map[string]bool{},
		docs:     &docCache{},
		km:       c.keys.Results,
	}
	s.built.gen = -1
	return s
}

func (s resultsScreen) title() string { return "the results" }

// doc is the result document.
func (s resultsScreen) doc(c *common) *report.Document { return s.docs.get(c) }

// rows are the nutrient rows of the document: none when nothing was
// answered.
func (s resultsScreen) rows(c *common) []report.Block {
	sec := s.doc(c).Section(report.SectionNutrients)
	if sec == nil {
		return nil
	}
	var out []report.Block
	for _, b := range sec.Blocks {
		if b.Kind == report.NutrientRow {
			out = append(out, b)
		}
	}
	return out
}

func (s resultsScreen) keys(c *common) keySet {
	k := s.km
	rows := s.rows(c)
	has := len(rows) > 0
	k.Next.SetEnabled(has)
	k.Prev.SetEnabled(has)
	k.Expand.SetEnabled(has)
	k.Explain.SetEnabled(has)
	if has && s.expanded[rows[s.sel(len(rows))].Nutrient.ID] {
		k.Expand.SetHelp("enter", "hide details")
	}
	k.nav = s.text.keys(k.nav)
	return keySet{
		short: []key.Binding{k.Save, k.nav.Down, k.nav.Up, k.Next, k.Expand, k.Sources, k.Explain},
		more:  []key.Binding{k.Prev, k.nav.PageDown, k.nav.PageUp, k.nav.Top, k.nav.Bottom, k.Review, k.Restart, k.Rules, withDiary(c, k.Diary)},
	}
}

// sel is the selected row, within range.
func (s resultsScreen) sel(n int) int { return max(0, min(s.selected, n-1)) }

func (s resultsScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		s.key(c, msg)
	}
	s.layout(c)
	return s, nil
}

func (s *resultsScreen) key(c *common, msg tea.KeyPressMsg) {
	k := s.km
	rows := s.rows(c)
	n := len(rows)
	switch {
	case key.Matches(msg, k.Save):
		c.openSaveMenu()
	case n > 0 && key.Matches(msg, k.Next):
		s.selected = (s.sel(n) + 1) % n
		s.layout(c)
		s.showSelected()
	case n > 0 && key.Matches(msg, k.Prev):
		s.selected = (s.sel(n) - 1 + n) % n
		s.layout(c)
		s.showSelected()
	case n > 0 && key.Matches(msg, k.Expand):
		id := rows[s.sel(n)].Nutrient.ID
		s.expanded = maps.Clone(s.expanded)
		s.expanded[id] = !s.expanded[id]
		s.expGen++
		s.layout(c)
		s.showSelected()
	case n > 0 && key.Matches(msg, k.Explain):
		c.push(newExplain(c, rows[s.sel(n)].Nutrient.ID))
	case key.Matches(msg, k.Sources):
		c.push(newSources(c, s.doc(c)))
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
	k := resultsKey{gen: c.gen, width: c.width, selected: s.sel(len(s.rows(c))), expanded: s.expGen, pinned: s.pinned(c), name: c.caseName}
	content := s.text.lines
	if k != s.built {
		s.built = k
		content, s.rowLine = s.content(c, k.pinned)
		s.head = s.header(c)
	}
	s.text.set(content, c.height-lineCount(s.head))
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

// levelLines are a skipped emergency check's heading and the level's.
func (s resultsScreen) levelLines(c *common) string {
	st := c.styles
	w := c.width
	doc := s.doc(c)
	var out []string
	if sk := doc.Section(report.SectionSkipped); sk != nil {
		out = append(out, st.Error.Render(wrapText("! "+clean(sk.Title), w)))
	}
	if l := doc.Section(report.SectionLevel); l != nil {
		out = append(out, st.level(doc.Level).Render(wrapText(clean(l.Title), w)))
	}
	return strings.Join(out, "\n")
}

// action is what to do at the level, as the document words it.
func (s resultsScreen) action(c *common) string {
	var out []string
	if l := s.doc(c).Section(report.SectionLevel); l != nil {
		for _, b := range l.Blocks {
			out = append(out, blockLines(c, b, 0)...)
		}
	}
	return strings.Join(out, "\n")
}

// pinned reports whether what to do stays in the header: it does when the
// header with it takes at most a third of the height, so the text under it
// keeps room, and the emergency check was answered (skipped, the signs and
// what to do for each come first).
func (s resultsScreen) pinned(c *common) bool {
	return s.doc(c).Section(report.SectionSkipped) == nil && lineCount(s.levelLines(c))+lineCount(s.action(c))+c.styles.Spacing <= c.height/3
}

func (s resultsScreen) view(c *common) string {
	head := s.head
	if head == "" {
		head = s.header(c)
	}
	return head + "\n" + s.text.view(c.styles.Faint)
}

// content renders the scrolling part of the results from the document,
// each line at most the width, and the line of each nutrient's row.
func (s resultsScreen) content(c *common, pinned bool) (out []string, rows []int) {
	st := c.styles
	w := c.width
	doc := s.doc(c)
	add := func(ls ...string) { out = append(out, ls...) }
	gap := func() {
		for i := 0; i < st.Spacing; i++ {
			out = append(out, "")
		}
	}
	title := func(t string) { add(strings.Split(st.Title.Render(wrapText(clean(t), w)), "\n")...) }
	for _, sec := range doc.Sections {
		switch sec.ID {
		case report.SectionSummary:
			// The header holds the level: what the result is about (the
			// knowledge base, the answers, the case) closes it instead.
			defer func() {
				gap()
				for _, b := range sec.Blocks {
					add(blockLines(c, b, 0)...)
				}
			}()
			continue
		case report.SectionSkipped:
			// its heading is in the header
			for _, b := range sec.Blocks {
				add(blockLines(c, b, 2)...)
			}
			gap()
			continue
		case report.SectionLevel:
			if !pinned {
				add(strings.Split(s.action(c), "\n")...)
				gap()
			}
			continue
		case report.SectionAnswers:
			title(sec.Title)
			add(strings.Split(st.Faint.Render(hang("v: review or change them", w, 2, 2)), "\n")...)
			gap()
			continue
		case report.SectionReferences:
			add(strings.Split(st.Faint.Render(hang("sources: press r", w, 0, 0)), "\n")...)
			gap()
			continue
		}
		title(sec.Title)
		switch sec.ID {
		case report.SectionNutrients:
			rows = s.nutrientLines(c, &sec, &out)
		case report.SectionReasons:
			for _, b := range sec.Blocks {
				if b.Kind == report.FlagItem {
					b.Name = "" // the header says the level
				}
				add(blockLines(c, b, 2)...)
			}
		default:
			for _, b := range sec.Blocks {
				add(blockLines(c, b, 2)...)
			}
		}
		if sec.ID != report.SectionDisclaimer {
			gap()
		}
	}
	return out, rows
}

// nutrientLines adds the nutrients section: its notes, and a row per
// nutrient with a bar, the selected one marked, opened ones with their
// details. It returns the line of each row.
func (s resultsScreen) nutrientLines(c *common, sec *report.Section, out *[]string) []int {
	st := c.styles
	w := c.width
	var rows []report.Block
	nameW := 0
	for _, b := range sec.Blocks {
		if b.Kind == report.NutrientRow {
			rows = append(rows, b)
			nameW = max(nameW, ansi.StringWidth(clean(b.Nutrient.Name)))
		}
	}
	if len(rows) > 0 {
		*out = append(*out, strings.Split(st.Faint.Render(hang("tab: next · enter: details · e: why, answer by answer", w, 2, 2)), "\n")...)
	}
	barW := max(5, min(20, w-nameW-26))
	oneLine := 4+nameW+1+barW+5+16 <= w
	sel := s.sel(len(rows))
	var lines []int
	i := 0
	for _, b := range sec.Blocks {
		if b.Kind != report.NutrientRow {
			*out = append(*out, blockLines(c, b, 2)...)
			continue
		}
		n := b.Nutrient
		lines = append(lines, len(*out))
		marker, arrow := "  ", "▸ "
		if i == sel {
			marker = "> "
		}
		if s.expanded[n.ID] {
			arrow = "▾ "
		}
		name := clean(n.Name)
		var row string
		if oneLine {
			row = marker + arrow + pad(name, nameW) + " " + report.Bar(n.Score, barW) + " " + lpad(itoa(n.Score), 3) + "  " + n.BandWords
		} else {
			row = hang(marker+arrow+name, w, 0, 4) + "\n" + hang(report.Bar(n.Score, max(5, min(20, w-24)))+" "+itoa(n.Score)+"  "+n.BandWords, w, 4, 4)
		}
		if i == sel {
			row = st.Cursor.Render(row)
		} else {
			row = st.band(n.Band).Render(row)
		}
		*out = append(*out, strings.Split(row, "\n")...)
		if s.expanded[n.ID] {
			for _, d := range b.Details {
				*out = append(*out, blockLines(c, d, 6)...)
			}
		}
		i++
	}
	return lines
}

// newSources lists the sources of the result, numbered as the marks cite
// them, with their addresses whole (or broken only after a slash) and
// clickable where the terminal supports links.
func newSources(c *common, doc *report.Document) pagerScreen {
	return newPager(c, "sources", func(c *common) []string {
		st := c.styles
		var out []string
		if sec := doc.Section(report.SectionReferences); sec != nil {
			out = append(out, lines(st.Title.Render(wrapText(clean(sec.Title), c.width)))...)
			for _, b := range sec.Blocks {
				out = append(out, blockLines(c, b, 2)...)
			}
		}
		if len(doc.Later) > 0 {
			out = append(out, "")
			out = append(out, lines(st.Title.Render(wrapText(report.LaterSources, c.width)))...)
			for _, b := range doc.Later {
				out = append(out, blockLines(c, b, 2)...)
			}
		}
		if len(out) == 0 {
			out = append(out, "No sources: nothing in the result cites one.")
		}
		return out
	})
}
