package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// modulePath prefixes the import path of every package of twitchcheck's own.
const modulePath = "github.com/twitchcheck/twitchcheck"

// heldToOurRule names the libraries that go.mod replaces with a copy that
// does nothing at init (third_party/): TestNothingOfOursAtInit holds them
// to the same rule as our own packages, so a go.mod that drops the replace
// line, or an upstream version that brings the init back, fails it.
var heldToOurRule = []string{"github.com/atotto/clipboard"}

// checkedAtInit reports whether TestNothingOfOursAtInit checks pkg.
func checkedAtInit(pkg string) bool {
	return pkg == modulePath || strings.HasPrefix(pkg, modulePath+"/") || slices.Contains(heldToOurRule, pkg)
}

// initLine is one line of GODEBUG=inittrace=1: a package's init, its
// clock time and what it allocated.
type initLine struct {
	pkg    string
	ms     float64
	bytes  int64
	allocs int64
}

// parseInitTrace reads the init lines of a GODEBUG=inittrace=1 trace:
// "init PKG @T ms, CLOCK ms clock, BYTES bytes, ALLOCS allocs".
func parseInitTrace(trace string) ([]initLine, error) {
	var out []initLine
	sc := bufio.NewScanner(strings.NewReader(trace))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "init ") {
			continue
		}
		var l initLine
		var at string
		if _, err := fmt.Sscanf(line, "init %s @%s ms, %g ms clock, %d bytes, %d allocs", &l.pkg, &at, &l.ms, &l.bytes, &l.allocs); err != nil {
			return nil, fmt.Errorf("init trace line %q: %v", line, err)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// TestNothingOfOursAtInit runs the built binary with GODEBUG=inittrace=1
// and fails when a package of twitchcheck's own does work at init: one
// that allocates (the count is exact, so this is the gate), or one whose
// init takes more than 0.05 ms in every run (the fastest of several, so a
// busy machine does not fail it). Build what a package needs on first use
// instead: a function, a switch, a sync.Once, or a field of the model.
func TestNothingOfOursAtInit(t *testing.T) {
	answers := writeFile(t, "a.yaml", vegan)
	const runs = 5
	fastest := map[string]float64{}
	for range runs {
		cmd := exec.Command(binPath, "assess", "--answers", answers, "--format", "json")
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("assess: %v\n%s", err, stderr.String())
		}
		lines, err := parseInitTrace(stderr.String())
		if err != nil {
			t.Fatal(err)
		}
		sawRuntime := false
		for _, l := range lines {
			sawRuntime = sawRuntime || l.pkg == "runtime"
			if !checkedAtInit(l.pkg) {
				continue
			}
			if l.allocs > 0 {
				t.Errorf("package %s allocates at init: %d allocations, %d bytes", l.pkg, l.allocs, l.bytes)
			}
			if ms, ok := fastest[l.pkg]; !ok || l.ms < ms {
				fastest[l.pkg] = l.ms
			}
		}
		if !sawRuntime {
			t.Fatalf("no init trace (GODEBUG=inittrace=1) on stderr:\n%s", stderr.String())
		}
		if t.Failed() {
			return
		}
	}
	for pkg, ms := range fastest {
		if ms > 0.05 {
			t.Errorf("package %s takes %.3f ms at init (the fastest of %d runs); at most 0.05 ms", pkg, ms, runs)
		}
	}
}

// TestNoCryptoLinked checks the release build links no crypto package:
// the app needs none, and one import of crypto/sha256 or crypto/rand
// links and initialises the whole FIPS module (about 14 packages with init
// work) into every run. It names what imports one.
func TestNoCryptoLinked(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", ".")
	cmd.Env = releaseEnv()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := 0
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		pkgs++
		if isCrypto(f[0]) {
			continue // name only where the crypto packages come in
		}
		for _, imp := range f[1:] {
			if isCrypto(imp) {
				t.Errorf("%s imports %s", f[0], imp)
			}
		}
	}
	if pkgs < 50 {
		t.Fatalf("go list named only %d packages:\n%s", pkgs, out)
	}
}

func isCrypto(pkg string) bool {
	return pkg == "crypto" || strings.HasPrefix(pkg, "crypto/") || pkg == "math/big"
}

// TestParseInitTrace checks the parser on lines as the runtime writes
// them, so TestNothingOfOursAtInit cannot pass by reading nothing.
func TestParseInitTrace(t *testing.T) {
	lines, err := parseInitTrace("init runtime @0.25 ms, 0.41 ms clock, 0 bytes, 0 allocs\n" +
		"something else\n" +
		"init " + modulePath + "/tui @14 ms, 0.99 ms clock, 42152 bytes, 553 allocs\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []initLine{{"runtime", 0.41, 0, 0}, {modulePath + "/tui", 0.99, 42152, 553}}
	if len(lines) != len(want) || lines[0] != want[0] || lines[1] != want[1] {
		t.Errorf("parsed %+v, want %+v", lines, want)
	}
	if _, err := parseInitTrace("init runtime @0.25 ms, lots of clock\n"); err == nil {
		t.Error("a malformed init line was accepted")
	}
}
