package knowledge

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The decoder: the second step of the pipeline (see doc.go). It turns the
// YAML nodes of a rule base, already read within bounds, into a RuleBase,
// reporting every problem with its file:line:column; validate.go then
// checks what the parts say about one another.

func (r *reader) ruleBase(root *yaml.Node) *RuleBase {
	f, ok := r.fields(root, "rule base",
		[]string{"version", "date", "disclaimer", "score_note", "reassurance", "emergency_check", "likely_flag", "sources", "sections", "questions", "levels", "bands", "deficiencies", "triggers", "red_flags"},
		[]string{"others", "cautions"})
	if !ok {
		return nil
	}
	rb := &RuleBase{
		Version:    r.line(f["version"], "version"),
		Date:       r.line(f["date"], "date"),
		Disclaimer: r.str(f["disclaimer"], "disclaimer"),
		ScoreNote:  r.str(f["score_note"], "score_note"),
	}
	if rf, ok := r.fields(f["reassurance"], "reassurance", []string{"max_level", "hide_when", "notes"}, []string{"requires_answered"}); ok {
		rb.Reassurance.Pos = posOf(f["reassurance"])
		rb.Reassurance.MaxLevel = r.str(rf["max_level"], "reassurance max_level")
		if rf["hide_when"] != nil {
			c := r.cond(rf["hide_when"], "reassurance hide_when", 0)
			rb.Reassurance.HideWhen = &c
		}
		if rf["requires_answered"] != nil {
			rb.Reassurance.RequiresAnswered = r.strs(rf["requires_answered"], "reassurance requires_answered")
		}
		for _, n := range r.seq(rf["notes"], "reassurance notes") {
			if nf, ok := r.fields(n, "reassurance note", []string{"text", "source"}, nil); ok {
				rb.Reassurance.Notes = append(rb.Reassurance.Notes, Note{Text: r.str(nf["text"], "reassurance text"), Source: r.source(nf["source"], "reassurance note"), Pos: posOf(n)})
			}
		}
	}
	if ef, ok := r.fields(f["emergency_check"], "emergency_check", []string{"skipped"}, nil); ok {
		if sf, ok := r.fields(ef["skipped"], "emergency_check skipped", []string{"level", "reason", "action", "source"}, nil); ok {
			what := "emergency_check skipped"
			rb.Skipped = RedFlag{
				ID:     SkippedFlagID,
				Level:  r.str(sf["level"], what+" level"),
				Reason: r.str(sf["reason"], what+" reason"),
				Action: r.str(sf["action"], what+" action"),
				Source: r.source(sf["source"], what),
				Pos:    posOf(ef["skipped"]),
			}
		}
	}
	if lf, ok := r.fields(f["likely_flag"], "likely_flag", []string{"level", "reason", "action", "source"}, nil); ok {
		rb.Likely = LikelyFlag{
			Level:  r.str(lf["level"], "likely_flag level"),
			Reason: r.str(lf["reason"], "likely_flag reason"),
			Action: r.str(lf["action"], "likely_flag action"),
			Source: r.source(lf["source"], "likely_flag"),
			Pos:    posOf(f["likely_flag"]),
		}
	}
	for _, n := range r.seq(f["sources"], "sources") {
		sf, ok := r.fields(n, "source", []string{"id", "title", "publisher"}, []string{"url", "citation"})
		if !ok {
			continue
		}
		s := Source{ID: r.id(sf["id"], "source id"), Pos: posOf(n)}
		what := fmt.Sprintf("source %q", s.ID)
		s.Title = r.line(sf["title"], what+" title")
		s.Publisher = r.line(sf["publisher"], what+" publisher")
		s.URL = r.optLine(sf["url"], what+" url")
		s.Citation = r.optLine(sf["citation"], what+" citation")
		switch {
		case s.URL == "" && s.Citation == "":
			r.errorf(n, "%s has neither a url nor a citation: give the address a reader can open (https://...) or, for print, a full citation with its DOI or PMID", what)
		case s.URL != "" && !validURL(s.URL):
			r.errorf(sf["url"], "%s url %q is not a web address: it must start with https:// or http:// and name a host", what, s.URL)
		case s.URL == "" && !citesIdentifier(s.Citation):
			r.errorf(sf["citation"], "%s citation has no DOI, PMID or ISBN, and there is no url: a reader must be able to find it", what)
		}
		rb.Sources = append(rb.Sources, s)
	}
	for _, n := range r.seq(f["sections"], "sections") {
		if sf, ok := r.fields(n, "section", []string{"id", "title"}, nil); ok {
			rb.Sections = append(rb.Sections, Section{ID: r.id(sf["id"], "section id"), Title: r.line(sf["title"], "section title"), Pos: posOf(n)})
		}
	}
	for _, n := range r.seq(f["questions"], "questions") {
		if q, ok := r.question(n); ok {
			rb.Questions = append(rb.Questions, q)
		}
	}
	for _, n := range r.seq(f["levels"], "levels") {
		if lf, ok := r.fields(n, "level", []string{"id", "label", "action"}, nil); ok {
			rb.Levels = append(rb.Levels, Level{ID: r.id(lf["id"], "level id"), Label: r.line(lf["label"], "level label"), Action: r.str(lf["action"], "level action"), Pos: posOf(n)})
		}
	}
	if bf, ok := r.fields(f["bands"], "bands", []string{"likely", "possible"}, nil); ok {
		rb.Bands.Likely, _ = r.integer(bf["likely"], "bands.likely", 1, 100)
		rb.Bands.Possible, _ = r.integer(bf["possible"], "bands.possible", 1, 100)
		if rb.Bands.Possible >= rb.Bands.Likely && rb.Bands.Likely > 0 {
			r.errorf(bf["possible"], "bands.possible (%d) must be lower than bands.likely (%d)", rb.Bands.Possible, rb.Bands.Likely)
		}
	}
	for _, n := range r.seq(f["deficiencies"], "deficiencies") {
		if d, ok := r.deficiency(n); ok {
			rb.Deficiencies = append(rb.Deficiencies, d)
		}
	}
	for _, n := range r.seq(f["triggers"], "triggers") {
		if t, ok := r.trigger(n); ok {
			rb.Triggers = append(rb.Triggers, t)
		}
	}
	for _, n := range r.seq(f["others"], "others") {
		of, ok := r.fields(n, "other cause", []string{"id", "name", "when", "text", "source"}, []string{"tests", "reassuring"})
		if !ok {
			continue
		}
		id := r.id(of["id"], "other cause id")
		what := fmt.Sprintf("other cause %q", id)
		o := Other{
			ID:     id,
			Name:   r.line(of["name"], what+" name"),
			When:   r.cond(of["when"], what+" when", 0),
			Text:   r.str(of["text"], what+" text"),
			Tests:  r.strs(of["tests"], what+" tests"),
			Source: r.source(of["source"], what),
			Pos:    posOf(n),
		}
		o.Reassuring = r.boolean(of["reassuring"], what+" reassuring")
		rb.Others = append(rb.Others, o)
	}
	for _, n := range r.seq(f["red_flags"], "red_flags") {
		rf, ok := r.fields(n, "red flag", []string{"id", "level", "when", "reason", "action", "source"}, []string{"too_much"})
		if !ok {
			continue
		}
		id := r.id(rf["id"], "red flag id")
		what := fmt.Sprintf("red flag %q", id)
		rb.RedFlags = append(rb.RedFlags, RedFlag{
			ID:     id,
			Level:  r.str(rf["level"], what+" level"),
			When:   r.cond(rf["when"], what+" when", 0),
			Reason: r.str(rf["reason"], what+" reason"),
			Action: r.str(rf["action"], what+" action"),
			Source: r.source(rf["source"], what),
			Pos:    posOf(n),
		})
		if rf["too_much"] != nil {
			rb.RedFlags[len(rb.RedFlags)-1].TooMuch = r.strs(rf["too_much"], what+" too_much")
		}
	}
	for _, n := range r.seq(f["cautions"], "cautions") {
		cf, ok := r.fields(n, "caution", []string{"id", "when", "text", "source"}, nil)
		if !ok {
			continue
		}
		id := r.id(cf["id"], "caution id")
		what := fmt.Sprintf("caution %q", id)
		rb.Cautions = append(rb.Cautions, Caution{
			ID:     id,
			When:   r.cond(cf["when"], what+" when", 0),
			Text:   r.str(cf["text"], what+" text"),
			Source: r.source(cf["source"], what),
			Pos:    posOf(n),
		})
	}
	return rb
}

