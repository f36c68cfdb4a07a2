package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// questionScreen asks one question. The cursor rests on no row until the
// person moves it, so pressing enter on a question never answered records
// nothing.
type questionScreen struct {
	index   int // into rb.Questions
	cursor  int // a row, or -1 for none
	editing bool
	// before is the triage level when the question opened: if an answer
	// raises it to an emergency, the app says so at once.
	before string
	list   rowList
	// body is the screen drawn when it was last laid out (place): view
	// shows it.
	body string
	km   questionKeys
	// suggest is what the diary suggests for this question, if anything:
	// offered, never chosen for the person.
	suggest *diary.Suggestion
}

type questionKeys struct {
	nav                        navKeys
	Toggle, Choose, Next, Back key.Binding
	Suggest                    key.Binding
}

// newQuestion opens question i, with the cursor on its first chosen
// option, if any. editing is true when it was opened from the review.
func newQuestion(c *common, i int, editing bool) questionScreen {
	f := field{c.question(i)}
	s := questionScreen{
		index:   i,
		cursor:  f.firstChosen(c.answers),
		editing: editing,
		before:  c.result.Triage.Level,
		km: questionKeys{
			nav:     newNavKeys(false),
			Toggle:  bind("space", "tick", "space", "x"),
			Choose:  bind("enter", "choose", "enter"),
			Next:    bind("tab", "skip", "tab"),
			Back:    questionBackKey(),
			Suggest: suggestKey(),
		},
		suggest: diarySuggestionFor(c, f.q.ID),
	}
	s.syncKeys(c)
	return s
}

func (s questionScreen) hostsPanel() {}

func (s questionScreen) title() string { return "a question" }

func (s questionScreen) field(c *common) field { return field{c.question(s.index)} }

// syncKeys enables the keys that work now and words them for the state.
func (s *questionScreen) syncKeys(c *common) {
	f := s.field(c)
	answered := c.answers.IsAnswered(f.q.ID)
	onOption := s.cursor >= 0 && s.cursor < len(f.q.Options)
	s.km.Toggle.SetEnabled(f.multi() && onOption)
	s.km.nav.at(s.cursor, f.rows()-1)
	// Short words: the help bar is narrow. The status line says more
	// when a question is skipped.
	switch {
	case s.cursor == f.skipRow():
		s.km.Choose.SetHelp("enter", "not sure")
	case f.multi() && answered:
		s.km.Choose.SetHelp("enter", "confirm")
	case onOption && !f.multi():
		s.km.Choose.SetHelp("enter", "choose")
	case answered:
		s.km.Choose.SetHelp("enter", "keep")
	default:
		s.km.Choose.SetHelp("enter", "skip")
	}
	if answered {
		s.km.Next.SetHelp("tab", "next")
	} else {
		s.km.Next.SetHelp("tab", "skip")
	}
}

func (s questionScreen) keys(c *common) keySet {
	k := s.km
	return keySet{
		short: []key.Binding{withSuggestion(s.suggest, k.Suggest), k.Toggle, k.Choose, k.Next, k.Back, k.nav.Down, k.nav.Up},
		more:  []key.Binding{k.nav.Top, k.nav.Bottom, k.nav.PageUp, k.nav.PageDown},
	}
}

func (s questionScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		s.key(c, msg)
		s.syncKeys(c)
	}
	s.place(c)
	return s, nil
}

func (s *questionScreen) key(c *common, msg tea.KeyPressMsg) {
	f := s.field(c)
	k := s.km
	switch {
	case s.move(c, msg):
	case s.suggest != nil && key.Matches(msg, k.Suggest):
		s.cursor = takeSuggestion(c, *s.suggest, s.cursor)
	case key.Matches(msg, k.Toggle):
		a, err := f.toggle(c.answers, s.cursor)
		if err != nil {
			c.fail(clean(err.Error()))
			return
		}
		c.setAnswers(a)
	case key.Matches(msg, k.Choose):
		switch {
		case s.cursor == f.skipRow():
			c.setAnswers(f.clear(c.answers))
		case !f.multi() && s.cursor >= 0:
			a, err := f.choose(c.answers, s.cursor)
			if err != nil {
				c.fail(clean(err.Error()))
				return
			}
			c.setAnswers(a)
		case !c.answers.IsAnswered(f.q.ID) && f.multi():
			c.say("Skipped: nothing was ticked (space ticks an option).")
		case !c.answers.IsAnswered(f.q.ID):
			c.say("Skipped: nothing was chosen.")
		}
		s.leave(c, true)
	case key.Matches(msg, k.Next):
		s.leave(c, true)
	case key.Matches(msg, k.Back):
		s.leave(c, false)
	}
}

// move moves the cursor; it reports whether msg was a move. From no row,
// any move goes to the first.
func (s *questionScreen) move(c *common, msg tea.KeyPressMsg) bool {
	n := s.field(c).rows()
	k := s.km.nav
	page := max(1, c.height/2)
	cur := s.cursor
	switch {
	case key.Matches(msg, k.Up):
		cur = max(0, cur-1)
	case key.Matches(msg, k.Down):
		cur = min(n-1, cur+1)
	case key.Matches(msg, k.Top):
		cur = 0
	case key.Matches(msg, k.Bottom):
		cur = n - 1
	case key.Matches(msg, k.PageUp):
		cur = max(0, cur-page)
	case key.Matches(msg, k.PageDown):
		cur = min(n-1, max(0, cur)+page)
	default:
		return false
	}
	s.cursor = cur
	return true
}

