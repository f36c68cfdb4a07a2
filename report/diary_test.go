package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/internal/externaltest"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// fixedDiary is 30 days to 2026-11-30, a few missing, with every kind of
// value: the data of the chart goldens.
func fixedDiary() []diary.Entry {
	var out []diary.Entry
	stresses := []string{"low", "moderate", "high", ""}
	for i := 0; i < 30; i++ {
		if i%9 == 4 {
			continue // a day without an entry
		}
		e := diary.Entry{Date: fmt.Sprintf("2026-11-%02d", i+1), Twitching: (i * 7) % 5, Stress: stresses[i%4]}
		if i%5 != 2 {
			c := (i * 3) % 12
			e.Caffeine = &c
		}
		if i%6 != 1 {
			s := 4 + float64(i%9)/2
			e.Sleep = &s
		}
		out = append(out, e)
	}
	return out
}

// TestDiaryChartGolden keeps the chart at 40 and 80 columns, for 14 and
// 30 days. Refresh with go test ./report -run TestDiaryChartGolden -update.
func TestDiaryChartGolden(t *testing.T) {
	for _, width := range []int{40, 80} {
		for _, days := range []int{ChartDays, ChartDaysLong} {
			t.Run(fmt.Sprintf("%dcols_%ddays", width, days), func(t *testing.T) {
				chart := DiaryChart(fixedDiary(), "2026-11-30", days, width, ChartStyle{})
				for i, line := range strings.Split(chart, "\n") {
					if n := len([]rune(line)); n > width {
						t.Errorf("line %d is %d wide, more than %d: %q", i+1, n, width, line)
					}
				}
				golden.RequireEqual(t, chart)
			})
		}
	}
}

func TestDiaryChartReadsWithoutColour(t *testing.T) {
	chart := DiaryChart([]diary.Entry{{Date: "2026-11-30", Twitching: 3, Stress: "high"}, {Date: "2026-11-29", Twitching: 0}}, "2026-11-30", 14, 80, ChartStyle{})
	lines := strings.Split(chart, "\n")
	var level string
	for _, l := range lines {
		if strings.HasPrefix(l, "Twitching ") {
			level = l
		}
	}
	if !strings.HasSuffix(level, " 0  3") || !strings.Contains(chart, "Stress") || !strings.Contains(chart, "·") {
		t.Fatalf("the levels are not in digits:\n%s", chart)
	}
	// Three rows of bars for a 3, none for a 0.
	bars := strings.Count(chart, "██")
	if bars != 3 {
		t.Errorf("%d bar cells, want 3:\n%s", bars, chart)
	}
}

// TestDiaryChartHalfHours: 8.5 hours of sleep never reads as 8, in two
// columns a day (30 days, or 40 columns) as in three.
func TestDiaryChartHalfHours(t *testing.T) {
	h, w := 8.5, 7.0
	es := []diary.Entry{{Date: "2026-11-29", Sleep: &w}, {Date: "2026-11-30", Sleep: &h}}
	for _, tc := range []struct{ days, width int }{{14, 80}, {30, 80}, {14, 40}} {
		chart := DiaryChart(es, "2026-11-30", tc.days, tc.width, ChartStyle{})
		var sleep, half string
		for _, l := range strings.Split(chart, "\n") {
			switch {
			case strings.HasPrefix(l, "Sleep (h)"):
				sleep = l
			case strings.HasPrefix(l, "  and ½ h"):
				half = l
			}
		}
		ok := strings.HasSuffix(sleep, "8½") || (strings.HasSuffix(sleep, " 8") && strings.HasSuffix(half, "½") && len([]rune(half)) == len([]rune(sleep)))
		if !ok {
			t.Errorf("%d days at %d columns: 8.5 hours does not show as 8½:\n%s", tc.days, tc.width, chart)
		}
	}
	if chart := DiaryChart(es, "2026-11-30", 30, 40, ChartStyle{}); !strings.Contains(strings.Join(strings.Fields(chart), " "), "Only the last 14 days fit this window, of the 30 asked for") {
		t.Errorf("the 30-day chart at 40 columns does not say only 14 days fit:\n%s", chart)
	}
}

