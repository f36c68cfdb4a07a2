package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestDiaryDoneWhen runs the acceptance list on the real binary,
// with XDG_DATA_HOME set to an empty folder: 14 adds for 14 dates, the
// list as given, a bbolt file at twitchcheck/diary.db with mode 0600, 20
// concurrent adds leaving 34 entries, a bad value naming the flag, an
// <svg> in the HTML report, chest pain said at once, and forget leaving
// nothing.
func TestDiaryDoneWhen(t *testing.T) {
	data := t.TempDir()
	diaryRun := func(args ...string) (string, string, int) {
		cmd := exec.Command(binPath, args...)
		cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+data, "NO_COLOR=1")
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), errb.String(), code
	}
	start := time.Now().AddDate(0, 0, -60)
	date := func(i int) string { return start.AddDate(0, 0, i).Format("2006-01-02") }
	for i := 0; i < 14; i++ {
		if out, errs, code := diaryRun("diary", "add", "--date", date(i), "--twitching", fmt.Sprint(i%5), "--caffeine", fmt.Sprint(i), "--note", fmt.Sprintf("day %d", i)); code != 0 {
			t.Fatalf("add %d: %d %s %s", i, code, out, errs)
		}
	}
	out, _, _ := diaryRun("diary", "list", "--format", "json")
	var list []struct {
		Date      string `json:"date"`
		Twitching int    `json:"twitching"`
		Caffeine  *int   `json:"caffeine"`
		Note      string `json:"note"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 14 {
		t.Fatalf("list: %v\n%s", err, out)
	}
	for i, e := range list {
		if e.Date != date(i) || e.Twitching != i%5 || e.Caffeine == nil || *e.Caffeine != i || e.Note != fmt.Sprintf("day %d", i) {
			t.Errorf("entry %d: %+v", i, e)
		}
	}
	path := filepath.Join(data, "twitchcheck", "diary.db")
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the diary file: %v %v", info, err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(d string) {
			defer wg.Done()
			if out, errs, code := diaryRun("diary", "add", "--date", d, "--twitching", "1"); code != 0 {
				t.Errorf("concurrent add %s: %d %s %s", d, code, out, errs)
			}
		}(date(20 + i))
	}
	wg.Wait()
	out, _, _ = diaryRun("diary", "list", "--format", "json")
	if n := strings.Count(out, `"date"`); n != 34 {
		t.Fatalf("%d entries after 20 concurrent adds, want 34", n)
	}
	if _, errs, code := diaryRun("diary", "add", "--twitching", "5"); code != 2 || !strings.Contains(errs, "--twitching") || !strings.Contains(errs, "allowed") {
		t.Errorf("a bad value: %d %s", code, errs)
	}
	if out, _, code := diaryRun("assess", "--with-diary", "--format", "html", "--case", "exam_week"); code != 0 || !strings.Contains(out, "<svg") {
		t.Errorf("assess --with-diary --format html: %d, svg %v", code, strings.Contains(out, "<svg"))
	}
	if out, _, code := diaryRun("diary", "add", "--date", date(50), "--twitching", "1", "--new", "chest_pain"); code != 0 || !strings.HasPrefix(out, "! EMERGENCY") || !strings.Contains(out, "Call emergency services now") {
		t.Errorf("chest pain: %d\n%s", code, out)
	}
	if _, errs, code := diaryRun("diary", "forget", "--yes"); code != 0 {
		t.Fatalf("forget: %d %s", code, errs)
	}
	if left, _ := filepath.Glob(filepath.Join(data, "*")); len(left) != 0 {
		t.Fatalf("left after forget: %v", left)
	}
}
