package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/twitchcheck/twitchcheck/internal/testrules"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

func TestWelcomeEnterOpensTheEmergencyCheck(t *testing.T) {
	m := newModel(t, 80, 24)
	onScreen(t, m, "welcome")
	mustContain(t, text(m), "Press Enter to start", "It screens; it does not diagnose")
	m = press(t, m, "enter")
	onQuestion(t, m, knowledge.FirstQuestion)
	mustContain(t, text(m), "question 1 of", "Nothing chosen yet")
}

func TestTicksAreRecordedAsTheyAreMade(t *testing.T) {
	m := toQuestion(t, newModel(t, 80, 24), testRules(t).QuestionIndex("location"))
	m = press(t, m, "down", "space", "down", "down", "x")
	if got := m.c.answers.Selected("location"); !slices.Equal(got, []string{"eyelid", "mouth"}) {
		t.Fatalf("location = %v, want eyelid and mouth", got)
	}
	m = press(t, m, "space") // untick mouth
	if got := m.c.answers.Selected("location"); !slices.Equal(got, []string{"eyelid"}) {
		t.Fatalf("after unticking: %v", got)
	}
	m = press(t, m, "enter")
	onQuestion(t, m, "duration")
}

func TestNoneOfTheseExcludesTheRest(t *testing.T) {
	m := toQuestion(t, newModel(t, 80, 24), testRules(t).QuestionIndex("symptoms"))
	m = press(t, m, "down", "down", "space", "down", "space") // cramps, numbness
	m = press(t, m, "home", "space")                          // none
	if got := m.c.answers.Selected("symptoms"); !slices.Equal(got, []string{"none"}) {
		t.Fatalf("ticking None of these: %v", got)
	}
	m = press(t, m, "down", "space")
	if got := m.c.answers.Selected("symptoms"); !slices.Equal(got, []string{"cramps"}) {
		t.Fatalf("ticking another after None of these: %v", got)
	}
}

func TestSingleChoiceEnterChoosesTheRowUnderTheCursor(t *testing.T) {
	m := toQuestion(t, newModel(t, 80, 24), testRules(t).QuestionIndex("duration"))
	m = press(t, m, "down", "down", "enter")
	if got := m.c.answers.Selected("duration"); !slices.Equal(got, []string{"1_to_6_days"}) {
		t.Fatalf("duration = %v", got)
	}
	onQuestion(t, m, "frequency")
	// Back: the answer shows and the cursor rests on it.
	m = press(t, m, "b")
	onQuestion(t, m, "duration")
	mustContain(t, text(m), "> (•) 1 to 6 days")
	// Tab keeps it; "Not sure / skip" clears it.
	m = press(t, m, "tab", "b")
	if !m.c.answers.IsAnswered("duration") {
		t.Fatal("tab dropped the answer")
	}
	m = press(t, m, "end", "enter")
	if m.c.answers.IsAnswered("duration") {
		t.Fatalf("Not sure / skip kept %v", m.c.answers.Selected("duration"))
	}
	onQuestion(t, m, "frequency")
}

func TestSkippingSaysSo(t *testing.T) {
	m := press(t, newModel(t, 80, 24), "enter", "enter")
	mustContain(t, text(m), "Skipped: nothing was ticked")
	m = press(t, m, "tab", "enter") // location skipped with tab; duration with enter
	mustContain(t, text(m), "Skipped: nothing was chosen")
	m = press(t, m, "down")
	mustNotContain(t, text(m), "Skipped") // the status clears on the next key
}

