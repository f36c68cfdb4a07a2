package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/twitchcheck/twitchcheck/diary"
)

// Chart days: the usual window, the longer one, and the fewest columns a
// day takes.
const (
	ChartDays     = 14
	ChartDaysLong = 30
	chartLabel    = 12 // the label column, with the axis
)

// ChartStyle colours a chart for a terminal; the zero value draws it
// plain. Every value is also in words and digits, so the chart reads the
// same without colour.
type ChartStyle struct {
	Bar, Faint func(string) string
}

func (s ChartStyle) bar(t string) string {
	if s.Bar == nil {
		return t
	}
	return s.Bar(t)
}

func (s ChartStyle) faint(t string) string {
	if s.Faint == nil {
		return t
	}
	return s.Faint(t)
}

// DiaryChart draws the diary's last days up to last (YYYY-MM-DD) as a
// chart width columns wide: twitching per day as bars, with rows beneath
// for the level in digits, caffeinated drinks, hours of sleep and stress,
// and the day of the month. Days without an entry show "·". When the
// days do not fit, the latest that do are shown, and the chart says so.
func DiaryChart(entries []diary.Entry, last string, days, width int, st ChartStyle) string {
	end, err := diary.ParseDate(last)
	if err != nil || days <= 0 {
		return ""
	}
	width = max(width, chartLabel+2*7)
	cw := 3
	shown := days
	switch {
	case chartLabel+3*days <= width:
	case chartLabel+2*days <= width:
		cw = 2
	default:
		cw = 2
		shown = (width - chartLabel) / 2
	}
	byDate := make(map[string]diary.Entry, len(entries))
	for _, e := range entries {
		byDate[e.Date] = e
	}
	dates := make([]time.Time, shown)
	for i := range dates {
		dates[i] = end.AddDate(0, 0, i-(shown-1))
	}
	cell := func(s string) string { return fmt.Sprintf("%*s", cw, s) }
	capped := func(n int) string {
		if cw == 2 && n > 9 {
			return "+"
		}
		return strconv.Itoa(n)
	}
	label := lipgloss.NewStyle().Width(chartLabel)
	var lines []string
	title := fmt.Sprintf("Twitching by day, %s to %s", dates[0].Format("2 Jan"), end.Format("2 Jan 2006"))
	lines = append(lines, wrap(title, width, 0))
	if shown < days {
		lines = append(lines, wrap(fmt.Sprintf("Only the last %d days fit this window, of the %d asked for: a wider window shows them all.", shown, days), width, 0))
	}
	full := strings.Repeat("█", cw-1)
	for level := diary.MaxTwitching; level >= 1; level-- {
		var b strings.Builder
		b.WriteString(fmt.Sprintf("%*d │", chartLabel-2, level))
		for _, d := range dates {
			e, ok := byDate[d.Format(diary.DateLayout)]
			if ok && e.Twitching >= level {
				b.WriteString(" " + st.bar(full))
			} else {
				b.WriteString(strings.Repeat(" ", cw))
			}
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	lines = append(lines, strings.Repeat(" ", chartLabel-1)+"└"+strings.Repeat("─", cw*shown))
	row := func(name string, value func(diary.Entry) (string, bool)) {
		var b strings.Builder
		b.WriteString(label.Render(name))
		for _, d := range dates {
			e, ok := byDate[d.Format(diary.DateLayout)]
			v, known := "", false
			if ok {
				v, known = value(e)
			}
			if !known {
				b.WriteString(strings.Repeat(" ", cw-1) + st.faint("·")) // padded before it is styled
				continue
			}
			b.WriteString(cell(v))
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	row("Twitching", func(e diary.Entry) (string, bool) { return strconv.Itoa(e.Twitching), true })
	row("Caffeine", func(e diary.Entry) (string, bool) {
		if e.Caffeine == nil {
			return "", false
		}
		return capped(*e.Caffeine), true
	})
	row("Sleep (h)", func(e diary.Entry) (string, bool) {
		if e.Sleep == nil {
			return "", false
		}
		return sleepCell(*e.Sleep, cw), true
	})
	halfShown := false
	if cw == 2 {
		// Two columns hold the whole hours: a row beneath marks the
		// half hours, so 8.5 never reads as 8.
		for _, d := range dates {
			if e, ok := byDate[d.Format(diary.DateLayout)]; ok && e.Sleep != nil && sleepHalf(*e.Sleep) {
				halfShown = true
			}
		}
		if halfShown {
			var b strings.Builder
			b.WriteString(label.Render("  and ½ h"))
			for _, d := range dates {
				e, ok := byDate[d.Format(diary.DateLayout)]
				if ok && e.Sleep != nil && sleepHalf(*e.Sleep) {
					b.WriteString(cell("½"))
				} else {
					b.WriteString(strings.Repeat(" ", cw))
				}
			}
			lines = append(lines, strings.TrimRight(b.String(), " "))
		}
	}
	row("Stress", func(e diary.Entry) (string, bool) {
		if e.Stress == "" {
			return "", false
		}
		return strings.ToUpper(e.Stress[:1]), true
	})
	// The day of the month: every day when a day has three columns,
	// every other day (ending on the last) when it has two.
	var b strings.Builder
	b.WriteString(label.Render("Day"))
	for i, d := range dates {
		if cw == 3 {
			b.WriteString(cell(strconv.Itoa(d.Day())))
			continue
		}
		if (shown-1-i)%2 != 0 {
			continue
		}
		s := strconv.Itoa(d.Day())
		w := cw
		if i > 0 {
			w = 2 * cw
		}
		b.WriteString(fmt.Sprintf("%*s", w, s))
	}
	lines = append(lines, strings.TrimRight(b.String(), " "))
	legend := "Twitching: 0 none, 1 a little, 2 often, 3 most of the day, 4 almost constant. Stress: L low, M moderate, H high. · no entry."
	if cw == 2 {
		legend += " + 10 or more."
	}
	if halfShown {
		legend += " ½ under a night's sleep: half an hour more."
	}
	lines = append(lines, wrap(legend, width, 0))
	return strings.Join(lines, "\n") + "\n"
}

// sleepCell writes hours of sleep to the nearest half hour ("6½") in a
// cell of three columns; in two, the whole hours (never rounded up, so
// 4.5 is not shown as 5) and "+" for ten or more.
func sleepCell(h float64, cw int) string {
	halves := int(h*2 + 0.5)
	if cw == 2 {
		if halves/2 > 9 {
			return "+"
		}
		return strconv.Itoa(halves / 2)
	}
	s := strconv.Itoa(halves / 2)
	if halves%2 == 1 {
		s += "½"
	}
	return s
}

// sleepHalf reports whether h, to the nearest half hour, has a half.
func sleepHalf(h float64) bool { return int(h*2+0.5)%2 == 1 }
