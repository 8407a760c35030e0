package scan

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/parallel"
)

// confine leaves out the files that are symbolic links to something outside
// the scan root, or to nothing, with an error each: acrlint reads nothing
// outside the root. The walk itself never follows a link to a directory, so
// a link loop cannot make it run forever.
// infos are the files' own information (lstatAll); those of the files
// kept are returned with them.
func confine(root string, files []string, infos []fs.FileInfo) ([]string, []fs.FileInfo, diag.Diagnostics) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		realRoot = root
	}
	var ds diag.Diagnostics
	out, outInfos := files[:0:0], infos[:0:0]
	for i, f := range files {
		st := infos[i]
		if st == nil || st.Mode()&os.ModeSymlink == 0 {
			out, outInfos = append(out, f), append(outInfos, st)
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
		out, outInfos = append(out, f), append(outInfos, st)
	}
	return out, outInfos, ds
}

// lstatAll reads the information of each file itself (not of what a
// symbolic link leads to), on every CPU; nil where it cannot be read.
func lstatAll(files []string) []fs.FileInfo {
	infos := make([]fs.FileInfo, len(files))
	parallel.For(len(files), parallel.Workers(len(files), 256), func(i int) {
		if st, err := os.Lstat(files[i]); err == nil {
			infos[i] = st
		}
	})
	return infos
}

// contents are the bytes of the scanned files, read once, on every CPU,
// for the parsers and the suppression comments alike.
type contents map[string][]byte

// readAll reads the files; one that cannot be read is left out, and the
// parser that reads it reports why.
func readAll(files []string) contents {
	data := make([][]byte, len(files))
	parallel.For(len(files), parallel.Workers(len(files), 64), func(i int) {
		if b, err := os.ReadFile(files[i]); err == nil {
			data[i] = b
		}
	})
	out := make(contents, len(files))
	for i, b := range data {
		if b != nil {
			out[files[i]] = b
		}
	}
	return out
}

// readFile returns the contents of a file read by readAll, else reads it.
func (c contents) readFile(path string) ([]byte, error) {
	if b, ok := c[path]; ok {
		return b, nil
	}
	return os.ReadFile(path)
}
