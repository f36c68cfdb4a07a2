package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The release build: a static binary without cgo. The benchmarks build the
// app and the hello-world baseline with exactly these flags.
var releaseFlags = []string{"build", "-trimpath", "-ldflags=-s -w"}

func releaseEnv() []string { return append(os.Environ(), "CGO_ENABLED=0") }

const helloSrc = `package main

import "fmt"

func main() { fmt.Println("hello, world") }
`

// buildRelease builds the app and hello world the same way.
func buildRelease(b *testing.B) (app, hello string) {
	b.Helper()
	dir := b.TempDir()
	app, hello = filepath.Join(dir, "twitchcheck"), filepath.Join(dir, "hello")
	cmd := exec.Command("go", append(releaseFlags, "-o", app, ".")...)
	cmd.Env = releaseEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("building the app: %v\n%s", err, out)
	}
	hdir := filepath.Join(dir, "hellosrc")
	os.MkdirAll(hdir, 0o755)
	os.WriteFile(filepath.Join(hdir, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(hdir, "main.go"), []byte(helloSrc), 0o644)
	cmd = exec.Command("go", append(releaseFlags, "-o", hello, ".")...)
	cmd.Dir = hdir
	cmd.Env = releaseEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("building hello world: %v\n%s", err, out)
	}
	return app, hello
}

// timed runs a command and returns its wall time and peak memory (KiB).
func timed(b *testing.B, name string, args ...string) (time.Duration, int64) {
	cmd := exec.Command(name, args...)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	d := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss)
	}
	return d, rss
}

func median(ds []float64) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// BenchmarkProcessAssess runs `twitchcheck assess --format json` and a
// hello-world Go binary built the same way, in pairs (alternating which
// goes first), and reports the median wall time of each, the median of
// the per-pair ratios (target: at most 1.6) and the peak memory of assess
// (target: at most 20 MiB). Each iteration is one pair; run it with
// -benchtime=200x for 200 pairs. In the same rotation it runs
// internal/linkfloor, which links what twitchcheck links and does nothing,
// and reports its ratio to hello world as floor-ratio: the part of the
// start-up that is the runtime's and the libraries' init.
//
// With TWITCHCHECK_BASELINE naming another build of twitchcheck (say, of
// the commit before a change, built with the same flags), each iteration
// runs it too, in turn with the other two, and baseline-ratio is the
// median of its ratios to hello world in the same iterations: before and
// after, measured in one run.
func BenchmarkProcessAssess(b *testing.B) {
	app, hello := buildRelease(b)
	floor := filepath.Join(b.TempDir(), "linkfloor")
	cmd := exec.Command("go", append(releaseFlags, "-o", floor, "./internal/linkfloor")...)
	cmd.Env = releaseEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("building internal/linkfloor: %v\n%s", err, out)
	}
	answers := filepath.Join(b.TempDir(), "answers.yaml")
	os.WriteFile(answers, []byte(vegan), 0o600)
	args := []string{"assess", "--answers", answers, "--format", "json"}
	cmds := [][]string{{hello}, append([]string{app}, args...), {floor}}
	if base := os.Getenv("TWITCHCHECK_BASELINE"); base != "" {
		cmds = append(cmds, append([]string{base}, args...))
	}
	for i := 0; i < 10; i++ { // warm the page cache
		for _, c := range cmds {
			timed(b, c[0], c[1:]...)
		}
	}
	var hs, as, ratios, floorRatios, baseRatios []float64
	var peak int64
	i := 0
	b.ResetTimer()
	for b.Loop() {
		d := make([]time.Duration, len(cmds))
		for k := range cmds {
			j := (i + k) % len(cmds) // each goes first in turn
			var rss int64
			d[j], rss = timed(b, cmds[j][0], cmds[j][1:]...)
			if j == 1 {
				peak = max(peak, rss)
			}
		}
		i++
		hs = append(hs, float64(d[0].Microseconds())/1000)
		as = append(as, float64(d[1].Microseconds())/1000)
		ratios = append(ratios, float64(d[1])/float64(d[0]))
		floorRatios = append(floorRatios, float64(d[2])/float64(d[0]))
		if len(cmds) > 3 {
			baseRatios = append(baseRatios, float64(d[3])/float64(d[0]))
		}
	}
	b.ReportMetric(median(hs), "hello-ms")
	b.ReportMetric(median(as), "assess-ms")
	b.ReportMetric(median(ratios), "ratio")
	b.ReportMetric(median(floorRatios), "floor-ratio")
	if len(baseRatios) > 0 {
		b.ReportMetric(median(baseRatios), "baseline-ratio")
	}
	b.ReportMetric(float64(peak)/1024, "assess-peak-MiB")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkProcessVersion measures the start-up of the binary alone:
// `twitchcheck --version` against hello world, paired like above.
func BenchmarkProcessVersion(b *testing.B) {
	app, hello := buildRelease(b)
	var ratios, as []float64
	for b.Loop() {
		h, _ := timed(b, hello)
		a, _ := timed(b, app, "--version")
		ratios = append(ratios, float64(a)/float64(h))
		as = append(as, float64(a.Microseconds())/1000)
	}
	b.ReportMetric(median(as), "version-ms")
	b.ReportMetric(median(ratios), "ratio")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkTUIMemory runs the real app in tmux through the test binary
// acting as a wrapper that records the child's peak memory, answers a
// sample case's review, opens the results, the explain view and the rule
// browser, quits, and reports the peak (target: at most 30 MiB).
func BenchmarkTUIMemory(b *testing.B) {
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("tmux is not installed")
	}
	app, _ := buildRelease(b)
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	var peak float64
	for b.Loop() {
		out := filepath.Join(b.TempDir(), "rss")
		b.StopTimer()
		name := fmt.Sprintf("twitchcheck-mem-%d", time.Now().UnixNano())
		cmd := fmt.Sprintf("%s=%s %s %s --case heavy_drinker", rusageEnv, out, self, app)
		if err := exec.Command("tmux", "-L", name, "new-session", "-d", "-s", name, "-x", "100", "-y", "30", cmd).Run(); err != nil {
			b.Fatal(err)
		}
		send := func(keys ...string) {
			for _, k := range keys {
				exec.Command("tmux", "-L", name, "send-keys", "-t", name, k).Run()
				time.Sleep(60 * time.Millisecond)
			}
		}
		time.Sleep(300 * time.Millisecond)
		send("r", "Enter", "Tab", "Enter", "e", "Escape")
		time.Sleep(100 * time.Millisecond)
		send("i", "Enter", "Escape", "Escape", "q")
		deadline := time.Now().Add(5 * time.Second)
		var data []byte
		for time.Now().Before(deadline) {
			if data, err = os.ReadFile(out); err == nil && len(data) > 0 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		exec.Command("tmux", "-L", name, "kill-server").Run()
		var kib float64
		if _, err := fmt.Sscan(string(data), &kib); err != nil {
			b.Fatalf("no peak memory recorded: %v (%q)", err, data)
		}
		peak = max(peak, kib/1024)
		b.StartTimer()
	}
	b.ReportMetric(peak, "tui-peak-MiB")
	b.ReportMetric(0, "ns/op")
}

// rusageEnv makes the test binary act as a wrapper: it runs its arguments
// as a command and writes the command's peak memory (KiB) to the file the
// variable names.
const rusageEnv = "TWITCHCHECK_RUSAGE_OUT"

// rusageWrapper is called from TestMain.
func rusageWrapper(out string, args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		os.WriteFile(out, []byte(fmt.Sprint(ru.Maxrss)), 0o600)
	}
	return cmd.ProcessState.ExitCode()
}
