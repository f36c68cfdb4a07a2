package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/twitchcheck/twitchcheck/diary"
)

// yearDiary writes a diary of a year of full entries (365 days to
// 2026-11-22) and returns its path.
func yearDiary(b *testing.B) string {
	b.Helper()
	f := diary.NewFile(filepath.Join(b.TempDir(), "diary.db"))
	end := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 365; i++ {
		c, s := i%8, 4+float64(i%9)/2
		e := diary.Entry{Date: end.AddDate(0, 0, -i).Format(diary.DateLayout), Twitching: i % 5, Where: []string{"eyelid", "legs"}, Caffeine: &c, Sleep: &s, Stress: diary.StressLevels()[i%3], Exercise: "no", New: []string{"cramps"}, Note: fmt.Sprintf("day %d: twitching after coffee, slept badly", i)}
		if _, err := f.Put(e, false); err != nil {
			b.Fatal(err)
		}
	}
	return f.Path
}

// BenchmarkProcessDiary runs the release binary on a diary of a year of
// entries: `diary add` of a day (with --replace, so every run writes one
// transaction to the same-size file) and `diary list --format json`; it
// reports the median wall time and peak memory of each. Each iteration
// is one add and one list; run it with -benchtime=50x.
func BenchmarkProcessDiary(b *testing.B) {
	app, _ := buildRelease(b)
	path := yearDiary(b)
	info, _ := os.Stat(path)
	add := []string{"diary", "add", "--diary", path, "--date", "2026-06-01", "--twitching", "3", "--where", "eyelid", "--caffeine", "4", "--sleep", "6.5", "--stress", "high", "--exercise", "no", "--note", "benchmark", "--replace"}
	list := []string{"diary", "list", "--diary", path, "--format", "json"}
	for i := 0; i < 5; i++ {
		timed(b, app, add...)
		timed(b, app, list...)
	}
	var adds, lists, vers, addCPU, listCPU, verCPU []float64
	var addPeak, listPeak int64
	for b.Loop() {
		a, ac, ra := timedCPU(b, app, add...)
		l, lc, rl := timedCPU(b, app, list...)
		v, vc, _ := timedCPU(b, app, "--version")
		adds, lists, vers = append(adds, a), append(lists, l), append(vers, v)
		addCPU, listCPU, verCPU = append(addCPU, ac), append(listCPU, lc), append(verCPU, vc)
		addPeak, listPeak = max(addPeak, ra), max(listPeak, rl)
	}
	b.ReportMetric(median(adds), "add-ms")
	b.ReportMetric(median(lists), "list-ms")
	b.ReportMetric(median(vers), "version-ms")
	b.ReportMetric(median(addCPU), "add-cpu-ms")
	b.ReportMetric(median(listCPU), "list-cpu-ms")
	b.ReportMetric(median(verCPU), "version-cpu-ms")
	b.ReportMetric(float64(addPeak)/1024, "add-peak-MiB")
	b.ReportMetric(float64(listPeak)/1024, "list-peak-MiB")
	b.ReportMetric(float64(info.Size())/1024, "file-KiB")
	b.ReportMetric(0, "ns/op")
}

// timedCPU runs a command and returns its wall time and CPU time (user
// and system) in milliseconds, and its peak memory (KiB). On a shared
// machine the CPU time varies far less than the wall time.
func timedCPU(b *testing.B, name string, args ...string) (wall, cpu float64, rss int64) {
	cmd := exec.Command(name, args...)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	wall = float64(time.Since(start).Microseconds()) / 1000
	ps := cmd.ProcessState
	cpu = float64((ps.UserTime() + ps.SystemTime()).Microseconds()) / 1000
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss)
	}
	return wall, cpu, rss
}
