package report

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Diary is the "Your diary" section a report carries when asked: every
// entry (oldest first), and the window of Days days that ends on Last
// (YYYY-MM-DD) that the section shows.
type Diary struct {
	Entries []diary.Entry
	Last    string
	Days    int

	// rb names the places and symptoms in the table of days; the
	// document sets it.
	rb *knowledge.RuleBase
}

// Window returns the entries of the days shown.
func (d Diary) Window() []diary.Entry { return diary.Window(d.Entries, d.Last, d.Days) }

// Words of the diary, wherever it is shown.
const (
	DiaryHeading = "Your diary"
	// DiaryPurpose says what the diary is for.
	DiaryPurpose = "What the diary is for: bring two weeks of it to your doctor. How long, how often and where the twitching comes tells a doctor more than one day can."
	// DiaryAnxiety is for people whom tracking makes more anxious.
	DiaryAnxiety = "If keeping a diary makes you more anxious, check less: NHS advice on health anxiety is that checking your body less often helps. It is fine to stop."
	// DiaryAlertsTitle heads the warning signs the diary records, under
	// the level; DiaryAlertsLead says what to do about them.
	DiaryAlertsTitle = "Warning signs in your diary"
	DiaryAlertsLead  = "Your diary records these warning signs. If any is still happening, or comes back, do what it says now."
	// DiaryAlertsAbove points from the diary to them.
	DiaryAlertsAbove = "Your diary records warning signs: see \"Warning signs in your diary\" near the top."
	// DiaryEmpty is said when the days shown have no entry.
	DiaryEmpty = "No entries in these days."
)

// DiaryEnough offers the report once the diary has two weeks of entries,
// and says that most people stop there; how says how to get the report.
func DiaryEnough(entries int, how string) string {
	if entries < diary.TwoWeeks {
		return ""
	}
	return fmt.Sprintf("You have %d days of entries: enough to take to your doctor. %s Most people stop keeping the diary here.", entries, how)
}

// PatternLines are the patterns of the entries, or why there are none,
// and what they are: observations, never causes.
func PatternLines(entries []diary.Entry) []string {
	ps := diary.Patterns(entries)
	if len(ps) == 0 {
		return []string{diary.NoPatterns}
	}
	out := make([]string, 0, len(ps)+1)
	for _, p := range ps {
		out = append(out, p.Sentence)
	}
	return append(out, diary.PatternNote)
}

// DiaryTextSection writes the diary for a terminal, width columns wide:
// the chart, the patterns, what the diary is for, the offer of the report
// after two weeks, the line for anxious people and the disclaimer.
func DiaryTextSection(w io.Writer, rb *knowledge.RuleBase, d Diary, width int) {
	b := bufio.NewWriter(w)
	writeDiaryText(b, rb, d, width, "Print it with 'twitchcheck assess --with-diary --format html --output diary.html'.", true)
	b.Flush()
}

func writeDiaryText(b *bufio.Writer, rb *knowledge.RuleBase, d Diary, width int, how string, disclaimer bool) {
	p := func(s string) { b.WriteString(Clean(s) + "\n") }
	win := d.Window()
	p(DiaryHeading)
	// Warning signs first: never only at the end, and never beside the
	// line for people whom tracking makes anxious.
	alerts := DiaryAlerts(rb, win)
	for _, a := range alerts {
		p(wrap("! "+a, width, 2))
	}
	if len(alerts) > 0 {
		p("")
	}
	p(wrap(DiaryPurpose, width, 2))
	p("")
	b.WriteString(Clean(DiaryChart(d.Entries, d.Last, d.Days, width, ChartStyle{})))
	if len(win) == 0 {
		p(wrap(DiaryEmpty, width, 2))
	}
	p("")
	for _, l := range PatternLines(win) {
		p(wrap("- "+l, width, 2))
	}
	if len(alerts) == 0 {
		if s := DiaryEnough(len(d.Entries), how); s != "" {
			p("")
			p(wrap(s, width, 2))
		}
		p("")
		p(wrap(DiaryAnxiety, width, 2))
	}
	if disclaimer {
		p("")
		p(wrap(rb.Disclaimer, width, 2))
	}
}

