package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// diaryFormats are the formats of `diary list --format`.
var diaryFormats = []string{"text", "json", "csv"}

// diaryCmd runs `twitchcheck diary add|list|chart|forget`.
func (c *command) diaryCmd(args []string) error {
	if len(args) == 0 {
		return usagef("diary needs a command: add, list, chart or forget")
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "-h", "--help", "-help", "help":
		return c.print(diaryHelp)
	}
	run, ok := map[string]func(*command, []string) error{
		"add":    (*command).diaryAdd,
		"list":   (*command).diaryList,
		"chart":  (*command).diaryChart,
		"forget": (*command).diaryForget,
	}[sub]
	if !ok {
		return usagef("unknown diary command %q%s; allowed: add, list, chart, forget", sub, knowledge.DidYouMean(sub, []string{"add", "list", "chart", "forget"}))
	}
	c.name += " " + sub
	return run(c, rest)
}

// openDiary returns the diary named by --diary FILE, or the one kept in
// the user data folder.
// diaryEntries are every entry of the diary at path (or the usual one),
// oldest first.
func (c *command) diaryEntries(path string, given bool) ([]diary.Entry, error) {
	f, err := c.openDiary(path, given)
	if err != nil {
		return nil, err
	}
	entries, err := f.List()
	if err != nil {
		return nil, diaryError(err)
	}
	return entries, nil
}

func (c *command) openDiary(path string, given bool) (*diary.File, error) {
	if given && path == "" {
		return nil, usagef("--diary needs a file name")
	}
	if path == "" {
		p, err := diary.DefaultPath(c.env.Getenv)
		if err != nil {
			return nil, badInputError{err}
		}
		path = p
	}
	return diary.NewFile(path), nil
}

// diaryError puts a store's error in the command line's terms: a value
// that is not allowed or a file that is not a diary is bad input (exit
// status 2); a lock held too long, a read-only folder or a full disk is
// a failure (exit status 1).
func diaryError(err error) error { return diaryErrorIn(nil, err) }

// diaryErrorIn is diaryError, naming places and symptoms by their labels
// in rb (nil: by their ids).
func diaryErrorIn(rb *knowledge.RuleBase, err error) error {
	var (
		fe *diary.FieldError
		ee *diary.ExistsError
		re *diary.RefusedError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fe):
		return usagef("%s", fe.Error())
	case errors.As(err, &ee):
		return badInputError{errorf("the diary already has an entry for %s (%s); add --replace to change it", ee.Old.Date, entrySummary(rb, ee.Old))}
	case errors.As(err, &re):
		return badInputError{err}
	}
	return failError{err}
}

// today is the date of the command's clock, where the person is.
func (c *command) today() string { return c.env.Now().Format(diary.DateLayout) }