var diaryNow = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func diaryAnswers(t *testing.T) (knowledge.Answers, knowledge.Result) {
	t.Helper()
	rb := testrules.RuleBase()
	a, err := knowledge.ParseAnswers(rb, "a.yaml", []byte("serious: [none]\ncaffeine: 5_plus_cups\n"))
	if err != nil {
		t.Fatal(err)
	}
	return a, knowledge.Assess(a)
}

func TestDiarySections(t *testing.T) {
	a, res := diaryAnswers(t)
	entries := fixedDiary()
	entries[len(entries)-1].Note = "<script>alert(1)</script> \x1b[31m | *bold*"
	entries[len(entries)-1].New = []string{"chest_pain"}
	d := Diary{Entries: entries, Last: "2026-11-30", Days: 14}
	var h bytes.Buffer
	if err := HTML(&h, a, res, diaryNow, d); err != nil {
		t.Fatal(err)
	}
	page := h.String()
	for _, want := range []string{"<svg", "</svg>", "Your diary", "&lt;script&gt;", "bring two weeks", DiaryAlertsTitle, "Mon 30 Nov 2026: Chest pain.", "What to do: Call now."} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	// A warning sign the diary records shows under the level, before the
	// reasons, and nothing reassuring or self-care sits beside it.
	if i, j := strings.Index(page, DiaryAlertsTitle), strings.Index(page, ReasonsTitle); i < 0 || j < 0 || i > j {
		t.Errorf("the diary's warning signs are not above the reasons (%d, %d)", i, j)
	}
	if strings.Contains(page, "check less") || strings.Contains(page, GoodToKnow) {
		t.Error("the anxiety line or reassurance shows beside a diary's emergency")
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "\x1b") || strings.Contains(page, "href=\"http") && strings.Contains(page, "<image") {
		t.Error("the HTML carries a script, an escape or a fetched image")
	}
	var md bytes.Buffer
	if err := Markdown(&md, a, res, diaryNow, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| Date | Twitching (0–4) |") || !strings.Contains(md.String(), `\| \*bold\*`) {
		t.Errorf("Markdown table:\n%s", md.String())
	}
	var tx bytes.Buffer
	if err := Text(&tx, a, res, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tx.String(), "Twitching by day") || strings.Contains(tx.String(), "\x1b") {
		t.Errorf("text:\n%s", tx.String())
	}
	var js bytes.Buffer
	if err := JSON(&js, a, res, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"diary": {`) || !strings.Contains(js.String(), `"patterns": [`) {
		t.Errorf("JSON:\n%s", js.String())
	}
	// Without a diary, every rendering is as before.
	var plain, with bytes.Buffer
	_ = Text(&plain, a, res)
	_ = Text(&with, a, res, []Diary{}...)
	if plain.String() != with.String() || strings.Contains(plain.String(), "Your diary") {
		t.Error("the text result changed without a diary")
	}
}

// TestDiaryHTMLPrintsInChromium prints a report with the diary in
// headless Chromium: the chart's labels are in the PDF's text.
func TestDiaryHTMLPrintsInChromium(t *testing.T) {
	chromium := externaltest.Tool(t, "chromium", "chromium-browser", "google-chrome")
	pdftotext := externaltest.Tool(t, "pdftotext")
	a, res := diaryAnswers(t)
	var h bytes.Buffer
	if err := HTML(&h, a, res, diaryNow, Diary{Entries: fixedDiary(), Last: "2026-11-30", Days: 14}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "diary.html")
	if err := os.WriteFile(path, h.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	pdf := printPDF(t, chromium, path)
	pdfPath := filepath.Join(t.TempDir(), "diary.pdf")
	os.WriteFile(pdfPath, pdf, 0o600)
	out, err := exec.Command(pdftotext, pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Your diary", "Caffeine", "Sleep (h)", "Stress"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the printed diary lacks %q", want)
		}
	}
}