// DiaryAlerts says every red flag an entry shown raised: its day, level,
// reason and what to do.
func DiaryAlerts(rb *knowledge.RuleBase, entries []diary.Entry) []string {
	var out []string
	for _, e := range entries {
		for _, f := range diary.Alerts(rb, e) {
			out = append(out, fmt.Sprintf("%s: [%s] %s What to do: %s", e.Date, LevelLabel(rb, f.Level), f.Reason, f.Action))
		}
	}
	return out
}

// DiaryReportReady is how a report with two weeks of diary says it is
// ready to take along.
const DiaryReportReady = "This report, with your diary, is ready to take to your doctor."

// markdownDays writes the days of a diary as a Markdown table.
func markdownDays(p func(string), d *Diary) {
	if len(d.Window()) == 0 {
		return
	}
	p("| " + strings.Join(diaryColumns(), " | ") + " |")
	p(strings.Repeat("|---", len(diaryColumns())) + "|")
	for _, e := range d.Window() {
		c := diaryCells(d.rb, e)
		for i := range c {
			c[i] = mdEscape(c[i])
		}
		p("| " + strings.Join(c, " | ") + " |")
	}
	p("")
}

// diaryColumns head the table of a diary's days.
func diaryColumns() []string {
	return []string{"Date", "Twitching (0–4)", "Where", "Caffeinated drinks", "Sleep (hours)", "Stress", "Strenuous exercise", "New", "Note"}
}

// diaryCells are an entry's values in words: date, twitching, where,
// caffeine, sleep, stress, exercise, new, note ("" for unknown).
func diaryCells(rb *knowledge.RuleBase, e diary.Entry) []string {
	labels := diary.TwitchingLabels()
	where := make([]string, len(e.Where))
	for i, id := range e.Where {
		where[i] = diary.PlaceLabel(rb, id)
	}
	news := make([]string, len(e.New))
	for i, id := range e.New {
		news[i] = diary.NewLabel(rb, id)
	}
	c := []string{e.Date, fmt.Sprintf("%d (%s)", e.Twitching, labels[e.Twitching]), strings.Join(where, ", "), "", "", e.Stress, e.Exercise, strings.Join(news, ", "), CleanLine(e.Note)}
	if e.Caffeine != nil {
		c[3] = strconv.Itoa(*e.Caffeine)
	}
	if e.Sleep != nil {
		c[4] = strconv.FormatFloat(*e.Sleep, 'f', -1, 64)
	}
	return c
}

// days writes the days of a diary in HTML: an inline SVG chart (no
// script, nothing fetched; it prints) and the table of the days.
func (h *htmlDoc) days(d *Diary) {
	h.raw(DiarySVG(d.Entries, d.Last, d.Days))
	if len(d.Window()) == 0 {
		return
	}
	h.raw("<table class=\"diary-days\"><thead><tr>")
	for _, th := range diaryColumns() {
		h.raw("<th>")
		h.text(th)
		h.raw("</th>")
	}
	h.raw("</tr></thead><tbody>")
	for _, e := range d.Window() {
		h.raw("<tr>")
		for _, c := range diaryCells(d.rb, e) {
			h.raw("<td>")
			h.text(c)
			h.raw("</td>")
		}
		h.raw("</tr>")
	}
	h.raw("</tbody></table>\n")
}