// diaryAdd records one day.
func (c *command) diaryAdd(args []string) error {
	fs := newFlags("diary add")
	path := fs.String("diary", "", "use the diary in `FILE` instead of the usual one")
	date := fs.String("date", "", "the day, as `YYYY-MM-DD` (default: today; not after today)")
	twitching := fs.String("twitching", "", "how much twitching, `0..4`: 0 none, 1 a little, 2 often, 3 most of the day, 4 almost constant (needed)")
	where := fs.String("where", "", "where, a comma-separated `LIST` of the options of the location question (see 'twitchcheck rules show'), such as eyelid,legs")
	caffeine := fs.String("caffeine", "", "caffeinated drinks that day, `N` from 0 to 50")
	sleep := fs.String("sleep", "", "`HOURS` of sleep the night before, 0 to 24 (such as 6.5)")
	stress := fs.String("stress", "", "stress that day, `LEVEL`: low, moderate or high")
	exercise := fs.String("exercise", "", "strenuous exercise that day: `yes|no`")
	newList := fs.String("new", "", "anything new that day, a comma-separated `LIST` of the options of the emergency check and of the other symptoms, such as cramps,weakness")
	note := fs.String("note", "", "a short note, `TEXT` of at most 500 characters")
	replace := fs.Bool("replace", false, "change the entry of a date that has one")
	pos, err := c.parse(fs, args, diaryAddHelp)
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; a note goes in --note TEXT", pos[0])
	}
	rb := c.env.Content.RuleBase()
	e := diary.Entry{Date: *date, Stress: strings.ToLower(strings.TrimSpace(*stress)), Exercise: strings.ToLower(strings.TrimSpace(*exercise)), Note: *note}
	if e.Date == "" {
		e.Date = c.today()
	}
	d, err := diary.ParseDate(e.Date)
	if err != nil {
		return diaryError(err)
	}
	if d.Format(diary.DateLayout) > c.today() {
		return usagef("--date %s is after today (%s); allowed: today or an earlier day", e.Date, c.today())
	}
	if !isSet(fs, "twitching") {
		return usagef("--twitching is needed; allowed: 0 (none), 1 (a little), 2 (often), 3 (most of the day), 4 (almost constant)")
	}
	if e.Twitching, err = strconv.Atoi(strings.TrimSpace(*twitching)); err != nil || e.Twitching < 0 || e.Twitching > diary.MaxTwitching {
		return usagef("--twitching %q is not allowed; allowed: 0 (none), 1 (a little), 2 (often), 3 (most of the day), 4 (almost constant)", *twitching)
	}
	if isSet(fs, "caffeine") {
		n, err := strconv.Atoi(strings.TrimSpace(*caffeine))
		if err != nil || n < 0 || n > diary.MaxCaffeine {
			return usagef("--caffeine %q is not allowed; allowed: a whole number of caffeinated drinks from 0 to %d", *caffeine, diary.MaxCaffeine)
		}
		e.Caffeine = &n
	}
	if isSet(fs, "sleep") {
		h, err := strconv.ParseFloat(strings.TrimSpace(*sleep), 64)
		if err != nil || math.IsNaN(h) || h < 0 || h > diary.MaxSleep || math.Abs(h*10-math.Round(h*10)) > 1e-6 {
			return usagef("--sleep %q is not allowed; allowed: hours of sleep from 0 to %d, such as 7 or 6.5", *sleep, diary.MaxSleep)
		}
		e.Sleep = &h
	}
	if isSet(fs, "stress") && e.Stress == "" {
		return usagef("--stress needs a value; allowed: low, moderate, high")
	}
	if isSet(fs, "exercise") && e.Exercise == "" {
		return usagef("--exercise needs a value; allowed: yes, no")
	}
	e.Where = splitList(*where)
	e.New = splitList(*newList)
	if err := e.Validate(rb); err != nil {
		return diaryError(err)
	}
	// Danger first, before anything is written: a diary never records
	// it silently.
	if err := c.printAlerts(rb, e); err != nil {
		return err
	}
	f, err := c.openDiary(*path, isSet(fs, "diary"))
	if err != nil {
		return err
	}
	existed, err := f.Exists()
	if err != nil {
		return diaryError(err)
	}
	old, err := f.Put(e, *replace)
	if err != nil {
		return diaryErrorIn(rb, err)
	}
	if !existed {
		c.say("started your diary at %s (mode 0600; it stays on this computer; 'twitchcheck diary forget' deletes it)", cleanName(f.Path))
	}
	verb := "added"
	if old != nil {
		verb = "replaced"
	}
	return c.print(fmt.Sprintf("%s %s: %s\n", verb, e.Date, report.CleanLine(entrySummary(rb, e))))
}

// printAlerts prints, at once, every red flag the entry's new symptoms
// raise: the level and what to do, in the questionnaire's words.
func (c *command) printAlerts(rb *knowledge.RuleBase, e diary.Entry) error {
	flags := diary.Alerts(rb, e)
	if len(flags) == 0 {
		return nil
	}
	var b strings.Builder
	for _, f := range flags {
		lvl := rb.Level(f.Level)
		fmt.Fprintf(&b, "! %s\n", report.CleanLine(strings.ToUpper(report.LevelLabel(rb, f.Level))))
		fmt.Fprintf(&b, "  %s\n", report.CleanLine(f.Reason))
		fmt.Fprintf(&b, "  What to do: %s\n", report.CleanLine(f.Action))
		if lvl != nil && lvl.Action != f.Action {
			fmt.Fprintf(&b, "  %s\n", report.CleanLine(lvl.Action))
		}
		fmt.Fprintf(&b, "  Because the entry for %s records: %s\n", e.Date, report.CleanLine(report.FlagAnswers(rb, f)))
	}
	b.WriteString("\n")
	return c.print(b.String())
}

