package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// diaryEnv is an environment whose user data folder is dir.
func diaryEnv(dir string) opt {
	return withEnv(map[string]string{"XDG_DATA_HOME": dir, "HOME": "/nonexistent"})
}

// TestDiaryDoneWhen runs the acceptance list in process.
func TestDiaryDoneWhen(t *testing.T) {
	dir := t.TempDir()
	env := diaryEnv(dir)
	type row struct {
		Date      string   `json:"date"`
		Twitching int      `json:"twitching"`
		Where     []string `json:"where"`
		Caffeine  *int     `json:"caffeine"`
		Sleep     *float64 `json:"sleep"`
		Stress    *string  `json:"stress"`
		Exercise  *string  `json:"exercise"`
		New       []string `json:"new"`
		Note      string   `json:"note"`
	}
	var want []row
	stresses := []string{"low", "moderate", "high"}
	for i := 0; i < 14; i++ {
		date := fmt.Sprintf("2026-11-%02d", i+1)
		caf, sleep, stress, ex := i%7, 4+float64(i%8)/2, stresses[i%3], "no"
		note := fmt.Sprintf("day %d, \"quoted\"", i)
		args := []string{"diary", "add", "--date", date, "--twitching", fmt.Sprint(i % 5), "--where", "eyelid,legs", "--caffeine", fmt.Sprint(caf), "--sleep", fmt.Sprint(sleep), "--stress", stress, "--exercise", ex, "--note", note}
		newList := []string{}
		if i == 3 {
			args = append(args, "--new", "cramps")
			newList = []string{"cramps"}
		}
		r := run(t, args, env)
		r.check(t, 0, []string{"added " + date}, nil)
		want = append(want, row{date, i % 5, []string{"eyelid", "legs"}, &caf, &sleep, &stress, &ex, newList, note})
	}
	r := run(t, []string{"diary", "list", "--format", "json"}, env)
	var got []row
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("list json: %v\n%s", err, r.stdout)
	}
	path := filepath.Join(dir, "twitchcheck", "diary.db")
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("diary file: %v %v", info, err)
	}
	head := make([]byte, 20)
	fh, _ := os.Open(path)
	fh.Read(head)
	fh.Close()
	if head[16] != 0xed || head[17] != 0xda || head[18] != 0x0c || head[19] != 0xed {
		t.Fatalf("not a bbolt file: % x", head)
	}
	r = run(t, []string{"diary", "add", "--twitching", "9"}, env)
	r.check(t, 2, nil, []string{"--twitching", "allowed: 0 (none)"})
	r = run(t, []string{"assess", "--with-diary", "--format", "html", "--case", "calm"}, env)
	r.check(t, 0, []string{"<svg", "Your diary", "</svg>"}, nil)
	r = run(t, []string{"diary", "add", "--date", "2026-11-20", "--twitching", "1", "--new", "chest_pain"}, env)
	r.check(t, 0, []string{"EMERGENCY", "Call emergency services now", "added 2026-11-20"}, nil)
	if strings.Index(r.stdout, "EMERGENCY") > strings.Index(r.stdout, "added") {
		t.Error("the emergency is said after the entry")
	}
	r = run(t, []string{"diary", "forget", "--yes"}, env)
	r.check(t, 0, []string{"Deleted the diary"}, nil)
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 0 {
		t.Fatalf("left after forget: %v", left)
	}
}