func TestFollowUpsComeAndGoWithTheirCondition(t *testing.T) {
	rb := testRules(t)
	m := toQuestion(t, newModel(t, 80, 24), rb.QuestionIndex("symptoms"))
	_, before := m.c.flow.position(m.c.answers, m.top().(questionScreen).index)
	diarrhea := rb.Question("symptoms").OptionIndex("diarrhea")
	for range diarrhea + 1 {
		m = press(t, m, "down")
	}
	m = press(t, m, "space", "enter")
	onQuestion(t, m, "gi_duration")
	n, after := m.c.flow.position(m.c.answers, m.top().(questionScreen).index)
	if after != before+1 {
		t.Errorf("questions shown: %d before diarrhea, %d after; want one more", before, after)
	}
	mustContain(t, text(m), "question "+itoa(n)+" of "+itoa(after))
	m = press(t, m, "down", "down", "enter") // week plus
	onQuestion(t, m, "caffeine")             // weakness_speed is not asked: no weakness
	m = press(t, m, "b")
	onQuestion(t, m, "gi_duration")
	// Untick diarrhea: the follow-up and its answer go.
	m = press(t, m, "b", "space", "tab")
	if m.c.answers.IsAnswered("gi_duration") {
		t.Error("the follow-up's answer stayed after its condition went")
	}
	onQuestion(t, m, "caffeine")
	m = press(t, m, "b")
	onQuestion(t, m, "symptoms")
}

func TestEmergencyScreenWhenAnAnswerRaisesIt(t *testing.T) {
	rb := testRules(t)
	m := press(t, newModel(t, 80, 24), "enter")
	chest := rb.Question("serious").OptionIndex("chest_pain")
	for range chest + 1 {
		m = press(t, m, "down")
	}
	m = press(t, m, "space", "enter")
	onScreen(t, m, "emergency")
	mustContain(t, text(m), "Triage: EMERGENCY", "Call emergency services now.", "Chest pain.", "What to do: Call now.")
	// c goes on to the next question; b back to the one that raised it.
	c := press(t, m, "c")
	onQuestion(t, c, "location")
	b := press(t, m, "b")
	onQuestion(t, b, "serious")
	r := press(t, m, "r")
	onScreen(t, r, "results")
	// Confirming the same answer again does not show it again.
	b = press(t, b, "enter")
	onQuestion(t, b, "location")
}

// TestQuitOnARaisedEmergencyShowsTheNoticeFirst ticks an emergency sign
// and presses q: the emergency notice opens instead of the quit question,
// and q there asks to quit as anywhere else.
func TestQuitOnARaisedEmergencyShowsTheNoticeFirst(t *testing.T) {
	rb := testRules(t)
	m := press(t, newModel(t, 80, 24), "enter")
	chest := rb.Question("serious").OptionIndex("chest_pain")
	for range chest + 1 {
		m = press(t, m, "down")
	}
	m, cmd := send(t, press(t, m, "space"), letter('q'))
	if _, quit := run(t, m, cmd); quit || m.quitting {
		t.Fatal("q quit past an emergency the answer had just raised")
	}
	onScreen(t, m, "emergency")
	if m.confirm != nil {
		t.Errorf("the quit question shows over the emergency notice: %q", m.confirm.question)
	}
	mustContain(t, text(m), "Triage: EMERGENCY", "Call emergency services now.", "What to do: Call now.")
	// From the notice, quitting is the person's choice.
	m = press(t, m, "q")
	if m.confirm == nil {
		t.Fatalf("q on the emergency notice did not ask to quit:\n%s", text(m))
	}
	m, cmd = send(t, m, letter('y'))
	if _, quit := run(t, m, cmd); !quit {
		t.Error("y did not quit from the emergency notice")
	}
	// Back on the question, the emergency already shown: q asks to quit.
	b := press(t, newModel(t, 80, 24), "enter")
	for range chest + 1 {
		b = press(t, b, "down")
	}
	b = press(t, b, "space", "enter", "b", "q")
	onQuestion(t, b, "serious")
	if b.confirm == nil {
		t.Errorf("q on a question whose emergency was shown did not ask to quit:\n%s", text(b))
	}
}

