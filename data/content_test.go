package data_test

// Tests of the clinical content: that data/rules.yaml implements the triage
// policy (shared/clinical/triage.md, version 3) and the knowledge brief
// (shared/clinical/knowledge.md). They are the tests that should break when
// the content changes; the engine's behaviour is tested in knowledge/ on a
// small fixed rule base.

import (
	"math"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

var (
	loadOnce sync.Once
	loaded   *knowledge.RuleBase
	loadErr  error
)

// ruleBase loads data/rules.yaml from YAML once.
func ruleBase(tb testing.TB) *knowledge.RuleBase {
	tb.Helper()
	loadOnce.Do(func() { loaded, loadErr = knowledge.Load(data.RulesName, data.Rules()) })
	if loadErr != nil {
		tb.Fatalf("loading %s: %v", data.RulesName, loadErr)
	}
	return loaded
}

func assess(tb testing.TB, src string) knowledge.Result {
	tb.Helper()
	a, err := knowledge.ParseAnswers(ruleBase(tb), "test", []byte(src))
	if err != nil {
		tb.Fatalf("answers %q: %v", src, err)
	}
	return knowledge.Assess(a)
}

// refs turns "question=answer" pairs into answer references.
func refs(pairs ...string) []knowledge.AnswerRef {
	out := make([]knowledge.AnswerRef, len(pairs))
	for i, p := range pairs {
		q, a, _ := strings.Cut(p, "=")
		out[i] = knowledge.AnswerRef{Question: q, Answer: a}
	}
	return out
}

func sameRefs(a, b []knowledge.AnswerRef) bool {
	key := func(rs []knowledge.AnswerRef) []string {
		s := make([]string, len(rs))
		for i, r := range rs {
			s[i] = r.Question + "=" + r.Answer
		}
		sort.Strings(s)
		return s
	}
	return slices.Equal(key(a), key(b))
}

func flagSummary(fs []knowledge.Flag) []string {
	var out []string
	for _, f := range fs {
		var as []string
		for _, r := range f.Answers {
			as = append(as, r.Question+"="+r.Answer)
		}
		out = append(out, f.ID+"("+f.Level+"):"+strings.Join(as, ","))
	}
	return out
}

// answered is the emergency check answered with "none", so that a case
// tests its own rule and not principle 2.
const answered = "serious: [none]\n"

// TestTriagePolicy implements the rules triage.md version 2 had (all kept in
// version 3) rule by rule; TestTriagePolicyV3 adds version 3's. Each case
// checks the level and that a flag of that level names exactly the answers
// that raised it (found by level and answers, not by id, so the test does
// not depend on how rules.yaml names its flags).
func TestTriagePolicy(t *testing.T) {
	cases := []struct {
		name, answers, level string
		// flag lists the answers the flag of that level must name; nil
		// for self_care, where no flag may fire.
		flag []string
	}{
		// Emergency.
		{"breathing difficulty", "serious: [breathing_difficulty]", "emergency", []string{"serious=breathing_difficulty"}},
		{"chest pain", "serious: [chest_pain]", "emergency", []string{"serious=chest_pain"}},
		{"stroke signs", "serious: [stroke_signs]", "emergency", []string{"serious=stroke_signs"}},
		{"seizure", "serious: [seizure]", "emergency", []string{"serious=seizure"}},
		{"fainting with palpitations", "serious: [fainting]\nsymptoms: [palpitations]", "emergency", []string{"serious=fainting", "symptoms=palpitations"}},
		{"new confusion", answered + "symptoms: [confusion]", "emergency", []string{"symptoms=confusion"}},
		{"vomiting after plain water and sweating", answered + "symptoms: [nausea_vomiting]\nsweating: \"yes\"\nrehydration: plain_water", "emergency", []string{"symptoms=nausea_vomiting", "rehydration=plain_water", "sweating=yes"}},
		{"vomiting after plain water and hard exercise", answered + "symptoms: [nausea_vomiting]\nexercise: strenuous\nrehydration: plain_water", "emergency", []string{"symptoms=nausea_vomiting", "rehydration=plain_water", "exercise=strenuous"}},
		{"chest pain among other answers", "serious: [chest_pain, falls]\nsymptoms: [cramps, fatigue]\nduration: under_1_day\ndiet: vegan", "emergency", []string{"serious=chest_pain"}},

		// Urgent.
		{"fainting alone", "serious: [fainting]", "urgent", []string{"serious=fainting"}},
		{"swallowing difficulty", "serious: [swallowing_difficulty]", "urgent", []string{"serious=swallowing_difficulty"}},
		{"sustained spasm", "serious: [sustained_spasm]", "urgent", []string{"serious=sustained_spasm"}},
		{"weakness worse by the day", answered + "symptoms: [weakness]\nweakness_speed: days", "urgent", []string{"symptoms=weakness", "weakness_speed=days"}},
		{"progressive weakness worse by the day", "serious: [progressive_weakness]\nweakness_speed: days", "urgent", []string{"serious=progressive_weakness", "weakness_speed=days"}},
		{"palpitations with a diuretic", answered + "symptoms: [palpitations]\nmedications: [diuretic]", "urgent", []string{"symptoms=palpitations", "medications=diuretic"}},
		{"palpitations with a laxative", answered + "symptoms: [palpitations]\nmedications: [laxative]", "urgent", []string{"symptoms=palpitations", "medications=laxative"}},
		{"palpitations with a PPI", answered + "symptoms: [palpitations]\nmedications: [ppi]", "urgent", []string{"symptoms=palpitations", "medications=ppi"}},
		{"palpitations with vomiting", answered + "symptoms: [palpitations, nausea_vomiting]", "urgent", []string{"symptoms=palpitations", "symptoms=nausea_vomiting"}},
		{"palpitations with diarrhoea", answered + "symptoms: [palpitations, diarrhea]", "urgent", []string{"symptoms=palpitations", "symptoms=diarrhea"}},
		{"palpitations with weakness", answered + "symptoms: [palpitations, weakness]", "urgent", []string{"symptoms=palpitations", "symptoms=weakness"}},
		{"neck surgery with tingling lips", answered + "conditions: [neck_surgery]\nsymptoms: [tingling_mouth]", "urgent", []string{"conditions=neck_surgery", "symptoms=tingling_mouth"}},
		{"neck surgery with numbness", answered + "conditions: [neck_surgery]\nsymptoms: [numbness_tingling]", "urgent", []string{"conditions=neck_surgery", "symptoms=numbness_tingling"}},
		{"neck surgery with cramps", answered + "conditions: [neck_surgery]\nsymptoms: [cramps]", "urgent", []string{"conditions=neck_surgery", "symptoms=cramps"}},
		{"neck surgery with mouth twitching", answered + "conditions: [neck_surgery]\nlocation: [mouth]", "urgent", []string{"conditions=neck_surgery", "location=mouth"}},
		{"neck surgery with face twitching", answered + "conditions: [neck_surgery]\nlocation: [face]", "urgent", []string{"conditions=neck_surgery", "location=face"}},
		{"neck surgery with hand twitching", answered + "conditions: [neck_surgery]\nlocation: [hands]", "urgent", []string{"conditions=neck_surgery", "location=hands"}},
		{"headache after plain water and sweating", answered + "symptoms: [headache]\nsweating: \"yes\"\nrehydration: plain_water", "urgent", []string{"symptoms=headache", "rehydration=plain_water", "sweating=yes"}},
		{"headache after plain water and hard exercise", answered + "symptoms: [headache]\nexercise: strenuous\nrehydration: plain_water", "urgent", []string{"symptoms=headache", "rehydration=plain_water", "exercise=strenuous"}},
		{"diuretic with vomiting", answered + "medications: [diuretic]\nsymptoms: [nausea_vomiting]", "urgent", []string{"medications=diuretic", "symptoms=nausea_vomiting"}},
		{"unsteady heavy drinker", answered + "alcohol: heavy\nsymptoms: [balance_problems]", "urgent", []string{"alcohol=heavy", "symptoms=balance_problems"}},
		{"unsteady with malabsorption", answered + "conditions: [malabsorption]\nsymptoms: [balance_problems]", "urgent", []string{"conditions=malabsorption", "symptoms=balance_problems"}},
		{"unsteady after a week of vomiting", answered + "symptoms: [nausea_vomiting, balance_problems]\ngi_duration: week_plus", "urgent", []string{"symptoms=nausea_vomiting", "gi_duration=week_plus", "symptoms=balance_problems"}},
		{"potassium with kidney disease and palpitations", answered + "supplements: [potassium]\nconditions: [kidney_disease]\nsymptoms: [palpitations]", "urgent", []string{"supplements=potassium", "conditions=kidney_disease", "symptoms=palpitations"}},
		{"potassium with a potassium-sparing diuretic and weakness", answered + "supplements: [potassium]\nmedications: [diuretic]\ndiuretic_kind: potassium_sparing\nsymptoms: [weakness]", "urgent", []string{"supplements=potassium", "medications=diuretic", "diuretic_kind=potassium_sparing", "symptoms=weakness"}},

		// See a doctor.
		{"palpitations alone", answered + "symptoms: [palpitations]", "see_doctor", []string{"symptoms=palpitations"}},
		{"duration 2 weeks to 3 months", answered + "duration: 2_weeks_to_3_months", "see_doctor", []string{"duration=2_weeks_to_3_months"}},
		{"duration over 3 months", answered + "duration: over_3_months", "see_doctor", []string{"duration=over_3_months"}},
		{"two places", answered + "location: [eyelid, legs]", "see_doctor", []string{"location=eyelid", "location=legs"}},
		{"all over alone", answered + "location: [all_over]", "see_doctor", []string{"location=all_over"}},
		{"spreading", answered + "spreading: \"yes\"", "see_doctor", []string{"spreading=yes"}},
		{"muscle wasting", "serious: [muscle_wasting]", "see_doctor", []string{"serious=muscle_wasting"}},
		{"progressive weakness", "serious: [progressive_weakness]", "see_doctor", []string{"serious=progressive_weakness"}},
		{"falls", "serious: [falls]", "see_doctor", []string{"serious=falls"}},
		{"weakness", answered + "symptoms: [weakness]", "see_doctor", []string{"symptoms=weakness"}},
		{"stiffness", answered + "symptoms: [stiffness]", "see_doctor", []string{"symptoms=stiffness"}},
		{"numbness or tingling", answered + "symptoms: [numbness_tingling]", "see_doctor", []string{"symptoms=numbness_tingling"}},
		{"tingling around the mouth", answered + "symptoms: [tingling_mouth]", "see_doctor", []string{"symptoms=tingling_mouth"}},
		{"balance problems", answered + "symptoms: [balance_problems]", "see_doctor", []string{"symptoms=balance_problems"}},
		{"significant pain", answered + "symptoms: [pain]", "see_doctor", []string{"symptoms=pain"}},
		{"new medicine", answered + "medications: [new_medicine]", "see_doctor", []string{"medications=new_medicine"}},
		{"high-dose B6 with numbness", answered + "supplements: [b6_high_dose]\nsymptoms: [numbness_tingling]", "see_doctor", []string{"supplements=b6_high_dose", "symptoms=numbness_tingling"}},
		{"pale and breathless", answered + "symptoms: [pale_skin, breathless_on_exertion]", "see_doctor", []string{"symptoms=pale_skin", "symptoms=breathless_on_exertion"}},
		{"a week of diarrhoea", answered + "symptoms: [diarrhea]\ngi_duration: week_plus", "urgent", []string{"symptoms=diarrhea", "gi_duration=week_plus"}},
		{"a week of nausea without vomiting", answered + "symptoms: [nausea_vomiting]\nvomiting: nausea_only\ngi_duration: week_plus", "see_doctor", []string{"symptoms=nausea_vomiting", "gi_duration=week_plus"}},
		{"a PPI for over a year", answered + "medications: [ppi]\nppi_duration: over_1_year", "see_doctor", []string{"medications=ppi", "ppi_duration=over_1_year"}},
		{"neck surgery alone", answered + "conditions: [neck_surgery]", "see_doctor", []string{"conditions=neck_surgery"}},
		{"potassium with kidney disease", answered + "supplements: [potassium]\nconditions: [kidney_disease]", "see_doctor", []string{"supplements=potassium", "conditions=kidney_disease"}},
		{"emergency check skipped", "location: [eyelid]", "see_doctor", []string{}},

		// Self-care: everything else, with the emergency check answered.
		{"none of everything", "serious: [none]\nsymptoms: [none]\nmedications: [none]\nsupplements: [none]\nconditions: [none]", "self_care", nil},
		{"duration 1 to 2 weeks", answered + "duration: 1_to_2_weeks", "self_care", nil},
		{"one place", answered + "location: [eyelid]", "self_care", nil},
		{"not spreading", answered + "spreading: \"no\"", "self_care", nil},
		{"high-dose B6 alone", answered + "supplements: [b6_high_dose]", "self_care", nil},
		{"a diuretic and a laxative without palpitations", answered + "medications: [diuretic, laxative]", "self_care", nil},
		{"a few days of diarrhoea", answered + "symptoms: [diarrhea]\ngi_duration: days", "self_care", nil},
		{"plain water and sweating without symptoms", answered + "sweating: \"yes\"\nrehydration: plain_water", "self_care", nil},
		{"headache without over-drinking", answered + "symptoms: [headache]\nsweating: \"yes\"\nrehydration: electrolytes", "self_care", nil},
		{"thyroid disease without surgery", answered + "conditions: [thyroid_disease]", "self_care", nil},
		{"a PPI for under a year", answered + "medications: [ppi]\nppi_duration: under_1_year", "self_care", nil},
		{"weakness not worse", answered + "symptoms: [weakness]\nweakness_speed: not_worse", "see_doctor", []string{"symptoms=weakness"}},
		{"a typical benign case", answered + "location: [eyelid]\nduration: 1_to_6_days\nfrequency: daily\nspreading: \"no\"\nsymptoms: [fatigue]\ncaffeine: 5_plus_cups\nstress: high\nsleep: under_5", "self_care", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := assess(t, c.answers).Triage
			if tr.Level != c.level {
				t.Errorf("level = %s, want %s; flags: %v", tr.Level, c.level, flagSummary(tr.Flags))
			}
			if c.flag == nil {
				if len(tr.Flags) != 0 {
					t.Errorf("flags = %v, want none", flagSummary(tr.Flags))
				}
				return
			}
			found := false
			for _, f := range tr.Flags {
				found = found || f.Level == c.level && sameRefs(f.Answers, refs(c.flag...))
			}
			if !found {
				t.Errorf("no %s flag names exactly %v; flags: %v", c.level, c.flag, flagSummary(tr.Flags))
			}
		})
	}
}

