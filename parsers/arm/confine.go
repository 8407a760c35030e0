package arm

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrOutsideRoot is the error of Confine for a file whose name is within
// the scan root but that a symbolic link leads out of it.
var ErrOutsideRoot = errors.New("a symbolic link leads outside the scanned directory")

// ResolveRoot returns the scan root with its symbolic links resolved, as
// Confine compares with; the root itself when they cannot be.
func ResolveRoot(root string) string {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		return r
	}
	return root
}

// Within reports whether path is root or below it, by name.
func Within(root, path string) bool {
	r, err := filepath.Rel(root, path)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// Confine checks a file that a template names (a linked template, a
// module, a file loaded into a template) and that is within the scan root
// by its name: following symbolic links must keep it within the root
// (realRoot, from ResolveRoot), else the error is ErrOutsideRoot; it must
// exist (else an error for which errors.Is(err, fs.ErrNotExist)) and be a
// regular file, so that reading it cannot block (a named pipe) or leave
// the root.
func Confine(realRoot, path string) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	if !Within(realRoot, real) {
		return ErrOutsideRoot
	}
	st, err := os.Stat(real)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", filepath.Base(path))
	}
	return nil
}
