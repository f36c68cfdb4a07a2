package diary

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

func TestValidate(t *testing.T) {
	rb := testrules.RuleBase()
	ok := Entry{Date: "2026-02-28", Twitching: 4, Where: []string{"eyelid", "legs"}, Caffeine: intp(0), Sleep: floatp(6.5), Stress: StressModerate, Exercise: ExerciseYes, New: []string{"chest_pain", "cramps"}, Note: "fine\tand\nwell"}
	if err := ok.Validate(rb); err != nil {
		t.Fatalf("a good entry: %v", err)
	}
	for _, tc := range []struct {
		name, field, want string
		edit              func(*Entry)
	}{
		{"date", "date", "YYYY-MM-DD", func(e *Entry) { e.Date = "2026-02-30" }},
		{"short date", "date", "YYYY-MM-DD", func(e *Entry) { e.Date = "2026-2-3" }},
		{"twitching high", "twitching", "4 (almost constant)", func(e *Entry) { e.Twitching = 5 }},
		{"twitching low", "twitching", "0 (none)", func(e *Entry) { e.Twitching = -1 }},
		{"place", "where", "eyelid", func(e *Entry) { e.Where = []string{"elbow"} }},
		{"place twice", "where", "twice", func(e *Entry) { e.Where = []string{"legs", "legs"} }},
		{"new none", "new", "cramps", func(e *Entry) { e.New = []string{"none"} }},
		{"new unknown", "new", "chest_pain", func(e *Entry) { e.New = []string{"headache_x"} }},
		{"caffeine", "caffeine", "0 to 50", func(e *Entry) { e.Caffeine = intp(51) }},
		{"sleep", "sleep", "0 to 24", func(e *Entry) { e.Sleep = floatp(25) }},
		{"sleep fraction", "sleep", "6.5", func(e *Entry) { e.Sleep = floatp(6.25) }},
		{"stress", "stress", "low, moderate, high", func(e *Entry) { e.Stress = "extreme" }},
		{"exercise", "exercise", "yes, no", func(e *Entry) { e.Exercise = "maybe" }},
		{"note long", "note", "at most 500", func(e *Entry) { e.Note = strings.Repeat("é", 501) }},
		{"note escape", "note", "U+001B", func(e *Entry) { e.Note = "a\x1b[31mred" }},
		{"note bidi", "note", "U+202E", func(e *Entry) { e.Note = "a\u202eb" }},
		{"note utf8", "note", "UTF-8", func(e *Entry) { e.Note = "a\xffb" }},
	} {
		e := ok
		tc.edit(&e)
		err := e.Validate(rb)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tc.field || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want --%s … %s", tc.name, err, tc.field, tc.want)
		}
	}
	if e := (Entry{Date: "2026-01-01", Note: strings.Repeat("é", 500)}); e.Validate(rb) != nil {
		t.Error("a note of 500 characters was refused")
	}
}

