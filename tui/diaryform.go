package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/diary"
)

// diaryForm is the entry of one day, on one short screen: a row per value,
// ←/→ to change it, space to tick a place or a new symptom, a note to
// type, enter to save. A day that has an entry shows it, and saving
// changes it.
type diaryForm struct {
	e   diary.Entry
	old bool // the day has an entry
	// twitched is true once a twitching level is chosen (or the day's
	// entry has one): a new day starts with none, never "0 none".
	twitched bool
	entries  []diary.Entry
	exists   bool
	row      int
	opt      int // the option under the cursor on the where and new rows
	note     textinput.Model
	km       diaryFormKeys
}

// The rows of the form.
const (
	rowDate = iota
	rowTwitching
	rowWhere
	rowCaffeine
	rowSleep
	rowStress
	rowExercise
	rowNew
	rowNote
	formRows
)

func newDiaryForm(c *common, entries []diary.Entry, exists bool) diaryForm {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = diary.MaxNoteChars
	in.KeyMap.Paste.SetEnabled(false) // never run a clipboard program
	in.SetStyles(inputStyles(c))
	in.SetWidth(max(10, c.width-14))
	f := diaryForm{
		entries: entries,
		exists:  exists,
		note:    in,
		km:      c.keys.DiaryForm,
	}
	f.load(today(c))
	return f
}

// load shows the entry of date, or a new one.
func (f *diaryForm) load(date string) {
	f.e, f.old = diary.Entry{Date: date}, false
	for _, e := range f.entries {
		if e.Date == date {
			f.e, f.old = e, true
		}
	}
	f.twitched = f.old
	f.note.SetValue(f.e.Note)
	f.note.CursorEnd()
}

func (f diaryForm) typing() bool { return f.row == rowNote }

func (f diaryForm) keys(c *common) keySet {
	k := f.km
	multi := f.row == rowWhere || f.row == rowNew
	k.Tick.SetEnabled(multi)
	if multi {
		// → and ← move the cursor among the options; ↓ and ↑ leave the
		// list for the next or previous row.
		k.Left.SetHelp(k.Left.Help().Key, "previous option")
		k.Right.SetHelp(k.Right.Help().Key, "next option")
		k.Down.SetHelp(k.Down.Help().Key, "next row (leaves the list)")
		k.Up.SetHelp(k.Up.Help().Key, "previous row (leaves the list)")
		return keySet{short: []key.Binding{k.Tick, k.Right, k.Left, k.Save, k.Down, k.Up, k.Cancel}}
	}
	if f.row == rowNote {
		k.Left.SetEnabled(false)
		k.Right.SetEnabled(false)
	}
	return keySet{short: []key.Binding{k.Save, k.Down, k.Up, k.Left, k.Right, k.Tick, k.Cancel}}
}

// options are the choices of a multi row: their IDs and labels.
func (f diaryForm) options(c *common) ([]string, func(string) string) {
	if f.row == rowWhere {
		return diary.Places(c.rb), func(id string) string { return diary.PlaceLabel(c.rb, id) }
	}
	return diary.NewOptions(c.rb), func(id string) string { return diary.NewLabel(c.rb, id) }
}

// update handles msg; done says the form is over, saved is the entry
// saved (nil when left without saving).
func (f diaryForm) update(c *common, msg tea.Msg) (diaryForm, bool, *diary.Entry) {
	k := f.km
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Cancel):
			c.say("Nothing was saved.")
			return f, true, nil
		case key.Matches(msg, k.Save):
			if e, ok := f.save(c); ok {
				return f, true, &e
			}
			if !f.twitched {
				f.row, f.opt = rowTwitching, 0
				f.note.Blur()
			}
		case key.Matches(msg, k.Up):
			f.move(-1)
		case key.Matches(msg, k.Down):
			f.move(1)
		case f.row == rowNote:
			var cmd tea.Cmd
			f.note, cmd = f.note.Update(msg)
			_ = cmd
		case key.Matches(msg, k.Left):
			f.change(c, -1)
		case key.Matches(msg, k.Right):
			f.change(c, 1)
		case key.Matches(msg, k.Tick):
			f.tick(c)
		}
	}
	return f, false, nil
}

func (f *diaryForm) move(d int) {
	f.row = (f.row + d + formRows) % formRows
	f.opt = 0
	if f.row == rowNote {
		f.note.Focus()
	} else {
		f.note.Blur()
	}
}

// change moves the value of the row one step.
func (f *diaryForm) change(c *common, d int) {
	e := &f.e
	switch f.row {
	case rowDate:
		day, _ := diary.ParseDate(e.Date)
		next := day.AddDate(0, 0, d).Format(diary.DateLayout)
		if next > today(c) {
			c.warn("A diary records days that have been: today is the latest.")
			return
		}
		note := f.note.Value()
		f.load(next)
		if !f.old && note != "" {
			f.note.SetValue("")
		}
	case rowTwitching:
		switch {
		case !f.twitched && d > 0:
			f.twitched, e.Twitching = true, 0
		case !f.twitched:
		case e.Twitching == 0 && d < 0:
			f.twitched = false
		default:
			e.Twitching = max(0, min(diary.MaxTwitching, e.Twitching+d))
		}
	case rowWhere, rowNew:
		ids, _ := f.options(c)
		f.opt = (f.opt + d + len(ids)) % max(1, len(ids))
	case rowCaffeine:
		switch {
		case e.Caffeine == nil && d > 0:
			e.Caffeine = new(int)
		case e.Caffeine == nil:
		case *e.Caffeine == 0 && d < 0:
			e.Caffeine = nil
		default:
			n := min(diary.MaxCaffeine, *e.Caffeine+d)
			e.Caffeine = &n
		}
	case rowSleep:
		switch {
		case e.Sleep == nil:
			h := 7.0
			if d < 0 {
				h = 6.5
			}
			e.Sleep = &h
		case *e.Sleep == 0 && d < 0:
			e.Sleep = nil
		default:
			h := max(0, min(diary.MaxSleep, *e.Sleep+float64(d)/2))
			e.Sleep = &h
		}
	case rowStress:
		e.Stress = cycle(append([]string{""}, diary.StressLevels()...), e.Stress, d)
	case rowExercise:
		e.Exercise = cycle([]string{"", diary.ExerciseYes, diary.ExerciseNo}, e.Exercise, d)
	}
}

