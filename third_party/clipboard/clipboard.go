// Copyright 2013 @atotto. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package clipboard read/write on clipboard
package clipboard

// ReadAll read string from clipboard
func ReadAll() (string, error) {
	return readAll()
}

// WriteAll write string to clipboard
func WriteAll(text string) error {
	return writeAll(text)
}

// Unsupported is set true at the first ReadAll or WriteAll when no helper
// program is found. (Upstream sets it at init; this copy looks for the
// helpers on first use: see README.md.)
var Unsupported bool
