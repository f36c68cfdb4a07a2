package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/report"
	"github.com/twitchcheck/twitchcheck/report/formats"
)

// dpress presses keys as press does, and → ("right") too.
func dpress(t *testing.T, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		if k == "right" {
			m, _ = send(t, m, tea.KeyPressMsg{Code: tea.KeyRight})
			continue
		}
		m = press(t, m, k)
	}
	return m
}

// diaryOptions are test options with a diary in a temporary folder.
func diaryOptions(t *testing.T) (Options, *diary.File) {
	t.Helper()
	opts := testOptions(t)
	f := diary.NewFile(filepath.Join(t.TempDir(), "twitchcheck", "diary.db"))
	opts.Diary = f
	return opts, f
}

func TestDiaryScreen(t *testing.T) {
	opts, f := diaryOptions(t)
	m := newModelOpts(t, opts, 80, 24)
	if !strings.Contains(goldenText(m), "daily diary") {
		t.Fatal("the welcome screen does not offer the diary")
	}
	m = dpress(t, m, "y")
	view := strings.Join(strings.Fields(goldenText(m)), " ")
	for _, want := range []string{"Your twitch diary", "bring two weeks", "will be kept at " + f.Path} {
		if !strings.Contains(view, want) {
			t.Errorf("the diary screen lacks %q:\n%s", want, view)
		}
	}
	if _, err := os.Stat(f.Path); err == nil {
		t.Fatal("opening the diary made the file")
	}
	// Today: twitching 2, eyelid ticked, 2 drinks (0 is the first step
	// from "not chosen" and "not said").
	m = dpress(t, m, "a", "down", "right", "right", "right", "down", "space", "down", "right", "right", "right", "enter")
	list, err := f.List()
	if err != nil || len(list) != 1 || list[0].Date != "2026-11-23" || list[0].Twitching != 2 || list[0].Where[0] != "eyelid" || *list[0].Caffeine != 2 {
		t.Fatalf("saved: %+v %v", list, err)
	}
	// Re-entering the day shows the old entry.
	m = dpress(t, m, "a")
	view = goldenText(m)
	if !strings.Contains(view, "this day has an entry") || !strings.Contains(view, "2 often") || !strings.Contains(view, "Eyelid") {
		t.Fatalf("the old entry is not shown:\n%s", view)
	}
	m = dpress(t, m, "esc")
	// Yesterday, with chest pain: the emergency is said at once.
	m = dpress(t, m, "a", "left", "down", "right")
	for range rowNew - rowTwitching {
		m = dpress(t, m, "down")
	}
	m = dpress(t, m, "right", "space", "enter") // the second new option: chest pain
	view = goldenText(m)
	if !strings.Contains(view, "EMERGENCY") || !strings.Contains(view, "Call now.") {
		t.Fatalf("the emergency is not said at once:\n%s", view)
	}
	if list, _ := f.List(); len(list) != 2 || list[0].New[0] != "chest_pain" {
		t.Fatalf("after the second day: %+v", list)
	}
	if !strings.Contains(view, "Twitching by day") {
		t.Fatalf("no chart:\n%s", view)
	}
}

func TestDiaryFromResults(t *testing.T) {
	opts, _ := diaryOptions(t)
	a := answersOf(t, opts.Rules, "serious: [none]\n")
	opts.Answers = &a
	m := dpress(t, newModelOpts(t, opts, 80, 24), "r", "enter")
	m = dpress(t, m, "y")
	if !strings.Contains(goldenText(m), "Your twitch diary") {
		t.Fatalf("y on the results:\n%s", goldenText(m))
	}
	m = dpress(t, m, "esc")
	if strings.Contains(goldenText(m), "Your twitch diary") {
		t.Fatal("esc did not leave the diary")
	}
}

func TestDiaryOffersReportAfterTwoWeeks(t *testing.T) {
	opts, f := diaryOptions(t)
	for i := 0; i < 14; i++ {
		d := fixedNow.AddDate(0, 0, -i).Format(diary.DateLayout)
		if _, err := f.Put(diary.Entry{Date: d, Twitching: i % 5}, false); err != nil {
			t.Fatal(err)
		}
	}
	m := dpress(t, newModelOpts(t, opts, 80, 60), "y")
	view := strings.Join(strings.Fields(goldenText(m)), " ")
	for _, want := range []string{"14 days of entries", "Most people stop", "check less", "Test disclaimer"} {
		if !strings.Contains(view, want) {
			t.Errorf("lacks %q:\n%s", want, view)
		}
	}
}