// id reads an identifier.
func (r *reader) id(n *yaml.Node, what string) string {
	s := r.str(n, what)
	if s != "" && !validID(s) {
		r.errorf(n, "%s %q is not a valid id: use lower-case letters, digits and _ (at most 63)", what, s)
	}
	return s
}

// source reads the source field of a rule; a missing one is a problem.
func (r *reader) source(n *yaml.Node, what string) string {
	if n == nil {
		return "" // reported as a missing field by fields()
	}
	return r.str(n, what+" source")
}

func (r *reader) question(n *yaml.Node) (Question, bool) {
	qf, ok := r.fields(n, "question", []string{"id", "section", "kind", "text", "options"}, []string{"short", "help", "enable_when", "unanswered_reads_as"})
	if !ok {
		return Question{}, false
	}
	q := Question{ID: r.id(qf["id"], "question id"), Pos: posOf(n)}
	what := fmt.Sprintf("question %q", q.ID)
	q.Section = r.str(qf["section"], what+" section")
	switch k := r.str(qf["kind"], what+" kind"); k {
	case string(Single), string(Multi):
		q.Kind = Kind(k)
	case "":
	default:
		r.errorf(qf["kind"], "%s kind %q is not allowed; use single or multi", what, k)
	}
	q.Text = r.str(qf["text"], what+" text")
	q.Help = r.optStr(qf["help"], what+" help")
	q.Short = r.optLine(qf["short"], what+" short")
	if q.Short == "" {
		q.Short = q.Text
	}
	for _, on := range r.seq(qf["options"], what+" options") {
		of, ok := r.fields(on, what+" option", []string{"id", "label"}, []string{"help", "kept_for_old_files", "counts_as"})
		if !ok {
			continue
		}
		o := Option{
			ID:    r.id(of["id"], what+" option id"),
			Label: r.line(of["label"], what+" option label"),
			Help:  r.optStr(of["help"], what+" option help"),
			Pos:   posOf(on),
		}
		ow := fmt.Sprintf("%s option %q", what, o.ID)
		o.KeptForOldFiles = r.boolean(of["kept_for_old_files"], ow+" kept_for_old_files")
		if cn := of["counts_as"]; cn != nil {
			o.countsAsPos = posOf(cn)
			if cn.Kind == yaml.SequenceNode && len(cn.Content) == 0 {
				r.errorf(cn, "%s counts_as: list at least one option of %q, or leave counts_as out", ow, q.ID)
			}
			for _, it := range r.seq(cn, ow+" counts_as") {
				if id := r.id(it, ow+" counts_as option"); id != "" {
					o.CountsAs = append(o.CountsAs, id)
				}
			}
		}
		q.Options = append(q.Options, o)
	}
	if en := qf["enable_when"]; en != nil {
		c := r.cond(en, what+" enable_when", 0)
		q.EnableWhen = &c
	}
	if rn := qf["unanswered_reads_as"]; rn != nil {
		q.UnansweredReadsAs = r.id(rn, what+" unanswered_reads_as")
		q.readsAsPos = posOf(rn)
	}
	return q, true
}