// splitList splits a comma-separated list of option IDs.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// entrySummary says an entry on one line, its places and new symptoms by
// their labels in rb (by their ids when rb is nil).
func entrySummary(rb *knowledge.RuleBase, e diary.Entry) string {
	names := func(ids []string, label func(*knowledge.RuleBase, string) string) string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = id
			if rb != nil {
				out[i] = label(rb, id)
			}
		}
		return strings.Join(out, ", ")
	}
	labels := diary.TwitchingLabels()
	parts := []string{fmt.Sprintf("twitching %d (%s)", e.Twitching, labels[max(0, min(e.Twitching, len(labels)-1))])}
	if len(e.Where) > 0 {
		parts = append(parts, "where "+names(e.Where, diary.PlaceLabel))
	}
	if e.Caffeine != nil {
		parts = append(parts, fmt.Sprintf("caffeine %d", *e.Caffeine))
	}
	if e.Sleep != nil {
		parts = append(parts, "sleep "+strconv.FormatFloat(*e.Sleep, 'f', -1, 64)+" h")
	}
	if e.Stress != "" {
		parts = append(parts, "stress "+e.Stress)
	}
	if e.Exercise != "" {
		parts = append(parts, "exercise "+e.Exercise)
	}
	if len(e.New) > 0 {
		parts = append(parts, "new "+names(e.New, diary.NewLabel))
	}
	if e.Note != "" {
		parts = append(parts, "note "+strconv.Quote(e.Note))
	}
	return strings.Join(parts, "; ")
}

// daysFlag checks --days N.
func daysFlag(s string, given bool, def int) (int, error) {
	if !given {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 3660 {
		return 0, usagef("--days %q is not allowed; allowed: a whole number of days from 1 to 3660", s)
	}
	return n, nil
}

// diaryList prints the entries.
func (c *command) diaryList(args []string) error {
	fs := newFlags("diary list")
	path := fs.String("diary", "", "use the diary in `FILE` instead of the usual one")
	daysArg := fs.String("days", "", "only the last `N` days, ending today (default: every entry)")
	formatArg := fs.String("format", "text", "the `FORMAT`: text (default), json (an array of {\"date\", \"twitching\", \"where\", \"caffeine\", \"sleep\", \"stress\", \"exercise\", \"new\", \"note\"}; null for what was not given) or csv (for a spreadsheet; a cell that would start a formula begins with ')")
	pos, err := c.parse(fs, args, diaryListHelp)
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	format, err := formatFlag(*formatArg, diaryFormats...)
	if err != nil {
		return err
	}
	days, err := daysFlag(*daysArg, isSet(fs, "days"), 0)
	if err != nil {
		return err
	}
	entries, err := c.diaryEntries(*path, isSet(fs, "diary"))
	if err != nil {
		return err
	}
	if days > 0 {
		entries = diary.Window(entries, c.today(), days)
	}
	switch format {
	case "json":
		data, err := diary.EncodeList(entries)
		if err != nil {
			return err
		}
		return c.write(data)
	case "csv":
		data, err := diaryCSV(entries)
		if err != nil {
			return err
		}
		return c.write(data)
	}
	if len(entries) == 0 {
		return c.print("The diary has no entries yet. Add one with 'twitchcheck diary add --twitching 0..4'.\n")
	}
	rb := c.env.Content.RuleBase()
	var b strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&b, "%s  %s\n", e.Date, report.CleanLine(entrySummary(rb, e)))
	}
	return c.print(b.String())
}

