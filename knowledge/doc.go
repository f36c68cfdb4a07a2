// Package knowledge holds twitchcheck's domain: it loads and validates the
// YAML rule base, parses answers, scores nutrient deficiencies and lifestyle
// triggers, evaluates red flags into a triage level, and explains every
// result. It has no terminal, TUI or network code; everything else calls
// into it.
//
// # The pipeline
//
// A rule base goes through five steps, each in its own files:
//
//  1. Read, bounded and strict (files.go, yamlread.go, jsonread.go): at
//     most MaxRuleBaseBytes, YAML nesting and node counts bounded before
//     anything is built, trailing content refused, a .json file read as
//     strict JSON into the same positioned tree. The limits are in
//     limits.go.
//  2. Decode (decode.go): the YAML nodes become a RuleBase; every unknown
//     or missing field and every value out of range is reported with its
//     file:line:column.
//  3. Validate (validate.go, contract.go): what the parts say about one
//     another — references, follow-ups that can be shown, the triage
//     policy's principles, the answers contract, sources cited.
//  4. Compile (compile.go): every condition becomes a node beside the
//     model, with the index of its question and the bits of its options,
//     every option that counts as one named (counts_as) folded in, so
//     assessing is a few bit tests; the emergency signs and the
//     likely-shortage flags are derived (rulebase.go). The model, the
//     conditions as the file says them, is never written. Load compiles
//     once validation has passed.
//  5. Assess (assess.go, condition.go): answers, parsed against the rule
//     base (answers.go), are scored, triaged and explained.
//
// The facade is small: Load, LoadFile and FromSnapshot (load.go) give a
// RuleBase; ParseAnswers gives Answers; Assess gives a Result.
// FromSnapshot starts from a Go literal of a loaded rule base (the one
// data/ generates, without what compiling makes), skipping the read,
// decode and validate steps; it shares the literal and compiles beside it.
package knowledge