func (r *reader) deficiency(n *yaml.Node) (Deficiency, bool) {
	df, ok := r.fields(n, "deficiency",
		[]string{"id", "name", "role", "mechanism", "symptoms", "risks", "tests", "foods", "prior", "sources", "rules"}, []string{"food_notes", "causes"})
	if !ok {
		return Deficiency{}, false
	}
	d := Deficiency{ID: r.id(df["id"], "deficiency id"), Pos: posOf(n)}
	what := fmt.Sprintf("deficiency %q", d.ID)
	d.Name = r.line(df["name"], what+" name")
	d.Role = r.str(df["role"], what+" role")
	d.Mechanism = r.str(df["mechanism"], what+" mechanism")
	d.Symptoms = r.strs(df["symptoms"], what+" symptoms")
	d.Risks = r.strs(df["risks"], what+" risks")
	d.Tests = r.strs(df["tests"], what+" tests")
	d.Foods = r.strs(df["foods"], what+" foods")
	d.Sources = r.strs(df["sources"], what+" sources")
	for _, cn := range r.seq(df["food_notes"], what+" food_notes") {
		if c, ok := r.caveat(cn, what+" food note", true); ok {
			d.FoodNotes = append(d.FoodNotes, c)
		}
	}
	for _, cn := range r.seq(df["causes"], what+" causes") {
		if nf, ok := r.fields(cn, what+" cause", []string{"text", "source"}, nil); ok {
			d.Causes = append(d.Causes, Note{Text: r.str(nf["text"], what+" cause text"), Source: r.source(nf["source"], what+" cause"), Pos: posOf(cn)})
		}
	}
	d.Prior, _ = r.num(df["prior"], what+" prior", MinPrior, MaxPrior)
	for i, rn := range r.seq(df["rules"], what+" rules") {
		rf, ok := r.fields(rn, what+" rule", []string{"when", "weight", "why", "source"}, []string{"id"})
		if !ok {
			continue
		}
		rule := Rule{ID: d.ID + "_" + strconv.Itoa(i+1), Pos: posOf(rn)}
		if rf["id"] != nil {
			rule.ID = r.id(rf["id"], what+" rule id")
		}
		rw := fmt.Sprintf("%s rule %q", what, rule.ID)
		rule.When = r.cond(rf["when"], rw+" when", 0)
		if w, ok := r.num(rf["weight"], rw+" weight", MinWeight, MaxWeight); ok {
			if w == 0 {
				r.errorf(rf["weight"], "%s weight must not be 0; remove the rule instead", rw)
			}
			rule.Weight = w
		}
		rule.Why = r.str(rf["why"], rw+" why")
		rule.Source = r.source(rf["source"], rw)
		d.Rules = append(d.Rules, rule)
	}
	return d, true
}