// TestQuestionHelpNeverDropped gives a question a long help: in a large
// window it shows as the question opens; in a small one it gives way to
// the options, and ? shows it first.
func TestQuestionHelpNeverDropped(t *testing.T) {
	const help = "Pick every one, or none. Never stop a prescribed medicine without advice."
	old := "    text: \"Test question medications?\"\n"
	y := string(testrules.YAML())
	if strings.Count(y, old) != 1 {
		t.Fatalf("the test rule base does not hold %q once", old)
	}
	rb, err := knowledge.Load("help.yaml", []byte(strings.Replace(y, old, old+"    help: \""+help+"\"\n", 1)))
	if err != nil {
		t.Fatal(err)
	}
	m := toQuestion(t, newModelOpts(t, optionsFor(t, rb), 80, 24), rb.QuestionIndex("medications"))
	if v := flat(text(m)); !strings.Contains(v, help) {
		t.Errorf("at 80x24 the help does not show as the question opens:\n%s", text(m))
	}
	m = toQuestion(t, newModelOpts(t, optionsFor(t, rb), 40, 12), rb.QuestionIndex("medications"))
	if v := flat(text(m)); !strings.Contains(v, "> [ ] None") && !strings.Contains(v, "[ ] None") {
		t.Errorf("at 40x12 the first option does not show:\n%s", text(m))
	}
	if v := flat(text(press(t, m, "?"))); !strings.Contains(v, help) {
		t.Errorf("at 40x12 ? does not show the help:\n%s", text(press(t, m, "?")))
	}
}

func TestEmergencyScreenFromALaterQuestion(t *testing.T) {
	rb := testRules(t)
	a := answersOf(t, rb, "serious: [none]\nsymptoms: [nausea_vomiting]\nsweating: \"yes\"\n")
	m := withAnswers(t, a, "", 80, 24)
	m = press(t, m, "home")
	for screenName(m) == "review" {
		// Open rehydration from the review: it is shown.
		vis := m.c.answers.Visible()
		for n, i := range vis {
			if rb.Questions[i].ID == "rehydration" {
				for range n {
					m = press(t, m, "down")
				}
			}
		}
		m = press(t, m, "enter")
	}
	onQuestion(t, m, "rehydration")
	m = press(t, m, "down", "enter") // plain water
	onScreen(t, m, "emergency")
	mustContain(t, text(m), "Vomiting after water.")
}

func TestEditingFromTheReviewAsksNewFollowUps(t *testing.T) {
	rb := testRules(t)
	a := tinglingScript.answers(t, rb)
	a, _ = a.With("symptoms", "numbness_tingling")
	m := withAnswers(t, a.Pruned(), "", 80, 24)
	onScreen(t, m, "review")
	vis := m.c.answers.Visible()
	row := slices.Index(vis, rb.QuestionIndex("symptoms"))
	for range row {
		m = press(t, m, "down")
	}
	m = press(t, m, "enter")
	onQuestion(t, m, "symptoms")
	diarrhea := rb.Question("symptoms").OptionIndex("diarrhea")
	m = press(t, m, "home")
	for range diarrhea {
		m = press(t, m, "down")
	}
	m = press(t, m, "space", "enter")
	onQuestion(t, m, "gi_duration")
	m = press(t, m, "down", "enter")
	onScreen(t, m, "review")
	if got := m.top().(reviewScreen).cursor; m.c.answers.Visible()[got] != rb.QuestionIndex("gi_duration") && m.c.answers.Visible()[got] != rb.QuestionIndex("symptoms") {
		t.Errorf("the review's cursor is on row %d, not on the question changed", got)
	}
	// Back from a question opened from the review returns to it.
	m = press(t, m, "enter", "b")
	onScreen(t, m, "review")
}

func TestReviewShowsWholeAnswersAndBackOpensTheLastQuestion(t *testing.T) {
	rb := testRules(t)
	m := tinglingScript.run(t, newModel(t, 60, 40))
	v := flat(screenContent(t, m))
	mustContain(t, v, "Q symptoms", "Numbness tingling; Diarrhea", "Q stress (not answered)")
	m = press(t, m, "b")
	onQuestion(t, m, rb.Questions[m.c.flow.last(m.c.answers)].ID)
}

