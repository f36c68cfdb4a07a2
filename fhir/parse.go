package fhir

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// IsResource reports whether data looks like a FHIR resource in JSON: an
// object with a "resourceType". An answers map never has that key, since
// question ids are lower case.
func IsResource(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n")
	return len(t) > 0 && t[0] == '{' && bytes.Contains(data, []byte(`"resourceType"`))
}

// bom is the UTF-8 byte-order mark some editors write first.
var bom = []byte("\xef\xbb\xbf")

// Elements of a QuestionnaireResponse, its items, answers and codings that
// are read or allowed. Any other element is refused: FHIR readers must not
// ignore what they do not know. modifierExtension and implicitRules change
// a resource's meaning, so they are refused too.
var (
	responseKeys = []string{"resourceType", "id", "meta", "language", "text", "contained", "extension", "identifier", "basedOn", "partOf", "questionnaire", "status", "subject", "encounter", "authored", "author", "source", "item"}
	itemKeys     = []string{"id", "extension", "linkId", "definition", "text", "answer", "item"}
	answerKeys   = []string{"id", "extension", "item", "valueBoolean", "valueDecimal", "valueInteger", "valueDate", "valueDateTime", "valueTime", "valueString", "valueUri", "valueAttachment", "valueCoding", "valueQuantity", "valueReference"}
	codingKeys   = []string{"id", "extension", "system", "version", "code", "display", "userSelected"}
	modifierKeys = []string{"modifierExtension", "implicitRules"}
)

// responseReader reads one QuestionnaireResponse and collects problems.
type responseReader struct {
	rb     *knowledge.RuleBase
	name   string
	probs  knowledge.Problems
	more   int
	groups map[string]bool // linkIds of groups and display items
	found  map[string]*node
	order  []string
	codes  map[string][]string
	// version is the questionnaire version the response names, when it
	// is not the rule base's: read all the same, by its codes.
	version     string
	versionNode *node
}

// ParseQuestionnaireResponse reads a FHIR R4 QuestionnaireResponse (JSON)
// for the questionnaire of rb and returns its answers: the answers of
// ReadQuestionnaireResponse, which see.
func ParseQuestionnaireResponse(rb *knowledge.RuleBase, name string, data []byte) (knowledge.Answers, error) {
	resp, err := ReadQuestionnaireResponse(rb, name, data)
	return resp.Answers, err
}

// ReadQuestionnaireResponse reads a FHIR R4 QuestionnaireResponse (JSON)
// for the questionnaire of rb and returns its answers and its context
// (subject, author, encounter, authored). name is used in messages. It
// refuses, with the position and what is allowed: anything but one JSON
// object (trailing content included), a resource of another type, another
// questionnaire or version, an unknown linkId, an answer that is not a
// Coding of the question's code system, an unknown code, a question
// answered twice, every answer the answers contract refuses, a reference
// that is not a literal reference to a resource of the allowed type, and
// an authored that is not a FHIR dateTime. The error is
// knowledge.Problems. Input past knowledge.MaxAnswersBytes is refused
// before reading.
func ReadQuestionnaireResponse(rb *knowledge.RuleBase, name string, data []byte) (Response, error) {
	r := &responseReader{rb: rb, name: name, found: map[string]*node{}, codes: map[string][]string{}}
	fail := func(n *node, format string, args ...any) (Response, error) {
		_, err := r.fail(n, format, args...)
		return Response{}, err
	}
	root, err := parseStrictJSON(name, data)
	if err != nil {
		return Response{}, err
	}
	if root.kind != 'o' {
		return fail(root, "a QuestionnaireResponse is a JSON object, got %s", root.kindName())
	}
	if rt := root.get("resourceType"); rt == nil || rt.kind != 's' {
		return fail(root, "not a FHIR resource: it has no resourceType; want \"QuestionnaireResponse\"")
	} else if rt.str != "QuestionnaireResponse" {
		return fail(rt, "is a FHIR %s, not a QuestionnaireResponse; assess reads a QuestionnaireResponse for the questionnaire of 'twitchcheck rules export --format fhir'", quote(rt.str))
	}
	r.checkKeys(root, "QuestionnaireResponse", responseKeys)
	r.questionnaire(root.get("questionnaire"), root)
	r.status(root.get("status"), root)
	ctx := r.context(root)
	r.groups = map[string]bool{}
	for _, g := range Questionnaire(rb).Item {
		r.groups[g.LinkID] = true
		for _, it := range g.Item {
			for _, h := range it.Item {
				r.groups[h.LinkID] = true
			}
		}
	}
	if items := root.get("item"); items != nil {
		r.items(items)
	}
	r.versionNote()
	if len(r.probs) > 0 {
		return Response{}, r.problems()
	}
	a := knowledge.NewAnswers(rb)
	for _, qid := range r.order {
		if msg := noneWithOthers(rb.Question(qid), r.codes[qid]); msg != "" {
			r.errorf(r.found[qid], "%s", msg)
			continue
		}
		b, err := a.With(qid, r.codes[qid]...)
		if err != nil {
			r.errorf(r.found[qid], "%v", err)
			continue
		}
		a = b
	}
	if len(r.probs) > 0 {
		return Response{}, r.problems()
	}
	return Response{Answers: a, Context: ctx}, nil
}