func (r *reader) trigger(n *yaml.Node) (Trigger, bool) {
	tf, ok := r.fields(n, "trigger", []string{"id", "name", "advice", "rules"}, []string{"advice_notes"})
	if !ok {
		return Trigger{}, false
	}
	t := Trigger{ID: r.id(tf["id"], "trigger id"), Pos: posOf(n)}
	what := fmt.Sprintf("trigger %q", t.ID)
	t.Name = r.line(tf["name"], what+" name")
	t.Advice = r.str(tf["advice"], what+" advice")
	for _, cn := range r.seq(tf["advice_notes"], what+" advice_notes") {
		if c, ok := r.caveat(cn, what+" advice note", false); ok {
			t.AdviceNotes = append(t.AdviceNotes, c)
		}
	}
	for _, rn := range r.seq(tf["rules"], what+" rules") {
		rf, ok := r.fields(rn, what+" rule", []string{"when", "strength", "why", "source"}, nil)
		if !ok {
			continue
		}
		tr := TriggerRule{Pos: posOf(rn), When: r.cond(rf["when"], what+" rule when", 0)}
		switch s := Strength(r.str(rf["strength"], what+" rule strength")); s {
		case Weak, Moderate, Strong:
			tr.Strength = s
		case "":
		default:
			r.errorf(rf["strength"], "%s rule strength %q is not allowed; use weak, moderate or strong", what, s)
		}
		tr.Why = r.str(rf["why"], what+" rule why")
		tr.Source = r.source(rf["source"], what+" rule")
		t.Rules = append(t.Rules, tr)
	}
	return t, true
}