// diaryCSV writes entries as CSV, quoted as needed, with every cell that
// a spreadsheet would run as a formula (= + - @, or a tab or carriage
// return first) made plain text by a leading apostrophe.
func diaryCSV(entries []diary.Entry) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	rows := [][]string{{"date", "twitching", "where", "caffeine", "sleep", "stress", "exercise", "new", "note"}}
	for _, e := range entries {
		caf, sl := "", ""
		if e.Caffeine != nil {
			caf = strconv.Itoa(*e.Caffeine)
		}
		if e.Sleep != nil {
			sl = strconv.FormatFloat(*e.Sleep, 'f', -1, 64)
		}
		rows = append(rows, []string{e.Date, strconv.Itoa(e.Twitching), strings.Join(e.Where, ";"), caf, sl, e.Stress, e.Exercise, strings.Join(e.New, ";"), e.Note})
	}
	for _, r := range rows {
		for i, cell := range r {
			r[i] = neutralise(cell)
		}
		if err := w.Write(r); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// neutralise makes a CSV cell that a spreadsheet would read as a formula
// plain text.
func neutralise(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// chartWidth is the width of the terminal when $COLUMNS says it, else 80.
func (c *command) chartWidth() int {
	if n, err := strconv.Atoi(c.env.Getenv("COLUMNS")); err == nil && n >= 20 && n <= 1000 {
		return n
	}
	return report.TextWidth
}

// diaryChart draws the last days and says the patterns.
func (c *command) diaryChart(args []string) error {
	fs := newFlags("diary chart")
	path := fs.String("diary", "", "use the diary in `FILE` instead of the usual one")
	daysArg := fs.String("days", "", "how many `N` days, ending today (default 14; 30 shows a month)")
	pos, err := c.parse(fs, args, diaryChartHelp)
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	days, err := daysFlag(*daysArg, isSet(fs, "days"), report.ChartDays)
	if err != nil {
		return err
	}
	entries, err := c.diaryEntries(*path, isSet(fs, "diary"))
	if err != nil {
		return err
	}
	var out bytes.Buffer
	report.DiaryTextSection(&out, c.env.Content.RuleBase(), report.Diary{Entries: entries, Last: c.today(), Days: days}, c.chartWidth())
	return c.write(out.Bytes())
}

// diaryForget deletes the diary, after asking.
func (c *command) diaryForget(args []string) error {
	fs := newFlags("diary forget")
	path := fs.String("diary", "", "use the diary in `FILE` instead of the usual one")
	yes := fs.Bool("yes", false, "delete without asking")
	pos, err := c.parse(fs, args, diaryForgetHelp)
	if err != nil {
		return helpDone(err)
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	f, err := c.openDiary(*path, isSet(fs, "diary"))
	if err != nil {
		return err
	}
	ok, err := f.Exists()
	if err != nil {
		return diaryError(err)
	}
	if !ok {
		removed, err := f.Forget() // a start a crash left behind
		if err != nil {
			return diaryError(err)
		}
		if len(removed) == 0 {
			return c.print(fmt.Sprintf("There is no diary at %s: nothing to delete.\n", cleanName(f.Path)))
		}
		return c.print(fmt.Sprintf("Deleted %d left-over file(s) of the diary at %s.\n", len(removed), cleanName(f.Path)))
	}
	if !*yes {
		n := "its"
		if entries, err := f.List(); err == nil {
			n = fmt.Sprintf("its %d entries", len(entries))
		}
		fmt.Fprintf(c.env.Stderr, "Delete the diary at %s and %s? This cannot be undone. Type yes to delete: ", cleanName(f.Path), n)
		line, _ := bufio.NewReader(c.env.Stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(line)); a != "yes" && a != "y" {
			return c.print("Nothing was deleted.\n")
		}
	}
	removed, err := f.Forget()
	if err != nil {
		return diaryError(err)
	}
	if *path == "" {
		f.RemoveFolderIfEmpty()
	}
	return c.print(fmt.Sprintf("Deleted the diary at %s (%d file(s)).\n", cleanName(f.Path), len(removed)))
}

// failError is a failure outside the input, said as it is: exit status 1.
type failError struct{ err error }

func (e failError) Error() string { return e.err.Error() }
func (e failError) Unwrap() error { return e.err }

// diaryFor reads the diary for a report: its entries and the window.
func (c *command) diaryFor(path string, given bool) (*report.Diary, error) {
	f, err := c.openDiary(path, given)
	if err != nil {
		return nil, err
	}
	entries, err := f.List()
	if err != nil {
		return nil, diaryError(err)
	}
	return &report.Diary{Entries: entries, Last: c.today(), Days: report.ChartDays}, nil
}

// appDiary is the diary the app keeps: --diary FILE, or the usual one.
// With no usual place (no home folder), the app offers no diary.
func (c *command) appDiary(path string, given bool) (diary.Store, error) {
	f, err := c.openDiary(path, given)
	var bad badInputError
	if errors.As(err, &bad) && !given {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}