// noneWithOthers explains an exclusive "none" given with other options of
// a multiple-choice question, in the form's words: the item's text and
// linkId and each option's display text and code. Some renderers do not
// support the optionExclusive extension and let a person choose both.
func noneWithOthers(q *knowledge.Question, codes []string) string {
	if q == nil || q.Kind != knowledge.Multi || len(codes) < 2 || !slices.Contains(codes, knowledge.NoneOption) {
		return ""
	}
	option := func(code string) string {
		label := code
		if i := q.OptionIndex(code); i >= 0 {
			label = q.Options[i].Label
		}
		return fmt.Sprintf("%s (code %s)", quote(text(label)), strconv.Quote(code))
	}
	var others []string
	for _, c := range codes {
		if c != knowledge.NoneOption {
			others = append(others, option(c))
		}
	}
	none := quote(text(q.Options[q.OptionIndex(knowledge.NoneOption)].Label))
	return fmt.Sprintf("item %s (linkId %s) has both %s and %s; %s is exclusive (the optionExclusive extension) and cannot be given with another answer. Keep only %s, or remove it and keep the other answers. Some form renderers (LHC-Forms among them) do not enforce optionExclusive, so a form can let a person choose both",
		quote(text(q.Text)), strconv.Quote(q.ID), option(knowledge.NoneOption), strings.Join(others, ", "), none, none)
}

// questionnaire checks the reference to the questionnaire: twitchcheck's
// canonical URL, and its version when one is given.
func (r *responseReader) questionnaire(n, root *node) {
	want := canonical(r.rb)
	if n == nil {
		r.errorf(root, "names no questionnaire; want \"questionnaire\": %s", strconv.Quote(want))
		return
	}
	if n.kind != 's' {
		r.errorf(n, "questionnaire must be a string, got %s; want %s", n.kindName(), strconv.Quote(want))
		return
	}
	u, version, hasVersion := strings.Cut(n.str, "|")
	if u != QuestionnaireURL {
		r.errorf(n, "is for questionnaire %s, not twitchcheck's (%s)", quote(u), QuestionnaireURL)
		return
	}
	if !hasVersion {
		return
	}
	if v, err := url.PathUnescape(version); err == nil {
		version = v
	}
	// Another version is read by its codes: every version keeps the codes
	// of those before it. Only if some answer does not fit is the version
	// named, as the likely reason.
	if version != r.rb.Version {
		r.version, r.versionNode = version, n
	}
}

// versionNote names the response's other questionnaire version when some
// of its answers do not fit this rule base.
func (r *responseReader) versionNote() {
	if len(r.probs) == 0 || r.versionNode == nil {
		return
	}
	r.errorf(r.versionNode, "is for version %s of the questionnaire, and this rule base is version %s: every answer of an older version is still read, so the answers that do not fit may come from a newer one; answer the questionnaire of this version (twitchcheck rules export --format fhir), or assess with the rule base of that version (--rules FILE)", quote(r.version), strconv.Quote(r.rb.Version))
}

// status checks the response's status.
func (r *responseReader) status(n, root *node) {
	const allowed = "completed, in-progress, amended or stopped"
	switch {
	case n == nil:
		r.errorf(root, "has no status; want one of: %s", allowed)
	case n.kind != 's':
		r.errorf(n, "status must be a string, got %s; want one of: %s", n.kindName(), allowed)
	case n.str == "entered-in-error":
		r.errorf(n, "is marked entered-in-error: it must not be used")
	case n.str != "completed" && n.str != "in-progress" && n.str != "amended" && n.str != "stopped":
		r.errorf(n, "unknown status %s; want one of: %s", quote(n.str), allowed)
	}
}

// items walks a list of items, at any depth.
func (r *responseReader) items(n *node) {
	if n.kind != 'a' {
		r.errorf(n, "item must be a list, got %s", n.kindName())
		return
	}
	for _, it := range n.vals {
		r.item(it)
	}
}

// item reads one item: a group or display item (whose children are read),
// or a question with its answers.
func (r *responseReader) item(it *node) {
	if it.kind != 'o' {
		r.errorf(it, "an item must be an object, got %s", it.kindName())
		return
	}
	r.checkKeys(it, "item", itemKeys)
	link := it.get("linkId")
	if link == nil || link.kind != 's' {
		r.errorf(it, "an item has no linkId (a string)")
		return
	}
	qid := link.str
	q := r.rb.Question(qid)
	switch {
	case q != nil:
		r.question(q, it, link)
	case r.groups[qid]:
		if ans := it.get("answer"); ans != nil {
			r.errorf(ans, "item %s is a group or a text, not a question: it takes no answer", quote(qid))
		}
	default:
		r.errorf(link, "unknown linkId %s; the questionnaire's questions are: %s", quote(qid), strings.Join(questionIDs(r.rb), ", "))
		return
	}
	if sub := it.get("item"); sub != nil {
		r.items(sub)
	}
}

