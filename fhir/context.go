package fhir

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Context is who and when of a QuestionnaireResponse read from a file:
// carried into the Bundle of its assessment, so that a clinic system files
// the result with the right person and the time the answers were given.
// The zero Context means none was given.
type Context struct {
	// Subject is the person the answers are about: a Patient.
	Subject *Reference
	// Author is who wrote the answers down.
	Author *Reference
	// Encounter is the encounter the answers were given in.
	Encounter *Reference
	// Authored is when the answers were last changed, a FHIR dateTime
	// as given.
	Authored string
}

// IsZero reports whether c holds nothing.
func (c Context) IsZero() bool {
	return c.Subject == nil && c.Author == nil && c.Encounter == nil && c.Authored == ""
}

// Response is a QuestionnaireResponse read: its answers and its context.
type Response struct {
	Answers knowledge.Answers
	Context Context
}

// Limits of the context's elements, checked before anything is kept.
const (
	maxReferenceBytes = 1024
	maxDisplayRunes   = 200
	maxDateTimeBytes  = 40
)

// The resource types each reference may point to (FHIR R4: the
// questionnaire's subjectType, QuestionnaireResponse.author and .encounter,
// and what RiskAssessment.subject and Flag.subject accept).
var (
	subjectTypes   = []string{"Patient"}
	authorTypes    = []string{"Device", "Practitioner", "PractitionerRole", "Patient", "RelatedPerson", "Organization"}
	encounterTypes = []string{"Encounter"}
	referenceKeys  = []string{"reference", "type", "display"}
)

// The shapes of a literal reference (FHIR R4 References): relative
// (Type/id), absolute (an http or https base, then Type/id), or a
// urn:uuid or urn:oid, whose type is then given by "type". A
// version-specific reference (…/_history/N) is refused: FHIR validators
// disagree on it where a reference's type is checked.
// Each is compiled when a reference is read, not at start-up: a
// response with who and when is read once.
func typeRe() *regexp.Regexp { return regexp.MustCompile(`^[A-Z][A-Za-z]{1,63}$`) }
func relativeRe() *regexp.Regexp {
	return regexp.MustCompile(`^([A-Z][A-Za-z]{1,63})/[A-Za-z0-9\-.]{1,64}$`)
}
func absoluteRe() *regexp.Regexp {
	return regexp.MustCompile(`^https?://[A-Za-z0-9\-.]+(:[0-9]{1,5})?(/[A-Za-z0-9\-._~%!$&'()*+,;=:@]+)*/([A-Z][A-Za-z]{1,63})/[A-Za-z0-9\-.]{1,64}$`)
}
func urnRe() *regexp.Regexp {
	return regexp.MustCompile(`^urn:(uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|oid:[0-2](\.(0|[1-9][0-9]*))+)$`)
}
func dateTimeRe() *regexp.Regexp {
	return regexp.MustCompile(`^([0-9]{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]{1,9})?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$`)
}

// referenceEg is an example reference for each field, in messages.
func referenceEg(field string) string {
	switch field {
	case "subject":
		return "Patient/123"
	case "author":
		return "Practitioner/456"
	case "encounter":
		return "Encounter/789"
	}
	return "Patient/123"
}

// context reads the response's subject, author, encounter and authored.
func (r *responseReader) context(root *node) Context {
	return Context{
		Subject:   r.reference(root.get("subject"), "subject", subjectTypes),
		Author:    r.reference(root.get("author"), "author", authorTypes),
		Encounter: r.reference(root.get("encounter"), "encounter", encounterTypes),
		Authored:  r.dateTime(root.get("authored"), "authored"),
	}
}

// reference reads the Reference in element field, which may point to a
// resource of one of types. It keeps "reference", "type" and "display";
// anything else is refused, since a reference twitchcheck cannot carry
// whole would be carried wrong.
func (r *responseReader) reference(n *node, field string, types []string) *Reference {
	if n == nil {
		return nil
	}
	if n.kind != 'o' {
		r.errorf(n, "%s must be a Reference (an object with \"reference\": %s), got %s", field, strconv.Quote(referenceEg(field)), n.kindName())
		return nil
	}
	bad := false
	for i, k := range n.keys {
		if !slices.Contains(referenceKeys, k) {
			r.errorf(n.vals[i], "%s has the element %s, which twitchcheck does not carry; %s is carried as \"reference\" (e.g. %s), \"type\" and \"display\" only", field, quote(k), field, strconv.Quote(referenceEg(field)))
			bad = true
		}
	}
	ref, typ, disp := n.get("reference"), n.get("type"), n.get("display")
	out := &Reference{}
	declared := ""
	if typ != nil {
		switch {
		case typ.kind != 's' || !typeRe().MatchString(typ.str):
			r.errorf(typ, "%s.type must be a FHIR resource type; allowed: %s", field, strings.Join(types, ", "))
			bad = true
		case !slices.Contains(types, typ.str):
			r.errorf(typ, "%s.type is %s; %s may only point to: %s", field, quote(typ.str), field, strings.Join(types, ", "))
			bad = true
		default:
			declared = typ.str
		}
	}
	if ref != nil {
		if s, ok := r.referenceString(ref, field, types, declared); ok {
			out.Reference = s
		} else {
			bad = true
		}
	}
	if disp != nil {
		if s, ok := r.displayString(disp, field); ok {
			out.Display = s
		} else {
			bad = true
		}
	}
	if !bad && ref == nil && disp == nil {
		r.errorf(n, "%s has neither \"reference\" nor \"display\"; give \"reference\": %s, or leave %s out", field, strconv.Quote(referenceEg(field)), field)
		return nil
	}
	if bad {
		return nil
	}
	out.Type = declared
	return out
}

