package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// Markdown writes a report to take to a doctor: the result document (see
// Build) in Markdown, dated: the triage first, the disclaimer last, and
// every reference with its address.
// A diary in extra adds its section, its days as a table.
func Markdown(w io.Writer, a knowledge.Answers, res knowledge.Result, date time.Time, extra ...Diary) error {
	return WriteMarkdown(w, Build(a, res, Options{Date: date, Diary: diaryOf(extra)}))
}

// WriteMarkdown writes a document as Markdown: the first section's title
// heads it, the others are second-level headings, nutrient scores and
// answers are tables.
func WriteMarkdown(w io.Writer, doc *Document) error {
	var b strings.Builder
	p := func(s string) { b.WriteString(s + "\n") }
	for i, s := range doc.Sections {
		if i == 0 {
			p("# " + mdEscape(s.Title))
		} else {
			p("## " + mdEscape(s.Title))
		}
		p("")
		mdBlocks(p, s.Blocks)
	}
	_, err := io.WriteString(w, Clean(strings.TrimRight(b.String(), "\n")+"\n"))
	return err
}

// mdBlocks writes the blocks of a section; nutrients and answers as
// tables, a nutrient's details after the table under its own heading.
func mdBlocks(p func(string), blocks []Block) {
	list := false
	endList := func() {
		if list {
			p("")
			list = false
		}
	}
	var rows []Block
	for i := 0; i < len(blocks); i++ {
		blk := blocks[i]
		switch blk.Kind {
		case NutrientRow:
			endList()
			rows = rows[:0]
			for ; i < len(blocks) && blocks[i].Kind == NutrientRow; i++ {
				rows = append(rows, blocks[i])
			}
			i--
			p("| Rank | Nutrient | Score | In words |")
			p("|---|---|---|---|")
			for r, row := range rows {
				n := row.Nutrient
				p(fmt.Sprintf("| %d | %s | %d | %s |", r+1, mdEscape(n.Name), n.Score, mdEscape(n.BandWords)))
			}
			p("")
			for _, row := range rows {
				if !row.Nutrient.Open {
					continue
				}
				n := row.Nutrient
				p(fmt.Sprintf("### %s: %d (%s)", mdEscape(n.Name), n.Score, mdEscape(n.BandWords)))
				p("")
				mdBlocks(p, row.Details)
			}
		case DiaryDays:
			endList()
			markdownDays(p, blk.Diary)
		case AnswerRow:
			endList()
			p("| Question | Answer |")
			p("|---|---|")
			for ; i < len(blocks) && blocks[i].Kind == AnswerRow; i++ {
				p("| " + mdEscape(blocks[i].Name) + " | " + mdEscape(blocks[i].Text) + " |")
			}
			i--
			p("")
		case Para:
			endList()
			p(mdEscape(blk.Text) + mdCites(blk.Cites))
			p("")
		case Lead:
			endList()
			p("**" + mdEscape(blk.Text) + "**" + mdCites(blk.Cites))
			p("")
		case Note:
			endList()
			p("_" + mdEscape(blk.Text) + "_")
			p("")
		case SubHeading:
			endList()
			p("**" + mdEscape(blk.Text) + "**")
			p("")
		case Item, Warning, FlagItem, EvidenceItem, ReferenceItem:
			list = true
			p(mdItem(blk))
			for _, d := range blk.Details {
				p("  - " + mdInline(d))
			}
		}
	}
	endList()
}

// mdItem is one list item.
func mdItem(blk Block) string {
	switch blk.Kind {
	case ReferenceItem:
		line := strconv.Itoa(blk.Ref.N) + ". " + mdEscape(blk.Ref.Text)
		if blk.Ref.URL != "" {
			line += " <" + blk.Ref.URL + ">"
		}
		return line
	case FlagItem:
		return "- **" + mdEscape(blk.Name) + "**: " + mdEscape(blk.Text) + mdCites(blk.Cites)
	case Warning:
		return "- **!** " + mdInline(blk)
	case EvidenceItem:
		return "- " + mdEscape(blk.Name) + " " + mdEscape(blk.Text) + mdCites(blk.Cites)
	}
	return "- " + mdInline(blk)
}

// mdInline is a block's name, text and citations on one line.
func mdInline(blk Block) string {
	s := mdEscape(blk.Text) + mdCites(blk.Cites)
	if blk.Name != "" {
		s = "**" + mdEscape(blk.Name) + "**: " + s
	}
	return s
}

// mdCites renders reference marks, escaped.
func mdCites(ns []int) string {
	if len(ns) == 0 {
		return ""
	}
	return " " + mdEscape(CiteMarks(ns))
}

// mdMarkup escapes every character that could turn plain text into
// Markdown or HTML: emphasis, code, links and images, headings, tables,
// strikethrough, autolinks, entities, raw HTML, block quotes and fences.
// A newline becomes a space, so text never starts a line of its own but
// where it is placed. (A function rather than a strings.Replacer, so
// nothing is built at start-up.)
func mdMarkup(s string) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		c, rep := s[i], ""
		switch c {
		case '\\', '*', '_', '`', '[', ']', '#', '|', '~':
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '&':
			rep = "&amp;"
		case '\n', '\r':
			rep = " "
		default:
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 8)
		}
		b.WriteString(s[done:i])
		if rep == "" {
			b.WriteByte('\\')
			b.WriteByte(c)
		} else {
			b.WriteString(rep)
		}
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// mdEscape escapes text for Markdown, wherever it is placed: inline, at
// the start of a line, or as the content of a list item or block quote.
// Besides mdMarkup, it drops leading spaces and tabs (four would make a
// code block) and escapes what would open a block at the start of a line:
// a bullet (- or + then a space, or alone), a thematic break or heading
// underline (only dashes or only equals signs, and spaces), and the . or
// ) after leading digits when a space or the end follows (an ordered list
// item). A backslash before punctuation shows the punctuation alone, so
// the text reads the same; "2026.11" or "-5" need none.
func mdEscape(s string) string {
	s = strings.TrimLeft(mdMarkup(s), " \t")
	if s == "" {
		return s
	}
	blank := func(rest string) bool { return rest == "" || rest[0] == ' ' || rest[0] == '\t' }
	switch c := s[0]; {
	case (c == '-' || c == '+') && blank(s[1:]),
		(c == '-' || c == '=') && strings.Trim(s, string(c)+" \t") == "":
		return `\` + s
	}
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if digits > 0 && digits < len(s) && (s[digits] == '.' || s[digits] == ')') && blank(s[digits+1:]) {
		return s[:digits] + `\` + s[digits:]
	}
	return s
}
