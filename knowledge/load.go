package knowledge

// LoadFile reads and loads the rule base at path.
func LoadFile(path string) (*RuleBase, error) {
	data, err := ReadFileLimited(path, MaxRuleBaseBytes)
	if err != nil {
		return nil, err
	}
	return Load(path, data)
}

// LoadRegularFile is LoadFile for a reader that must never block, such as
// the app's watcher: anything but a regular file (a named pipe, a device)
// is refused before it is read (ReadRegularFileLimited).
func LoadRegularFile(path string) (*RuleBase, error) {
	data, err := ReadRegularFileLimited(path, MaxRuleBaseBytes)
	if err != nil {
		return nil, err
	}
	return Load(path, data)
}

// Load parses and validates a rule base. name is used in messages. On
// failure the error is Problems, listing every problem found with its
// file:line:column.
func Load(name string, data []byte) (*RuleBase, error) {
	r := &reader{file: name}
	root := r.parse(data, MaxRuleBaseBytes, "rule base")
	if root == nil {
		return nil, r.problems()
	}
	rb := r.ruleBase(root)
	if rb == nil || len(r.probs) > 0 {
		return nil, r.problems()
	}
	rb.File = name
	v := validator{reader: r, rb: rb}
	v.validate()
	if len(r.probs) > 0 {
		return nil, r.problems()
	}
	// Compile, then derive: the emergency signs read the compiled masks,
	// which hold the options that count as those named.
	rb.indexIDs()
	rb.compile(v.countsAs)
	rb.derive()
	rb.fillLikely()
	return rb, nil
}

// FromSnapshot returns a rule base from a snapshot: a copy of a rule base
// that Load returned, such as the Go literal of the embedded rule base that
// data/ generates so that start-up needs no YAML parsing and no
// validation. The snapshot must be such a copy (a test in knowledge/ checks
// that data's equals what Load returns); what Load compiles and derives
// (compile.go) need not be in it, and is made again here, beside the
// model, so the snapshot is shared, never copied or written. It panics if
// a condition names a question the snapshot does not have, which a copy
// of a loaded rule base cannot.
func FromSnapshot(src *RuleBase) *RuleBase {
	rb := *src
	rb.indexIDs()
	rb.compile(countsAsOf(&rb))
	rb.derive()
	rb.fillLikely()
	return &rb
}