func cycle(list []string, v string, d int) string {
	i := slices.Index(list, v)
	return list[(i+d+len(list))%len(list)]
}

// tick ticks or unticks the option under the cursor.
func (f *diaryForm) tick(c *common) {
	ids, _ := f.options(c)
	if len(ids) == 0 {
		return
	}
	id := ids[f.opt%len(ids)]
	list := &f.e.Where
	if f.row == rowNew {
		list = &f.e.New
	}
	if i := slices.Index(*list, id); i >= 0 {
		*list = slices.Delete(slices.Clone(*list), i, i+1)
	} else {
		*list = append(slices.Clone(*list), id)
	}
}

// save checks and stores the entry.
func (f diaryForm) save(c *common) (diary.Entry, bool) {
	e := f.e
	e.Note = strings.TrimSpace(f.note.Value())
	if !f.twitched {
		c.warn("Not saved: choose how much twitching there was today first (→ on the Twitching row; 0 is none).")
		return e, false
	}
	if err := e.Validate(c.rb); err != nil {
		c.fail(clean(err.Error()))
		return e, false
	}
	if _, err := c.opts.Diary.Put(e, true); err != nil {
		c.fail(clean(err.Error()))
		return e, false
	}
	c.gen++ // the results carry the diary: draw them again
	verb := "Saved "
	if f.old {
		verb = "Changed "
	}
	c.say(verb + dayName(e.Date) + " in your diary.")
	return e, true
}

func dayName(date string) string {
	d, err := diary.ParseDate(date)
	if err != nil {
		return date
	}
	return d.Format("Mon 2 Jan 2006")
}

func notChosen(ok bool, s string) string {
	if !ok {
		return "not chosen yet (→ to choose)"
	}
	return s
}

func notSaid(ok bool, s string) string {
	if !ok {
		return "not said"
	}
	return s
}

func (f diaryForm) content(c *common) (out []string, at int) {
	st := c.styles
	w := c.width
	e := f.e
	labels := diary.TwitchingLabels()
	names := func(ids []string, label func(string) string) string {
		if len(ids) == 0 {
			return "none"
		}
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = label(id)
		}
		return strings.Join(out, ", ")
	}
	sleep := ""
	if e.Sleep != nil {
		sleep = strconv.FormatFloat(*e.Sleep, 'f', -1, 64) + " hours"
	}
	caf := ""
	if e.Caffeine != nil {
		caf = fmt.Sprintf("%d caffeinated drinks", *e.Caffeine)
	}
	cursorAt := 0
	rows := []struct{ name, value string }{
		{"Day", dayName(e.Date)},
		{"Twitching", notChosen(f.twitched, fmt.Sprintf("%d %s", e.Twitching, labels[e.Twitching]))},
		{"Where", names(e.Where, func(id string) string { return diary.PlaceLabel(c.rb, id) })},
		{"Caffeine", notSaid(e.Caffeine != nil, caf)},
		{"Sleep", notSaid(e.Sleep != nil, sleep)},
		{"Stress", notSaid(e.Stress != "", e.Stress)},
		{"Exercise", notSaid(e.Exercise != "", map[string]string{"yes": "yes, strenuous", "no": "no"}[e.Exercise])},
		{"New today", names(e.New, func(id string) string { return diary.NewLabel(c.rb, id) })},
		{"Note", ""},
	}
	title := "Your day"
	if f.old {
		title += ": this day has an entry, shown here; saving changes it"
	}
	out = append(out, lines(st.Title.Render(wrapText(title, w)))...)
	for i, r := range rows {
		mark := "  "
		if i == f.row {
			mark = st.Cursor.Render("> ")
		}
		value := clean(r.value)
		if i == rowNote {
			value = f.note.View()
		}
		if i == f.row {
			cursorAt = len(out)
			if i != rowNote {
				value = st.Selected.Render(value)
			}
		}
		line := lead(mark+fmt.Sprintf("%-10s", r.name), value, w)
		out = append(out, lines(line)...)
		if i == f.row && (i == rowWhere || i == rowNew) {
			ids, label := f.options(c)
			ticked := e.Where
			if i == rowNew {
				ticked = e.New
			}
			for j, id := range ids {
				box := "[ ] "
				if slices.Contains(ticked, id) {
					box = "[x] "
				}
				pick := "    "
				if j == f.opt%max(1, len(ids)) {
					pick = st.Cursor.Render("  > ")
					cursorAt = len(out)
				}
				out = append(out, lines(lead(pick+box, clean(label(id)), w))...)
			}
		}
	}
	if !f.exists {
		out = append(out, lines(st.Faint.Render(wrapText("Saving starts your diary at "+clean(c.opts.Diary.Where())+", only on this computer.", w)))...)
	}
	out = append(out, lines(st.Faint.Render(wrapText("Enter saves the day; esc leaves without saving.", w)))...)
	return out, cursorAt
}

// view draws the form, scrolled so the row (or option) under the
// cursor shows.
func (f diaryForm) view(c *common) string {
	ls, at := f.content(c)
	var v textView
	v.set(ls, c.height)
	v.show(at, at+1)
	return v.view(c.styles.Faint)
}
