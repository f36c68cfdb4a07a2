package diary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// MaxEntryBytes bounds one encoded entry: a note of MaxNoteChars
// characters, each escaped as \uXXXX, and every option of a large rule
// base still fit.
const MaxEntryBytes = 16 << 10

// record is an entry as JSON, in the store and in `diary list --format
// json`. Unknown values are null; lists are never null.
type record struct {
	Date      string   `json:"date"`
	Twitching *int     `json:"twitching"`
	Where     []string `json:"where"`
	Caffeine  *int     `json:"caffeine"`
	Sleep     *float64 `json:"sleep"`
	Stress    *string  `json:"stress"`
	Exercise  *string  `json:"exercise"`
	New       []string `json:"new"`
	Note      string   `json:"note"`
}

func toRecord(e Entry) record {
	tw := e.Twitching
	r := record{Date: e.Date, Twitching: &tw, Where: e.Where, Caffeine: e.Caffeine, Sleep: e.Sleep, New: e.New, Note: e.Note}
	if r.Where == nil {
		r.Where = []string{}
	}
	if r.New == nil {
		r.New = []string{}
	}
	if e.Stress != "" {
		r.Stress = &e.Stress
	}
	if e.Exercise != "" {
		r.Exercise = &e.Exercise
	}
	return r
}

func (r record) entry() Entry {
	e := Entry{Date: r.Date, Where: r.Where, Caffeine: r.Caffeine, Sleep: r.Sleep, New: r.New, Note: r.Note}
	if r.Twitching != nil {
		e.Twitching = *r.Twitching
	}
	if r.Stress != nil {
		e.Stress = *r.Stress
	}
	if r.Exercise != nil {
		e.Exercise = *r.Exercise
	}
	if len(e.Where) == 0 {
		e.Where = nil
	}
	if len(e.New) == 0 {
		e.New = nil
	}
	return e
}

// Encode returns the entry as one compact JSON object.
func Encode(e Entry) ([]byte, error) {
	return json.Marshal(toRecord(e))
}

// EncodeList returns entries as a JSON array of objects, one a line, with
// a final newline: `diary list --format json`.
func EncodeList(entries []Entry) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("[")
	for i, e := range entries {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		data, err := Encode(e)
		if err != nil {
			return nil, err
		}
		b.Write(data)
	}
	if len(entries) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Bytes(), nil
}

// Decode reads one entry as Encode writes it, strictly: at most
// MaxEntryBytes (checked before decoding), one JSON object with every
// field and no other, nothing after it, and values that pass Check.
func Decode(data []byte) (Entry, error) {
	if len(data) > MaxEntryBytes {
		return Entry{}, fmt.Errorf("entry of %d bytes; allowed: at most %d", len(data), MaxEntryBytes)
	}
	if !utf8.Valid(data) {
		return Entry{}, errors.New("entry is not valid UTF-8")
	}
	if len(bytes.TrimSpace(data)) == 0 || bytes.TrimSpace(data)[0] != '{' {
		return Entry{}, errors.New("entry is not a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	// Every field a pointer: a field that is missing or null stays nil,
	// which is refused but where it means "not given".
	var r strictRecord
	if err := dec.Decode(&r); err != nil {
		return Entry{}, fmt.Errorf("entry: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Entry{}, errors.New("entry has data after its JSON object")
	}
	for _, f := range []struct {
		name string
		ok   bool
	}{{"date", r.Date != nil}, {"twitching", r.Twitching != nil}, {"where", r.Where != nil}, {"new", r.New != nil}, {"note", r.Note != nil}} {
		if !f.ok {
			return Entry{}, fmt.Errorf("entry has no %q (or it is null)", f.name)
		}
	}
	e := record{Date: *r.Date, Twitching: r.Twitching, Where: *r.Where, Caffeine: r.Caffeine, Sleep: r.Sleep, Stress: r.Stress, Exercise: r.Exercise, New: *r.New, Note: *r.Note}.entry()
	if err := e.Check(); err != nil {
		return Entry{}, fmt.Errorf("entry for %q: %w", clip(e.Date), err)
	}
	return e, nil
}

// strictRecord is a record being decoded: a nil field was missing or null.
type strictRecord struct {
	Date      *string   `json:"date"`
	Twitching *int      `json:"twitching"`
	Where     *[]string `json:"where"`
	Caffeine  *int      `json:"caffeine"`
	Sleep     *float64  `json:"sleep"`
	Stress    *string   `json:"stress"`
	Exercise  *string   `json:"exercise"`
	New       *[]string `json:"new"`
	Note      *string   `json:"note"`
}
