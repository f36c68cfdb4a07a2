// Command linkfloor links the packages twitchcheck's main links and does
// nothing: its start-up is the runtime's and every linked package's init,
// which no change to twitchcheck's own code can remove. The root
// package's BenchmarkProcessAssess runs it in the same rotation as
// `twitchcheck assess` and hello world and reports its ratio as
// floor-ratio (BENCHMARKS.md, "Start-up"). The linker drops the code no
// init reaches, so the binary is smaller than twitchcheck's.
package main

import (
	_ "github.com/charmbracelet/x/term"

	_ "github.com/twitchcheck/twitchcheck/cli"
	_ "github.com/twitchcheck/twitchcheck/tui"
)

func main() {}