// question reads the answers to question q.
func (r *responseReader) question(q *knowledge.Question, it, link *node) {
	if _, dup := r.found[q.ID]; dup {
		r.errorf(link, "question %s is answered twice; give all its answers in one item", quote(q.ID))
		return
	}
	r.found[q.ID] = it
	r.order = append(r.order, q.ID)
	ans := it.get("answer")
	if ans == nil {
		return // no answer: unknown
	}
	if ans.kind != 'a' {
		r.errorf(ans, "answer of %s must be a list, got %s", quote(q.ID), ans.kindName())
		return
	}
	system := AnswerSystem(q.ID)
	for _, a := range ans.vals {
		if a.kind != 'o' {
			r.errorf(a, "an answer of %s must be an object, got %s", quote(q.ID), a.kindName())
			continue
		}
		r.checkKeys(a, "answer", answerKeys)
		if sub := a.get("item"); sub != nil {
			r.items(sub)
		}
		c := a.get("valueCoding")
		if c == nil {
			r.errorf(a, "question %s takes a coded answer (valueCoding with system %s and one of the codes %s)", quote(q.ID), system, strings.Join(q.OptionIDs(), ", "))
			continue
		}
		if c.kind != 'o' {
			r.errorf(c, "valueCoding must be an object, got %s", c.kindName())
			continue
		}
		r.checkKeys(c, "valueCoding", codingKeys)
		sys, code := c.get("system"), c.get("code")
		switch {
		case sys == nil || sys.kind != 's':
			r.errorf(c, "the answer of %s has no code system; want \"system\": %s", quote(q.ID), strconv.Quote(system))
		case sys.str != system:
			r.errorf(sys, "the answer of %s is coded in %s; want %s", quote(q.ID), quote(sys.str), system)
		case code == nil || code.kind != 's':
			r.errorf(c, "the answer of %s has no code; allowed: %s", quote(q.ID), strings.Join(q.OptionIDs(), ", "))
		case q.OptionIndex(code.str) < 0:
			r.errorf(code, "question %s: unknown code %s; allowed: %s", quote(q.ID), quote(code.str), strings.Join(q.OptionIDs(), ", "))
		default:
			r.codes[q.ID] = append(r.codes[q.ID], code.str)
		}
	}
}

// checkKeys refuses elements of an object that are not in allowed (nor
// their "_" primitive extensions), and the modifier elements.
func (r *responseReader) checkKeys(n *node, what string, allowed []string) {
	for i, k := range n.keys {
		base := strings.TrimPrefix(k, "_")
		switch {
		case slices.Contains(modifierKeys, base):
			r.errorf(n.vals[i], "%s has %s, which can change its meaning in ways twitchcheck cannot know; remove it", what, k)
		case !slices.Contains(allowed, base):
			r.errorf(n.vals[i], "unknown element %s in %s; allowed: %s", quote(k), what, strings.Join(allowed, ", "))
		}
	}
}

func questionIDs(rb *knowledge.RuleBase) []string {
	ids := make([]string, len(rb.Questions))
	for i, q := range rb.Questions {
		ids[i] = q.ID
	}
	return ids
}

// fail records one problem and returns them.
func (r *responseReader) fail(n *node, format string, args ...any) (knowledge.Answers, error) {
	r.errorf(n, format, args...)
	return knowledge.Answers{}, r.problems()
}

func (r *responseReader) errorf(n *node, format string, args ...any) {
	var at knowledge.Pos
	if n != nil {
		at = n.pos
	}
	r.errorAt(at, format, args...)
}

// errorAt records a problem at p (no position when p is zero).
func (r *responseReader) errorAt(p knowledge.Pos, format string, args ...any) {
	if len(r.probs) >= knowledge.MaxProblems {
		r.more++
		return
	}
	r.probs = append(r.probs, knowledge.Problem{File: r.name, Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// problems returns the problems found, sorted by position as knowledge
// sorts a file's problems (those without a position first, the order of
// problems at one position kept), with a last one counting those past
// knowledge.MaxProblems.
func (r *responseReader) problems() knowledge.Problems {
	ps := r.probs
	slices.SortStableFunc(ps, func(a, b knowledge.Problem) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	if r.more > 0 {
		ps = append(ps, knowledge.Problem{File: r.name, Msg: fmt.Sprintf("… and %d more problems", r.more)})
	}
	return ps
}

// quote quotes a text from the input for a message: escaped (so no
// control character reaches a terminal) and cut to a readable length.
func quote(s string) string {
	const maxRunes = 120
	if utf8.RuneCountInString(s) > maxRunes {
		s = string([]rune(s)[:maxRunes]) + "…"
	}
	return strconv.QuoteToGraphic(s)
}