// TestTerminalDiary enters two days in the app in a real terminal and
// sees them in the chart.
func TestTerminalDiary(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "diary.db")
	s := newTerminal(t, 80, 30)
	s.start("test", "TWITCHCHECK_TUI_DIARY="+path)
	s.WaitFor("daily diary", 5*time.Second)
	s.Keys("y")
	s.WaitFor("Your diary will be kept at", 5*time.Second)
	s.Keys("a", "Down", "Right", "Right", "Right", "Right", "Enter") // today: 3 (0 is the first step)
	s.WaitFor("in your diary", 5*time.Second)
	s.Keys("a", "Left", "Down", "Right", "Right", "Enter") // yesterday: 1
	screen := s.WaitFor("Twitching by day", 5*time.Second)
	ok := false
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Twitching ") && strings.HasSuffix(strings.TrimRight(l, " "), "1  3") {
			ok = true
		}
	}
	if !ok {
		t.Fatalf("the chart does not show the two days:\n%s", screen)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the diary file: %v %v", info, err)
	}
	s.Keys("q", "q")
	s.WaitFor("EXIT=0", 5*time.Second)
}

func TestSavedReportCarriesDiary(t *testing.T) {
	opts, f := diaryOptions(t)
	if _, err := f.Put(diary.Entry{Date: "2026-11-22", Twitching: 3}, false); err != nil {
		t.Fatal(err)
	}
	c := newCommon(opts)
	extra := diaryForReport(&c)
	for _, k := range saveKinds() {
		data, err := k.Render(formats.Input{Answers: c.answers, Result: c.result, Now: fixedNow, Diary: extra})
		if err != nil {
			t.Fatal(err)
		}
		has := strings.Contains(string(data), "Your diary") || strings.Contains(string(data), "twitching-level") || strings.Contains(string(data), `"diary"`)
		if wantDiary := k.ID != "answers"; has != wantDiary {
			t.Errorf("%s: carries the diary %v, want %v", k.What, has, wantDiary)
		}
	}
}

func TestQuestionOffersDiarySuggestion(t *testing.T) {
	opts, f := diaryOptions(t)
	for i := 0; i < 20; i++ {
		d := fixedNow.AddDate(0, 0, -i).Format(diary.DateLayout)
		c := 6
		if _, err := f.Put(diary.Entry{Date: d, Twitching: 2, Caffeine: &c}, false); err != nil {
			t.Fatal(err)
		}
	}
	c := newCommon(opts)
	qi := c.rb.QuestionIndex("caffeine")
	m := newModelOpts(t, opts, 80, 24)
	m.stack = []screen{newQuestion(&m.c, qi, false)}
	m = dpress(t, m, "down", "up") // lay out
	view := strings.Join(strings.Fields(goldenText(m)), " ")
	if !strings.Contains(view, "From your diary") || !strings.Contains(view, "press d to choose it") {
		t.Fatalf("no suggestion:\n%s", goldenText(m))
	}
	if m.c.answers.IsAnswered("caffeine") {
		t.Fatal("the suggestion was answered without the person")
	}
	m = dpress(t, m, "d")
	if !m.c.answers.Has("caffeine", "5_plus_cups") {
		t.Fatalf("d did not choose the suggestion: %v", m.c.answers.Selected("caffeine"))
	}
}

// TestGoldenDiary keeps the diary screen and a day's entry at every test
// size, on a fixed diary of 20 days. Refresh with
// go test ./tui -run TestGoldenDiary -update.
func TestGoldenDiary(t *testing.T) {
	for _, sz := range testSizes {
		name := itoa(sz[0]) + "x" + itoa(sz[1])
		opts, f := diaryOptions(t)
		for i := 0; i < 20; i++ {
			c, s := (i*3)%7, 4+float64(i%7)/2
			e := diary.Entry{Date: fixedNow.AddDate(0, 0, -i).Format(diary.DateLayout), Twitching: (i * 7) % 5, Caffeine: &c, Sleep: &s, Stress: diary.StressLevels()[i%3], Where: []string{"eyelid"}}
			if _, err := f.Put(e, false); err != nil {
				t.Fatal(err)
			}
		}
		m := dpress(t, newModelOpts(t, opts, sz[0], sz[1]), "y")
		t.Run("chart_"+name, func(t *testing.T) { golden.RequireEqual(t, goldenText(m)) })
		m = dpress(t, m, "a", "down", "down")
		t.Run("entry_"+name, func(t *testing.T) { golden.RequireEqual(t, goldenText(m)) })
	}
}