func TestQuitAsksFirstWhenAnswersWouldBeLost(t *testing.T) {
	m := newModel(t, 80, 24)
	if q := press(t, m, "q"); !q.quitting || q.ExitCode() != 0 {
		t.Fatal("q with nothing answered did not quit at once")
	}
	m = press(t, m, "enter", "down", "space", "enter")
	m = press(t, m, "q")
	if m.quitting {
		t.Fatal("q with answers quit without asking")
	}
	mustContain(t, text(m), "Quit? Your answers are not saved", "y quit")
	m = press(t, m, "n")
	if m.quitting || m.confirm != nil {
		t.Fatal("n did not keep the app open")
	}
	onQuestion(t, m, "location")
	m = press(t, m, "q", "y")
	if !m.quitting || m.ExitCode() != 0 {
		t.Fatal("q, y did not quit")
	}
	// ctrl+c quits at once, whatever the state.
	c := press(t, newModel(t, 80, 24), "enter", "down", "space", "ctrl+c")
	if !c.quitting || c.ExitCode() != exitInterrupted {
		t.Fatalf("ctrl+c: quitting %v, exit %d", c.quitting, c.ExitCode())
	}
	// Loaded answers are in a file already: q quits.
	l := withAnswers(t, tinglingScript.answers(t, testRules(t)), "", 80, 24)
	if l = press(t, l, "q"); !l.quitting {
		t.Error("q on answers loaded from a file asked first")
	}
}

func TestQAndEscInASubViewGoBack(t *testing.T) {
	loaded := func() Model { return withAnswers(t, tinglingScript.answers(t, testRules(t)), "", 80, 24) }
	for _, tc := range []struct {
		name, open, under string
	}{
		{"help", "?", "review"},
		{"rule browser", "i", "welcome"},
		{"explain", "e", "results"},
		{"sample cases", "d", "welcome"},
	} {
		for _, k := range []string{"q", "esc"} {
			t.Run(tc.name+" "+k, func(t *testing.T) {
				var m Model
				switch tc.under {
				case "welcome":
					opts := testOptions(t)
					opts.Cases = []knowledge.Case{{ID: "c", Title: "A case", Story: "A story.", Answers: knowledge.NewAnswers(testRules(t))}}
					m = newModelOpts(t, opts, 80, 24)
				case "results":
					m = press(t, loaded(), "r")
				default:
					m = loaded()
				}
				m = press(t, m, tc.open)
				if !isSub(m.top()) {
					t.Fatalf("%s did not open a sub-view: %s", tc.open, screenName(m))
				}
				m = press(t, m, k)
				if m.quitting {
					t.Fatalf("%s in the %s quit the app", k, tc.name)
				}
				onScreen(t, m, tc.under)
			})
		}
	}
}

func TestLivePanelIsForDemos(t *testing.T) {
	rb := testRules(t)
	// A person screening themselves: off at any width.
	m := press(t, newModel(t, 140, 40), "enter")
	mustNotContain(t, text(m), "Live scores")
	m = press(t, m, "p")
	mustContain(t, text(m), "Live scores")
	m = press(t, m, "p")
	mustNotContain(t, text(m), "Live scores")
	// A sample case: on.
	d := withAnswers(t, tinglingScript.answers(t, rb), "A sample case", 140, 40)
	mustContain(t, text(d), "Live scores", "case: A sample case")
	// Below 110 columns it sits below the list, which keeps the cursor.
	n := resize(t, press(t, d, "end"), 80, 24)
	mustContain(t, text(n), "Live scores", "> See the results")
}

func TestLivePanelKeepsItsPlace(t *testing.T) {
	m := press(t, newModel(t, 130, 40), "enter", "p") // the first question, with the panel
	col := func(m Model) int {
		for _, l := range strings.Split(text(m), "\n") {
			if i := strings.Index(l, "╭"); i >= 0 {
				return i
			}
		}
		t.Fatalf("no panel:\n%s", text(m))
		return -1
	}
	first := col(m)
	for range 5 {
		m = press(t, m, "tab")
		if c := col(m); c != first {
			t.Fatalf("the panel moved from column %d to %d on %s", first, c, currentQuestion(t, m).ID)
		}
	}
}

func TestWarningsAboutIgnoredFollowUps(t *testing.T) {
	rb := testRules(t)
	a := answersOf(t, rb, "symptoms: [cramps]\ngi_duration: days\n")
	m := withAnswers(t, a, "", 80, 24)
	want := "warning: " + knowledge.FollowUpNote(rb, knowledge.AnswerRef{Question: "gi_duration", Answer: "days"})
	mustContain(t, flat(text(m)), flat(want))
	if m.c.answers.IsAnswered("gi_duration") {
		t.Error("an ignored follow-up answer was kept")
	}
	w := press(t, m, "w")
	onScreen(t, w, "pager")
	mustContain(t, flat(text(w)), flat(want))
}