// leave goes on (forward) or back from this question, through the
// emergency screen first if an answer here raised the level to an
// emergency.
func (s *questionScreen) leave(c *common, forward bool) {
	if c.flow.raisedToEmergency(s.before, c.result) {
		c.open(newEmergency(c, s.index, s.editing))
		return
	}
	if forward {
		c.open(after(c, s.index, s.editing))
		return
	}
	switch j := c.flow.prev(c.answers, s.index); {
	case s.editing:
		c.open(newReviewAt(c, s.index))
	case j >= 0:
		c.open(newQuestion(c, j, false))
	default:
		c.open(newWelcome())
	}
}

// after is what comes after question i: the next question shown or the
// review, with the cursor on "See the results". From the review (editing),
// a follow-up the change brought up is asked first, then the review.
func after(c *common, i int, editing bool) screen {
	if editing {
		if j := c.flow.followUp(c.answers, i); j >= 0 {
			return newQuestion(c, j, true)
		}
		return newReviewAt(c, i)
	}
	if j := c.flow.next(c.answers, i); j >= 0 {
		return newQuestion(c, j, false)
	}
	return newReviewAt(c, -1)
}

// header is the question's heading and the question; then, when there is
// room for them and still for the options, its help and the instructions.
// It reports whether the help is in it: when it is not, the help leads the
// options (see body), so it is never dropped.
func (s questionScreen) header(c *common, rowLines int) (string, bool) {
	st := c.styles
	w := c.width
	f := s.field(c)
	n, total := c.flow.position(c.answers, s.index)
	head := sectionTitle(c.rb, f.q) + " · question " + itoa(n) + " of " + itoa(total) + " · " + itoa(c.answers.Count()) + " answered"
	if c.caseName != "" {
		head += " · case: " + c.caseName
	}
	essential := []string{st.Section.Render(wrapText(head, w)), "", st.Question.Render(wrapText(clean(f.q.Text), w))}
	var optional []string
	if s.suggest != nil {
		optional = append(optional, suggestionLine(c, *s.suggest))
	}
	if f.q.Help != "" {
		optional = append(optional, s.help(c))
	}
	optional = append(optional, st.Faint.Render(wrapText(f.instructions(), w)))
	if s.cursor < 0 && !c.answers.IsAnswered(f.q.ID) {
		optional = append(optional, st.Faint.Render(wrapText("Nothing chosen yet: ↓ moves to the options.", w)))
	}
	want := min(rowLines, 6)
	top := strings.Join(essential, "\n")
	shown := 0
	for _, o := range optional {
		next := top + "\n" + o
		if c.height-lineCount(next) < want {
			break
		}
		top = next
		shown++
	}
	if c.height-lineCount(top)-st.Spacing >= want {
		top += strings.Repeat("\n", st.Spacing)
	}
	return top, f.q.Help == "" || shown > 0
}

// help is the question's help, wrapped.
func (s questionScreen) help(c *common) string {
	return c.styles.Hint.Render(wrapText(clean(s.field(c).q.Help), c.width))
}

// rows renders every row: the options, wrapped in full, and "Not sure /
// skip". The cursor's row is marked with ">" and shows its option's help.
func (s questionScreen) rows(c *common) []string {
	st := c.styles
	w := c.width
	f := s.field(c)
	out := make([]string, 0, f.rows())
	for i := 0; i < f.rows(); i++ {
		cur := i == s.cursor
		prefix := "  "
		if cur {
			prefix = "> "
		}
		var text, help string
		if i == f.skipRow() {
			text = prefix + "    " + skipLabel
		} else {
			o := f.q.Options[i]
			text = prefix + f.mark(c.answers, i) + " " + clean(o.Label)
			if cur && o.Help != "" {
				help = clean(o.Help)
			}
		}
		row := hang(text, w, 0, 6)
		switch {
		case cur:
			row = st.Cursor.Render(row)
		case i < f.skipRow() && f.chosen(c.answers, i):
			row = st.Selected.Render(row)
		default:
			row = st.Option.Render(row)
		}
		if help != "" {
			row += "\n" + st.Hint.Render(hang(help, w, 6, 6))
		}
		out = append(out, row)
	}
	return out
}

// place lays the question out and draws it: the header, and the rows in
// the height left with the cursor's in view. A help that does not fit in
// the header leads the first row: it shows as the question opens and
// scrolls with the options, above the first.
func (s *questionScreen) place(c *common) {
	rows := s.rows(c)
	top, helpIn := s.header(c, totalLines(rows))
	if !helpIn {
		rows[0] = s.help(c) + "\n" + rows[0]
	}
	s.body = top + "\n" + s.list.render(rows, s.cursor, c.height-lineCount(top), c.styles.Faint)
}

func (s questionScreen) view(c *common) string { return s.body }

// totalLines is the number of lines of rows.
func totalLines(rows []string) int {
	n := 0
	for _, r := range rows {
		n += lineCount(r)
	}
	return n
}

// rebased opens the same question in the new rule base, or the review
// when it is gone or no longer asked.
func (s questionScreen) rebased(c *common, old *knowledge.RuleBase) screen {
	return questionIn(c, old, s.index, s.editing)
}

// questionIn is question i of rule base old, opened in the rules in use.
func questionIn(c *common, old *knowledge.RuleBase, i int, editing bool) screen {
	j := c.rb.QuestionIndex(old.Questions[i].ID)
	if j < 0 || !c.answers.Shown(j) {
		return newReviewAt(c, -1)
	}
	return newQuestion(c, j, editing)
}
