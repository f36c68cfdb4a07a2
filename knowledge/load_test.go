package knowledge_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

func TestLoadEmbeddedRuleBase(t *testing.T) {
	rb, err := knowledge.Load(data.RulesName, data.Rules())
	if err != nil {
		t.Fatalf("Load(%s): %v", data.RulesName, err)
	}
	if rb.File != data.RulesName {
		t.Errorf("File = %q, want %q", rb.File, data.RulesName)
	}
	if knowledge.FirstQuestion != "serious" {
		t.Errorf("FirstQuestion = %q, want serious", knowledge.FirstQuestion)
	}
	if got := rb.Questions[0].ID; got != "serious" {
		t.Errorf("first question is %q, want serious (the emergency screen)", got)
	}

	t.Run("contract questions", func(t *testing.T) {
		if len(specQuestions) != 23 {
			t.Fatalf("the copy of the contract has %d questions, want 23", len(specQuestions))
		}
		for _, cq := range specQuestions {
			q := rb.Question(cq.id)
			if q == nil {
				t.Errorf("contract question %q is missing", cq.id)
				continue
			}
			if q.ID != cq.id || rb.QuestionIndex(cq.id) < 0 || &rb.Questions[rb.QuestionIndex(cq.id)] != q {
				t.Errorf("Question(%q) and QuestionIndex(%q) disagree", cq.id, cq.id)
			}
			if q.Kind != cq.kind {
				t.Errorf("question %q is %s choice, want %s", cq.id, q.Kind, cq.kind)
			}
			// First-class: asked of everyone, never a follow-up.
			if q.EnableWhen != nil {
				t.Errorf("contract question %q has enable_when %s; contract questions must always be shown", cq.id, q.EnableWhen)
			}
			for _, o := range cq.options {
				if q.OptionIndex(o) < 0 {
					t.Errorf("question %q lacks contract option %q (has %s)", cq.id, o, strings.Join(q.OptionIDs(), ", "))
				}
			}
			if q.Text == "" || rb.Section(q.Section) == nil {
				t.Errorf("question %q has no text or an unknown section %q", cq.id, q.Section)
			}
			for _, o := range q.Options {
				if o.Label == "" {
					t.Errorf("question %q option %q has no label", cq.id, o.ID)
				}
			}
		}
	})

	t.Run("contract follow-ups and old options", func(t *testing.T) {
		for _, cq := range specFollowUps {
			q := rb.Question(cq.id)
			if q == nil {
				t.Errorf("contract follow-up %q is missing", cq.id)
				continue
			}
			if q.Kind != cq.kind || q.EnableWhen == nil {
				t.Errorf("follow-up %q is %s choice with enable_when %v; want %s choice, asked only when its gate holds", cq.id, q.Kind, q.EnableWhen, cq.kind)
			}
			for _, o := range cq.options {
				if q.OptionIndex(o) < 0 {
					t.Errorf("follow-up %q lacks contract option %q (has %s)", cq.id, o, strings.Join(q.OptionIDs(), ", "))
				}
			}
			offered := q.Offered().OptionIDs()
			for _, o := range q.Options {
				if slices.Contains(cq.kept, o.ID) != o.KeptForOldFiles || slices.Contains(offered, o.ID) == o.KeptForOldFiles {
					t.Errorf("follow-up %q option %q: kept for old files %v, offered %v; the contract keeps %v", cq.id, o.ID, o.KeptForOldFiles, slices.Contains(offered, o.ID), cq.kept)
				}
			}
			if q.UnansweredReadsAs != cq.readsAs {
				t.Errorf("follow-up %q unanswered_reads_as = %q, want %q", cq.id, q.UnansweredReadsAs, cq.readsAs)
			}
			checkCountsAs(t, q, cq.countsAs)
		}
		for id, want := range specCountsAs {
			checkCountsAs(t, rb.Question(id), want)
		}
	})

	t.Run("deficiencies", func(t *testing.T) {
		var ids []string
		for _, d := range rb.Deficiencies {
			ids = append(ids, d.ID)
			if rb.Deficiency(d.ID) == nil || rb.Deficiency(d.ID).ID != d.ID {
				t.Errorf("Deficiency(%q) does not find it", d.ID)
			}
			if len(d.Rules) == 0 || len(d.Tests) == 0 || len(d.Foods) == 0 || d.Name == "" {
				t.Errorf("deficiency %q lacks rules, tests, foods or a name", d.ID)
			}
			if d.Prior < knowledge.MinPrior || d.Prior > knowledge.MaxPrior {
				t.Errorf("deficiency %q prior %v is outside [%v, %v]", d.ID, d.Prior, knowledge.MinPrior, knowledge.MaxPrior)
			}
		}
		if !sameSet(ids, specDeficiencies) {
			t.Errorf("deficiencies = %v, want exactly the 8 of the contract %v", ids, specDeficiencies)
		}
	})

	t.Run("triggers", func(t *testing.T) {
		var ids []string
		for _, tr := range rb.Triggers {
			ids = append(ids, tr.ID)
			if len(tr.Rules) == 0 || tr.Advice == "" {
				t.Errorf("trigger %q lacks rules or advice", tr.ID)
			}
		}
		if !sameSet(ids, specTriggers) {
			t.Errorf("triggers = %v, want exactly the 9 of the contract %v", ids, specTriggers)
		}
	})

	t.Run("levels", func(t *testing.T) {
		var ids []string
		for i, l := range rb.Levels {
			ids = append(ids, l.ID)
			if rb.LevelRank(l.ID) != i || rb.Level(l.ID) == nil {
				t.Errorf("LevelRank(%q) = %d, want %d", l.ID, rb.LevelRank(l.ID), i)
			}
			if l.Label == "" || l.Action == "" {
				t.Errorf("level %q lacks a label or an action", l.ID)
			}
		}
		if !slices.Equal(ids, specLevels) {
			t.Errorf("levels = %v, want %v in this order", ids, specLevels)
		}
		if rb.LevelRank("nope") != -1 || rb.Level("nope") != nil {
			t.Errorf("an unknown level has a rank or a Level")
		}
	})

	t.Run("bands", func(t *testing.T) {
		b := rb.Bands
		if !(0 < b.Possible && b.Possible < b.Likely && b.Likely <= 100) {
			t.Fatalf("bands %+v: want 0 < possible < likely <= 100", b)
		}
		for _, c := range []struct {
			score int
			want  string
		}{
			{0, knowledge.BandUnlikely},
			{b.Possible - 1, knowledge.BandUnlikely},
			{b.Possible, knowledge.BandPossible},
			{b.Likely - 1, knowledge.BandPossible},
			{b.Likely, knowledge.BandLikely},
			{100, knowledge.BandLikely},
		} {
			if got := b.Band(c.score); got != c.want {
				t.Errorf("Band(%d) = %q, want %q", c.score, got, c.want)
			}
		}
	})

	t.Run("sources", func(t *testing.T) {
		// Every cited source resolves, including the ones validation does
		// not see through a rule.
		cite := func(what, id string) {
			if rb.Source(id) == nil {
				t.Errorf("%s cites unknown source %q", what, id)
			}
		}
		for _, n := range rb.Reassurance.Notes {
			cite("reassurance", n.Source)
		}
		cite("emergency_check skipped", rb.Skipped.Source)
		cite("likely_flag", rb.Likely.Source)
		for _, s := range rb.Sources {
			if s.URL == "" && s.Citation == "" {
				t.Errorf("source %q can be opened by no one: no url and no citation", s.ID)
			}
			for _, text := range []string{s.Title, s.Publisher, s.URL, s.Citation} {
				if strings.Contains(text, "seed") || strings.HasSuffix(text, ".txt") {
					t.Errorf("source %q names a file: %q", s.ID, text)
				}
			}
		}
		for _, d := range rb.Deficiencies {
			for _, s := range d.Sources {
				cite("deficiency "+d.ID, s)
			}
		}
		for _, f := range rb.RedFlags {
			cite("red flag "+f.ID, f.Source)
			if rb.LevelRank(f.Level) < 0 {
				t.Errorf("red flag %q has unknown level %q", f.ID, f.Level)
			}
		}
	})
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// checkCountsAs checks that each option of want counts as the options
// listed, directly or through another option, by the declared counts_as.
func checkCountsAs(t *testing.T, q *knowledge.Question, want map[string][]string) {
	t.Helper()
	for o, targets := range want {
		got := countsAsClosure(q, o)
		for _, w := range targets {
			if !got[w] {
				t.Errorf("question %q option %q does not count as %q (it counts as %v)", q.ID, o, w, got)
			}
		}
	}
}

// countsAsClosure is every option o counts as, following counts_as.
func countsAsClosure(q *knowledge.Question, o string) map[string]bool {
	out := map[string]bool{}
	todo := []string{o}
	for len(todo) > 0 {
		id := todo[0]
		todo = todo[1:]
		i := q.OptionIndex(id)
		if i < 0 {
			continue
		}
		for _, c := range q.Options[i].CountsAs {
			if !out[c] {
				out[c] = true
				todo = append(todo, c)
			}
		}
	}
	return out
}

// TestSnapshotMatchesRulesYAML guards data/snapshot.go, the generated Go
// literal the app starts from: it must be exactly rules.yaml.
func TestSnapshotMatchesRulesYAML(t *testing.T) {
	fromYAML, err := knowledge.Load(data.RulesName, data.Rules())
	if err != nil {
		t.Fatalf("Load(%s): %v", data.RulesName, err)
	}
	snap := data.RuleBase()
	if d := firstDiff(reflect.ValueOf(snap), reflect.ValueOf(fromYAML), "RuleBase"); d != "" {
		t.Fatalf("data/snapshot.go is stale: data.RuleBase() differs from knowledge.Load(data/rules.yaml) at %s\nrun `go generate ./data` to regenerate it", d)
	}
}

// firstDiff names the first place where a and b differ, or returns "". It
// reads unexported fields without calling Interface, and skips source
// positions, which the snapshot leaves out.
func firstDiff(a, b reflect.Value, path string) string {
	if a.IsValid() != b.IsValid() {
		return path + " (present in one only)"
	}
	if !a.IsValid() {
		return ""
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() != b.IsNil() {
			return path + " (nil in one only)"
		}
		if a.IsNil() {
			return ""
		}
		return firstDiff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		if a.Type() == reflect.TypeFor[knowledge.Pos]() {
			return ""
		}
		for i := 0; i < a.NumField(); i++ {
			if d := firstDiff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s (nil in one, empty in the other)", path)
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s (length %d in the snapshot, %d in rules.yaml)", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if d := firstDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s (%d entries in the snapshot, %d in rules.yaml)", path, a.Len(), b.Len())
		}
		for _, k := range a.MapKeys() {
			if d := firstDiff(a.MapIndex(k), b.MapIndex(k), fmt.Sprintf("%s[%v]", path, k)); d != "" {
				return d
			}
		}
		return ""
	case reflect.String:
		if a.String() != b.String() {
			return fmt.Sprintf("%s (%q in the snapshot, %q in rules.yaml)", path, a.String(), b.String())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			return fmt.Sprintf("%s (%d in the snapshot, %d in rules.yaml)", path, a.Int(), b.Int())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if a.Uint() != b.Uint() {
			return fmt.Sprintf("%s (%d in the snapshot, %d in rules.yaml)", path, a.Uint(), b.Uint())
		}
	case reflect.Float32, reflect.Float64:
		if a.Float() != b.Float() {
			return fmt.Sprintf("%s (%v in the snapshot, %v in rules.yaml)", path, a.Float(), b.Float())
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return fmt.Sprintf("%s (%v in the snapshot, %v in rules.yaml)", path, a.Bool(), b.Bool())
		}
	}
	return ""
}

// TestFromSnapshot: a rule base rebuilt from a copy of a loaded one (as
// data/ does from its generated literal) is the same rule base and scores
// the same.
func TestFromSnapshot(t *testing.T) {
	rb := ruleBase(t)
	copied := *rb
	got := knowledge.FromSnapshot(&copied)
	if got == rb || got == &copied {
		t.Errorf("FromSnapshot returned its argument; it must not modify the snapshot")
	}
	if !reflect.DeepEqual(got, rb) {
		t.Errorf("FromSnapshot(copy of Load(x)) differs from Load(x) at %s", firstDiff(reflect.ValueOf(got), reflect.ValueOf(rb), "RuleBase"))
	}
	for _, src := range realisticAnswers {
		a := mustAnswers(t, rb, src)
		b, err := a.Rebase(got)
		if err != nil {
			t.Fatalf("Rebase onto the snapshot: %v", err)
		}
		if !reflect.DeepEqual(knowledge.Assess(a), knowledge.Assess(b)) {
			t.Errorf("the snapshot scores %q differently from the loaded rule base", src)
		}
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(good, testrules.YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(strings.Repeat("#", knowledge.MaxRuleBaseBytes+1)), 0o644); err != nil {
		t.Fatal(err)
	}

	rb, err := knowledge.LoadFile(good)
	if err != nil {
		t.Fatalf("LoadFile(%s): %v", good, err)
	}
	if rb.File != good || len(rb.Questions) != len(ruleBase(t).Questions) {
		t.Errorf("LoadFile: File = %q with %d questions, want %q with %d", rb.File, len(rb.Questions), good, len(ruleBase(t).Questions))
	}

	for _, c := range []struct {
		path, want string
	}{
		{filepath.Join(dir, "missing.yaml"), "cannot read"},
		{dir, "is a folder"},
		{big, fmt.Sprintf("larger than the limit of %d bytes", knowledge.MaxRuleBaseBytes)},
	} {
		_, err := knowledge.LoadFile(c.path)
		ps := asProblems(t, err)
		if ps[0].File != c.path || !strings.Contains(ps[0].Msg, c.want) {
			t.Errorf("LoadFile(%s) = %v; want a problem in that file saying %q", c.path, err, c.want)
		}
	}
}

// TestBooleanSpellings: a boolean is read as the YAML 1.2 core schema
// spells it (true, True, TRUE, false, False, FALSE), in a rule base and in
// a vignette alike. "reassuring: True" once loaded as false, so a
// reassuring look-alike showed beside an emergency.
func TestBooleanSpellings(t *testing.T) {
	src := string(testrules.YAML())
	rb := ruleBase(t)
	for _, c := range []struct {
		spelling string
		want     bool
	}{
		{"true", true}, {"True", true}, {"TRUE", true},
		{"false", false}, {"False", false}, {"FALSE", false},
	} {
		t.Run(c.spelling, func(t *testing.T) {
			edited := applyEdits(t, src, []edit{{old: "reassuring: true", new: "reassuring: " + c.spelling}})
			got, err := knowledge.Load("rules.yaml", []byte(edited))
			if err != nil {
				t.Fatalf("reassuring: %s refused: %v", c.spelling, err)
			}
			i := slices.IndexFunc(got.Others, func(o knowledge.Other) bool { return o.ID == "other_calm" })
			if i < 0 {
				t.Fatal("the test rule base has no other_calm")
			}
			if got.Others[i].Reassuring != c.want {
				t.Errorf("reassuring: %s loaded as %v, want %v", c.spelling, got.Others[i].Reassuring, c.want)
			}
			// Beside an emergency, a reassuring look-alike is withheld.
			res := knowledge.Assess(mustAnswers(t, got, "serious: [chest_pain]\nduration: over_3_months"))
			if shown := slices.ContainsFunc(res.Others, func(o knowledge.OtherHit) bool { return o.ID == "other_calm" }); shown == c.want {
				t.Errorf("reassuring: %s: the look-alike shown beside an emergency is %v, want %v", c.spelling, shown, !c.want)
			}

			vig := "- id: v1\n  story: s\n  answers: {serious: [none]}\n  expect: {no_likely: " + c.spelling + "}\n"
			vs, err := knowledge.ParseVignettes(rb, "v.yaml", []byte(vig))
			if err != nil {
				t.Fatalf("no_likely: %s refused: %v", c.spelling, err)
			}
			if vs[0].Expect.NoLikely != c.want {
				t.Errorf("no_likely: %s read as %v, want %v", c.spelling, vs[0].Expect.NoLikely, c.want)
			}
		})
	}
	for _, bad := range []string{`"true"`, "!!bool yes", "tRUE", "1"} {
		vig := "- id: v1\n  story: s\n  answers: {serious: [none]}\n  expect: {no_likely: " + bad + "}\n"
		_, err := knowledge.ParseVignettes(rb, "v.yaml", []byte(vig))
		want := `v.yaml:4:23: vignette "v1" expect no_likely must be true or false, got `
		if ps := asProblems(t, err); !strings.Contains(ps.Error(), want) || !strings.Contains(ps.Error(), "allowed: true, True, TRUE, false, False, FALSE") {
			t.Errorf("no_likely: %s: got %v, want a problem saying %q and naming the allowed values", bad, ps, want)
		}
	}
}
