package fhir

import (
	"go.yaml.in/yaml/v3"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// node is one JSON value of a resource, with where it starts.
type node struct {
	kind byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	str  string
	keys []string // object keys, in order
	vals []*node  // object values or array items
	pos  knowledge.Pos
}

// get returns the value of key in an object, or nil.
func (n *node) get(key string) *node {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// kindName names a value's kind for messages.
func (n *node) kindName() string {
	switch n.kind {
	case 'o':
		return "an object"
	case 'a':
		return "a list"
	case 's':
		return "a string"
	case 'n':
		return "a number"
	case 'b':
		return "true or false"
	}
	return "null"
}

// parseStrictJSON reads a resource through knowledge.ReadJSON, the one
// JSON reader (strict JSON: syntax errors, duplicate keys, deep nesting,
// too many values and anything after the value are refused, and a
// leading byte-order mark is dropped), and returns its tree. The error is
// knowledge.Problems, positioned.
func parseStrictJSON(name string, data []byte) (*node, error) {
	root, err := knowledge.ReadJSON(name, data, knowledge.MaxAnswersBytes, "QuestionnaireResponse")
	if err != nil {
		return nil, err
	}
	return fromTree(root), nil
}

// fromTree converts the reader's tree, whose depth the reader bounds.
func fromTree(y *yaml.Node) *node {
	n := &node{pos: knowledge.Pos{Line: y.Line, Col: y.Column}}
	switch y.Kind {
	case yaml.MappingNode:
		n.kind = 'o'
		for i := 0; i+1 < len(y.Content); i += 2 {
			n.keys = append(n.keys, y.Content[i].Value)
			n.vals = append(n.vals, fromTree(y.Content[i+1]))
		}
	case yaml.SequenceNode:
		n.kind = 'a'
		for _, c := range y.Content {
			n.vals = append(n.vals, fromTree(c))
		}
	default:
		n.str = y.Value
		switch y.Tag {
		case "!!str":
			n.kind = 's'
		case "!!int", "!!float":
			n.kind = 'n'
		case "!!bool":
			n.kind = 'b'
		default:
			n.kind, n.str = 'z', ""
		}
	}
	return n
}