func TestHelpAtTheSmallestSizeScrollsAndHasTheDisclaimer(t *testing.T) {
	m := press(t, newModel(t, 40, 12), "?")
	onScreen(t, m, "help")
	all := flat(ansi.Strip(screenContent(t, m)))
	mustContain(t, all, "Keys on the welcome screen", "enter start", "Everywhere", "ctrl+c quit now", "Disclaimer", "Test disclaimer")
	checkFits(t, m, 40, 12, "help")
	if !m.top().(pagerScreen).text.scrolls() {
		t.Error("the help at 40×12 does not scroll")
	}
}

func TestSlashFindsAnOptionByItsWords(t *testing.T) {
	rb := testRules(t)
	q := rb.Question("symptoms")
	want := q.Options[q.OptionIndex("nausea_vomiting")]
	m := toQuestion(t, newModel(t, 80, 24), rb.QuestionIndex("symptoms"))
	m = press(t, m, "/", "n", "a", "u", "s", "q") // q is typed, not quit
	if !isTyping(m.top()) || screenName(m) != "question" {
		t.Fatalf("typing after / left the question: %s", screenName(m))
	}
	m = press(t, m, "backspace")
	v := text(m)
	mustContain(t, v, "Find: naus", "1 of "+itoa(len(q.Options))+" options", "> [ ] "+want.Label)
	mustNotContain(t, v, "Cramps", skipLabel)
	// enter ends the finding; enter again chooses the option found.
	m = press(t, m, "enter")
	mustContain(t, text(m), "Found: naus · 1 of "+itoa(len(q.Options))+" options", "esc show every option", "> [ ] "+want.Label)
	m = press(t, m, "enter")
	if got := m.c.answers.Selected("symptoms"); !slices.Equal(got, []string{"nausea_vomiting"}) {
		t.Fatalf("symptoms = %v, want nausea_vomiting", got)
	}
	onScreen(t, m, "question")
	if currentQuestion(t, m).ID == "symptoms" {
		t.Fatal("enter on the option found did not go on")
	}
}

func TestEscShowsEveryOptionAgainWithTheCursorKept(t *testing.T) {
	rb := testRules(t)
	m := toQuestion(t, newModel(t, 80, 24), rb.QuestionIndex("symptoms"))
	m = press(t, m, "/", "h", "e", "a", "d", "enter", "space")
	if got := m.c.answers.Selected("symptoms"); !slices.Equal(got, []string{"headache"}) {
		t.Fatalf("space on the option found ticked %v", got)
	}
	m = press(t, m, "esc") // shows every option: it does not go back
	onQuestion(t, m, "symptoms")
	v := text(m)
	mustContain(t, v, "> [x] Headache", "Stiffness")
	mustNotContain(t, v, "Found:")
	// Esc while typing also shows every option; then esc goes back.
	m = press(t, m, "/", "z", "z")
	mustContain(t, text(m), "No option holds these words.")
	m = press(t, m, "enter")
	if !m.c.answers.Equal(press(t, m, "enter").c.answers) {
		t.Fatal("enter with nothing found changed the answers")
	}
	m = press(t, m, "esc", "esc")
	if currentQuestion(t, m).ID == "symptoms" {
		t.Fatal("esc with every option shown did not go back")
	}
}

func TestQuestionWithItsOwnNotSureHasNoSecondSkipRow(t *testing.T) {
	rb := testRules(t)
	a := answersOf(t, rb, "medications: [diuretic]\n")
	m := withAnswers(t, a, "", 80, 24)
	m.stack = []screen{newQuestion(&m.c, rb.QuestionIndex("diuretic_kind"), false)}
	m = press(t, m, "end")
	v := text(m)
	mustContain(t, v, "> ( ) Not sure")
	mustNotContain(t, v, skipLabel)
	// Enter alone still records nothing; tab skips.
	m.stack = []screen{newQuestion(&m.c, rb.QuestionIndex("diuretic_kind"), false)}
	m = press(t, m, "enter")
	if m.c.answers.IsAnswered("diuretic_kind") {
		t.Fatal("enter alone recorded an answer")
	}
	// A question without its own keeps the row.
	m = toQuestion(t, newModel(t, 80, 24), rb.QuestionIndex("duration"))
	mustContain(t, text(m), skipLabel)
}

