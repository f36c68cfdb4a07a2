package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
	"github.com/twitchcheck/twitchcheck/safefile"
)

type saveKind int

const (
	saveReport saveKind = iota + 1
	saveAnswers
)

// saveState is the save prompt: the path being typed and, when the file
// exists, the question whether to overwrite it.
type saveState struct {
	active  bool
	kind    saveKind
	input   textinput.Model
	confirm bool // asking whether to overwrite
}

// savedMsg reports the end of a save.
type savedMsg struct {
	path string
	err  error
}

// startSave opens the prompt with a dated default path.
func (m *Model) startSave(kind saveKind) {
	name := "twitchcheck-report-" + m.opts.Now().Format("2006-01-02") + ".md"
	if kind == saveAnswers {
		name = "twitchcheck-answers-" + m.opts.Now().Format("2006-01-02") + ".yaml"
	}
	in := textinput.New()
	in.Prompt = "Save to: "
	in.SetValue(filepath.Join(m.opts.Dir, name))
	in.CursorEnd()
	in.SetWidth(max(10, m.contentWidth()-12))
	in.SetStyles(textinput.DefaultStyles(m.isDark))
	in.Focus()
	m.save = saveState{active: true, kind: kind, input: in}
}

func (m *Model) saveKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if m.save.confirm {
		switch {
		case key.Matches(msg, k.Yes):
			m.save.confirm = false
			return m.writeSave(true)
		case key.Matches(msg, k.No):
			m.save.confirm = false
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Cancel):
		m.save = saveState{}
		m.status, m.statusErr = "Not saved.", false
		return nil
	case key.Matches(msg, k.Submit):
		path := m.savePath()
		if path == "" {
			m.status, m.statusErr = "Type a file name to save to.", true
			return nil
		}
		if st, err := os.Stat(path); err == nil && !st.IsDir() {
			m.save.confirm = true
			return nil
		}
		return m.writeSave(false)
	}
	var cmd tea.Cmd
	m.save.input, cmd = m.save.input.Update(msg)
	return cmd
}

func (m Model) savePath() string {
	return safefile.ExpandHome(m.save.input.Value())
}

// writeSave renders what is being saved and writes it atomically, mode
// 0600. A write error is shown; it never ends the app.
func (m *Model) writeSave(overwrite bool) tea.Cmd {
	path := m.savePath()
	data, err := m.saveContent()
	return func() tea.Msg {
		if err != nil {
			return savedMsg{path: path, err: err}
		}
		return savedMsg{path: path, err: safefile.Write(path, data, overwrite)}
	}
}

// saveContent is the Markdown report (the same as assess --format
// markdown) or the answers as YAML that --answers loads again.
func (m Model) saveContent() ([]byte, error) {
	var b bytes.Buffer
	switch m.save.kind {
	case saveAnswers:
		fmt.Fprintf(&b, "# twitchcheck answers, %s, knowledge base %s\n", m.opts.Now().Format("2006-01-02"), m.rb.Version)
		fmt.Fprintf(&b, "# Open again with: twitchcheck --answers FILE\n")
		b.Write(m.answers.YAML())
	default:
		if err := report.Markdown(&b, m.answers, knowledge.Assess(m.answers), m.opts.Now()); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

func (m Model) saveView() string {
	s := m.styles
	what, format := "the report", "Markdown"
	if m.save.kind == saveAnswers {
		what, format = "your answers", "YAML"
	}
	if m.save.confirm {
		return wrapText(s.Error.Render(fmt.Sprintf("%s already exists. Overwrite it with %s? (y/n)", m.savePath(), what)), m.contentWidth())
	}
	return s.Question.Render("Save "+what+" ("+format+", readable only by you)") + "\n" + m.save.input.View()
}
