package tui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// wrapText wraps s (which may hold styles) to width cells.
func wrapText(s string, width int) string {
	return ansi.Wrap(s, max(1, width), "")
}

// indent pads every line with n spaces.
func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "\n")
}

// clip cuts s to at most width cells per line and height lines, so a view
// never draws outside the window it was given.
func clip(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if height > 0 && len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		// A line never takes more cells than it has bytes, so short lines
		// need no measuring.
		if len(l) > width && ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, max(0, width), "")
		}
	}
	return strings.Join(lines, "\n")
}

// window returns the first row to show so that row cursor is visible in a
// list of n rows shown height at a time, keeping a little context.
func window(cursor, n, height int) int {
	if n <= height || height <= 0 {
		return 0
	}
	top := cursor - height/2
	return max(0, min(top, n-height))
}

// listRows renders rows in a window of height lines around cursor, with
// "more" markers in text when rows are hidden above or below.
func listRows(rows []string, cursor, height int, faint lipgloss.Style) string {
	height = max(1, height)
	if len(rows) <= height {
		return strings.Join(rows, "\n")
	}
	// Room for the rows once the markers that will show are counted.
	inner := max(1, height-1)
	top := window(cursor, len(rows), inner)
	if top > 0 && top+inner < len(rows) {
		inner = max(1, height-2)
		top = window(cursor, len(rows), inner)
	}
	end := min(len(rows), top+inner)
	var out []string
	if top > 0 {
		out = append(out, faint.Render("  ↑ "+strconv.Itoa(top)+" more"))
	}
	out = append(out, rows[top:end]...)
	if end < len(rows) {
		out = append(out, faint.Render("  ↓ "+strconv.Itoa(len(rows)-end)+" more"))
	}
	return strings.Join(out, "\n")
}

// blank returns n empty lines' worth of separator.
func blank(n int) string { return strings.Repeat("\n", n) }