func TestHelpOnATickBoxQuestionWithNothingHighlightedMentionsSpace(t *testing.T) {
	rb := testRules(t)
	m := toQuestion(t, newModel(t, 80, 24), rb.QuestionIndex("symptoms"))
	h := press(t, m, "?")
	onScreen(t, h, "help")
	all := flat(ansi.Strip(screenContent(t, h)))
	mustContain(t, all, "space/x tick", "/ find an option")
	// Space there says how to tick, and ticks nothing.
	m = press(t, m, "space")
	mustContain(t, text(m), "Move to an option first")
	if m.c.answers.IsAnswered("symptoms") {
		t.Fatal("space with no option highlighted ticked one")
	}
	mustContain(t, flat(text(m)), "Type / to find an option.")
}

func TestWrapPhrasesBreaksOnlyBetweenPhrases(t *testing.T) {
	for _, tc := range []struct {
		phrases []string
		width   int
		want    string
	}{
		{[]string{"Live scores", "Triage: EMERGENCY: CALL EMERGENCY SERVICES NOW", "3 red flags"}, 36,
			"Live scores\nTriage: EMERGENCY: CALL EMERGENCY\nSERVICES NOW · 3 red flags"},
		{[]string{"Live scores", "Triage: SEE A DOCTOR", "2 red flags"}, 36, "Live scores · Triage: SEE A DOCTOR\n2 red flags"},
		{[]string{"a", "b", "c"}, 80, "a · b · c"},
		{[]string{"abc", "de"}, 8, "abc · de"},
		{[]string{"abc", "def"}, 8, "abc\ndef"},
	} {
		if got := wrapPhrases(tc.phrases, tc.width); got != tc.want {
			t.Errorf("wrapPhrases(%q, %d) =\n%s\nwant\n%s", tc.phrases, tc.width, got, tc.want)
		}
	}
}

func TestLivePanelHeadingKeepsItsPhrasesWhole(t *testing.T) {
	rb := realRules(t)
	a := answersOf(t, rb, "serious: [breathing_difficulty, chest_pain, fainting]\n")
	for _, sz := range [][2]int{{40, 24}, {60, 20}, {80, 24}, {110, 40}, {120, 40}, {160, 40}} {
		m := withAnswers(t, a, "A sample case", sz[0], sz[1])
		label := clean(report.TriageLine(rb, m.c.result.Triage.Level))
		flags := plural(len(m.c.result.Triage.Flags), "red flag", "red flags")
		v := text(m)
		found := false
		for _, l := range strings.Split(v, "\n") {
			if strings.Contains(l, flags) {
				found = true
			}
		}
		if !found || !strings.Contains(v, "Live scores") {
			t.Errorf("at %dx%d the panel breaks %q:\n%s", sz[0], sz[1], flags, v)
		}
		// The level's words all show, in order, broken only at spaces.
		box := strings.Map(func(r rune) rune {
			if strings.ContainsRune("│╭╮╰╯─", r) {
				return ' '
			}
			return r
		}, ansi.Strip(livePanel(&m.c, panelWidth, 20, true)))
		if !strings.Contains(flat(box), label) {
			t.Errorf("the panel breaks %q:\n%s", label, box)
		}
	}
}

func TestStartingOverClosesTheLivePanel(t *testing.T) {
	rb := testRules(t)
	m := withAnswers(t, tinglingScript.answers(t, rb), "A sample case", 140, 40)
	mustContain(t, text(m), "Live scores")
	m = press(t, m, "r", "n", "y")
	onScreen(t, m, "welcome")
	m = press(t, m, "enter")
	onQuestion(t, m, knowledge.FirstQuestion)
	mustNotContain(t, text(m), "Live scores", "case: A sample case")
}
