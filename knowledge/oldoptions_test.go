package knowledge_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// named lists, as "kind id: question=answer", everything a result names:
// evidence, triggers, cautions, other causes and flags.
func named(rb *knowledge.RuleBase, res knowledge.Result) []string {
	var out []string
	add := func(kind, id string, refs []knowledge.AnswerRef) {
		for _, r := range refs {
			s := kind + " " + id + ": " + r.Question + "=" + r.Answer
			if as := rb.ReadAs(r); as != "" {
				s += ">" + as
			}
			out = append(out, s)
		}
	}
	for _, d := range res.Deficiencies {
		for _, e := range d.Evidence {
			add("evidence", e.Rule.ID, e.Answers())
		}
	}
	for _, h := range res.Triggers {
		add("trigger", h.ID, h.Answers)
	}
	for _, c := range res.Cautions {
		add("caution", c.ID, c.Answers)
	}
	for _, o := range res.Others {
		add("other", o.ID, o.Answers)
	}
	for _, f := range res.Triage.Flags {
		add("flag", f.ID, f.Answers)
	}
	return out
}

// TestCountsAs: an option with counts_as holds every rule written for the
// options it counts as (red flags, evidence, triggers, cautions, other
// causes; transitively), and every result names the option chosen, never
// the one it counts as. The same story with a neighbouring option holds
// none of them.
func TestCountsAs(t *testing.T) {
	rb := ruleBase(t)
	const base = "serious: [none]\n"
	cases := []struct {
		name    string
		answers string
		want    []string // all must be named
		absent  []string // none may be named (a prefix is enough)
	}{
		{
			name:    "the option itself",
			answers: "alcohol: heavy\n",
			want:    []string{"evidence mg_alcohol: alcohol=heavy", "evidence t_alcohol: alcohol=heavy", "trigger alcohol: alcohol=heavy", "caution heavy_drinking: alcohol=heavy", "other other_withdrawal: alcohol=heavy"},
		},
		{
			name:    "dependent counts as heavy",
			answers: "alcohol: dependent\n",
			want:    []string{"evidence mg_alcohol: alcohol=dependent", "evidence t_alcohol: alcohol=dependent", "trigger alcohol: alcohol=dependent", "caution heavy_drinking: alcohol=dependent", "other other_withdrawal: alcohol=dependent"},
			absent:  []string{"evidence mg_alcohol: alcohol=heavy"},
		},
		{
			name:    "stopped_recently counts as dependent, so as heavy",
			answers: "alcohol: stopped_recently\n",
			want:    []string{"evidence mg_alcohol: alcohol=stopped_recently", "trigger alcohol: alcohol=stopped_recently", "caution heavy_drinking: alcohol=stopped_recently", "other other_withdrawal: alcohol=stopped_recently"},
		},
		{
			name:    "moderate counts as nothing",
			answers: "alcohol: moderate\n",
			absent:  []string{"evidence mg_alcohol", "evidence t_alcohol", "trigger alcohol", "caution heavy_drinking", "other other_withdrawal"},
		},
		{
			name:    "a combination diuretic counts as potassium-sparing and as loop",
			answers: "medications: [diuretic]\ndiuretic_kind: combination\n",
			want:    []string{"flag k_sparing: diuretic_kind=combination", "evidence k_loop: diuretic_kind=combination"},
		},
		{
			name:    "a thiazide is neither",
			answers: "medications: [diuretic]\ndiuretic_kind: thiazide\n",
			absent:  []string{"flag k_sparing", "evidence k_loop"},
		},
		{
			name:    "weight-loss surgery counts as malabsorption in a multiple choice",
			answers: "conditions: [weight_loss_surgery]\n",
			want:    []string{"evidence b12_malabs: conditions=weight_loss_surgery"},
		},
		{
			name:    "both chosen: each named once",
			answers: "conditions: [malabsorption, weight_loss_surgery]\n",
			want:    []string{"evidence b12_malabs: conditions=malabsorption", "evidence b12_malabs: conditions=weight_loss_surgery"},
		},
		{
			name:    "an old gi_duration: days counts as under_3_days, in a red flag too",
			answers: "symptoms: [diarrhea]\ngi_duration: days\nmedications: [corticosteroid]\n",
			want:    []string{"flag short_gi: gi_duration=days", "flag short_gi: medications=corticosteroid", "evidence k_gi_short: gi_duration=days"},
			absent:  []string{"flag short_gi: gi_duration=under_3_days"},
		},
		{
			name:    "3 to 6 days is not under 3 days",
			answers: "symptoms: [diarrhea]\ngi_duration: 3_to_6_days\nmedications: [corticosteroid]\n",
			absent:  []string{"flag short_gi", "evidence k_gi_short"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := knowledge.Assess(mustAnswers(t, rb, base+c.answers))
			got := named(rb, res)
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("result does not name %q; it names %v", w, got)
				}
			}
			for _, a := range c.absent {
				for _, g := range got {
					if strings.HasPrefix(g, a) {
						t.Errorf("result names %q, which it must not", g)
					}
				}
			}
			if n := len(got); n != len(slices.Compact(slices.Sorted(slices.Values(got)))) {
				t.Errorf("result names an answer twice in one place: %v", got)
			}
		})
	}
	// The result's level follows: the combination raises the flag of the
	// potassium-sparing kind, and a thiazide does not.
	combo := knowledge.Assess(mustAnswers(t, rb, base+"medications: [diuretic]\ndiuretic_kind: combination\n"))
	thiazide := knowledge.Assess(mustAnswers(t, rb, base+"medications: [diuretic]\ndiuretic_kind: thiazide\n"))
	if combo.Triage.Level != "see_doctor" || thiazide.Triage.Level != "self_care" {
		t.Errorf("levels: combination %s, thiazide %s; want see_doctor, self_care", combo.Triage.Level, thiazide.Triage.Level)
	}
}

