package diary

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// The test binary doubles as a helper process that adds to a diary, so
// the concurrency and crash tests run real processes: with
// DIARY_TEST_HELPER=add it adds one entry (DIARY_TEST_DATE) and prints
// "ok DATE"; with DIARY_TEST_HELPER=loop it adds a day after another from
// DIARY_TEST_DATE on, printing "ok DATE" after each is acknowledged,
// until it is killed.
func TestMain(m *testing.M) {
	switch os.Getenv("DIARY_TEST_HELPER") {
	case "add":
		os.Exit(helperAdd(os.Getenv("DIARY_TEST_PATH"), os.Getenv("DIARY_TEST_DATE"), 1))
	case "loop":
		os.Exit(helperAdd(os.Getenv("DIARY_TEST_PATH"), os.Getenv("DIARY_TEST_DATE"), 1<<30))
	}
	os.Exit(m.Run())
}

func helperAdd(path, from string, n int) int {
	f := NewFile(path)
	f.Timeout = 60 * time.Second
	day, err := ParseDate(from)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; i < n; i++ {
		d := day.AddDate(0, 0, i).Format(DateLayout)
		c := i % 7
		if _, err := f.Put(Entry{Date: d, Twitching: i % 5, Caffeine: &c, Note: "helper " + strconv.Itoa(i)}, false); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintln(out, "ok", d)
		out.Flush()
	}
	return 0
}

// helper returns the command of a helper process.
func helper(t *testing.T, mode, path, date string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DIARY_TEST_HELPER="+mode, "DIARY_TEST_PATH="+path, "DIARY_TEST_DATE="+date)
	return cmd
}

func intp(n int) *int           { return &n }
func floatp(f float64) *float64 { return &f }
func day(t *testing.T, i int) string {
	t.Helper()
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(DateLayout)
}
