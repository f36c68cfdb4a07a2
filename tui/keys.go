package tui

import (
	"charm.land/bubbles/v2/key"
)

// Every key of the app is declared here, once: the keys, and the words the
// help shows for them, in one keyMap with a part for each screen and
// prompt, all built by defaultKeyMap (as huh keeps one KeyMap and one
// function of defaults). The model builds it when it is made and keeps it
// in common; the save menu's letters come from the one table of formats.
// A screen copies its part, enables the bindings that work in its state
// (as huh's fields do) and may word them for it, matches keys only against
// them, and lists them for the help bar and the full help: what the help
// shows is what the screen handles. A key means one thing across the app:
// ↑/↓ (and k/j) move or scroll, enter chooses or opens, tab goes forward
// and shift+tab back, esc leaves, space ticks.

// keyMap is every binding of the app. It is never changed once built: a
// screen changes only its own copy of its part.
type keyMap struct {
	Global    globalKeys
	Welcome   welcomeKeys
	Question  questionKeys
	Emergency emergencyKeys
	Review    reviewKeys
	Results   resultsKeys
	Explain   explainKeys
	Pager     pagerKeys // a text that scrolls: an entry, the sources, the warnings
	Help      pagerKeys // the full help
	Browser   pickKeys  // the rule browser
	Cases     pickKeys  // the sample cases
	Diary     diaryKeys
	DiaryForm diaryFormKeys
	Save      saveKeys
	Confirm   confirmKeys
}

// globalKeys work on every screen; the root handles them.
type globalKeys struct {
	Help, Quit, ForceQuit, Suspend, Panel, Problems key.Binding
}

// navKeys move a cursor over a list, or scroll a text.
type navKeys struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
}

// findKeys find a question's option by typing some of its words: / starts,
// enter ends with the options found, esc shows every option again.
type findKeys struct {
	typingNav         navKeys
	text              []key.Binding
	Find, Done, Clear key.Binding
}

type welcomeKeys struct {
	Start, Demo, Rules, Diary key.Binding
	scroll                    navKeys
}

type questionKeys struct {
	nav                        navKeys
	find                       findKeys
	Toggle, Choose, Next, Back key.Binding
	FoundBack                  key.Binding // back while a find hides options
	Suggest                    key.Binding
}

type emergencyKeys struct {
	nav                     navKeys
	Continue, Results, Back key.Binding
}

type reviewKeys struct {
	nav                   navKeys
	Change, Results, Back key.Binding
}

type resultsKeys struct {
	nav                                                          navKeys
	Next, Prev, Expand, Explain, Review, Restart, Rules, Sources key.Binding
	Diary                                                        key.Binding
	Save                                                         key.Binding
}

type explainKeys struct {
	nav               navKeys
	Next, Prev, Close key.Binding
}

type pagerKeys struct {
	nav   navKeys
	Close key.Binding
}

type pickKeys struct {
	nav                               navKeys
	typingNav                         navKeys // arrows only: letters are typed
	text                              []key.Binding
	Open, Filter, Apply, Clear, Close key.Binding
}

type diaryKeys struct {
	Add, Days, Back key.Binding
	nav             navKeys
}

type diaryFormKeys struct {
	Up, Down, Left, Right, Tick, Save, Cancel key.Binding
}

type saveKeys struct {
	Save, Cancel, Yes, No key.Binding
	Kinds                 []key.Binding // one per kind, in the menu
	text                  []key.Binding
}

// confirmKeys answer a yes/no question in the footer.
type confirmKeys struct {
	Yes, No key.Binding
}