// TestKeptForOldFiles: an option kept for old files is read from every
// file and written back, keeps its label, and is not offered.
func TestKeptForOldFiles(t *testing.T) {
	rb := ruleBase(t)
	q := rb.Question("gi_duration")
	a := mustAnswers(t, rb, "symptoms: [nausea_vomiting]\ngi_duration: days\n")
	if !a.Has("gi_duration", "days") || !slices.Equal(a.Selected("gi_duration"), []string{"days"}) {
		t.Fatalf("gi_duration: days read as %v", a.Selected("gi_duration"))
	}
	if ig := a.Ignored(); len(ig) != 0 {
		t.Errorf("an old answer is ignored: %v", ig)
	}
	if back, err := knowledge.ParseAnswers(rb, "again.yaml", a.YAML()); err != nil || !back.Equal(a) {
		t.Errorf("YAML() %q reads back as %q (%v)", a.YAML(), back.YAML(), err)
	}
	if b, err := a.Rebase(rb); err != nil || !b.Equal(a) {
		t.Errorf("Rebase dropped the old answer: %v", err)
	}
	if _, err := knowledge.ParseAnswers(rb, "a.json", []byte(`{"symptoms": ["diarrhea"], "gi_duration": "days"}`)); err != nil {
		t.Errorf("JSON with the old option: %v", err)
	}
	if got := q.OptionLabel("days"); got != "Days" {
		t.Errorf("OptionLabel(days) = %q, want its label", got)
	}

	offered := q.Offered()
	if want := []string{"under_3_days", "3_to_6_days", "week_plus"}; !slices.Equal(offered.OptionIDs(), want) {
		t.Errorf("Offered() options = %v, want %v", offered.OptionIDs(), want)
	}
	if !slices.Contains(q.OptionIDs(), "days") {
		t.Errorf("Offered() changed the question itself: %v", q.OptionIDs())
	}
	if offered.ID != q.ID || offered.Text != q.Text || offered.EnableWhen != q.EnableWhen {
		t.Errorf("Offered() lost the question's id, text or condition")
	}
	// A question with every option offered is itself: no copy.
	if s := rb.Question("stress"); s.Offered() != s {
		t.Errorf("Offered() of a question without kept options is a copy")
	}
	// Answering through the offered view records by id, as the question.
	if b, err := a.With(offered.ID, offered.Options[1].ID); err != nil || !b.Has("gi_duration", "3_to_6_days") {
		t.Errorf("answering through Offered(): %v", err)
	}
}

