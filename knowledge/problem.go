package knowledge

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with an input file (a rule base, an answers
// file, a vignette), with where it is.
type Problem struct {
	File string
	Pos  Pos
	Msg  string
}

// Error renders the problem as "file:line:column: message".
func (p Problem) Error() string {
	switch {
	case p.Pos.Line > 0 && p.File != "":
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Pos.Line, max(p.Pos.Col, 1), p.Msg)
	case p.File != "":
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	default:
		return p.Msg
	}
}

// Problems is every problem found in an input. It is the error type of
// Load, ParseAnswers and ParseVignettes: a caller that gets Problems was
// given bad input (exit status 2), not hit an internal error.
type Problems []Problem

// Error renders one problem per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// sorted orders problems by position, keeping the order of problems at the
// same position.
func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		if ps[i].Pos.Line != ps[j].Pos.Line {
			return ps[i].Pos.Line < ps[j].Pos.Line
		}
		return ps[i].Pos.Col < ps[j].Pos.Col
	})
	return ps
}