// DiarySVG draws the days as an inline SVG bar chart: twitching per day
// as bars (with the level written on each), and caffeine, sleep and
// stress as rows of figures beneath. It needs no script and fetches
// nothing; it prints in black and grey.
func DiarySVG(entries []diary.Entry, last string, days int) string {
	end, err := diary.ParseDate(last)
	if err != nil || days <= 0 {
		return ""
	}
	byDate := make(map[string]diary.Entry, len(entries))
	for _, e := range entries {
		byDate[e.Date] = e
	}
	const (
		left, top, barH, unit = 92, 10, 80, 20
		rowH                  = 16
	)
	col := 24
	if days > 20 {
		col = 16
	}
	w := left + col*days + 8
	hgt := top + barH + 6 + rowH*5
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="diary-chart" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="diary-chart-title" font-family="sans-serif" font-size="10">`, w, hgt, w, hgt)
	fmt.Fprintf(&b, `<title id="diary-chart-title">%s</title>`, html.EscapeString(fmt.Sprintf("Twitching by day, %s to %s, 0 none to 4 almost constant, with caffeinated drinks, hours of sleep and stress", end.AddDate(0, 0, 1-days).Format("2 Jan"), end.Format("2 Jan 2006"))))
	for l := 0; l <= diary.MaxTwitching; l++ {
		y := top + barH - l*unit
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#bbb" stroke-width="0.5"/>`, left, y, w-8, y)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%d</text>`, left-4, y+3, l)
	}
	fmt.Fprintf(&b, `<text x="4" y="%d">Twitching</text>`, top+barH/2)
	names := []string{"Caffeine", "Sleep (h)", "Stress", "Day"}
	for i, n := range names {
		fmt.Fprintf(&b, `<text x="4" y="%d">%s</text>`, top+barH+6+rowH*(i+1), n)
	}
	for i := 0; i < days; i++ {
		d := end.AddDate(0, 0, i-(days-1))
		x := left + col*i
		cx := x + col/2
		e, ok := byDate[d.Format(diary.DateLayout)]
		vals := []string{"·", "·", "·", strconv.Itoa(d.Day())}
		if ok {
			if e.Twitching > 0 {
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#333"/>`, x+3, top+barH-e.Twitching*unit, col-6, e.Twitching*unit)
			}
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%d</text>`, cx, top+barH-e.Twitching*unit-2, e.Twitching)
			if e.Caffeine != nil {
				vals[0] = strconv.Itoa(*e.Caffeine)
			}
			if e.Sleep != nil {
				vals[1] = strconv.FormatFloat(*e.Sleep, 'f', -1, 64)
			}
			if e.Stress != "" {
				vals[2] = strings.ToUpper(e.Stress[:1])
			}
		}
		for r, v := range vals {
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, cx, top+barH+6+rowH*(r+1), v)
		}
	}
	b.WriteString("</svg>\n")
	b.WriteString(`<p class="legend">`)
	b.WriteString(html.EscapeString("Twitching: 0 none, 1 a little, 2 often, 3 most of the day, 4 almost constant. Stress: L low, M moderate, H high. · no entry."))
	b.WriteString("</p>\n")
	return b.String()
}

// jsonDiary adds the "diary" field to the JSON result: the days shown,
// their entries and the patterns.
func (j *jsonWriter) diary(extra []Diary) {
	for _, d := range extra {
		win := d.Window()
		j.key("diary")
		j.open('{')
		j.field("last", d.Last)
		j.key("days")
		j.int(d.Days)
		j.key("entries")
		j.open('[')
		for _, e := range win {
			j.open('{')
			j.field("date", e.Date)
			j.key("twitching")
			j.int(e.Twitching)
			j.key("where")
			j.strings(nonNil(e.Where))
			j.key("caffeine")
			if e.Caffeine != nil {
				j.int(*e.Caffeine)
			} else {
				j.null()
			}
			j.key("sleep")
			if e.Sleep != nil {
				j.float(*e.Sleep)
			} else {
				j.null()
			}
			j.key("stress")
			j.strOrNull(e.Stress)
			j.key("exercise")
			j.strOrNull(e.Exercise)
			j.key("new")
			j.strings(nonNil(e.New))
			j.field("note", e.Note)
			j.close('}')
		}
		j.close(']')
		j.key("patterns")
		j.open('[')
		for _, p := range diary.Patterns(win) {
			j.open('{')
			j.field("id", p.ID)
			j.key("days")
			j.int(p.Days)
			j.key("average")
			j.float(p.Average)
			j.key("other_days")
			j.int(p.OtherDays)
			j.key("other_average")
			j.float(p.OtherAvg)
			j.field("text", p.Sentence)
			j.close('}')
		}
		j.close(']')
		j.close('}')
	}
}

func (j *jsonWriter) null() {
	j.value()
	j.buf = append(j.buf, "null"...)
}

func (j *jsonWriter) strOrNull(s string) {
	if s == "" {
		j.null()
		return
	}
	j.str(s)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// DiaryDay is a diary date in words ("Thu 3 Dec 2026"), or as written
// when it is not a date.
func DiaryDay(date string) string {
	t, err := diary.ParseDate(date)
	if err != nil {
		return date
	}
	return t.Format("Mon 2 Jan 2006")
}