func TestDiaryCommands(t *testing.T) {
	dir := t.TempDir()
	env := diaryEnv(dir)
	file := filepath.Join(t.TempDir(), "mine.db")
	for _, tc := range []struct {
		name           string
		args           []string
		stdin          string
		code           int
		stdout, stderr []string
	}{
		{name: "help", args: []string{"diary", "--help"}, stdout: []string{"diary add", "bring two weeks", "--diary FILE"}},
		{name: "help add", args: []string{"diary", "add", "--help"}, stdout: []string{"--twitching 0..4", "--replace"}},
		{name: "help via help", args: []string{"help", "diary"}, stdout: []string{"diary forget"}},
		{name: "no subcommand", args: []string{"diary"}, code: 2, stderr: []string{"add, list, chart or forget"}},
		{name: "unknown subcommand", args: []string{"diary", "nope"}, code: 2, stderr: []string{`unknown diary command "nope"`}},
		{name: "list empty", args: []string{"diary", "list"}, stdout: []string{"no entries yet"}},
		{name: "list json empty", args: []string{"diary", "list", "--format", "json"}, stdout: []string{"[]"}},
		{name: "no twitching", args: []string{"diary", "add"}, code: 2, stderr: []string{"--twitching is needed", "allowed"}},
		{name: "bad date", args: []string{"diary", "add", "--twitching", "1", "--date", "2026-02-30"}, code: 2, stderr: []string{"--date", "YYYY-MM-DD"}},
		{name: "future date", args: []string{"diary", "add", "--twitching", "1", "--date", "2026-11-24"}, code: 2, stderr: []string{"--date 2026-11-24 is after today (2026-11-23)"}},
		{name: "bad where", args: []string{"diary", "add", "--twitching", "1", "--where", "elbow"}, code: 2, stderr: []string{"--where", `"elbow" is not a place`, "eyelid"}},
		{name: "bad new", args: []string{"diary", "add", "--twitching", "1", "--new", "none"}, code: 2, stderr: []string{"--new", "chest_pain"}},
		{name: "bad caffeine", args: []string{"diary", "add", "--twitching", "1", "--caffeine", "lots"}, code: 2, stderr: []string{"--caffeine", "0 to 50"}},
		{name: "bad sleep", args: []string{"diary", "add", "--twitching", "1", "--sleep", "NaN"}, code: 2, stderr: []string{"--sleep", "0 to 24"}},
		{name: "bad stress", args: []string{"diary", "add", "--twitching", "1", "--stress", "huge"}, code: 2, stderr: []string{"--stress", "low, moderate, high"}},
		{name: "bad exercise", args: []string{"diary", "add", "--twitching", "1", "--exercise", "lots"}, code: 2, stderr: []string{"--exercise", "yes, no"}},
		{name: "bad note", args: []string{"diary", "add", "--twitching", "1", "--note", "a\x1b[2Jb"}, code: 2, stderr: []string{"--note", "U+001B"}},
		{name: "long note", args: []string{"diary", "add", "--twitching", "1", "--note", strings.Repeat("x", 501)}, code: 2, stderr: []string{"--note", "at most 500"}},
		{name: "add", args: []string{"diary", "add", "--date", "2026-11-12", "--twitching", "2", "--note", "=HYPERLINK(\"x\")"}, stdout: []string{"added 2026-11-12"}, stderr: []string{"started your diary at " + dir}},
		{name: "add again", args: []string{"diary", "add", "--date", "2026-11-12", "--twitching", "3"}, code: 2, stderr: []string{"already has an entry for 2026-11-12", "--replace"}},
		{name: "replace", args: []string{"diary", "add", "--date", "2026-11-12", "--twitching", "3", "--note", "-1+1", "--replace"}, stdout: []string{"replaced 2026-11-12"}},
		{name: "today", args: []string{"diary", "add", "--twitching", "0", "--sleep", "8"}, stdout: []string{"added 2026-11-23"}},
		{name: "labels", args: []string{"diary", "add", "--date", "2026-11-13", "--twitching", "1", "--where", "eyelid", "--new", "chest_pain"}, stdout: []string{"where Eyelid", "new Chest pain"}},
		{name: "list labels", args: []string{"diary", "list"}, stdout: []string{"2026-11-13  twitching 1 (a little); where Eyelid; new Chest pain"}},
		{name: "csv", args: []string{"diary", "list", "--format", "csv"}, stdout: []string{"date,twitching,where,caffeine,sleep,stress,exercise,new,note\n", "2026-11-12,3,,,,,,,'-1+1\n", "2026-11-23,0,,,8,"}},
		{name: "list days", args: []string{"diary", "list", "--days", "7"}, stdout: []string{"2026-11-23"}},
		{name: "bad days", args: []string{"diary", "list", "--days", "0"}, code: 2, stderr: []string{"--days", "1 to 3660"}},
		{name: "bad format", args: []string{"diary", "list", "--format", "xml"}, code: 2, stderr: []string{"--format", "text, json, csv"}},
		{name: "chart", args: []string{"diary", "chart"}, stdout: []string{"Twitching by day, 10 Nov to 23 Nov 2026", "No patterns yet", "bring two weeks", "! 2026-11-13: [", "Test disclaimer"}},
		{name: "other file", args: []string{"diary", "add", "--diary", file, "--twitching", "4"}, stdout: []string{"added 2026-11-23"}},
		{name: "empty file flag", args: []string{"diary", "list", "--diary", ""}, code: 2, stderr: []string{"--diary needs a file name"}},
		{name: "assess json", args: []string{"assess", "--case", "calm", "--format", "json", "--diary", file}, stdout: []string{`"diary": {`, `"twitching": 4`}},
		{name: "assess markdown", args: []string{"assess", "--case", "calm", "--format", "markdown", "--with-diary"}, stdout: []string{"## Your diary", "| 2026-11-12 | 3 (most of the day) |"}},
		{name: "assess text", args: []string{"assess", "--case", "calm", "--with-diary"}, stdout: []string{"Your diary", "Twitching by day"}},
		{name: "assess fhir", args: []string{"assess", "--case", "calm", "--format", "fhir", "--with-diary"}, stdout: []string{`"resourceType": "Observation"`, `"code": "twitching-level"`, `"valueInteger": 3`}},
		{name: "forget asks", args: []string{"diary", "forget"}, stdin: "no\n", stdout: []string{"Nothing was deleted"}, stderr: []string{"Type yes to delete"}},
		{name: "forget yes typed", args: []string{"diary", "forget"}, stdin: "yes\n", stdout: []string{"Deleted the diary"}},
		{name: "forget none", args: []string{"diary", "forget", "--yes"}, stdout: []string{"There is no diary"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args, env, withStdin(tc.stdin))
			r.check(t, tc.code, tc.stdout, tc.stderr)
			if hasControl(r.stdout + r.stderr) {
				t.Errorf("control characters in the output")
			}
		})
	}
}

func TestDiaryRefusedAndFailed(t *testing.T) {
	foreign := writeFile(t, "notes.db", "my notes, not a diary")
	r := run(t, []string{"diary", "add", "--diary", foreign, "--twitching", "1"})
	r.check(t, 2, nil, []string{"cannot be used as a diary", "not a diary", "left as it is"})
	r = run(t, []string{"diary", "forget", "--yes", "--diary", foreign})
	r.check(t, 2, nil, []string{"cannot be used as a diary"})
	if data, _ := os.ReadFile(foreign); string(data) != "my notes, not a diary" {
		t.Fatal("the foreign file was changed")
	}
	// A folder where the diary's folder should be: a write failure, exit 1.
	blocker := writeFile(t, "file", "x")
	r = run(t, []string{"diary", "add", "--diary", filepath.Join(blocker, "diary.db"), "--twitching", "1"})
	r.check(t, 1, nil, []string{"cannot look at it", "not a directory", "nothing in it was changed"})
	r = run(t, []string{"diary", "list"}, withEnv(map[string]string{}))
	r.check(t, 2, nil, []string{"cannot tell where to keep the diary", "--diary FILE"})
}
