package knowledge

import (
	"strings"
	"testing"
)

// TestFillLikelyText checks the one-pass fill against strings.Replacer,
// which it replaced: the same text for every template, a name or test
// that holds a placeholder left as written, and unmatched braces kept.
func TestFillLikelyText(t *testing.T) {
	ds := []Deficiency{
		{Name: "Magnesium", Tests: []string{"serum magnesium"}},
		{Name: "B12", Tests: []string{"serum B12", "active B12 (holotranscobalamin)"}},
		{Name: "{tests}", Tests: []string{"{name}", "x"}},
		{Name: "", Tests: nil},
	}
	tmpls := []string{
		"",
		"no placeholders",
		"Your answers point strongly to low {name}. Ask for {tests}.",
		"{name}{tests}{name}",
		"{ {name {tests} } {nam} {test} {{name}}",
		"{",
		"ends with {",
		"{tests}",
	}
	for _, d := range ds {
		want := strings.NewReplacer("{name}", d.Name, "{tests}", strings.Join(d.Tests, ", "))
		for _, tmpl := range tmpls {
			if got, w := fillLikelyText(tmpl, &d), want.Replace(tmpl); got != w {
				t.Errorf("fillLikelyText(%q, %q %q) = %q, want %q", tmpl, d.Name, d.Tests, got, w)
			}
		}
	}
}

// FuzzFillLikelyText holds the fill to strings.Replacer on any template,
// name and test.
func FuzzFillLikelyText(f *testing.F) {
	f.Add("Low {name}: ask for {tests}.", "Iron", "ferritin")
	f.Add("{{name}}{tests", "{tests}", "{name}")
	f.Fuzz(func(t *testing.T, tmpl, name, test string) {
		d := Deficiency{Name: name, Tests: []string{test, test}}
		want := strings.NewReplacer("{name}", d.Name, "{tests}", strings.Join(d.Tests, ", ")).Replace(tmpl)
		if got := fillLikelyText(tmpl, &d); got != want {
			t.Fatalf("fillLikelyText(%q, %q) = %q, want %q", tmpl, name, got, want)
		}
	})
}