// caveat reads a food note (foods says how the foods are then shown) or
// an advice note (which replaces the advice).
func (r *reader) caveat(n *yaml.Node, what string, foods bool) (Caveat, bool) {
	required := []string{"when", "text", "source"}
	if foods {
		required = append(required, "foods")
	}
	cf, ok := r.fields(n, what, required, nil)
	if !ok {
		return Caveat{}, false
	}
	c := Caveat{
		When:   r.cond(cf["when"], what+" when", 0),
		Text:   r.str(cf["text"], what+" text"),
		Source: r.source(cf["source"], what),
		Pos:    posOf(n),
	}
	if foods {
		switch s := r.str(cf["foods"], what+" foods"); s {
		case "info":
			c.Foods = FoodsInfo
		case "hide":
			c.Foods = FoodsHidden
		case "":
		default:
			r.errorf(cf["foods"], "%s foods %q is not allowed; use info (shown as information, not the fix) or hide (not shown)", what, s)
		}
	}
	return c, true
}

// validID reports whether s is an id: 1 to 63 lower-case letters, digits
// and underscores, not starting with an underscore.
func validID(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// reserved words cannot be question IDs: they are condition operators.
var reserved = []string{"any", "all", "count"}

// validURL reports whether s is an absolute http(s) address with a host
// and nothing a terminal or a report could misread.
func validURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	if !ok || rest == "" || rest[0] == '/' || rest[0] == '.' {
		return false
	}
	host, _, _ := strings.Cut(rest, "/")
	if !strings.Contains(host, ".") {
		return false
	}
	for _, c := range s {
		if c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`' || c > 0x7e {
			return false
		}
	}
	return true
}

// citesIdentifier reports whether a print citation names a DOI, PMID or
// ISBN by which a reader can find it.
func citesIdentifier(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "doi:") || strings.Contains(l, "doi.org/") || strings.Contains(l, "pmid") || strings.Contains(l, "isbn")
}

// cond reads a condition:
//
//	question_id: option          the answer includes option
//	question_id: [a, b]          the answer includes a or b
//	any: [cond, ...]             at least one holds
//	all: [cond, ...]             every one holds
//	count: {question: q, at_least: n}
func (r *reader) cond(n *yaml.Node, what string, depth int) Cond {
	c := Cond{Pos: posOf(n)}
	if n == nil {
		return c
	}
	if depth > maxCondDepth {
		r.errorf(n, "%s is nested deeper than %d levels", what, maxCondDepth)
		return c
	}
	if n.Kind != yaml.MappingNode || len(n.Content) != 2 {
		r.errorf(n, "%s must be a mapping with exactly one key (a question id, any, all or count), got %s", what, kindName(n))
		return c
	}
	k, v := n.Content[0], n.Content[1]
	switch k.Value {
	case "any", "all":
		c.Op = OpAny
		if k.Value == "all" {
			c.Op = OpAll
		}
		subs := r.seq(v, what+" "+k.Value)
		if len(subs) == 0 && v.Kind == yaml.SequenceNode {
			r.errorf(v, "%s %s must list at least one condition", what, k.Value)
		}
		for _, s := range subs {
			c.Subs = append(c.Subs, r.cond(s, what, depth+1))
		}
	case "count":
		c.Op = OpCount
		if cf, ok := r.fields(v, what+" count", []string{"question", "at_least"}, nil); ok {
			c.Question = r.str(cf["question"], what+" count question")
			c.AtLeast, _ = r.integer(cf["at_least"], what+" count at_least", 1, maxOptions)
		}
	default:
		c.Op = OpAnswer
		c.Question = k.Value
		switch v.Kind {
		case yaml.ScalarNode:
			if s := r.str(v, what+" option"); s != "" {
				c.Options = []string{s}
			}
		case yaml.SequenceNode:
			c.Options = r.strs(v, what+" options")
			if len(c.Options) == 0 && len(v.Content) == 0 {
				r.errorf(v, "%s: list at least one option of %q", what, c.Question)
			}
		default:
			r.errorf(v, "%s: the answer to %q must be an option id or a list of them, got %s", what, c.Question, kindName(v))
		}
	}
	return c
}
