package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeysMadeOnlyInKeysGo keeps the comment at the top of keys.go true:
// no file of the package but keys.go makes a binding or gives one other
// keys (a screen may only enable its copy or word it for its state), and
// the key map is built in one place, newCommon, when the model is made.
func TestKeysMadeOnlyInKeysGo(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			what := ""
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				switch {
				case fn.Name == "bind" && name != "keys.go":
					what = "makes a binding with bind"
				case fn.Name == "defaultKeyMap" && name != "common.go":
					what = "builds the key map again (newCommon builds it, once)"
				}
			case *ast.SelectorExpr:
				pkg, isPkg := fn.X.(*ast.Ident)
				switch {
				case name == "keys.go":
				case isPkg && pkg.Name == "key" && strings.HasPrefix(fn.Sel.Name, "New"),
					isPkg && pkg.Name == "key" && strings.HasPrefix(fn.Sel.Name, "With"):
					what = "makes a binding with key." + fn.Sel.Name
				case fn.Sel.Name == "SetKeys":
					what = "gives a binding other keys"
				}
			}
			if what != "" {
				t.Errorf("%s %s: declare the key in keys.go (defaultKeyMap) and take it from c.keys", fset.Position(call.Pos()), what)
			}
			return true
		})
	}
	if checked < 10 {
		t.Fatalf("checked %d files: not the package's sources", checked)
	}
}

// TestKeyMapDefaults: screens take their bindings from the key map the
// model holds; a part copied from another (the cases' list from the
// browser's) keeps its own words; a binding that only some states enable
// starts disabled.
func TestKeyMapDefaults(t *testing.T) {
	m := New(testOptions(t))
	km := m.c.keys
	if km == nil {
		t.Fatal("the model holds no key map")
	}
	w := newWelcome(&m.c)
	if w.km.Start.Help() != km.Welcome.Start.Help() || w.km.Rules.Help() != km.Welcome.Rules.Help() {
		t.Errorf("the welcome screen's keys are not the key map's: %+v", w.km.Start.Help())
	}
	if got := km.Cases.Open.Help().Desc; got != "open case" {
		t.Errorf("the sample cases open with %q, want %q", got, "open case")
	}
	if got := km.Browser.Open.Help().Desc; got != "open" {
		t.Errorf("the rule browser opens with %q, want %q (the cases' words leaked into it)", got, "open")
	}
	if km.Question.FoundBack.Enabled() || !km.Question.Back.Enabled() {
		t.Error("a question's back starts as Back, not as the back used while a find hides options")
	}
}
