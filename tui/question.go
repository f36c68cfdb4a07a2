package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// questionScreen asks one question. The cursor rests on no row until the
// person moves it, so pressing enter on a question never answered records
// nothing. Typing / finds options by their words: the rows shown are then
// those that hold every word typed.
type questionScreen struct {
	index   int // into rb.Questions
	cursor  int // a row, or -1 for none
	editing bool
	// before is the triage level when the question opened: if an answer
	// raises it to an emergency, the app says so at once.
	before string
	list   rowList
	// find is the words typed after /, finding is true while keys go to
	// it, and shown are the rows that hold them (every row when none).
	find    textinput.Model
	finding bool
	shown   []int
	// body is the screen drawn when it was last laid out (place): view
	// shows it.
	body string
	km   questionKeys
	// suggest is what the diary suggests for this question, if anything:
	// offered, never chosen for the person.
	suggest *diary.Suggestion
}

// newQuestion opens question i, with the cursor on its first chosen
// option, if any. editing is true when it was opened from the review.
func newQuestion(c *common, i int, editing bool) questionScreen {
	f := field{c.question(i).Offered()}
	in := textinput.New()
	in.Prompt = "Find: "
	in.CharLimit = 200
	in.KeyMap.Paste.SetEnabled(false) // never run a clipboard program
	in.SetStyles(inputStyles(c))
	s := questionScreen{
		index:   i,
		cursor:  f.firstChosen(c.answers),
		editing: editing,
		before:  c.result.Triage.Level,
		find:    in,
		km:      c.keys.Question,
		suggest: diarySuggestionFor(c, f.q.ID),
	}
	s.refind(c)
	s.syncKeys(c)
	return s
}

func (s questionScreen) hostsPanel() {}

func (s questionScreen) title() string { return "a question" }

func (s questionScreen) typing() bool { return s.finding }

func (s questionScreen) field(c *common) field { return field{c.question(s.index).Offered()} }

// syncKeys enables the keys that work now and words them for the state.
func (s *questionScreen) syncKeys(c *common) {
	f := s.field(c)
	answered := c.answers.IsAnswered(f.q.ID)
	onOption := f.isOption(s.cursor)
	found := s.find.Value() != ""
	k := &s.km
	k.Toggle.SetEnabled(f.multi())
	if onOption || !f.multi() {
		k.Toggle.SetHelp("space", "tick")
	} else {
		k.Toggle.SetHelp("space", "tick the option under the cursor (move to one first)")
	}
	k.nav.at(s.pos(), len(s.shown)-1)
	k.find.Find.SetEnabled(!s.finding)
	k.find.Done.SetEnabled(s.finding)
	k.find.Clear.SetEnabled(s.finding || found)
	k.find.typingNav.at(s.pos(), len(s.shown)-1)
	k.find.typingNav.Top.SetEnabled(false)
	k.find.typingNav.Bottom.SetEnabled(false)
	// esc shows every option again while some are hidden; back is then
	// the other keys.
	k.Back.SetEnabled(!found)
	k.FoundBack.SetEnabled(found)
	// Short words: the help bar is narrow. The status line says more
	// when a question is skipped.
	switch {
	case f.isSkip(s.cursor):
		k.Choose.SetHelp("enter", "not sure")
	case f.multi() && answered:
		k.Choose.SetHelp("enter", "confirm")
	case onOption:
		k.Choose.SetHelp("enter", "choose")
	case answered:
		k.Choose.SetHelp("enter", "keep")
	default:
		k.Choose.SetHelp("enter", "skip")
	}
	if answered {
		k.Next.SetHelp("tab", "next")
	} else {
		k.Next.SetHelp("tab", "skip")
	}
}

func (s questionScreen) keys(c *common) keySet {
	k := s.km
	if s.finding {
		return keySet{
			short: []key.Binding{k.find.Done, k.find.Clear, k.find.typingNav.Down, k.find.typingNav.Up},
			more:  append([]key.Binding{k.find.typingNav.PageDown, k.find.typingNav.PageUp}, k.find.text...),
		}
	}
	if !s.field(c).isOption(s.cursor) {
		// Nothing to tick under the cursor: space is in the full help,
		// which says how, and not in the help bar.
		return keySet{
			short: []key.Binding{withSuggestion(s.suggest, k.Suggest), k.Choose, k.find.Clear, k.Next, k.Back, k.FoundBack, k.nav.Down, k.nav.Up, k.find.Find},
			more:  []key.Binding{k.Toggle, k.nav.Top, k.nav.Bottom, k.nav.PageUp, k.nav.PageDown},
		}
	}
	return keySet{
		short: []key.Binding{withSuggestion(s.suggest, k.Suggest), k.Toggle, k.Choose, k.find.Clear, k.Next, k.Back, k.FoundBack, k.nav.Down, k.nav.Up, k.find.Find},
		more:  []key.Binding{k.nav.Top, k.nav.Bottom, k.nav.PageUp, k.nav.PageDown},
	}
}