// TestIssueExamples: the answer sets a clinical review found unsafe under
// policy version 1 now get the level policy version 2 gives, and advice
// that fits it.
func TestIssueExamples(t *testing.T) {
	rb := ruleBase(t)
	t.Run("marathon runner who drank plain water and vomits with a headache", func(t *testing.T) {
		res := assess(t, answered+"location: [legs]\nexercise: strenuous\nsweating: \"yes\"\nrehydration: plain_water\nsymptoms: [nausea_vomiting, headache, cramps]\n")
		if res.Triage.Level != "emergency" {
			t.Errorf("level %s, want emergency; flags %v", res.Triage.Level, flagSummary(res.Triage.Flags))
		}
		for _, tr := range res.Triggers {
			if tr.AdviceShown() && strings.Contains(strings.ToLower(tr.Advice), "drink") && !strings.Contains(tr.Advice, "thirst") {
				t.Errorf("trigger %s still advises drinking: %q", tr.ID, tr.Advice)
			}
		}
		for _, d := range res.Deficiencies {
			if d.ID == "sodium" && d.FoodsAs != knowledge.FoodsHidden {
				t.Errorf("sodium foods are shown (%s) to someone who over-drank water", d.FoodsAs)
			}
		}
	})
	t.Run("older person on a thiazide vomiting for a week", func(t *testing.T) {
		res := assess(t, answered+"age: 65_plus\nmedications: [diuretic]\ndiuretic_kind: thiazide\nsymptoms: [nausea_vomiting]\ngi_duration: week_plus\n")
		if rb.LevelRank(res.Triage.Level) < rb.LevelRank("urgent") {
			t.Errorf("level %s, want at least urgent", res.Triage.Level)
		}
		for _, d := range res.Deficiencies {
			if d.ID == "sodium" && d.FoodsAs != knowledge.FoodsHidden {
				t.Errorf("salt is shown as advice to someone on a water tablet")
			}
		}
	})
	t.Run("tingling lips after thyroid surgery", func(t *testing.T) {
		res := assess(t, answered+"conditions: [neck_surgery]\nsymptoms: [tingling_mouth]\nlocation: [mouth]\n")
		if res.Triage.Level != "urgent" {
			t.Errorf("level %s, want urgent", res.Triage.Level)
		}
		for _, d := range res.Deficiencies {
			if d.ID == "calcium" && d.FoodsAs == knowledge.FoodsAdvice {
				t.Errorf("dairy foods are shown as the fix for low calcium after neck surgery")
			}
		}
	})
	t.Run("likely iron in a pale, breathless person", func(t *testing.T) {
		res := assess(t, answered+"symptoms: [pale_skin, breathless_on_exertion, fatigue, restless_legs]\nconditions: [heavy_periods]\n")
		if res.Triage.Level == "self_care" {
			t.Errorf("a likely shortage with anaemia signs is self-care")
		}
		found := false
		for _, f := range res.Triage.Flags {
			found = found || f.ID == knowledge.LikelyFlagPrefix+"iron"
		}
		if !found {
			t.Errorf("no flag for the likely iron shortage: %v", flagSummary(res.Triage.Flags))
		}
	})
	t.Run("skipping every question", func(t *testing.T) {
		res := assess(t, "{}")
		if res.Triage.Level == "self_care" || !res.Triage.Skipped() {
			t.Errorf("level %s, emergency check %s; want above self-care, skipped", res.Triage.Level, res.Triage.EmergencyCheck)
		}
		if len(res.Reassurance) > 0 {
			t.Errorf("reassurance shown when the emergency check was skipped")
		}
		if len(rb.EmergencySigns()) != len(rb.Question(knowledge.FirstQuestion).Options)-1 {
			t.Errorf("the emergency signs do not list every option of the emergency check")
		}
		for _, s := range rb.EmergencySigns() {
			if s.Flag == nil {
				t.Errorf("emergency sign %q raises no flag of its own", s.Option.ID)
			}
		}
	})
	t.Run("reassurance beside danger", func(t *testing.T) {
		for _, src := range []string{
			"serious: [chest_pain]",
			"serious: [muscle_wasting, progressive_weakness]",
			"serious: [falls]",
			answered + "symptoms: [weakness]\nweakness_speed: days",
			answered + "symptoms: [weakness]\nweakness_speed: weeks",
			// Slowly worsening weakness with long-lasting twitching: the
			// pattern the benign-fasciculation follow-up cannot speak to.
			answered + "duration: over_3_months\nlocation: [arms]\nsymptoms: [weakness]\nweakness_speed: months",
			// Weakness ticked, its follow-up unanswered: the follow-up
			// note rests on normal strength.
			answered + "duration: 2_weeks_to_3_months\nlocation: [legs]\nsymptoms: [weakness]",
			answered + "symptoms: [weakness]\nweakness_speed: not_worse",
		} {
			res := assess(t, src)
			if len(res.Reassurance) > 0 {
				t.Errorf("%q: reassurance shown with %s", src, res.Triage.Level)
			}
			for _, o := range res.Others {
				if o.Reassuring {
					t.Errorf("%q: reassuring look-alike %q shown", src, o.ID)
				}
			}
		}
		if res := assess(t, answered+"symptoms: [none]\nlocation: [eyelid]"); len(res.Reassurance) == 0 {
			t.Error("no reassurance for a single eyelid twitch")
		}
	})
	t.Run("over-breathing look-alike beside a cause of low calcium", func(t *testing.T) {
		const anxious = answered + "stress: high\nsymptoms: [tingling_mouth]\nlocation: [hands]\n"
		res := assess(t, anxious)
		var text string
		for _, o := range res.Others {
			if o.ID == "hyperventilation" {
				text = o.Text
			}
		}
		if text == "" {
			t.Fatalf("no over-breathing look-alike for an anxious person with tingling lips; others %v", res.Others)
		}
		for _, w := range []string{"calcium", "neck surgery", "parathyroid", "kidney"} {
			if !strings.Contains(text, w) {
				t.Errorf("the over-breathing look-alike does not say a doctor checks calcium with %q: %q", w, text)
			}
		}
		for _, cond := range []string{"parathyroid", "kidney_disease", "neck_surgery"} {
			res := assess(t, anxious+"conditions: ["+cond+"]\n")
			for _, o := range res.Others {
				if o.Reassuring {
					t.Errorf("conditions=%s (%s): reassuring look-alike %q shown", cond, res.Triage.Level, o.ID)
				}
			}
			if len(res.Reassurance) > 0 {
				t.Errorf("conditions=%s (%s): reassurance shown", cond, res.Triage.Level)
			}
		}
	})
	t.Run("diabetes and the nerves cites a source about nerve damage", func(t *testing.T) {
		res := assess(t, answered+"conditions: [diabetes]")
		found := false
		for _, o := range res.Others {
			if !strings.Contains(strings.ToLower(o.Text), "nerve") {
				continue
			}
			found = true
			if src := rb.Source(o.Source); src == nil || !strings.Contains(strings.ToLower(src.Title), "neuropathy") {
				t.Errorf("%s says diabetes damages nerves but cites %+v", o.ID, src)
			}
			for _, w := range []string{"potassium", "magnesium"} {
				if strings.Contains(strings.ToLower(o.Text), w) {
					t.Errorf("%s claims something about %s that its source (%s) does not say: %q", o.ID, w, o.Source, o.Text)
				}
			}
		}
		if !found {
			t.Errorf("no other cause names nerve damage for diabetes: %+v", res.Others)
		}
	})
	t.Run("no text names a seed file", func(t *testing.T) {
		texts := ruleBaseTexts(t)
		cases, err := knowledge.ReadCases(rb, data.Cases(), "data/cases")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			texts = append(texts, c.Title, c.Story)
		}
		for _, text := range texts {
			if name := seedName(text); name != "" {
				t.Errorf("a user-facing text names a seed file (%s): %q", name, text)
			}
		}
		for _, s := range rb.Sources {
			for _, text := range []string{s.ID, s.Title, s.Publisher, s.URL, s.Citation} {
				if strings.Contains(strings.ToLower(text), "seed") {
					t.Errorf("source %q names a seed: %q", s.ID, text)
				}
			}
		}
	})
}

