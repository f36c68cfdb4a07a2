package report

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// HTML writes a printable report to take to a doctor: one self-contained
// HTML file (inline CSS with print styles, no scripts, nothing fetched: a
// Content-Security-Policy forbids it) that prints on one or two A4 or
// Letter pages. It holds the same content as the Markdown report, in the
// same order: the date and knowledge-base version; a skipped emergency
// check first; the triage level with every reason, its answers and
// source; the scores in words and the ranked deficiencies with their
// evidence, blood tests, causes and foods (as the result allows); other
// causes; triggers with advice; cautions; the answers given and those
// skipped; reassurance only where the result allows it; the references
// as links; and the disclaimer. Every text is cleaned of control
// characters and escaped.
func HTML(w io.Writer, a knowledge.Answers, res knowledge.Result, date time.Time, extra ...Diary) error {
	rb := a.RuleBase()
	h := &htmlDoc{refs: &refList{}}
	day := date.Format("2 January 2006")

	h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n")
	h.raw("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	h.raw("<title>")
	h.text("twitchcheck report, " + day)
	h.raw("</title>\n<style>\n" + htmlStyle + "</style>\n</head>\n<body>\n")

	h.raw("<header><h1>twitchcheck report</h1><p class=\"meta\">")
	h.text(fmt.Sprintf("%s · knowledge base %s (%s) · %d of %d questions answered", day, rb.Version, rb.Date, a.Count(), a.Count()+len(unanswered(a))))
	h.raw("</p></header>\n")

	if res.Triage.Skipped() {
		h.raw("<section class=\"box danger\"><h2>")
		h.text(SkippedHeading)
		h.raw("</h2><p>")
		h.text(rb.Skipped.Reason)
		h.raw("</p><p>")
		h.text(SignsIntro)
		h.raw("</p><ul>")
		for _, s := range rb.EmergencySigns() {
			h.li(SignLine(s))
		}
		h.raw("</ul></section>\n")
	}

	h.raw("<section class=\"box triage level-" + attrClass(res.Triage.Level) + "\"><h2>")
	h.text(TriageLine(rb, res.Triage.Level))
	h.raw("</h2><p class=\"action\">")
	h.text(rb.Level(res.Triage.Level).Action)
	h.raw("</p>")
	if len(res.Triage.Flags) == 0 {
		h.raw("<p>No red flags were raised by the answers.</p>")
	} else {
		h.raw("<ul class=\"flags\">")
		for _, f := range res.Triage.Flags {
			h.raw("<li><b>")
			h.text(LevelLabel(rb, f.Level))
			h.raw("</b>: ")
			h.text(f.Reason)
			h.cite(f.Source)
			h.raw(" <i>What to do:</i> ")
			h.text(f.Action)
			h.raw(" <span class=\"because\">(")
			h.text(strings.TrimSuffix(FlagAnswers(rb, f), "."))
			h.raw(")</span></li>")
		}
		h.raw("</ul>")
	}
	h.raw("</section>\n")

	h.raw("<section><h2>What the answers may point to</h2><p class=\"note\">")
	h.text(ScoreLegend(rb))
	h.raw("</p>")
	var unlikely []string
	shown := 0
	for i, d := range res.Deficiencies {
		if d.Band == knowledge.BandUnlikely {
			unlikely = append(unlikely, fmt.Sprintf("%s %d", d.Name, d.Score))
			continue
		}
		if shown == 0 {
			h.raw("<table class=\"scores\"><thead><tr><th>#</th><th>Nutrient</th><th>Score</th><th>Band</th><th>Blood tests to ask about</th></tr></thead><tbody>")
		}
		shown++
		h.raw("<tr><td>" + strconv.Itoa(i+1) + "</td><td>")
		h.text(d.Name)
		h.raw("</td><td class=\"score\"><span class=\"bar\"><span style=\"width:" + strconv.Itoa(max(0, min(100, d.Score))) + "%\"></span></span> " + strconv.Itoa(d.Score) + "</td><td>")
		h.text(d.Band)
		h.raw("</td><td>")
		h.text(strings.Join(d.Tests, ", "))
		h.raw("</td></tr>")
	}
	if shown > 0 {
		h.raw("</tbody></table>\n")
	}
	if len(unlikely) > 0 {
		h.raw("<p>")
		h.text("Unlikely from the answers: " + strings.Join(unlikely, ", ") + ".")
		h.raw("</p>\n")
	}
	for _, d := range res.Deficiencies {
		if d.Band == knowledge.BandUnlikely {
			continue
		}
		h.raw("<div class=\"def\"><h3>")
		h.text(fmt.Sprintf("%s: %d (%s)", d.Name, d.Score, d.Band))
		h.raw("</h3><p class=\"evidence\">")
		h.text(fmt.Sprintf("Starts at %d before any answer.", d.Baseline))
		for _, e := range d.Evidence {
			h.raw(" <b>")
			h.text(signed(e.Points) + " " + AnswerLabels(rb, e.Answers()))
			h.raw("</b>: ")
			h.text(e.Rule.Why)
			h.cite(e.Rule.Source)
		}
		h.raw("</p>")
		for _, c := range d.Causes {
			h.raw("<p>")
			h.text("A doctor looks for: " + c.Text)
			h.cite(c.Source)
			h.raw("</p>")
		}
		if line := FoodsLine(d); line != "" {
			h.raw("<p>")
			h.text(line + ".")
			h.raw("</p>")
		}
		for _, n := range d.FoodNotes {
			h.raw("<p class=\"warn\">")
			h.text(n.Text)
			h.cite(n.Source)
			h.raw("</p>")
		}
		h.raw("</div>\n")
	}
	h.raw("</section>\n")

	if len(res.Others) > 0 {
		h.raw("<section><h2>Other causes a doctor may consider</h2><ul>")
		for _, o := range res.Others {
			h.raw("<li><b>")
			h.text(o.Name)
			h.raw("</b>: ")
			h.text(o.Text)
			h.cite(o.Source)
			if len(o.Tests) > 0 {
				h.text(" Tests: " + strings.Join(o.Tests, ", ") + ".")
			}
			h.raw("</li>")
		}
		h.raw("</ul></section>\n")
	}

	h.raw("<section><h2>Lifestyle triggers</h2>")
	if len(res.Triggers) == 0 {
		h.raw("<p>None of the answers point to a lifestyle trigger.</p>")
	} else {
		h.raw("<ul>")
		for _, t := range res.Triggers {
			h.raw("<li><b>")
			h.text(fmt.Sprintf("%s (%s)", t.Name, t.Strength))
			h.raw("</b>: ")
			h.text(t.Why)
			for _, s := range t.Sources {
				h.cite(s)
			}
			h.raw(" <i>What to do:</i> ")
			if t.AdviceShown() {
				h.text(t.Advice)
			}
			for _, n := range t.AdviceNotes {
				h.text(n.Text)
				h.cite(n.Source)
				h.raw(" ")
			}
			h.raw("</li>")
		}
		h.raw("</ul>")
	}
	h.raw("</section>\n")

	if len(res.Cautions) > 0 {
		h.raw("<section><h2>Cautions</h2><ul>")
		for _, c := range res.Cautions {
			h.raw("<li class=\"warn\">")
			h.text(c.Text)
			h.cite(c.Source)
			h.raw("</li>")
		}
		h.raw("</ul></section>\n")
	}

	h.raw("<section class=\"answers\"><h2>Answers given</h2><ul>")
	for i := range rb.Questions {
		q := &rb.Questions[i]
		labels := ChosenLabels(a, q)
		if labels == "" {
			continue
		}
		h.raw("<li><b>")
		h.text(q.Short)
		h.raw(":</b> ")
		h.text(labels)
		h.raw("</li>")
	}
	h.raw("</ul>")
	if un := unanswered(a); len(un) > 0 {
		names := make([]string, len(un))
		for i, id := range un {
			names[i] = rb.Question(id).Short
		}
		h.raw("<p class=\"note\"><b>Not answered (unknown, not \"no\"):</b> ")
		h.text(strings.Join(names, " · "))
		h.raw("</p>")
	}
	h.raw("</section>\n")

	if len(res.Reassurance) > 0 {
		h.raw("<section><h2>Good to know</h2><ul>")
		for _, n := range res.Reassurance {
			h.raw("<li>")
			h.text(n.Text)
			h.cite(n.Source)
			h.raw("</li>")
		}
		h.raw("</ul></section>\n")
	}

	h.raw("<section class=\"refs\"><h2>References</h2><ol>")
	for _, id := range h.refs.ids {
		s := rb.Source(id)
		if s == nil {
			h.li(id)
			continue
		}
		h.raw("<li>")
		h.text(s.Title + ". " + s.Publisher + ".")
		if s.Citation != "" {
			h.text(" " + s.Citation + ".")
		}
		if s.URL != "" {
			h.raw(" ")
			h.link(s.URL)
		}
		h.raw("</li>")
	}
	h.raw("</ol></section>\n")

	h.diary(rb, extra)
	h.raw("<footer><h2>Disclaimer</h2><p>")
	h.text(rb.Disclaimer)
	h.raw("</p></footer>\n</body>\n</html>\n")
	_, err := w.Write(h.b.Bytes())
	return err
}

// htmlDoc builds an HTML document: raw markup, escaped text, reference
// marks and links.
type htmlDoc struct {
	b    bytes.Buffer
	refs *refList
}

func (h *htmlDoc) raw(s string) { h.b.WriteString(s) }

// text writes file-derived text: cleaned of control and bidi characters,
// then escaped.
func (h *htmlDoc) text(s string) { h.b.WriteString(html.EscapeString(Clean(s))) }

func (h *htmlDoc) li(s string) {
	h.raw("<li>")
	h.text(s)
	h.raw("</li>")
}

// cite writes the reference mark of source id.
func (h *htmlDoc) cite(id string) {
	h.raw(" <sup class=\"ref\">")
	h.text(h.refs.cite(id))
	h.raw("</sup>")
}

// link writes an address as a link when it is a plain http or https URL,
// and as text otherwise.
func (h *htmlDoc) link(addr string) {
	u, err := url.Parse(addr)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || Clean(addr) != addr {
		h.text(addr)
		return
	}
	h.raw("<a href=\"" + html.EscapeString(u.String()) + "\">")
	h.text(strings.TrimPrefix(strings.TrimPrefix(addr, "https://"), "http://"))
	h.raw("</a>")
}

// attrClass keeps an id safe in a class name: letters, digits, _ and -.
func attrClass(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			return r
		}
		return '_'
	}, id)
}