// referenceString checks a literal reference's shape and the type it
// points to against types and against the declared "type".
func (r *responseReader) referenceString(n *node, field string, types []string, declared string) (string, bool) {
	const shapes = "a relative reference (Type/id), an absolute http(s) URL ending in Type/id, or a urn:uuid or urn:oid with \"type\""
	if n.kind != 's' {
		r.errorf(n, "%s.reference must be a string, got %s; want %s, e.g. %s", field, n.kindName(), shapes, strconv.Quote(referenceEg(field)))
		return "", false
	}
	s := n.str
	if len(s) > maxReferenceBytes {
		r.errorf(n, "%s.reference is %d bytes; the limit is %d", field, len(s), maxReferenceBytes)
		return "", false
	}
	typ := ""
	switch {
	case relativeRe().MatchString(s):
		typ = relativeRe().FindStringSubmatch(s)[1]
	case absoluteRe().MatchString(s):
		m := absoluteRe().FindStringSubmatch(s)
		typ = m[len(m)-1]
	case urnRe().MatchString(s):
		if declared == "" {
			r.errorf(n, "%s.reference %s does not say what it points to; add \"type\" (allowed: %s)", field, quote(s), strings.Join(types, ", "))
			return "", false
		}
		return s, true
	case strings.Contains(s, "/_history/"):
		r.errorf(n, "%s.reference %s points to one version of a resource, which twitchcheck does not carry; give the reference without /_history/…, e.g. %s", field, quote(s), strconv.Quote(referenceEg(field)))
		return "", false
	case strings.HasPrefix(s, "#"):
		r.errorf(n, "%s.reference %s points to a contained resource, which twitchcheck does not carry; give %s", field, quote(s), shapes)
		return "", false
	default:
		r.errorf(n, "%s.reference %s is not a FHIR reference; want %s, e.g. %s", field, quote(s), shapes, strconv.Quote(referenceEg(field)))
		return "", false
	}
	switch {
	case !slices.Contains(types, typ):
		r.errorf(n, "%s.reference %s points to a %s; %s may only point to: %s", field, quote(s), typ, field, strings.Join(types, ", "))
		return "", false
	case declared != "" && declared != typ:
		r.errorf(n, "%s.reference %s points to a %s, but %s.type says %s", field, quote(s), typ, field, declared)
		return "", false
	}
	return s, true
}

// displayString checks a reference's display: a line of text, bounded,
// with no character that could act on a terminal.
func (r *responseReader) displayString(n *node, field string) (string, bool) {
	if n.kind != 's' {
		r.errorf(n, "%s.display must be a string, got %s", field, n.kindName())
		return "", false
	}
	s := n.str
	if c := utf8.RuneCountInString(s); c > maxDisplayRunes {
		r.errorf(n, "%s.display is %d characters; the limit is %d", field, c, maxDisplayRunes)
		return "", false
	}
	if strings.TrimSpace(s) == "" {
		r.errorf(n, "%s.display is empty; FHIR forbids empty strings: give a name or leave display out", field)
		return "", false
	}
	for i, c := range []rune(s) {
		if knowledge.UnsafeRune(c) || c == '\n' || c == '\t' || c == '\u2028' || c == '\u2029' {
			r.errorf(n, "%s.display holds the control or line-break character %U at character %d; a display is one line of text", field, c, i+1)
			return "", false
		}
	}
	return s, true
}

// dateTime checks a FHIR dateTime: a year, a month, a day, or a time to
// the second with a time zone, each a real date.
func (r *responseReader) dateTime(n *node, field string) string {
	const want = `YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss (optionally .fraction) with a time zone, Z or +hh:mm, e.g. "2026-12-05T14:30:00+01:00"`
	if n == nil {
		return ""
	}
	if n.kind != 's' {
		r.errorf(n, "%s must be a FHIR dateTime string, got %s; want %s", field, n.kindName(), want)
		return ""
	}
	s := n.str
	if len(s) > maxDateTimeBytes || !dateTimeRe().MatchString(s) {
		r.errorf(n, "%s %s is not a FHIR dateTime; want %s", field, quote(s), want)
		return ""
	}
	if !realDate(s) {
		r.errorf(n, "%s %s is not a date on the calendar; want %s", field, quote(s), want)
		return ""
	}
	return s
}

// realDate reports whether a string of dateTimeRe's shape names a real
// day (not 30 February). A leap second is taken as valid.
func realDate(s string) bool {
	if len(s) < len("2006-01-02") {
		return true // a year, or a year and month: the pattern settles them
	}
	_, err := time.Parse("2006-01-02", s[:10])
	return err == nil
}
