package scan

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/terraform"
	"github.com/acrlint/acrlint/rego"
)

// An archive is a directory written as one text: each file starts with a
// line "-- name --" (the txtar layout), the text before the first one is
// ignored.
var archiveHeader = regexp.MustCompile(`(?m)^-- ([^\n]*?) --$`)

// fileName keeps the names the fuzzer invents inside the directory: at
// most three relative segments of letters, digits, dots, dashes and
// underscores, none of them "." or "..".
var fileName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,40}(/[A-Za-z0-9_.-]{1,40}){0,2}$`)

// unpack writes an archive to dir: at most 8 files of at most 64 KiB in
// all. Names that fileName rejects become f<n>.tf.
func unpack(t *testing.T, dir string, data []byte) bool {
	t.Helper()
	if len(data) > 64<<10 {
		return false
	}
	locs := archiveHeader.FindAllSubmatchIndex(data, 9)
	if len(locs) == 0 || len(locs) > 8 {
		return false
	}
	for i, l := range locs {
		name := string(data[l[2]:l[3]])
		if !fileName.MatchString(name) || slicesHasDots(name) {
			name = fmt.Sprintf("f%d.tf", i)
		}
		end := len(data)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		start := min(l[1]+1, end)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			return false
		}
		if err := os.WriteFile(p, data[start:end], 0o600); err != nil {
			return false
		}
	}
	return true
}

func slicesHasDots(name string) bool {
	for s := range strings.SplitSeq(name, "/") {
		if s == "." || s == ".." {
			return true
		}
	}
	return false
}

// archive renders a fixture directory as an archive, "" when it is too
// large to seed the fuzzer.
func archive(dir string) string {
	var b strings.Builder
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".golden") || strings.HasSuffix(p, ".golden.json") {
			return nil
		}
		src, err := os.ReadFile(p) //nolint:gosec // the repository's own fixtures
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "-- %s --\n%s\n", filepath.ToSlash(rel), src)
		return nil
	})
	if b.Len() > 64<<10 {
		return ""
	}
	return b.String()
}

// FuzzScan scans a directory built from the fuzzer's bytes: whatever the
// files, no panic, no internal error, and the same JSON and SARIF when the
// parsers get the files in another order. The broken inputs and the
// failing rule fixtures seed it, with the corpus in testdata/fuzz/FuzzScan.
func FuzzScan(f *testing.F) {
	for _, pattern := range []string{"../../testdata/invalid/*", "../../testdata/rules/*/*/fail"} {
		dirs, _ := filepath.Glob(pattern)
		for _, d := range dirs {
			if a := archive(d); a != "" {
				f.Add([]byte(a))
			}
		}
	}
	eng, _, err := rego.New(context.Background(), rego.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		if !unpack(t, root, data) {
			return
		}
		// Low limits keep each run short; what they bound is tested on its own.
		opts := Options{
			Paths:     []string{root},
			Terraform: terraform.Options{MaxInstances: 50, MaxTotalInstances: 200, MaxStringLength: 1 << 14},
			ARM:       arm.Options{MaxCopy: 50},
		}
		first, err := Run(context.Background(), eng, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range first.Report.Diagnostics {
			if d.Summary == "Internal error" {
				t.Fatalf("%s", d.Error())
			}
			if d.Subject.File != "" && (path.IsAbs(d.Subject.File) || strings.HasPrefix(d.Subject.File, "../")) {
				t.Fatalf("diagnostic outside the scan root: %s", d.Error())
			}
		}
		again, err := Run(context.Background(), eng, shuffled(opts, uint64(len(data))))
		if err != nil {
			t.Fatal(err)
		}
		want, got := render(t, first), render(t, again)
		for _, format := range []string{"json", "sarif"} {
			if !bytes.Equal(want[format], got[format]) {
				t.Fatalf("%s differs when the files are read in another order:\n%s", format, firstDiff(want[format], got[format]))
			}
		}
	})
}
