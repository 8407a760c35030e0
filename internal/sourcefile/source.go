// Package sourcefile reads the source files the parsers evaluate.
package sourcefile

import "os"

// ReadFile reads a source file. A scan gives the parsers one that returns
// the contents it has read already, so that no file is read twice; nil
// reads from the disk.
type ReadFile func(path string) ([]byte, error)

// Read reads path with r, or with os.ReadFile when r is nil.
func (r ReadFile) Read(path string) ([]byte, error) {
	if r == nil {
		return os.ReadFile(path)
	}
	return r(path)
}
