package report

import (
	"bytes"
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
// Letter pages. It holds the result document (see Build), dated, as every
// other rendering does, with the references as links. Every text is
// cleaned of control characters and escaped.
// A diary in extra adds its section: an inline SVG chart (no script,
// nothing fetched; it prints) and the table of its days.
func HTML(w io.Writer, a knowledge.Answers, res knowledge.Result, date time.Time, extra ...Diary) error {
	return WriteHTML(w, Build(a, res, Options{Date: date, Diary: diaryOf(extra)}), date.Format("2 January 2006"))
}

// WriteHTML writes a document as a printable HTML page titled with day.
func WriteHTML(w io.Writer, doc *Document, day string) error {
	h := &htmlDoc{}
	h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n")
	h.raw("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	h.raw("<title>")
	h.text("twitchcheck report, " + day)
	h.raw("</title>\n<style>\n" + htmlStyle + "</style>\n</head>\n<body>\n")
	for i, s := range doc.Sections {
		switch {
		case i == 0:
			h.raw("<header><h1>")
			h.text(s.Title)
			h.raw("</h1>")
			h.blocks(s.Blocks)
			h.raw("</header>\n")
			continue
		case s.ID == SectionSkipped:
			h.raw("<section class=\"box danger\">")
		case s.ID == SectionLevel:
			h.raw("<section class=\"box triage level-" + attrClass(doc.Level) + "\">")
		case s.ID == SectionReferences:
			h.raw("<section class=\"refs\">")
		case s.ID == SectionAnswers:
			h.raw("<section class=\"answers\">")
		default:
			h.raw("<section>")
		}
		h.raw("<h2>")
		h.text(s.Title)
		h.raw("</h2>")
		h.blocks(s.Blocks)
		h.raw("</section>\n")
	}
	h.raw("</body>\n</html>\n")
	_, err := w.Write(h.b.Bytes())
	return err
}

// blocks writes a section's blocks: items as lists, nutrients as a table
// with the details of those the answers point to after it.
func (h *htmlDoc) blocks(blocks []Block) {
	open := "" // the list element open: "ul", "ol" or ""
	setList := func(tag string) {
		if open == tag {
			return
		}
		if open != "" {
			h.raw("</" + open + ">")
		}
		if tag != "" {
			h.raw("<" + tag + ">")
		}
		open = tag
	}
	for i := 0; i < len(blocks); i++ {
		blk := blocks[i]
		switch blk.Kind {
		case Para, Lead, Note, SubHeading:
			setList("")
			h.raw("<p class=\"" + map[BlockKind]string{Para: "para", Lead: "action", Note: "note", SubHeading: "sub"}[blk.Kind] + "\">")
			h.text(blk.Text)
			h.cites(blk.Cites)
			h.raw("</p>")
		case Item, Warning, FlagItem, EvidenceItem, AnswerRow:
			setList("ul")
			h.item(blk)
		case ReferenceItem:
			setList("ol")
			h.raw("<li>")
			h.text(blk.Ref.Text)
			if blk.Ref.URL != "" {
				h.raw(" ")
				h.link(blk.Ref.URL)
			}
			h.raw("</li>")
		case DiaryDays:
			setList("")
			h.days(blk.Diary)
		case NutrientRow:
			setList("")
			var rows []Block
			for ; i < len(blocks) && blocks[i].Kind == NutrientRow; i++ {
				rows = append(rows, blocks[i])
			}
			i--
			h.raw("<table class=\"scores\"><thead><tr><th>#</th><th>Nutrient</th><th>Score</th><th>In words</th></tr></thead><tbody>")
			for r, row := range rows {
				n := row.Nutrient
				h.raw("<tr><td>" + strconv.Itoa(r+1) + "</td><td>")
				h.text(n.Name)
				h.raw("</td><td class=\"score\"><span class=\"bar\"><span style=\"width:" + strconv.Itoa(max(0, min(100, n.Score))) + "%\"></span></span> " + strconv.Itoa(n.Score) + "</td><td>")
				h.text(n.BandWords)
				h.raw("</td></tr>")
			}
			h.raw("</tbody></table>\n")
			for _, row := range rows {
				if !row.Nutrient.Open {
					continue
				}
				n := row.Nutrient
				h.raw("<div class=\"def\"><h3>")
				h.text(n.Name + ": " + strconv.Itoa(n.Score) + " (" + n.BandWords + ")")
				h.raw("</h3>")
				h.blocks(row.Details)
				h.raw("</div>\n")
			}
		}
	}
	setList("")
}

// item writes one list item with its details.
func (h *htmlDoc) item(blk Block) {
	class := ""
	switch blk.Kind {
	case Warning:
		class = " class=\"warn\""
	case FlagItem:
		class = " class=\"flag level-" + attrClass(blk.Level) + "\""
	}
	h.raw("<li" + class + ">")
	switch {
	case blk.Kind == Warning:
		h.raw("<b>!</b> ")
	case blk.Kind == EvidenceItem:
		h.raw("<b>")
		h.text(blk.Name)
		h.raw("</b> ")
	case blk.Name != "":
		h.raw("<b>")
		h.text(blk.Name)
		h.raw("</b>: ")
	}
	h.text(blk.Text)
	h.cites(blk.Cites)
	for _, d := range blk.Details {
		h.raw(" <span class=\"detail\">")
		h.text(d.Text)
		h.cites(d.Cites)
		h.raw("</span>")
	}
	h.raw("</li>")
}

// cites writes reference marks.
func (h *htmlDoc) cites(ns []int) {
	if len(ns) > 0 {
		h.raw(" <sup class=\"ref\">")
		h.text(CiteMarks(ns))
		h.raw("</sup>")
	}
}

// htmlDoc builds an HTML document: raw markup, escaped text, reference
// marks and links.
type htmlDoc struct {
	b bytes.Buffer
}

func (h *htmlDoc) raw(s string) { h.b.WriteString(s) }

// text writes file-derived text: cleaned of control and bidi characters,
// then escaped.
func (h *htmlDoc) text(s string) { h.b.WriteString(html.EscapeString(Clean(s))) }

// link writes an address as a link when it is a plain http or https URL,
// and as text otherwise.
func (h *htmlDoc) link(addr string) {
	u, err := url.Parse(addr)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || Clean(addr) != addr {
		h.text(addr)
		return
	}
	h.raw("<a href=\"" + html.EscapeString(u.String()) + "\">")
	// The address may wrap only after a slash, never at a hyphen.
	shown := strings.TrimPrefix(strings.TrimPrefix(addr, "https://"), "http://")
	for i, part := range strings.SplitAfter(shown, "/") {
		if i > 0 && part != "" {
			h.raw("<wbr>")
		}
		h.raw("<span class=\"nobr\">")
		h.text(part)
		h.raw("</span>")
	}
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
const htmlStyle = `@page { margin: 8mm 9mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 7.5pt; line-height: 1.15; color: #111; margin: 0 auto; max-width: 190mm; }
@media screen { body { padding: 8mm; } }
h1 { font-size: 14pt; margin: 0; }
h2 { font-size: 9.5pt; margin: 1.6mm 0 0.5mm; border-bottom: 0.3mm solid #999; break-after: avoid; }
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
.refs ol { columns: 2; column-gap: 5mm; font-size: 6pt; padding-left: 5mm; }
.refs li { break-inside: avoid; }
.refs a { color: #124; }
.nobr { white-space: nowrap; }
.detail { color: #222; }
.def ul { list-style: none; padding-left: 0; display: inline; }
.def li { display: inline; margin-right: 1.2mm; }
.def p { display: inline; margin-right: 1.2mm; }
.def h3 + p { display: inline; }
.sub { font-weight: bold; }
.def .sub { font-style: italic; }
footer { margin-top: 2mm; }
footer h2 { font-size: 9pt; }
`
