package tui

import (
	"image/color"
	"math"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// luminance is the relative luminance of a colour (WCAG 2).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestColoursMeetAA: every text colour, the help bar's included, has a
// contrast of at least 4.5:1 on the background of its theme (WCAG AA).
func TestColoursMeetAA(t *testing.T) {
	for name, p := range map[string]palette{"light": lightPalette, "dark": darkPalette} {
		bg := lipgloss.Color(p.bg)
		for what, fg := range map[string]string{"text": p.text, "faint (help, hints)": p.faint, "accent": p.accent,
			"green": p.green, "amber": p.amber, "orange": p.orange, "red": p.red, "help keys": p.key} {
			if r := contrast(lipgloss.Color(fg), bg); r < 4.5 {
				t.Errorf("%s theme: %s %s on %s has contrast %.2f, below 4.5", name, what, fg, p.bg, r)
			}
		}
		// Dark terminals are seldom pure black: check a common grey too.
		if name == "dark" {
			if r := contrast(lipgloss.Color(p.faint), lipgloss.Color("#282828")); r < 4.5 {
				t.Errorf("dark theme: faint on #282828 has contrast %.2f", r)
			}
		}
	}
	for _, dark := range []bool{true, false} {
		em := NewStyles(dark, ThemeAuto).Level["emergency"]
		if r := contrast(em.GetForeground(), em.GetBackground()); r < 4.5 {
			t.Errorf("the emergency banner (dark %v) has contrast %.2f", dark, r)
		}
	}
	// The help bar uses these colours.
	s := NewStyles(false, ThemeAuto)
	if got := s.Help.ShortDesc.GetForeground(); got != lipgloss.Color(lightPalette.faint) {
		t.Errorf("help descriptions are %v, not the AA faint colour", got)
	}
}

func TestColorFGBG(t *testing.T) {
	for _, tc := range []struct {
		v        string
		dark, ok bool
	}{
		{"15;0", true, true},
		{"0;15", false, true},
		{"0;default;15", false, true},
		{"7;0", true, true},
		{"0;7", false, true},
		{"12;8", true, true},
		{"", false, false},
		{"x;y", false, false},
	} {
		dark, ok := darkFromColorFGBG(tc.v)
		if dark != tc.dark || ok != tc.ok {
			t.Errorf("COLORFGBG=%q: dark %v ok %v, want %v %v", tc.v, dark, ok, tc.dark, tc.ok)
		}
	}
	// The environment gives the first guess; the terminal's answer wins.
	m := newModel(t, 80, 24)
	m, _ = send(t, m, tea.EnvMsg{"COLORFGBG=0;15"})
	if m.c.isDark {
		t.Error("COLORFGBG=0;15 did not give a light background")
	}
	m, _ = send(t, m, tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")})
	if !m.c.isDark {
		t.Error("the terminal's black background was not taken")
	}
	m, _ = send(t, m, tea.EnvMsg{"COLORFGBG=0;15"})
	if !m.c.isDark {
		t.Error("COLORFGBG overrode the terminal's answer")
	}
}

// TestWarningsCarryWords: with every colour gone, warnings still say what
// they are.
func TestWarningsCarryWords(t *testing.T) {
	m := resultsOf(t, "serious: [chest_pain]\n", 80, 24)
	mustContain(t, text(m), "Triage: EMERGENCY", "Why this level", "! Chest pain.")
	s := resultsOf(t, "caffeine: none\n", 80, 24)
	mustContain(t, text(s), "! THE EMERGENCY CHECK WAS NOT ANSWERED")
}

func TestHighContrastTheme(t *testing.T) {
	opts := testOptions(t)
	opts.Theme = ThemeHighContrast
	m := newModelOpts(t, opts, 80, 24)
	if m.c.styles.Spacing != 2 {
		t.Error("the presenter theme has no extra space")
	}
	checkFits(t, press(t, m, "enter"), 80, 24, "high contrast")
}

// TestHugeWindowIsBounded: in a 4000×2000 window the app lays out and
// draws a bounded frame (bubbletea is told the bounded size too, see
// boundedScreen), so work and memory do not grow with the window.
func TestHugeWindowIsBounded(t *testing.T) {
	m := press(t, withAnswers(t, fullAnswers(t, testRules(t)), "", 4000, 2000), "r", "enter")
	if m.winW != maxFrameWidth || m.winH != maxFrameHeight {
		t.Fatalf("window %d×%d, want it bounded to %d×%d", m.winW, m.winH, maxFrameWidth, maxFrameHeight)
	}
	checkFits(t, m, maxFrameWidth, maxFrameHeight, "huge window")
}