// sourceRow is a row of the source table in data/README.md:
// | `id` [title](url) | publisher | read in a stored copy |.
var sourceRow = regexp.MustCompile("^\\| `([a-z0-9_]+)` \\[(.+)\\]\\((\\S+)\\) \\| (.+) \\| (yes|no)\\b.* \\|$")

// TestSourcesAreRecorded: data/README.md records, for every source in the
// catalogue, its title, address and publisher and whether it was read in
// a stored copy; and lists no source the catalogue lacks.
func TestSourcesAreRecorded(t *testing.T) {
	rb := ruleBase(t)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(string(readme), "\n") {
		if m := sourceRow.FindStringSubmatch(line); m != nil {
			if _, dup := rows[m[1]]; dup {
				t.Errorf("README.md lists source %s twice", m[1])
			}
			rows[m[1]] = m[2:]
		}
	}
	for _, src := range rb.Sources {
		row, ok := rows[src.ID]
		if !ok {
			t.Errorf("README.md does not record source %s (%s) and whether it was read", src.ID, src.Title)
			continue
		}
		delete(rows, src.ID)
		if row[0] != src.Title || row[1] != src.URL || row[2] != src.Publisher {
			t.Errorf("README.md records %s as %q <%s> (%s), the catalogue has %q <%s> (%s)", src.ID, row[0], row[1], row[2], src.Title, src.URL, src.Publisher)
		}
	}
	for id := range rows {
		t.Errorf("README.md records source %s, which is not in the catalogue", id)
	}
}