// TestResultsCarryDiaryWarnings checks that a warning sign the diary
// records shows in the app's results, under the level, with no
// reassurance beside it.
func TestResultsCarryDiaryWarnings(t *testing.T) {
	opts, f := diaryOptions(t)
	day := fixedNow.Format(diary.DateLayout)
	if _, err := f.Put(diary.Entry{Date: day, Twitching: 1, New: []string{"chest_pain"}}, false); err != nil {
		t.Fatal(err)
	}
	a := answersOf(t, testRules(t), "serious: [none]\ncaffeine: 5_plus_cups\n")
	opts.Answers = &a
	m := press(t, newModelOpts(t, opts, 100, 40), "r")
	onScreen(t, m, "results")
	v := all(t, m)
	mustContain(t, v, report.DiaryAlertsTitle, "Chest pain.")
	mustNotContain(t, v, "Test reassurance.")
	if i, j := strings.Index(v, report.DiaryAlertsTitle), strings.Index(v, report.ReasonsTitle); i < 0 || i > j {
		t.Errorf("the diary's warning signs are not above the reasons:\n%s", v)
	}
}

// TestDiaryTwitchingStartsNotChosen: a new day's twitching is not chosen,
// and enter saves nothing until a level is, saying so in words.
func TestDiaryTwitchingStartsNotChosen(t *testing.T) {
	opts, f := diaryOptions(t)
	m := dpress(t, newModelOpts(t, opts, 80, 24), "y", "a")
	v := goldenText(m)
	if strings.Contains(v, "0 none") || !strings.Contains(v, "not chosen") {
		t.Fatalf("a new day's twitching is not 'not chosen':\n%s", v)
	}
	m = dpress(t, m, "enter")
	if list, err := f.List(); err != nil || len(list) != 0 {
		t.Fatalf("enter saved a day with no twitching chosen: %+v %v", list, err)
	}
	if v := flat(goldenText(m)); !strings.Contains(v, "Not saved: choose how much twitching") {
		t.Fatalf("no message says why nothing was saved:\n%s", goldenText(m))
	}
	m = dpress(t, m, "right", "enter") // the cursor is on Twitching: 0 none
	if list, err := f.List(); err != nil || len(list) != 1 || list[0].Twitching != 0 {
		t.Fatalf("after choosing 0: %+v %v", list, err)
	}
	mustContain(t, flat(goldenText(m)), "in your diary")
}

// TestDiaryFormTickListKeys: on a tick list the help bar names space, and
// the full help says what → and ↓ do there.
func TestDiaryFormTickListKeys(t *testing.T) {
	opts, _ := diaryOptions(t)
	m := dpress(t, newModelOpts(t, opts, 80, 24), "y", "a", "down", "down") // Where
	mustContain(t, text(m), "space tick")
	h := flat(text(dpress(t, m, "?")))
	mustContain(t, h, "→ next option", "← previous option", "next row (leaves the list)")
	mustNotContain(t, h, "move among the options")
	// → moves among the options, as the help says; ↓ leaves the list.
	m = dpress(t, m, "right", "space")
	if v := text(m); !strings.Contains(v, "[x] "+diary.PlaceLabel(opts.Rules, diary.Places(opts.Rules)[1])) {
		t.Fatalf("→ then space did not tick the second place:\n%s", v)
	}
}

// TestDiaryMonthAtFortyColumns: m at 40 columns says plainly that only
// the last days that fit are shown, of the 30 asked for.
func TestDiaryMonthAtFortyColumns(t *testing.T) {
	opts, _ := diaryOptions(t)
	m := dpress(t, newModelOpts(t, opts, 40, 60), "y", "m")
	v := flat(text(m))
	if !strings.Contains(v, "Only the last") || !strings.Contains(v, "days fit this window, of the 30 asked for") {
		t.Fatalf("m at 40 columns does not say how many days fit:\n%s", text(m))
	}
}