func (s questionScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if s.finding {
			s.findKey(c, msg)
		} else {
			s.key(c, msg)
		}
		s.syncKeys(c)
	case tea.PasteMsg:
		if s.finding {
			s.find, _ = s.find.Update(tea.PasteMsg{Content: safeTyped(msg.Content)})
			s.refind(c)
			s.syncKeys(c)
		}
	}
	s.place(c)
	return s, nil
}

func (s *questionScreen) key(c *common, msg tea.KeyPressMsg) {
	f := s.field(c)
	k := s.km
	switch {
	case s.move(c, k.nav, msg):
	case s.suggest != nil && key.Matches(msg, k.Suggest):
		s.cursor = takeSuggestion(c, *s.suggest, s.cursor)
	case key.Matches(msg, k.find.Find):
		s.finding = true
		s.find.Focus()
	case key.Matches(msg, k.find.Clear):
		s.clearFind(c)
	case key.Matches(msg, k.Toggle):
		if !f.isOption(s.cursor) {
			c.say("Move to an option first (↓), then space ticks it.")
			return
		}
		a, err := f.toggle(c.answers, s.cursor)
		if err != nil {
			c.fail(clean(err.Error()))
			return
		}
		c.setAnswers(a)
	case key.Matches(msg, k.Choose):
		answered := c.answers.IsAnswered(f.q.ID)
		switch {
		case f.isSkip(s.cursor):
			c.setAnswers(f.clear(c.answers))
		case f.isOption(s.cursor) && !f.multi():
			a, err := f.choose(c.answers, s.cursor)
			if err != nil {
				c.fail(clean(err.Error()))
				return
			}
			c.setAnswers(a)
		case f.isOption(s.cursor) && !answered:
			// Nothing ticked: enter chooses the option moved to, as
			// gum's choose --no-limit does.
			a, err := f.toggle(c.answers, s.cursor)
			if err != nil {
				c.fail(clean(err.Error()))
				return
			}
			c.setAnswers(a)
		case !answered && f.multi():
			c.say("Skipped: nothing was ticked (↓ moves to an option; space ticks it).")
		case !answered:
			c.say("Skipped: nothing was chosen.")
		}
		s.leave(c, true)
	case key.Matches(msg, k.Next):
		s.leave(c, true)
	case key.Matches(msg, k.Back, k.FoundBack):
		s.leave(c, false)
	}
}

// findKey takes a key while words are typed after /.
func (s *questionScreen) findKey(c *common, msg tea.KeyPressMsg) {
	k := s.km.find
	switch {
	case s.move(c, k.typingNav, msg):
	case key.Matches(msg, k.Done):
		s.finding = false
		s.find.Blur()
		if s.find.Value() == "" {
			s.refind(c)
		}
	case key.Matches(msg, k.Clear):
		s.clearFind(c)
	default:
		msg.Text = safeTyped(msg.Text)
		s.find, _ = s.find.Update(msg)
		s.refind(c)
	}
}

// clearFind stops finding and shows every row again, the cursor where it
// was.
func (s *questionScreen) clearFind(c *common) {
	s.finding = false
	s.find.Blur()
	s.find.SetValue("")
	s.refind(c)
}

// refind works out the rows shown: the options that hold every word typed
// after /, or every row when nothing is typed. The cursor moves to the
// first row found when its own is hidden.
func (s *questionScreen) refind(c *common) {
	f := s.field(c)
	words := strings.Fields(strings.ToLower(s.find.Value()))
	s.shown = s.shown[:0:0]
	for i := range f.rows() {
		if len(words) > 0 && !f.isOption(i) {
			continue
		}
		ok := true
		for _, w := range words {
			label := strings.ToLower(clean(f.q.Options[i].Label))
			if !strings.Contains(label, w) {
				ok = false
				break
			}
		}
		if ok {
			s.shown = append(s.shown, i)
		}
	}
	s.list.top = 0
	if len(words) > 0 && s.pos() < 0 {
		s.cursor = -1
		if len(s.shown) > 0 {
			s.cursor = s.shown[0]
		}
	}
}

// pos is the place of the cursor's row among the rows shown, or -1.
func (s questionScreen) pos() int {
	for p, r := range s.shown {
		if r == s.cursor {
			return p
		}
	}
	return -1
}