// seedFiles are the consumer articles the project started from
// (shared/seeds/): background only, never shown to a user.
var seedFiles = []string{
	"000_ad4d66fc6c3ab838.txt",
	"001_68eaff23f0bfa21c.txt",
	"002_b5049ac1fb0e8921.txt",
	"003_b708db64f3d38f1d.txt",
	"004_e3ad81e8429fb8ac.txt",
}

// seedPatterns catch a seed named another way: by its number and hash, by
// its folder, as a .txt file, or cited by number as the clinical brief
// does ("(000, 004)").
var seedPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\b\d{3}_[0-9a-f]{16}\b`),
	regexp.MustCompile(`(?i)\bseeds?/`),
	regexp.MustCompile(`(?i)\.txt\b`),
	regexp.MustCompile(`\(\s*00\d(\s*,\s*00\d)*\s*\)`),
}

// seedName returns what in text names a seed file, or "".
func seedName(text string) string {
	for _, f := range seedFiles {
		if strings.Contains(text, strings.TrimSuffix(f, ".txt")) {
			return f
		}
	}
	for _, re := range seedPatterns {
		if m := re.FindString(text); m != "" {
			return m
		}
	}
	return ""
}

func TestSeedNameCatchesSeeds(t *testing.T) {
	for _, text := range []string{"see 000_ad4d66fc6c3ab838", "from shared/seeds/x", "notes.txt", "twitches of eyelid and legs (000)", "cramps (000, 004)", "a 9f8e7d6c5b4a3f2e article: 123_9f8e7d6c5b4a3f2e"} {
		if seedName(text) == "" {
			t.Errorf("seedName(%q) finds nothing", text)
		}
	}
	for _, text := range []string{"pumpkin seeds, almonds", "25(OH)D", "(PTH)", "a 2 to 32 year follow-up (1993)"} {
		if name := seedName(text); name != "" {
			t.Errorf("seedName(%q) = %q, want nothing", text, name)
		}
	}
}

// TestAdviceNeverWorksAgainstAFlag checks principle 5 on the real content.
func TestAdviceNeverWorksAgainstAFlag(t *testing.T) {
	rb := ruleBase(t)
	// Every flag pointing to too much water hides "drink more" advice.
	for _, src := range []string{
		answered + "symptoms: [headache]\nexercise: strenuous\nrehydration: plain_water\nfluids: low",
		answered + "symptoms: [nausea_vomiting]\nsweating: \"yes\"\nrehydration: plain_water",
	} {
		for _, tr := range assess(t, src).Triggers {
			if tr.ID == "dehydration" && tr.AdviceShown() {
				t.Errorf("%q: the dehydration advice is shown beside a flag for over-drinking", src)
			}
		}
	}
	// Salt is never advice for someone on a water tablet, of any kind.
	for _, kind := range []string{"", "diuretic_kind: thiazide\n", "diuretic_kind: loop\n", "diuretic_kind: not_sure\n"} {
		for _, d := range assess(t, answered+"medications: [diuretic]\n"+kind+"symptoms: [headache, cramps]").Deficiencies {
			if d.ID == "sodium" && d.FoodsAs != knowledge.FoodsHidden {
				t.Errorf("%q: sodium foods shown as %s", kind, d.FoodsAs)
			}
		}
	}
	// Potassium-rich foods are never advice with kidney disease or a
	// potassium-sparing diuretic.
	for _, src := range []string{"conditions: [kidney_disease]", "medications: [diuretic]\ndiuretic_kind: potassium_sparing"} {
		for _, d := range assess(t, answered+src+"\nsymptoms: [weakness, cramps]").Deficiencies {
			if d.ID == "potassium" && d.FoodsAs != knowledge.FoodsHidden {
				t.Errorf("%q: potassium foods shown as %s", src, d.FoodsAs)
			}
		}
	}
	// No food shown to a pregnant person is one the NHS advises avoiding in
	// pregnancy: liver and liver products (too much vitamin A).
	for _, d := range assess(t, answered+"conditions: [pregnant]\nsun: rarely\ndiet: vegan\nsymptoms: [bone_pain, fatigue, pale_skin, restless_legs, cramps]").Deficiencies {
		if d.FoodsAs == knowledge.FoodsHidden {
			continue
		}
		for _, f := range d.Foods {
			if l := strings.ToLower(f); strings.Contains(l, "liver") || strings.Contains(l, "pâté") || strings.Contains(l, "pate") {
				t.Errorf("%s foods shown (%s) in pregnancy include %q", d.ID, d.FoodsAs, f)
			}
		}
	}
	// With kidney disease, no food list that a kidney diet may limit is
	// advice: potassium-rich and magnesium-rich foods (often rich in
	// potassium and phosphate too) and salt are hidden, each with a note
	// sending the person to the kidney team.
	for _, d := range assess(t, answered+"conditions: [kidney_disease]\nsymptoms: [cramps, headache, weakness, nausea_vomiting]\ngreens: rarely\nfruit_veg: rarely").Deficiencies {
		switch d.ID {
		case "potassium", "magnesium", "sodium":
			if d.FoodsAs != knowledge.FoodsHidden {
				t.Errorf("kidney disease: %s foods shown as %s", d.ID, d.FoodsAs)
			}
			named := false
			for _, n := range d.FoodNotes {
				named = named || strings.Contains(n.Text, "kidney")
			}
			if !named {
				t.Errorf("kidney disease: no %s food note says why its foods are hidden", d.ID)
			}
		}
	}
	// Where a medicine or an illness counts for a shortage, its foods are
	// never shown as the fix: every answer to the medicines and conditions
	// questions that raises a deficiency's score turns its foods into
	// information (or hides them).
	for _, q := range []string{"medications", "conditions"} {
		for _, o := range rb.Question(q).Options {
			if o.ID == knowledge.NoneOption {
				continue
			}
			ref := knowledge.AnswerRef{Question: q, Answer: o.ID}
			for _, d := range assess(t, answered+q+": ["+o.ID+"]").Deficiencies {
				for _, e := range d.Evidence {
					if e.Rule.Weight > 0 && slices.Contains(e.Answers(), ref) && d.FoodsAs == knowledge.FoodsAdvice {
						t.Errorf("%s=%s raises %s (%q) but its foods are shown as the fix", q, o.ID, d.ID, e.Rule.Why)
					}
				}
			}
		}
	}
	// The B6 advice and the disclaimer agree: twitchcheck never tells anyone
	// to stop a prescribed medicine, and the disclaimer does not forbid
	// stopping a supplement the TGA says to stop.
	if !strings.Contains(rb.Disclaimer, "prescribed medicine") {
		t.Errorf("the disclaimer does not say which medicines not to stop: %q", rb.Disclaimer)
	}
	if strings.Contains(rb.Disclaimer, "high-dose supplement") {
		t.Errorf("the disclaimer forbids stopping a high-dose supplement, against the B6 advice: %q", rb.Disclaimer)
	}
	// Scores are explained in words wherever they are shown.
	if !strings.Contains(rb.ScoreNote, "not the chance") {
		t.Errorf("the score note does not say a score is not a chance: %q", rb.ScoreNote)
	}
}

// stopAProduct matches "stop taking", "stop the" or "stop your"; its first
// group is the word before, which tells advice to stop ("and stop the
// supplement") from advice not to ("do not stop the medicine") and from a
// statement ("can stop the heart").
var stopAProduct = regexp.MustCompile(`(?i)(?:\b(\w+) )?\bstop (?:taking|the|your)\b`)

// notAnInstruction are the words before "stop" that make it something
// other than advice to stop.
var notAnInstruction = []string{"not", "never", "can", "could", "may", "might", "will", "would"}

// TestNoAdviceToStopAPrescribedMedicine: the disclaimer says never to stop
// a prescribed medicine because of twitchcheck, so no text tells anyone to
// stop taking something without saying what to do when a doctor prescribed
// it; the only exception is the TGA's advice to stop a B6 product that
// causes tingling, which names the TGA.
func TestNoAdviceToStopAPrescribedMedicine(t *testing.T) {
	found := 0
	for _, text := range ruleBaseTexts(t) {
		told := false
		for _, m := range stopAProduct.FindAllStringSubmatch(text, -1) {
			told = told || !slices.Contains(notAnInstruction, strings.ToLower(m[1]))
		}
		if !told {
			continue
		}
		found++
		if !strings.Contains(text, "prescribed") && !strings.Contains(text, "TGA") {
			t.Errorf("tells the user to stop something without a word about a prescription: %q", text)
		}
	}
	if found == 0 {
		t.Error("no text matches: the B6 advice (stop taking the product, as the TGA advises) should")
	}
}

// ruleBaseTexts returns every text of data/rules.yaml: each scalar value
// of the YAML (mapping keys aside), in file order.
func ruleBaseTexts(tb testing.TB) []string {
	tb.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(data.Rules(), &root); err != nil {
		tb.Fatalf("parsing %s: %v", data.RulesName, err)
	}
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.ScalarNode:
			out = append(out, n.Value)
		case yaml.MappingNode:
			for i := 1; i < len(n.Content); i += 2 {
				walk(n.Content[i])
			}
		default:
			for _, c := range n.Content {
				walk(c)
			}
		}
	}
	walk(&root)
	if len(out) < 1000 {
		tb.Fatalf("only %d texts in %s", len(out), data.RulesName)
	}
	return out
}

// TestRedFlagShowsWhenADeficiencyExplainsIt: a red flag always shows, even
// when a deficiency is likely and explains the symptoms.
func TestRedFlagShowsWhenADeficiencyExplainsIt(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		name, answers, deficiency, flagLevel string
		flag                                 []string
	}{
		{"vegan with numbness", answered + "location: [legs]\nsymptoms: [numbness_tingling, sore_tongue, fatigue, memory_problems]\ndiet: vegan\ndairy: rarely\nsupplements: [none]",
			"vitamin_b12", "see_doctor", []string{"symptoms=numbness_tingling"}},
		{"tetany after neck surgery", "location: [mouth]\nserious: [sustained_spasm]\nsymptoms: [tingling_mouth, cramps]\nconditions: [neck_surgery]\ndairy: rarely",
			"calcium", "urgent", []string{"serious=sustained_spasm"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := assess(t, c.answers)
			top := res.Deficiencies[0]
			if top.ID != c.deficiency || top.Band != knowledge.BandLikely {
				t.Errorf("top deficiency = %s (%d, %s), want %s likely", top.ID, top.Score, top.Band, c.deficiency)
			}
			found := false
			for _, f := range res.Triage.Flags {
				found = found || f.Level == c.flagLevel && sameRefs(f.Answers, refs(c.flag...))
			}
			if !found || rb.LevelRank(res.Triage.Level) < rb.LevelRank(c.flagLevel) {
				t.Errorf("triage %s with flags %v; want a %s flag on %v although %s explains the symptoms",
					res.Triage.Level, flagSummary(res.Triage.Flags), c.flagLevel, c.flag, c.deficiency)
			}
		})
	}
}

// TestSupplementsLowerTheirScore: taking a supplement lowers the matching
// deficiency, which still stays in the list.
func TestSupplementsLowerTheirScore(t *testing.T) {
	base := "location: [eyelid, legs, hands]\nsymptoms: [cramps, fatigue, numbness_tingling, tingling_mouth, pale_skin]\ndiet: vegan\ngreens: rarely\ndairy: rarely\nsun: rarely\nfruit_veg: rarely\n"
	cases := []struct{ supplement, deficiency string }{
		{"magnesium", "magnesium"},
		{"calcium", "calcium"},
		{"vitamin_d", "vitamin_d"},
		{"b12", "vitamin_b12"},
		{"iron", "iron"},
		{"potassium", "potassium"},
	}
	before := scored(assess(t, base))
	for _, c := range cases {
		t.Run(c.supplement, func(t *testing.T) {
			res := assess(t, base+"supplements: ["+c.supplement+"]\n")
			after := scored(res)
			b, ok1 := before[c.deficiency]
			d, ok2 := after[c.deficiency]
			if !ok1 || !ok2 {
				t.Fatalf("%s is missing from the result", c.deficiency)
			}
			if !(d.LogOdds < b.LogOdds && d.Score < b.Score) {
				t.Errorf("taking %s: %s went from %d (%.2f) to %d (%.2f); want lower", c.supplement, c.deficiency, b.Score, b.LogOdds, d.Score, d.LogOdds)
			}
			found := false
			for _, e := range d.Evidence {
				if slices.Contains(e.Answers(), knowledge.AnswerRef{Question: "supplements", Answer: c.supplement}) {
					found = e.Rule.Weight < 0 && e.Points <= 0 && e.Rule.Why != ""
				}
			}
			if !found {
				t.Errorf("%s has no negative evidence naming supplements=%s", c.deficiency, c.supplement)
			}
		})
	}
}

// TestEvidenceNamesTheAnswer spot-checks that typical answers count for the
// deficiency that the sources tie them to, with a reason and a source.
func TestEvidenceNamesTheAnswer(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		answers, deficiency, question, answer string
	}{
		{"diet: vegan", "vitamin_b12", "diet", "vegan"},
		{"symptoms: [tingling_mouth]", "calcium", "symptoms", "tingling_mouth"},
		{"symptoms: [cramps]", "magnesium", "symptoms", "cramps"},
		{"sun: rarely", "vitamin_d", "sun", "rarely"},
		{"conditions: [heavy_periods]", "iron", "conditions", "heavy_periods"},
		{"alcohol: heavy", "thiamine", "alcohol", "heavy"},
		{"medications: [diuretic]", "potassium", "medications", "diuretic"},
		{"symptoms: [headache]", "sodium", "symptoms", "headache"},
	}
	for _, c := range cases {
		d := scored(assess(t, c.answers))[c.deficiency]
		found := false
		for _, e := range d.Evidence {
			if e.Question() == c.question && e.Answer() == c.answer && e.Rule.Weight > 0 && e.Points >= 0 && e.Rule.Why != "" && rb.Source(e.Rule.Source) != nil {
				found = true
			}
		}
		if !found || d.Score <= d.Baseline {
			t.Errorf("%s: %s has score %d (baseline %d) and evidence %+v; want positive evidence naming %s=%s with a why and a source",
				c.answers, c.deficiency, d.Score, d.Baseline, d.Evidence, c.question, c.answer)
		}
	}
}

// TestSymptomsCountOnce: two symptoms ticked together move every score by
// what each moves it alone. A rule on a combination of symptoms that have
// their own weights counts them twice; none of the sources gives such a
// combination as a finding of its own.
func TestSymptomsCountOnce(t *testing.T) {
	rb := ruleBase(t)
	logOdds := func(symptoms ...string) map[string]float64 {
		m := map[string]float64{}
		for _, d := range assess(t, answered+"symptoms: ["+strings.Join(symptoms, ", ")+"]").Deficiencies {
			m[d.ID] = d.LogOdds
		}
		return m
	}
	base := logOdds()
	var opts []string
	for _, o := range rb.Question("symptoms").Options {
		if o.ID != knowledge.NoneOption {
			opts = append(opts, o.ID)
		}
	}
	alone := map[string]map[string]float64{}
	for _, o := range opts {
		alone[o] = logOdds(o)
	}
	for i, a := range opts {
		for _, b := range opts[i+1:] {
			for id, both := range logOdds(a, b) {
				sum := alone[a][id] + alone[b][id] - base[id]
				if math.Abs(both-sum) > 1e-9 {
					t.Errorf("%s: %s and %s together give log-odds %.2f, not %.2f (each alone): a rule counts the pair again", id, a, b, both, sum)
				}
			}
		}
	}
}

// TestWhyFitsTheAnswer: a rule's why is true of every answer that fires
// it. Only over-drinking plain water dilutes sodium: no why says so when
// the answers drink something else, or do not say; and a rule on where it
// twitches names the place.
func TestWhyFitsTheAnswer(t *testing.T) {
	for _, src := range []string{
		answered + "sweating: \"yes\"\nrehydration: electrolytes\nsymptoms: [diarrhea, headache, cramps]",
		answered + "sweating: \"yes\"\nsymptoms: [diarrhea, nausea_vomiting]",
		answered + "exercise: strenuous\nrehydration: little\nsymptoms: [diarrhea]",
	} {
		for _, d := range assess(t, src).Deficiencies {
			for _, e := range d.Evidence {
				if strings.Contains(strings.ToLower(e.Rule.Why), "plain water") {
					t.Errorf("%q: %s evidence on %v says %q", src, d.ID, e.Answers(), e.Rule.Why)
				}
			}
		}
	}
	for _, place := range []string{"eyelid", "legs"} {
		for _, d := range assess(t, answered+"location: ["+place+"]").Deficiencies {
			for _, e := range d.Evidence {
				if d.ID == "magnesium" && e.Question() == "location" && !strings.Contains(e.Rule.Why, place) {
					t.Errorf("magnesium evidence on location=%s does not say where: %q", place, e.Rule.Why)
				}
			}
		}
	}
}

// subscriptionHosts are reference works a reader cannot open without a
// subscription.
var subscriptionHosts = []string{"accessmedicine.mhmedical.com", "bestpractice.bmj.com"}

// TestCitationsCanBeOpened: every rule, flag, note, cause and caution
// cites a source a reader can open; a reference work behind a subscription
// may only be listed among a deficiency's background sources.
func TestCitationsCanBeOpened(t *testing.T) {
	rb := ruleBase(t)
	for _, c := range rb.Citations() {
		if c.Kind == "description" {
			continue
		}
		src := rb.Source(c.Source)
		if src == nil {
			t.Errorf("%s %s cites unknown source %q", c.Kind, c.Owner, c.Source)
			continue
		}
		u, err := url.Parse(src.URL)
		if err != nil {
			t.Errorf("source %s: %v", src.ID, err)
			continue
		}
		if slices.Contains(subscriptionHosts, u.Hostname()) {
			t.Errorf("%s %s (%q) cites only %s, behind a subscription", c.Kind, c.Owner, c.Text, src.ID)
		}
	}
}

// TestListItemsAreWhole: a YAML flow list splits on every comma, even one
// inside parentheses, so "[dairy (milk, cheese)]" gives "dairy (milk" and
// "cheese)". Every item of a list the user reads (foods, tests, symptoms,
// risks) has balanced parentheses and does not start mid-sentence.
func TestListItemsAreWhole(t *testing.T) {
	rb := ruleBase(t)
	check := func(owner, list string, items []string) {
		for _, item := range items {
			if strings.Count(item, "(") != strings.Count(item, ")") || strings.Index(item, ")") < strings.Index(item, "(") {
				t.Errorf("%s %s: item %q has unbalanced parentheses: quote it in the YAML", owner, list, item)
			}
			first, _, _ := strings.Cut(item, " ")
			if slices.Contains([]string{"and", "or", "but", "without", "with"}, first) {
				t.Errorf("%s %s: item %q starts mid-sentence: a comma split it", owner, list, item)
			}
		}
	}
	for _, d := range rb.Deficiencies {
		check(d.ID, "foods", d.Foods)
		check(d.ID, "tests", d.Tests)
		check(d.ID, "symptoms", d.Symptoms)
		check(d.ID, "risks", d.Risks)
	}
	for _, o := range rb.Others {
		check(o.ID, "tests", o.Tests)
	}
}

// TestTriggers: each trigger of the contract fires from its answers, and
// only it.
func TestTriggers(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		answers string
		trigger string // "" when no trigger may fire
		refs    []string
	}{
		{"caffeine: 5_plus_cups", "caffeine", []string{"caffeine=5_plus_cups"}},
		{"caffeine: 3_4_cups", "caffeine", []string{"caffeine=3_4_cups"}},
		{"stress: high", "stress", []string{"stress=high"}},
		{"sleep: under_5", "sleep", []string{"sleep=under_5"}},
		{"sleep: 5_6", "sleep", []string{"sleep=5_6"}},
		{"exercise: strenuous", "overexertion", []string{"exercise=strenuous"}},
		{"fluids: low", "dehydration", []string{"fluids=low"}},
		{"sweating: \"yes\"", "dehydration", []string{"sweating=yes"}},
		{"nicotine: \"yes\"", "nicotine", []string{"nicotine=yes"}},
		{"alcohol: heavy", "alcohol", []string{"alcohol=heavy"}},
		{"medications: [diuretic]", "medication", []string{"medications=diuretic"}},
		{"medications: [corticosteroid]", "medication", []string{"medications=corticosteroid"}},
		{"medications: [stimulant]", "medication", []string{"medications=stimulant"}},
		{"medications: [new_medicine]", "medication", []string{"medications=new_medicine"}},
		{"supplements: [b6_high_dose]", "b6_excess", []string{"supplements=b6_high_dose"}},
		{"stress: moderate", "stress", []string{"stress=moderate"}},
		{"stress: low", "", nil},
		{"caffeine: 1_2_cups", "", nil},
		{"caffeine: none", "", nil},
		{"sleep: 7_plus", "", nil},
		{"exercise: moderate", "", nil},
		{"fluids: good\nsweating: \"no\"", "", nil},
		{"nicotine: \"no\"", "", nil},
		{"alcohol: moderate", "", nil},
		{"medications: [none]", "", nil},
		{"supplements: [magnesium, multivitamin]", "", nil},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.answers, "\n", " "), func(t *testing.T) {
			hits := assess(t, c.answers).Triggers
			if c.trigger == "" {
				if len(hits) != 0 {
					t.Errorf("triggers %+v fired, want none", hits)
				}
				return
			}
			if len(hits) != 1 || hits[0].ID != c.trigger {
				t.Fatalf("triggers = %+v, want only %s", hits, c.trigger)
			}
			h := hits[0]
			if !sameRefs(h.Answers, refs(c.refs...)) {
				t.Errorf("%s names %v, want %v", h.ID, h.Answers, c.refs)
			}
			if h.Why == "" || h.Advice == "" || h.Name == "" || len(h.Sources) == 0 {
				t.Errorf("%s lacks a why, advice, name or source: %+v", h.ID, h)
			}
			for _, s := range h.Sources {
				if rb.Source(s) == nil {
					t.Errorf("%s cites unknown source %q", h.ID, s)
				}
			}
			if h.Strength != knowledge.Weak && h.Strength != knowledge.Moderate && h.Strength != knowledge.Strong {
				t.Errorf("%s has strength %q", h.ID, h.Strength)
			}
		})
	}

	// Several triggers: sorted strongest first, each answer named once.
	hits := assess(t, "caffeine: 3_4_cups\nsleep: 5_6\nstress: high\nfluids: low\nsweating: \"yes\"\nmedications: [diuretic, corticosteroid]\n").Triggers
	rank := map[knowledge.Strength]int{knowledge.Weak: 1, knowledge.Moderate: 2, knowledge.Strong: 3}
	var ids []string
	for i, h := range hits {
		ids = append(ids, h.ID)
		if i > 0 && rank[hits[i-1].Strength] < rank[h.Strength] {
			t.Errorf("triggers not sorted strongest first: %s (%s) before %s (%s)", hits[i-1].ID, hits[i-1].Strength, h.ID, h.Strength)
		}
		seen := map[knowledge.AnswerRef]bool{}
		for _, r := range h.Answers {
			if seen[r] {
				t.Errorf("%s names %v twice", h.ID, r)
			}
			seen[r] = true
		}
	}
	if !sameSet(ids, []string{"caffeine", "sleep", "stress", "dehydration", "medication"}) {
		t.Errorf("triggers = %v, want caffeine, sleep, stress, dehydration, medication", ids)
	}
	for _, h := range hits {
		if h.ID == "dehydration" && !sameRefs(h.Answers, refs("fluids=low", "sweating=yes")) {
			t.Errorf("dehydration names %v, want fluids=low and sweating=yes", h.Answers)
		}
		if h.ID == "medication" && !sameRefs(h.Answers, refs("medications=diuretic", "medications=corticosteroid")) {
			t.Errorf("medication names %v, want the diuretic and the corticosteroid", h.Answers)
		}
	}
}

// TestCautions: the cautions of triage.md show when their answers are given.
func TestCautions(t *testing.T) {
	rb := ruleBase(t)
	cases := []struct {
		answers string
		refs    []string // the answers the caution names; nil for none
		words   []string // the caution's text must say these
	}{
		{"conditions: [kidney_disease]", []string{"conditions=kidney_disease"}, []string{"magnesium", "potassium"}},
		{"medications: [diuretic]\ndiuretic_kind: potassium_sparing", []string{"diuretic_kind=potassium_sparing"}, []string{"potassium supplements", "salt substitutes"}},
		{"conditions: [pregnant]", []string{"conditions=pregnant"}, []string{"supplement"}},
		{"supplements: [b6_high_dose]", []string{"supplements=b6_high_dose"}, []string{"B6"}},
		{"conditions: [none]\nsupplements: [magnesium]", nil, nil},
		{"{}", nil, nil},
	}
	for _, c := range cases {
		hits := assess(t, c.answers).Cautions
		if c.refs == nil {
			if len(hits) != 0 {
				t.Errorf("%s: cautions %+v, want none", c.answers, hits)
			}
			continue
		}
		found := false
		for _, h := range hits {
			if !sameRefs(h.Answers, refs(c.refs...)) {
				continue
			}
			found = true
			for _, w := range c.words {
				if !strings.Contains(h.Text, w) {
					t.Errorf("%s: caution %q does not mention %q", c.answers, h.Text, w)
				}
			}
			if rb.Source(h.Source) == nil {
				t.Errorf("%s: caution %s cites unknown source %q", c.answers, h.ID, h.Source)
			}
		}
		if !found {
			t.Errorf("%s: no caution names %v; got %+v", c.answers, c.refs, hits)
		}
	}
	// All three together.
	hits := assess(t, "conditions: [kidney_disease, pregnant]\nsupplements: [b6_high_dose]").Cautions
	if len(hits) != 3 {
		t.Errorf("kidney disease, pregnancy and B6 give %d cautions, want 3: %+v", len(hits), hits)
	}
}

func scored(res knowledge.Result) map[string]knowledge.Scored {
	m := map[string]knowledge.Scored{}
	for _, d := range res.Deficiencies {
		m[d.ID] = d
	}
	return m
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestVignettes runs every embedded vignette: none may be under-triaged,
// and every expectation must hold (the same check as `twitchcheck eval`).
func TestVignettes(t *testing.T) {
	rb := ruleBase(t)
	vs, err := knowledge.ReadVignettes(rb, data.Vignettes(), "data/vignettes")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < 200 {
		t.Fatalf("only %d vignettes", len(vs))
	}
	s := knowledge.Evaluate(vs)
	if s.UnderTriage > 0 {
		t.Errorf("%d vignettes are under-triaged", s.UnderTriage)
	}
	for _, o := range s.Outcomes {
		if len(o.Misses) > 0 {
			t.Errorf("%s (%s:%d): %s", o.Vignette.ID, o.Vignette.File, o.Vignette.Pos.Line, strings.Join(o.Misses, "; "))
		}
	}
}

// drinksLotsOfWater matches a story that says someone drank a lot of plain
// water (not a water tablet, not a little water).
var drinksLotsOfWater = regexp.MustCompile(`(?i)(only|lots of|plenty of|large amounts of|litre after litre of|litres of)( plain)? water|plain water (by the litre|at every)`)

// TestVignetteAnswersSayTheStory: a vignette whose story has someone drink
// a lot of plain water while sweating or exercising hard answers so
// (rehydration: plain_water), or its label is checked against answers that
// leave out what the story is about.
func TestVignetteAnswersSayTheStory(t *testing.T) {
	rb := ruleBase(t)
	vs, err := knowledge.ReadVignettes(rb, data.Vignettes(), "data/vignettes")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, v := range vs {
		if !drinksLotsOfWater.MatchString(v.Story) {
			continue
		}
		found++
		if !v.Answers.Shown(rb.QuestionIndex("rehydration")) {
			continue // neither sweating nor hard exercise: not asked
		}
		if got := v.Answers.Selected("rehydration"); !slices.Equal(got, []string{"plain_water"}) {
			t.Errorf("%s (%s:%d): the story drinks a lot of plain water, the answers say rehydration %v: %q", v.ID, v.File, v.Pos.Line, got, v.Story)
		}
	}
	if found < 5 {
		t.Errorf("only %d stories drink a lot of plain water: is the pattern still right?", found)
	}
}

// TestCases: every sample case loads, follows the contract, and gets the
// triage level its story needs under the policy, with reassurance only
// where the policy allows it (a demo must not show a case that the policy
// gets wrong).
func TestCases(t *testing.T) {
	want := map[string]struct {
		level    string
		reassure bool
	}{
		"diuretic_palpitations": {"urgent", false},     // palpitations on a new water tablet, with weakness
		"endurance_athlete":     {"emergency", false},  // nausea after a marathon on plain water
		"exam_week":             {"self_care", true},   // an eyelid twitch for three days in exam week
		"fainting_on_diuretic":  {"emergency", false},  // fainted with a racing, irregular heart
		"heavy_drinker":         {"emergency", false},  // new confusion with heavy drinking
		"heavy_periods":         {"see_doctor", true},  // months of twitching, pale and breathless
		"long_term_ppi":         {"see_doctor", true},  // six years on omeprazole, twitching for weeks
		"older_adult_indoors":   {"see_doctor", false}, // weak on the stairs: no reassurance
		"thyroid_surgery":       {"urgent", false},     // tingling lips after thyroid surgery
		"vegan_b12":             {"see_doctor", false}, // pins and needles: numbness withholds reassurance (policy v3)
		// Version 3 pathways.
		"late_pregnancy":    {"urgent", false},    // 33 weeks, headache and vomiting: possible pre-eclampsia
		"steroids_vomiting": {"urgent", false},    // prednisolone and three days of vomiting: adrenal crisis risk
		"lithium":           {"urgent", false},    // lithium with diarrhoea and unsteadiness: possible toxicity
		"sports_drinks":     {"emergency", false}, // sports drinks beyond thirst, then headache and vomiting
		"tetanus_wound":     {"emergency", false}, // a stiff jaw ten days after a puncture wound
		"sudden_weakness":   {"emergency", false}, // legs gave way within hours (thyrotoxic periodic paralysis)
	}
	cases, err := knowledge.ReadCases(ruleBase(t), data.Cases(), "data/cases")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != len(want) {
		t.Errorf("%d sample cases, %d expected here: give every case its level", len(cases), len(want))
	}
	for _, c := range cases {
		if ign := c.Answers.Ignored(); len(ign) > 0 {
			t.Errorf("case %s answers follow-ups that are not asked: %v", c.ID, ign)
		}
		w, ok := want[c.ID]
		if !ok {
			t.Errorf("case %s has no expected level in this test", c.ID)
			continue
		}
		res := knowledge.Assess(c.Answers)
		if res.Triage.Level != w.level {
			t.Errorf("case %s: level %s, want %s; flags %v", c.ID, res.Triage.Level, w.level, flagSummary(res.Triage.Flags))
		}
		if got := len(res.Reassurance) > 0; got != w.reassure {
			t.Errorf("case %s: reassurance shown %v, want %v", c.ID, got, w.reassure)
		}
	}
}

// TestVersion checks that Version, which --version prints without
// building the rule base, names the rule base RuleBase builds.
func TestVersion(t *testing.T) {
	rb := data.RuleBase()
	v, d := data.Version()
	if v != rb.Version || d != rb.Date || v == "" || d == "" {
		t.Errorf("Version() = %q, %q; the rule base says %q, %q", v, d, rb.Version, rb.Date)
	}
}