// htmlStyle is the report's whole style: compact, readable in black and
// white, and sized to print on one or two pages.
const htmlStyle = `@page { margin: 9mm 10mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 7.5pt; line-height: 1.2; color: #111; margin: 0 auto; max-width: 190mm; }
@media screen { body { padding: 8mm; } }
h1 { font-size: 14pt; margin: 0; }
h2 { font-size: 9.5pt; margin: 2mm 0 0.6mm; border-bottom: 0.3mm solid #999; break-after: avoid; }
h3 { font-size: 8.6pt; margin: 1.5mm 0 0.3mm; break-after: avoid; }
p { margin: 0.6mm 0; }
ul, ol { margin: 0.4mm 0; padding-left: 4.5mm; }
li { margin: 0.2mm 0; }
table { border-collapse: collapse; width: 100%; margin: 0.8mm 0; }
th, td { border: 0.2mm solid #aaa; padding: 0.4mm 1.2mm; text-align: left; vertical-align: top; }
thead th { background: #eee; }
.meta { font-weight: bold; margin: 0.5mm 0 1mm; }
.note { color: #333; }
.box { border: 0.5mm solid #555; padding: 1.2mm 2.2mm; margin: 1.5mm 0; }
.box h2 { border: 0; margin-top: 0; font-size: 11pt; }
.danger, .level-emergency, .level-urgent { border-color: #a00; background: #fdecec; }
.level-see_doctor { border-color: #a60; background: #fff6e5; }
.action { font-weight: bold; }
.because { color: #333; }
.score { white-space: nowrap; }
.bar { display: inline-block; width: 20mm; height: 2mm; border: 0.2mm solid #555; vertical-align: middle; }
.bar span { display: block; height: 100%; background: #444; }
.warn { font-style: italic; }
.ref { font-size: 6pt; }
.answers ul { columns: 2; column-gap: 6mm; list-style: none; padding: 0; }
.answers li { break-inside: avoid; }
.refs ol { columns: 2; column-gap: 5mm; font-size: 6.2pt; padding-left: 5mm; }
.refs li { break-inside: avoid; }
.refs a { color: #124; word-break: break-all; }
footer { margin-top: 2mm; }
footer h2 { font-size: 9pt; }
`
