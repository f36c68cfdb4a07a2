package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// reviewScreen lists every question shown with its answer, whole, and
// "See the results" last. Enter changes the answer under the cursor.
type reviewScreen struct {
	cursor int // a row; the last row is "See the results"
	list   rowList
	// body is the screen drawn when it was last laid out (place): view
	// shows it.
	body string
	km   reviewKeys
}

// newReviewAt opens the review with the cursor on question i's row, or on
// "See the results" for -1.
func newReviewAt(c *common, i int) reviewScreen {
	vis := c.answers.Visible()
	s := reviewScreen{
		cursor: len(vis),
		km:     c.keys.Review,
	}
	for n, j := range vis {
		if j == i {
			s.cursor = n
		}
	}
	return s
}

func (s reviewScreen) hostsPanel() {}

func (s reviewScreen) title() string { return "the review" }

func (s reviewScreen) keys(c *common) keySet {
	k := s.km
	k.nav.at(s.cursor, len(c.answers.Visible()))
	if s.cursor >= len(c.answers.Visible()) {
		k.Change.SetHelp("enter", "see results")
	}
	return keySet{
		short: []key.Binding{k.Change, k.Results, k.Back, k.nav.Up, k.nav.Down},
		more:  []key.Binding{k.nav.Top, k.nav.Bottom, k.nav.PageUp, k.nav.PageDown},
	}
}

func (s reviewScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	vis := c.answers.Visible()
	rows := len(vis) + 1
	s.cursor = max(0, min(s.cursor, rows-1))
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		k := s.km
		k.nav.at(s.cursor, rows-1)
		page := max(1, c.height/2)
		switch {
		case key.Matches(msg, k.nav.Up):
			s.cursor = max(0, s.cursor-1)
		case key.Matches(msg, k.nav.Down):
			s.cursor = min(rows-1, s.cursor+1)
		case key.Matches(msg, k.nav.Top):
			s.cursor = 0
		case key.Matches(msg, k.nav.Bottom):
			s.cursor = rows - 1
		case key.Matches(msg, k.nav.PageUp):
			s.cursor = max(0, s.cursor-page)
		case key.Matches(msg, k.nav.PageDown):
			s.cursor = min(rows-1, s.cursor+page)
		case key.Matches(msg, k.Results):
			c.open(newResults(c))
		case key.Matches(msg, k.Change):
			if s.cursor == len(vis) {
				c.open(newResults(c))
			} else {
				c.open(newQuestion(c, vis[s.cursor], true))
			}
		case key.Matches(msg, k.Back):
			if j := c.flow.last(c.answers); j >= 0 {
				c.open(newQuestion(c, j, false))
			} else {
				c.open(newWelcome(c))
			}
		}
	}
	s.place(c)
	return s, nil
}

// header is the title, the count and any warnings about the answers.
func (s reviewScreen) header(c *common) string {
	st := c.styles
	w := c.width
	head := "Review your answers"
	if c.caseName != "" {
		head += " · case: " + c.caseName
	}
	out := []string{st.Title.Render(wrapText(head, w))}
	vis := c.answers.Visible()
	out = append(out, st.Faint.Render(wrapText(itoa(c.answers.Count())+" of "+itoa(len(vis))+" answered. Pick one to change it.", w)))
	if len(c.notices) > 0 {
		text := strings.Join(c.notices, "\n")
		ls := lines(st.Warn.Render(wrapText(text, w)))
		if room := max(1, c.height/4); len(ls) > room {
			ls = append(ls[:room-1], st.Warn.Render(wrapText("… and more: press w to read every warning.", w)))
		}
		out = append(out, ls...)
	}
	return strings.Join(out, "\n") + strings.Repeat("\n", c.styles.Spacing)
}

// rows renders each question and its answer in full: side by side when
// the window is wide, the answer under the question when it is not.
func (s reviewScreen) rows(c *common) []string {
	st := c.styles
	w := c.width
	vis := c.answers.Visible()
	qw := 0
	for _, i := range vis {
		qw = max(qw, ansi.StringWidth(clean(c.question(i).Short)))
	}
	qw = min(qw, (w-4)/2)
	out := make([]string, 0, len(vis)+1)
	for n, i := range vis {
		q := c.question(i)
		ans := answerText(c.answers, q)
		faint := ans == ""
		if faint {
			ans = "(not answered)"
		}
		prefix := "  "
		if n == s.cursor {
			prefix = "> "
		}
		short := clean(q.Short)
		var row string
		if w >= 60 && ansi.StringWidth(short) <= qw {
			// Side by side: the answer wraps in its column.
			row = lead(prefix+pad(short, qw)+"  ", ans, w)
		} else {
			// The question, then its answer under it.
			row = hang(prefix+short, w, 0, 2) + "\n" + hang(ans, w, 4, 4)
		}
		switch {
		case n == s.cursor:
			row = st.Cursor.Render(row)
		case faint:
			row = st.Faint.Render(row)
		}
		out = append(out, row)
	}
	last := "  See the results →"
	if s.cursor == len(vis) {
		last = st.Cursor.Render("> See the results →")
	}
	return append(out, last)
}

// place lays the review out and draws it, the cursor's row in view.
func (s *reviewScreen) place(c *common) {
	top := s.header(c)
	s.body = top + "\n" + s.list.render(s.rows(c), s.cursor, c.height-lineCount(top), c.styles.Faint)
}

func (s reviewScreen) view(c *common) string { return s.body }
