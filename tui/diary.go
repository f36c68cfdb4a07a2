package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/report"
)

// diaryScreen is the twitch diary: what it is for, the last 14 (or 30)
// days as a chart with the patterns, the offer of the report after two
// weeks, a line for people whom tracking makes anxious, and the
// disclaimer. a opens the day's entry (diaryform.go) in its place. The
// diary file is read when the screen opens and after each save; it is
// never held open.
type diaryScreen struct {
	entries []diary.Entry
	exists  bool
	loadErr string
	days    int
	// alerts are the red flags of the entry just saved: said at once, at
	// the top.
	alerts []string
	form   *diaryForm
	text   textView
	built  diaryLayout
	ver    int // counts reloads
	km     diaryKeys
}

type diaryLayout struct {
	lk        layoutKey
	ver, days int
}

func newDiaryScreen(c *common) diaryScreen {
	s := diaryScreen{
		days: report.ChartDays,
		km:   c.keys.Diary,
	}
	s.reload(c)
	return s
}

func (s diaryScreen) isSubView()    {}
func (s diaryScreen) title() string { return "the twitch diary" }

// typing: the note of an entry takes typed text.
func (s diaryScreen) typing() bool { return s.form != nil && s.form.typing() }

// reload reads the diary again.
func (s *diaryScreen) reload(c *common) {
	s.ver++
	s.loadErr = ""
	s.entries = nil
	if c.opts.Diary == nil {
		return
	}
	ok, err := c.opts.Diary.Exists()
	if err == nil && ok {
		s.entries, err = c.opts.Diary.List()
	}
	s.exists = ok
	if err != nil {
		s.loadErr = clean(err.Error())
	}
}

func (s diaryScreen) keys(c *common) keySet {
	if s.form != nil {
		return s.form.keys(c)
	}
	k := s.km
	if s.days == report.ChartDays {
		k.Days.SetHelp("m", "show 30 days")
	} else {
		k.Days.SetHelp("m", "show 14 days")
	}
	k.Add.SetEnabled(c.opts.Diary != nil && s.loadErr == "")
	k.nav = s.text.keys(k.nav)
	return keySet{
		short: []key.Binding{k.Add, k.Days, k.nav.Down, k.nav.Up, k.Back},
		more:  []key.Binding{k.nav.PageDown, k.nav.PageUp, k.nav.Top, k.nav.Bottom},
	}
}

func (s diaryScreen) update(c *common, msg tea.Msg) (screen, tea.Cmd) {
	if s.form != nil {
		f, done, saved := s.form.update(c, msg)
		s.form = &f
		if done {
			s.form = nil
			if saved != nil {
				s.alerts = alertLines(c, *saved)
				s.reload(c)
				s.text.top = 0
			}
		}
		return s, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		k := s.km
		switch {
		case key.Matches(msg, k.Back):
			c.back()
			return s, nil
		case key.Matches(msg, k.Add) && c.opts.Diary != nil && s.loadErr == "":
			f := newDiaryForm(c, s.entries, s.exists)
			s.form = &f
			return s, nil
		case key.Matches(msg, k.Days):
			if s.days == report.ChartDays {
				s.days = report.ChartDaysLong
			} else {
				s.days = report.ChartDays
			}
		default:
			s.text.scroll(s.text.keys(k.nav), msg)
		}
	}
	if b := (diaryLayout{c.layoutKey(), s.ver, s.days}); b != s.built {
		s.built = b
		s.text.set(s.content(c), c.height)
	}
	return s, nil
}

// alertLines are the red flags an entry raises, in the questionnaire's
// words: the level, the reason and what to do.
func alertLines(c *common, e diary.Entry) []string {
	var out []string
	for _, f := range diary.Alerts(c.rb, e) {
		out = append(out, strings.ToUpper(report.LevelLabel(c.rb, f.Level))+": "+f.Reason+" What to do: "+f.Action)
	}
	return out
}

// today is the date of the app's clock.
func today(c *common) string { return c.opts.Now().Format(diary.DateLayout) }

func (s diaryScreen) content(c *common) []string {
	st := c.styles
	w := c.width
	var out []string
	add := func(text string) { out = append(out, lines(text)...) }
	gap := func() {
		for i := 0; i < st.Spacing; i++ {
			out = append(out, "")
		}
	}
	add(st.Title.Render("Your twitch diary"))
	for _, a := range s.alerts {
		add(st.Error.Render(hang("! "+clean(a), w, 0, 2)))
	}
	add(wrapText(report.DiaryPurpose, w))
	gap()
	switch {
	case c.opts.Diary == nil:
		add(st.Warn.Render(wrapText("No diary can be kept here: there is no folder for it. Start twitchcheck with --diary FILE to keep one.", w)))
	case s.loadErr != "":
		add(st.Error.Render(wrapText(s.loadErr, w)))
	case !s.exists:
		add(wrapText("Your diary will be kept at "+clean(c.opts.Diary.Where())+", only on this computer. It is created when you save your first day: press a.", w))
	}
	var alerts []string
	if c.opts.Diary != nil && s.loadErr == "" {
		// Warning signs first, never below the fold or beside the line
		// for people whom tracking makes anxious.
		if alerts = report.DiaryAlerts(c.rb, diary.Window(s.entries, today(c), s.days)); len(alerts) > 0 {
			gap()
			for _, a := range alerts {
				add(st.Error.Render(hang("! "+clean(a), w, 0, 2)))
			}
		}
		gap()
		chart := report.DiaryChart(s.entries, today(c), s.days, w, report.ChartStyle{Bar: func(s string) string { return st.Key.Render(s) }, Faint: func(s string) string { return st.Faint.Render(s) }})
		add(strings.TrimRight(chart, "\n"))
		gap()
		win := diary.Window(s.entries, today(c), s.days)
		for _, l := range report.PatternLines(win) {
			add(hang("- "+l, w, 0, 2))
		}
		if e := report.DiaryEnough(len(s.entries), "Save the printable report from the results (s, then h): it carries the diary."); e != "" && len(alerts) == 0 {
			gap()
			add(st.Key.Render(wrapText(e, w)))
		}
	}
	if len(alerts) == 0 {
		gap()
		add(wrapText(report.DiaryAnxiety, w))
	}
	gap()
	add(st.Faint.Render(wrapText(clean(c.rb.Disclaimer), w)))
	return out
}

func (s diaryScreen) view(c *common) string {
	if s.form != nil {
		return s.form.view(c)
	}
	return s.text.view(c.styles.Faint)
}

// withDiary enables the diary key when the app keeps a diary.
func withDiary(c *common, k key.Binding) key.Binding {
	k.SetEnabled(c.opts.Diary != nil)
	return k
}

// diaryInvite is the welcome screen's line about the diary, if any.
func diaryInvite(c *common) string {
	if c.opts.Diary == nil {
		return ""
	}
	return wrapText("Twitching for a while? Keep a short daily diary to bring to your doctor: press y.", c.width)
}

// diaryForReport is the diary a saved report carries: its last two
// weeks, when the app keeps a diary that has entries. A diary that cannot
// be read is left out of the report (the diary screen says why).
func diaryForReport(c *common) []report.Diary {
	if c.opts.Diary == nil {
		return nil
	}
	if ok, err := c.opts.Diary.Exists(); err != nil || !ok {
		return nil
	}
	entries, err := c.opts.Diary.List()
	if err != nil || len(entries) == 0 {
		return nil
	}
	return []report.Diary{{Entries: entries, Last: today(c), Days: report.ChartDays}}
}
