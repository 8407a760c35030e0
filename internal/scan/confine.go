package scan

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
)

// confine leaves out the files that are symbolic links to something outside
// the scan root, or to nothing, with an error each: acrlint reads nothing
// outside the root. The walk itself never follows a link to a directory, so
// a link loop cannot make it run forever.
func confine(root string, files []string) ([]string, diag.Diagnostics) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		realRoot = root
	}
	var ds diag.Diagnostics
	out := files[:0:0]
	for _, f := range files {
		st, err := os.Lstat(f)
		if err != nil || st.Mode()&os.ModeSymlink == 0 {
			out = append(out, f)
			continue
		}
		rel, _ := filepath.Rel(root, f)
		at := diag.Range{File: filepath.ToSlash(rel)}
		target, err := filepath.EvalSymlinks(f)
		if err != nil {
			ds = append(ds, diag.Errorf(at, "Broken symbolic link", "the file is a symbolic link that leads nowhere: %v; it is not read", err).Incomplete())
			continue
		}
		if r, err := filepath.Rel(realRoot, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			ds = append(ds, diag.Errorf(at, "File outside the scanned directory",
				"the file is a symbolic link to a file outside the scanned directory; acrlint reads nothing outside it, so it is not read").Incomplete())
			continue
		}
		out = append(out, f)
	}
	return out, ds
}