func TestNewOptions(t *testing.T) {
	rb := testrules.RuleBase()
	news := NewOptions(rb)
	for _, id := range news {
		if id == knowledge.NoneOption {
			t.Fatal("none is offered as new")
		}
	}
	if news[0] != "breathing_difficulty" || !contains(news, "cramps") {
		t.Fatalf("new options: %v", news)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestCodecStrict(t *testing.T) {
	e := Entry{Date: "2026-01-01", Twitching: 2, Where: []string{"eyelid"}, Sleep: floatp(7), Note: "\"quoted\" <b>"}
	data, err := Encode(e)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(data)
	if err != nil || !equalEntry(back, e) {
		t.Fatalf("round trip: %+v %v", back, err)
	}
	full := string(data)
	for name, bad := range map[string]string{
		"trailing":      full + " {}",
		"trailing text": full + "x",
		"unknown field": strings.Replace(full, `"note"`, `"mood":1,"note"`, 1),
		"missing field": strings.Replace(full, `"twitching":2,`, "", 1),
		"null list":     strings.Replace(full, `"where":["eyelid"]`, `"where":null`, 1),
		"array":         "[" + full + "]",
		"bad level":     strings.Replace(full, `"twitching":2`, `"twitching":9`, 1),
		"null level":    strings.Replace(full, `"twitching":2`, `"twitching":null`, 1),
		"string level":  strings.Replace(full, `"twitching":2`, `"twitching":"2"`, 1),
		"control":       strings.Replace(full, `quoted`, `\u001b[2J`, 1),
		"big":           `{"note":"` + strings.Repeat("a", MaxEntryBytes) + `"}`,
		"not utf8":      strings.Replace(full, "quoted", "\xff", 1),
		"empty":         "",
	} {
		if _, err := Decode([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzDecodeEntry(f *testing.F) {
	good, _ := Encode(Entry{Date: "2026-01-01", Twitching: 2, Where: []string{"eyelid"}, Caffeine: intp(3), Sleep: floatp(6.5), Stress: "low", Exercise: "no", New: []string{"cramps"}, Note: "x"})
	f.Add(good)
	f.Add([]byte(`{"date":"2026-01-01","twitching":0,"where":[],"caffeine":null,"sleep":null,"stress":null,"exercise":null,"new":[],"note":""}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Decode(data)
		if err != nil {
			return
		}
		if err := e.Check(); err != nil {
			t.Fatalf("decoded an entry that fails Check: %v", err)
		}
		again, err := Encode(e)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Decode(again)
		if err != nil || !equalEntry(back, e) {
			t.Fatalf("re-encoding changed the entry: %v", err)
		}
	})
}

func TestPatterns(t *testing.T) {
	// 5 days after less than 5 hours' sleep (twitching 3,3,3,2,3 = 2.8),
	// 6 after 7 or more (1,1,2,1,1,1 = 1.2), 2 in between (not counted).
	var es []Entry
	add := func(tw int, sleep float64, caf int, stress string) {
		es = append(es, Entry{Date: day(t, len(es)), Twitching: tw, Sleep: floatp(sleep), Caffeine: intp(caf), Stress: stress})
	}
	for _, tw := range []int{3, 3, 3, 2, 3} {
		add(tw, 4.5, 2, StressHigh)
	}
	for _, tw := range []int{1, 1, 2, 1, 1, 1} {
		add(tw, 7.5, 2, StressModerate)
	}
	add(4, 6, 6, StressLow)
	add(0, 5, 6, StressLow)
	ps := Patterns(es)
	if len(ps) != 1 || ps[0].ID != "sleep" {
		t.Fatalf("patterns: %+v", ps)
	}
	want := "On the 5 days after less than 5 hours' sleep, twitching averaged 2.8; on the 6 days after 7 hours or more, 1.2."
	if ps[0].Sentence != want {
		t.Errorf("sentence:\n got %q\nwant %q", ps[0].Sentence, want)
	}
	// Caffeine: only 2 days of 5 or more: nothing said. Stress: 5
	// stressful, 2 calm: nothing said. Two more calm and caffeinated days
	// make four on each side.
	add(1, 6, 5, StressLow)
	add(2, 6, 5, StressLow)
	ps = Patterns(es)
	if len(ps) != 3 {
		t.Fatalf("patterns with four days on each side: %+v", ps)
	}
	if ps[1].Sentence != "On the 4 days with 5 or more caffeinated drinks, twitching averaged 1.8; on the 11 days with fewer, 1.9." {
		t.Errorf("caffeine: %q", ps[1].Sentence)
	}
	if ps[2].Sentence != "On the 5 stressful days, twitching averaged 2.8; on the 4 calm days, 1.8." {
		t.Errorf("stress: %q", ps[2].Sentence)
	}
	for _, p := range ps {
		for _, word := range []string{"cause", "because", "makes", "trigger"} {
			if strings.Contains(strings.ToLower(p.Sentence), word) {
				t.Errorf("%q speaks of causes", p.Sentence)
			}
		}
	}
	// Three days a side is too few: nothing is shown.
	if ps := Patterns(es[:3]); len(ps) != 0 {
		t.Errorf("patterns from 3 days: %+v", ps)
	}
	// Unknown values count on neither side.
	var unknown []Entry
	for i := 0; i < 10; i++ {
		unknown = append(unknown, Entry{Date: day(t, i), Twitching: 2})
	}
	if ps := Patterns(unknown); len(ps) != 0 {
		t.Errorf("patterns from unknown values: %+v", ps)
	}
}

func TestAlerts(t *testing.T) {
	rb := testrules.RuleBase()
	flags := Alerts(rb, Entry{Date: "2026-01-01", Twitching: 1, New: []string{"chest_pain"}})
	if len(flags) == 0 || flags[0].Level != "emergency" {
		t.Fatalf("chest pain: %+v", flags)
	}
	// The same day without it raises nothing: no skipped-check flag.
	if flags := Alerts(rb, Entry{Date: "2026-01-01", Twitching: 1}); len(flags) != 0 {
		t.Fatalf("nothing new: %+v", flags)
	}
	if flags := Alerts(rb, Entry{Date: "2026-01-01", Twitching: 1, New: []string{"cramps"}}); len(flags) != 0 {
		t.Fatalf("cramps: %+v", flags)
	}
}

func TestDefaultPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		goos string
		vars map[string]string
		want string
	}{
		{"linux", map[string]string{"XDG_DATA_HOME": "/x", "HOME": "/h"}, "/x/twitchcheck/diary.db"},
		{"linux", map[string]string{"XDG_DATA_HOME": "rel", "HOME": "/h"}, "/h/.local/share/twitchcheck/diary.db"},
		{"linux", map[string]string{"HOME": "/h"}, "/h/.local/share/twitchcheck/diary.db"},
		{"darwin", map[string]string{"HOME": "/h"}, "/h/Library/Application Support/twitchcheck/diary.db"},
		{"linux", map[string]string{}, ""},
	} {
		got, err := defaultPath(env(tc.vars), tc.goos)
		if got != tc.want || (tc.want == "") != (err != nil) {
			t.Errorf("%s %v: %q %v", tc.goos, tc.vars, got, err)
		}
	}
}

func TestSuggest(t *testing.T) {
	rb := testrules.RuleBase()
	var es []Entry
	for i := 0; i < 20; i++ {
		e := Entry{Date: day(t, i), Twitching: 2, Where: []string{"eyelid"}, Caffeine: intp(5), Sleep: floatp(4.5)}
		if i < 2 {
			e.Twitching = 0
		}
		if i >= 12 {
			e.Where = []string{"eyelid", "legs"}
		}
		es = append(es, e)
	}
	today := day(t, 19)
	for _, tc := range []struct{ q, opt, why string }{
		{"duration", "2_weeks_to_3_months", "first day with twitching is 3 Jan 2026, 17 days ago: 18 days, including today"},
		{"spreading", "yes", "in Legs on 13 Jan"},
		{"caffeine", "5_plus_cups", "5.0 caffeinated drinks a day"},
		{"sleep", "under_5", "4.5 hours"},
	} {
		s, ok := Suggest(rb, es, today, tc.q)
		if !ok || s.Option != tc.opt || !strings.Contains(s.Why, tc.why) {
			t.Errorf("%s: %+v %v, want %s (%s)", tc.q, s, ok, tc.opt, tc.why)
		}
	}
	if _, ok := Suggest(rb, es, today, "diet"); ok {
		t.Error("a suggestion for a question the diary knows nothing of")
	}
	// The same diary without the later place: not spread.
	for i := range es {
		es[i].Where = []string{"eyelid"}
	}
	if s, ok := Suggest(rb, es, today, "spreading"); !ok || s.Option != "no" {
		t.Errorf("not spread: %+v %v", s, ok)
	}
	// Too few recent days: nothing.
	if _, ok := Suggest(rb, es[:3], day(t, 19), "caffeine"); ok {
		t.Error("caffeine suggested from entries older than a week")
	}
}

// TestPatternsProperties checks on random diaries that a pattern is shown
// only with at least four days on each side, that its counts and averages
// are those of its groups, and that it reads as an observation.
func TestPatternsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 4))
	for round := 0; round < 500; round++ {
		var es []Entry
		for i := 0; i < rng.IntN(40); i++ {
			e := Entry{Date: day(t, i), Twitching: rng.IntN(5)}
			if rng.IntN(4) > 0 {
				e.Sleep = floatp(float64(rng.IntN(21)) / 2)
			}
			if rng.IntN(4) > 0 {
				e.Caffeine = intp(rng.IntN(9))
			}
			if rng.IntN(4) > 0 {
				e.Stress = StressLevels()[rng.IntN(3)]
			}
			es = append(es, e)
		}
		for _, p := range Patterns(es) {
			if p.Days < MinGroupDays || p.OtherDays < MinGroupDays {
				t.Fatalf("a pattern from too few days: %+v", p)
			}
			var c comparison
			for _, x := range comparisons {
				if x.id == p.ID {
					c = x
				}
			}
			n, sum := 0, 0
			for _, e := range es {
				if c.in(e) {
					n++
					sum += e.Twitching
				}
			}
			if n != p.Days || avg(sum, n) != p.Average || !strings.HasPrefix(p.Sentence, "On the ") || !strings.Contains(p.Sentence, "averaged") {
				t.Fatalf("pattern %+v does not match its days (%d, %d)", p, n, sum)
			}
		}
	}
}

// TestSuggestDurationDays: twitching since 1 Dec, on 5 Dec, is 4 days ago
// and 5 days including today; on the day itself, today.
func TestSuggestDurationDays(t *testing.T) {
	rb := testrules.RuleBase()
	es := []Entry{{Date: "2026-12-01", Twitching: 1}}
	for _, tc := range []struct{ today, want string }{
		{"2026-12-05", "is 1 Dec 2026, 4 days ago: 5 days, including today"},
		{"2026-12-02", "is 1 Dec 2026, 1 day ago: 2 days, including today"},
		{"2026-12-01", "is today, 1 Dec 2026"},
	} {
		s, ok := Suggest(rb, es, tc.today, "duration")
		if !ok || !strings.Contains(s.Why, tc.want) {
			t.Errorf("on %s: %+v %v, want %q", tc.today, s, ok, tc.want)
		}
	}
}
