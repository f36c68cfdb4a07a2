package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Themes.
const (
	ThemeAuto         = "auto"
	ThemeHighContrast = "high-contrast"
)

// Styles are every style the screens use, built once per background and
// theme. Every warning also carries text: colour only adds emphasis.
type Styles struct {
	Title, Section, Question, Help, Faint, Text lipgloss.Style
	Cursor, Selected, Option                    lipgloss.Style
	Key, Status, Error                          lipgloss.Style
	Level                                       map[string]lipgloss.Style
	Band                                        map[string]lipgloss.Style
	Box, Panel, Banner                          lipgloss.Style
	HelpStyles                                  help.Styles
	// Spacing is the number of blank lines between blocks: 1, or 2 in the
	// presenter (high-contrast) layout.
	Spacing int
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(isDark bool, theme string) Styles {
	if theme == ThemeHighContrast {
		return highContrast(isDark)
	}
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	accent := c("#5A3FC0", "#B8A6FF")
	faint := c("#5C5C5C", "#A0A0A0")
	green := c("#1B6E2A", "#6FD98A")
	amber := c("#8A5A00", "#F2C14E")
	orange := c("#B23A00", "#FF9A5C")
	red := c("#B00020", "#FF6B6B")
	s := Styles{
		Title:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Section:  lipgloss.NewStyle().Foreground(faint),
		Question: lipgloss.NewStyle().Bold(true),
		Help:     lipgloss.NewStyle().Foreground(faint).Italic(true),
		Faint:    lipgloss.NewStyle().Foreground(faint),
		Text:     lipgloss.NewStyle(),
		Cursor:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		Selected: lipgloss.NewStyle().Foreground(accent),
		Option:   lipgloss.NewStyle(),
		Key:      lipgloss.NewStyle().Bold(true),
		Status:   lipgloss.NewStyle().Foreground(green),
		Error:    lipgloss.NewStyle().Bold(true).Foreground(red),
		Level: map[string]lipgloss.Style{
			"self_care":  lipgloss.NewStyle().Bold(true).Foreground(green),
			"see_doctor": lipgloss.NewStyle().Bold(true).Foreground(amber),
			"urgent":     lipgloss.NewStyle().Bold(true).Foreground(orange),
			"emergency":  lipgloss.NewStyle().Bold(true).Foreground(c("#FFFFFF", "#FFFFFF")).Background(c("#B00020", "#C0001A")),
		},
		Band: map[string]lipgloss.Style{
			"likely":   lipgloss.NewStyle().Foreground(orange),
			"possible": lipgloss.NewStyle().Foreground(amber),
			"unlikely": lipgloss.NewStyle().Foreground(faint),
		},
		Box:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1),
		Panel:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		Banner:     lipgloss.NewStyle().Bold(true).Foreground(red).Border(lipgloss.NormalBorder()).BorderForeground(red).Padding(0, 1),
		HelpStyles: help.DefaultStyles(isDark),
		Spacing:    1,
	}
	return s
}

// highContrast is the presenter theme: pure black and white, bold, no faint
// text, and more space between blocks, for projectors.
func highContrast(isDark bool) Styles {
	fg, bg := lipgloss.Color("#000000"), lipgloss.Color("#FFFFFF")
	if isDark {
		fg, bg = bg, fg
	}
	plain := lipgloss.NewStyle().Foreground(fg)
	bold := plain.Bold(true)
	rev := lipgloss.NewStyle().Bold(true).Foreground(bg).Background(fg)
	hs := help.DefaultStyles(isDark)
	hs.ShortKey, hs.FullKey = bold, bold
	hs.ShortDesc, hs.FullDesc = plain, plain
	hs.ShortSeparator, hs.FullSeparator, hs.Ellipsis = plain, plain, plain
	return Styles{
		Title: bold.Underline(true), Section: bold, Question: bold, Help: plain, Faint: plain, Text: plain,
		Cursor: rev, Selected: bold, Option: plain, Key: rev, Status: bold, Error: rev,
		Level:      map[string]lipgloss.Style{"self_care": bold, "see_doctor": bold.Underline(true), "urgent": rev, "emergency": rev},
		Band:       map[string]lipgloss.Style{"likely": bold, "possible": bold, "unlikely": plain},
		Box:        lipgloss.NewStyle().Border(lipgloss.ThickBorder()).BorderForeground(fg).Padding(0, 1),
		Panel:      lipgloss.NewStyle().Border(lipgloss.ThickBorder()).BorderForeground(fg).Padding(0, 1),
		Banner:     lipgloss.NewStyle().Bold(true).Foreground(bg).Background(fg).Padding(0, 1),
		HelpStyles: hs,
		Spacing:    2,
	}
}

// level returns the style of a triage level.
func (s Styles) level(id string) lipgloss.Style {
	if st, ok := s.Level[id]; ok {
		return st
	}
	return s.Text
}