// defaultKeyMap builds every binding of the app.
func defaultKeyMap() *keyMap {
	list := navKeys{
		Up:       bind("↑/k", "up", "up", "k"),
		Down:     bind("↓/j", "down", "down", "j"),
		Top:      bind("g/home", "first", "home", "g"),
		Bottom:   bind("G/end", "last", "end", "G"),
		PageUp:   bind("pgup", "page up", "pgup"),
		PageDown: bind("pgdn", "page down", "pgdown"),
	}
	// What is "up, down" in a list is "scroll" in a text.
	scroll := list
	scroll.Up.SetHelp("↑/k", "scroll up")
	scroll.Down.SetHelp("↓/j", "scroll down")
	// While letters are typed into a filter: arrows and page keys only.
	typingNav := navKeys{
		Up:       bind("↑", "up", "up"),
		Down:     bind("↓", "down", "down"),
		PageUp:   list.PageUp,
		PageDown: list.PageDown,
		Top:      key.NewBinding(key.WithDisabled()),
		Bottom:   key.NewBinding(key.WithDisabled()),
	}
	// The keys a text field handles itself (the filter, the file name),
	// for the full help.
	text := []key.Binding{
		bind("letters, space", "type", "space"),
		bind("←/→/home/end", "move in the text", "left", "right", "home", "end", "ctrl+a", "ctrl+e", "ctrl+b", "ctrl+f", "alt+left", "alt+right", "ctrl+left", "ctrl+right", "alt+b", "alt+f"),
		bind("backspace", "delete", "backspace", "delete", "ctrl+h", "ctrl+d", "ctrl+w", "ctrl+k", "ctrl+u", "alt+backspace", "alt+delete", "alt+d"),
	}
	back := bind("esc", "back", "esc")
	rules := bind("i", "rule browser", "i")
	diary := bind("y", "twitch diary", "y")
	nextNutrient := bind("tab", "next nutrient", "tab")
	prevNutrient := bind("shift+tab", "previous nutrient", "shift+tab")
	// Back from a question while a find hides some options: esc then
	// shows every option again, so it is not back. Enabled instead of the
	// question's Back only then.
	foundBack := bind("←/b", "back", "left", "b", "shift+tab")
	foundBack.SetEnabled(false)

	browser := pickKeys{
		nav:       list,
		typingNav: typingNav,
		text:      text,
		Open:      bind("enter", "open", "enter"),
		Filter:    bind("/", "filter", "/"),
		Apply:     bind("enter", "done filtering", "enter"),
		Clear:     bind("esc", "clear the filter", "esc"),
		Close:     back,
	}
	cases := browser
	cases.Open.SetHelp("enter", "open case")

	var kinds []key.Binding
	for _, k := range saveKinds() {
		kinds = append(kinds, bind(k.Key, k.What, k.Key))
	}

	return &keyMap{
		Global: globalKeys{
			Help:      bind("?", "help", "?"),
			Quit:      bind("q", "quit", "q"),
			ForceQuit: bind("ctrl+c", "quit now", "ctrl+c"),
			Suspend:   bind("ctrl+z", "suspend (fg to come back)", "ctrl+z"),
			Panel:     bind("p", "live scores", "p"),
			Problems:  bind("w", "rule-file problems", "w"),
		},
		Welcome: welcomeKeys{
			Start:  bind("enter", "start", "enter"),
			Demo:   bind("d", "demo a sample case", "d"),
			Rules:  rules,
			Diary:  diary,
			scroll: scroll,
		},
		Question: questionKeys{
			nav: list,
			find: findKeys{
				typingNav: typingNav,
				text:      text,
				Find:      bind("/", "find an option", "/"),
				Done:      bind("enter", "done finding", "enter"),
				Clear:     bind("esc", "show every option", "esc"),
			},
			Toggle: bind("space", "tick", "space", "x"),
			Choose: bind("enter", "choose", "enter"),
			Next:   bind("tab", "skip", "tab"),
			// Every key a person might try for "back".
			Back:      bind("←/b/esc", "back", "left", "b", "esc", "shift+tab"),
			FoundBack: foundBack,
			Suggest:   bind("d", "use the diary's suggestion", "d"),
		},
		Emergency: emergencyKeys{
			nav:      scroll,
			Continue: bind("c", "continue the questions", "c"),
			Results:  bind("r", "results now", "r"),
			Back:     bind("←/b/esc", "back to the question", "left", "b", "esc"),
		},
		Review: reviewKeys{
			nav:     list,
			Change:  bind("enter", "change answer", "enter"),
			Results: bind("r", "see results", "r"),
			Back:    bind("←/b/esc", "back to the questions", "left", "b", "esc"),
		},
		Results: resultsKeys{
			nav:     scroll,
			Save:    bind("s", "save…", "s"),
			Next:    nextNutrient,
			Prev:    prevNutrient,
			Expand:  bind("enter", "details", "enter"),
			Explain: bind("e", "why, answer by answer", "e"),
			Sources: bind("r", "sources", "r"),
			Review:  bind("v", "review answers", "v"),
			Restart: bind("n", "start over", "n"),
			Rules:   rules,
			Diary:   diary,
		},
		Explain: explainKeys{
			nav:   scroll,
			Next:  nextNutrient,
			Prev:  prevNutrient,
			Close: bind("esc", "back to the results", "esc"),
		},
		Pager: pagerKeys{nav: scroll, Close: back},
		Help: pagerKeys{
			nav:   scroll,
			Close: bind("esc/?", "close the help", "esc", "?"),
		},
		Browser: browser,
		Cases:   cases,
		Diary: diaryKeys{
			Add:  bind("a", "enter a day", "a"),
			Days: bind("m", "show 30 days", "m"),
			Back: back,
			nav:  scroll,
		},
		DiaryForm: diaryFormKeys{
			Up:     bind("↑/shift+tab", "previous", "up", "shift+tab"),
			Down:   bind("↓/tab", "next", "down", "tab"),
			Left:   bind("←", "less / earlier", "left"),
			Right:  bind("→", "more / later", "right"),
			Tick:   bind("space", "tick", "space"),
			Save:   bind("enter", "save the day", "enter"),
			Cancel: bind("esc", "leave without saving", "esc"),
		},
		Save: saveKeys{
			Save:   bind("enter", "save", "enter"),
			Cancel: bind("esc", "cancel", "esc"),
			Yes:    bind("y", "replace it", "y"),
			No:     bind("n/esc", "do not", "n", "esc"),
			Kinds:  kinds,
			text:   text,
		},
		Confirm: confirmKeys{
			Yes: bind("y", "yes", "y"),
			No:  bind("n/esc", "no", "n", "esc"),
		},
	}
}

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// keySet is what a screen handles in its state: short is shown in the help
// bar (most important first), more only in the full help.
type keySet struct {
	short, more []key.Binding
}

// all lists every enabled binding of the set.
func (k keySet) all() []key.Binding {
	var out []key.Binding
	for _, b := range append(append([]key.Binding(nil), k.short...), k.more...) {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

// setEnabled enables or disables every nav key.
func (n *navKeys) setEnabled(on bool) {
	for _, b := range []*key.Binding{&n.Up, &n.Down, &n.Top, &n.Bottom, &n.PageUp, &n.PageDown} {
		b.SetEnabled(on)
	}
}

// at enables the keys that move a cursor at cur in rows 0..last (-1: no
// row yet, where any move goes to the first): at the top, up does
// nothing, so it is not offered.
func (n *navKeys) at(cur, last int) {
	n.Up.SetEnabled(cur != 0 && last >= 0)
	n.PageUp.SetEnabled(cur != 0 && last >= 0)
	n.Top.SetEnabled(cur != 0 && last >= 0)
	n.Down.SetEnabled(cur < last)
	n.PageDown.SetEnabled(cur < last)
	n.Bottom.SetEnabled(cur != last && last >= 0)
}
