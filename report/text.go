package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// TextWidth is the width plain-text output is wrapped to.
const TextWidth = 80

// Text writes the result for a person in a terminal: the result document
// (see Build) as plain text, wrapped to TextWidth, with every text from the
// rule base cleaned of control characters on the way out. A diary in
// extra adds its section.
func Text(w io.Writer, a knowledge.Answers, res knowledge.Result, extra ...Diary) error {
	return WriteText(w, Build(a, res, Options{Diary: diaryOf(extra)}), TextWidth)
}

// WriteText writes a document as plain text wrapped to width: each
// section's title at the left margin, its blocks indented under it.
// Addresses are never broken.
func WriteText(w io.Writer, doc *Document, width int) error {
	var b strings.Builder
	for i, s := range doc.Sections {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(Wrap(s.Title, width, 0, 0) + "\n")
		nutrientW := 0
		for _, blk := range s.Blocks {
			if blk.Nutrient != nil {
				nutrientW = max(nutrientW, len([]rune(blk.Nutrient.Name)))
			}
		}
		rank := 0
		for _, blk := range s.Blocks {
			if blk.Kind == NutrientRow {
				rank++
			}
			textBlock(&b, blk, width, 2, nutrientW, rank)
		}
	}
	_, err := io.WriteString(w, Clean(b.String()))
	return err
}

// textBlock writes one block, indented by in.
func textBlock(b *strings.Builder, blk Block, width, in, nutrientW, rank int) {
	line := func(s string, first, rest int) { b.WriteString(Wrap(s, width, first, rest) + "\n") }
	cites := ""
	if len(blk.Cites) > 0 {
		cites = " " + CiteMarks(blk.Cites)
	}
	name := ""
	if blk.Name != "" {
		name = blk.Name + ": "
	}
	switch blk.Kind {
	case Para, Lead, Note:
		line(blk.Text+cites, in, in)
	case Item:
		line("- "+name+blk.Text+cites, in, in+2)
	case Warning:
		line("! "+name+blk.Text+cites, in, in+2)
	case FlagItem:
		line("! ["+blk.Name+"] "+blk.Text+cites, in, in+2)
	case SubHeading:
		line(blk.Text, in, in)
	case EvidenceItem:
		line(padLeft(blk.Name, 4)+"  "+blk.Text+cites, in, in+6)
	case AnswerRow:
		line(blk.Name+": "+blk.Text, in, in+2)
	case ReferenceItem:
		mark := "[" + strconv.Itoa(blk.Ref.N) + "] "
		line(mark+blk.Ref.Text, in, in+len(mark))
		if blk.Ref.URL != "" {
			line(blk.Ref.URL, in+len(mark), in+len(mark))
		}
	case DiaryDays:
		d := blk.Diary
		for _, l := range strings.Split(strings.TrimRight(DiaryChart(d.Entries, d.Last, d.Days, width-in, ChartStyle{}), "\n"), "\n") {
			b.WriteString(strings.Repeat(" ", in) + l + "\n")
		}
	case NutrientRow:
		n := blk.Nutrient
		row := padRight(strconv.Itoa(rank)+".", 4) + padRight(n.Name, nutrientW) + " " + padLeft(strconv.Itoa(n.Score), 3) + "/100  " + Bar(n.Score, 20) + "  " + n.BandWords
		if len([]rune(row))+in > width {
			line(strconv.Itoa(rank)+". "+n.Name, in, in+4)
			line(padLeft(strconv.Itoa(n.Score), 3)+"/100  "+Bar(n.Score, 10)+"  "+n.BandWords, in+4, in+4)
		} else {
			line(row, in, in+4)
		}
		if !n.Open {
			return
		}
		for _, d := range blk.Details {
			textBlock(b, d, width, in+4, 0, 0)
		}
		return
	}
	for _, d := range blk.Details {
		textBlock(b, d, width, in+4, 0, 0)
	}
}

func padLeft(s string, n int) string {
	if k := n - len([]rune(s)); k > 0 {
		return strings.Repeat(" ", k) + s
	}
	return s
}

func padRight(s string, n int) string {
	if k := n - len([]rune(s)); k > 0 {
		return s + strings.Repeat(" ", k)
	}
	return s
}