// move moves the cursor over the rows shown with nav; it reports whether
// msg was a move. From no row, any move goes to the first.
func (s *questionScreen) move(c *common, k navKeys, msg tea.KeyPressMsg) bool {
	n := len(s.shown)
	page := max(1, c.height/2)
	cur := s.pos()
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
	if cur >= 0 && cur < n {
		s.cursor = s.shown[cur]
	}
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
		c.open(newWelcome(c))
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
// room for them and still for some options and the "↓ more" marker, its
// help and the instructions. When the help does not fit, a line says ?
// shows it (when that fits), and the full help (?) starts with it, so it
// is never lost and never crowds out the options.
func (s questionScreen) header(c *common, rowLines int) string {
	st := c.styles
	w := c.width
	f := s.field(c)
	n, total := c.flow.position(c.answers, s.index)
	head := sectionTitle(c.rb, f.q) + " · question " + itoa(n) + " of " + itoa(total) + " · " + itoa(c.answers.Count()) + " answered"
	if c.caseName != "" {
		head += " · case: " + c.caseName
	}
	essential := []string{st.Section.Render(wrapText(head, w)), "", st.Question.Render(wrapText(clean(f.q.Text), w))}
	find := s.findLine(c)
	if find != "" {
		essential = append(essential, find)
	}
	var optional []string
	if s.suggest != nil {
		optional = append(optional, suggestionLine(c, *s.suggest))
	}
	if f.q.Help != "" {
		optional = append(optional, s.help(c))
	}
	optional = append(optional, st.Faint.Render(wrapText(f.instructions(find != ""), w)))
	if s.cursor < 0 && !c.answers.IsAnswered(f.q.ID) {
		optional = append(optional, st.Faint.Render(wrapText("Nothing chosen yet: ↓ moves to the options.", w)))
	}
	want := min(rowLines, 6)
	if c.height < smallHeight && c.height-lineCount(strings.Join(essential, "\n")) < rowLines {
		// A small window whose options do not all fit: they come before
		// the blank line.
		essential = append(essential[:1:1], essential[2:]...)
	}
	top := strings.Join(essential, "\n")
	helpIn := f.q.Help == ""
	for _, o := range optional {
		next := top + "\n" + o
		if c.height-lineCount(next) < want {
			break
		}
		top = next
		if f.q.Help != "" && o == s.help(c) {
			helpIn = true
		}
	}
	if !helpIn && !s.finding {
		if next := top + "\n" + st.Faint.Render(wrapText(helpCollapsed, w)); c.height-lineCount(next) >= min(rowLines, want+2) {
			top = next
		}
	}
	if c.height-lineCount(top)-st.Spacing >= min(rowLines, want+2) {
		top += strings.Repeat("\n", st.Spacing)
	}
	return top
}

// smallHeight is the body height below which a question gives its blank
// line to the options when they do not all fit.
const smallHeight = 16

// helpCollapsed stands for a question's help when the window has no room
// for it beside the options.
const helpCollapsed = "More about this question: press ?"

// helpIntro is what the full help (?) says before the keys: the question's
// help and how to answer it, which a small window may leave out.
func (s questionScreen) helpIntro(c *common) string {
	f := s.field(c)
	var parts []string
	if f.q.Help != "" {
		parts = append(parts, clean(f.q.Help))
	}
	parts = append(parts, f.instructions(false))
	return clean(f.q.Text) + "\n" + strings.Join(parts, " ")
}

// findLine is the words typed after / and how many options hold them, or
// "" when none are typed.
func (s questionScreen) findLine(c *common) string {
	st := c.styles
	w := c.width
	if !s.finding && s.find.Value() == "" {
		return ""
	}
	n := len(s.field(c).q.Options)
	count := itoa(len(s.shown)) + " of " + itoa(n) + " options"
	if len(s.shown) == 0 {
		count = "No option holds these words."
	}
	if s.finding {
		return clip(s.find.View(), w, 1) + "\n" + st.Faint.Render(wrapText(count, w))
	}
	return st.Faint.Render(wrapPhrases([]string{"Found: " + clean(s.find.Value()), count}, w))
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
		r := f.row(c.answers, i)
		text := prefix + f.mark(c.answers, i) + " " + r.label
		if r.skip {
			text = prefix + "    " + r.label
		}
		help := ""
		if cur {
			help = r.help
		}
		row := hang(text, w, 0, 6)
		switch {
		case cur:
			row = st.Cursor.Render(row)
		case r.chosen:
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
// the height left with the cursor's in view and the markers in words.
func (s *questionScreen) place(c *common) {
	s.find.SetWidth(max(1, c.width-ansi.StringWidth(s.find.Prompt)-1))
	all := s.rows(c)
	rows := make([]string, len(s.shown))
	for p, r := range s.shown {
		rows[p] = all[r]
	}
	top := s.header(c, totalLines(rows))
	s.body = top + "\n" + s.list.render(rows, s.pos(), c.height-lineCount(top), c.styles.Faint)
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