// TestUnansweredReadsAs: a follow-up with unanswered_reads_as raises red
// flags as if that option were chosen only while it is asked and
// unanswered; the flag names the missing answer. Answering the option it
// is read as keeps the flag; answering another drops it. Scoring never
// reads it.
func TestUnansweredReadsAs(t *testing.T) {
	rb := ruleBase(t)
	const base = "serious: [none]\n"
	unanswered := func(q, as string) knowledge.AnswerRef {
		r := knowledge.AnswerRef{Question: q, Answer: knowledge.UnansweredAnswer}
		if got := rb.ReadAs(r); got != as {
			t.Fatalf("ReadAs(%s unanswered) = %q, want %q", q, got, as)
		}
		return r
	}
	cases := []struct {
		name    string
		answers string
		flag    string // the flag under test
		raised  bool
		refs    []knowledge.AnswerRef // the flag's answers, when raised
		level   string
	}{
		{"vomiting asked, unanswered", "symptoms: [nausea_vomiting]\n", "vomiting", true,
			[]knowledge.AnswerRef{unanswered("vomiting", "keeping_fluids_down")}, "urgent"},
		{"vomiting answered with the option it is read as", "symptoms: [nausea_vomiting]\nvomiting: keeping_fluids_down\n", "vomiting", true,
			refs("vomiting=keeping_fluids_down"), "urgent"},
		{"vomiting answered: worse", "symptoms: [nausea_vomiting]\nvomiting: cannot_keep_fluids_down\n", "vomiting", true,
			refs("vomiting=cannot_keep_fluids_down"), "urgent"},
		{"vomiting answered: nausea only", "symptoms: [nausea_vomiting]\nvomiting: nausea_only\n", "vomiting", false, nil, "self_care"},
		{"vomiting not asked", "symptoms: [diarrhea]\n", "vomiting", false, nil, "self_care"},
		{"vomiting not asked, symptoms unanswered", "", "vomiting", false, nil, "self_care"},
		{"vomiting answered but not asked: ignored", "symptoms: [cramps]\nvomiting: keeping_fluids_down\n", "vomiting", false, nil, "self_care"},

		{"pregnancy stage unanswered, with a headache", "symptoms: [headache]\nconditions: [pregnant]\n", "late_pregnancy_headache", true,
			[]knowledge.AnswerRef{unanswered("pregnancy_stage", "20_weeks_plus"), {Question: "symptoms", Answer: "headache"}}, "urgent"},
		{"pregnancy stage 20 weeks plus", "symptoms: [headache]\nconditions: [pregnant]\npregnancy_stage: 20_weeks_plus\n", "late_pregnancy_headache", true,
			refs("symptoms=headache", "pregnancy_stage=20_weeks_plus"), "urgent"},
		{"pregnancy stage under 20 weeks", "symptoms: [headache]\nconditions: [pregnant]\npregnancy_stage: under_20_weeks\n", "late_pregnancy_headache", false, nil, "self_care"},
		{"pregnancy stage unanswered, no headache", "symptoms: [cramps]\nconditions: [pregnant]\n", "late_pregnancy_headache", false, nil, "self_care"},
		{"not pregnant", "symptoms: [headache]\nconditions: [heavy_periods]\n", "late_pregnancy_headache", false, nil, "self_care"},

		{"sports drinks, amount unanswered", "symptoms: [headache]\nexercise: strenuous\nrehydration: electrolytes\n", "sports_drinks", true,
			[]knowledge.AnswerRef{{Question: "symptoms", Answer: "headache"}, {Question: "rehydration", Answer: "electrolytes"}, unanswered("drinking_amount", "more_than_thirst")}, "urgent"},
		{"sports drinks to thirst", "symptoms: [headache]\nexercise: strenuous\nrehydration: electrolytes\ndrinking_amount: to_thirst\n", "sports_drinks", false, nil, "self_care"},
		{"little to drink: amount not asked", "symptoms: [headache]\nexercise: strenuous\nrehydration: little\n", "sports_drinks", false, nil, "self_care"},
		{"rehydration not asked: neither is the amount", "symptoms: [headache]\nexercise: light\n", "sports_drinks", false, nil, "self_care"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := mustAnswers(t, rb, base+c.answers)
			res := knowledge.Assess(a)
			var flag *knowledge.Flag
			for i := range res.Triage.Flags {
				if res.Triage.Flags[i].ID == c.flag {
					flag = &res.Triage.Flags[i]
				}
			}
			switch {
			case (flag != nil) != c.raised:
				t.Fatalf("flag %s raised: %v, want %v; flags %v", c.flag, flag != nil, c.raised, named(rb, res))
			case flag != nil && !sameRefs(flag.Answers, c.refs):
				t.Errorf("flag %s names %+v, want %+v", c.flag, flag.Answers, c.refs)
			}
			if res.Triage.Level != c.level {
				t.Errorf("level %s, want %s", res.Triage.Level, c.level)
			}
			for _, s := range named(rb, res) {
				if strings.Contains(s, knowledge.UnansweredAnswer) && !strings.HasPrefix(s, "flag ") {
					t.Errorf("something other than a flag reads the unanswered follow-up: %s", s)
				}
			}
			// Scoring is the same as with the follow-up read as nothing.
			for _, d := range res.Deficiencies {
				for _, e := range d.Evidence {
					for _, r := range e.Answers() {
						if r.Unanswered() {
							t.Errorf("evidence %s reads an unanswered follow-up", e.Rule.ID)
						}
					}
				}
			}
		})
	}
	// The ref says what it is.
	r := unanswered("vomiting", "keeping_fluids_down")
	if !r.Unanswered() || refs("vomiting=nausea_only")[0].Unanswered() {
		t.Errorf("AnswerRef.Unanswered is wrong")
	}
	if rb.ReadAs(refs("vomiting=keeping_fluids_down")[0]) != "" || rb.ReadAs(knowledge.AnswerRef{Question: "nope", Answer: knowledge.UnansweredAnswer}) != "" {
		t.Errorf("ReadAs of an answer given, or of an unknown question, is not empty")
	}
}
