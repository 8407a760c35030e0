package scan

import (
	"bytes"
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/jsonpos"
	"github.com/acrlint/acrlint/internal/result"
	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// ignoreMarker starts a suppression comment:
//
//	# acrlint:ignore ACR001 the zone is managed by the platform team
//	// acrlint:ignore ACR001,ACR003 reason
//
// In an ARM template a resource's metadata says the same:
//
//	"metadata": {"acrlint": {"ignore": [{"rule": "ACR001", "reason": "..."}]}}
const ignoreMarker = "acrlint:ignore"

// suppressionKind is how SARIF names a suppression written in the source.
const suppressionKind = "inSource"

// suppression is one suppression comment or ARM metadata entry.
type suppression struct {
	file   string
	pos    diag.Pos
	rules  []string
	reason string
	used   []bool // by index in rules
	arm    bool   // in an ARM resource's metadata, not a comment
}

func (s *suppression) covers(ruleID string) (int, bool) {
	i := slices.IndexFunc(s.rules, func(r string) bool { return strings.EqualFold(r, ruleID) })
	return i, i >= 0
}

// fileIgnores is what one file says about suppressions.
type fileIgnores struct {
	// byLine holds comment suppressions by the line they are on.
	byLine map[int][]*suppression
	// lead marks the lines that may stand between a suppression comment
	// and what it applies to: lines holding only a comment, and in Bicep
	// decorator lines.
	lead map[int]bool
	// blocks are the resource objects of an ARM template, outermost first.
	blocks []armBlock
	// innerBlock finds the innermost of blocks around a line.
	innerBlock innermost
	all        []*suppression
}

// armBlock is an ARM resource object and the suppressions in its metadata.
type armBlock struct {
	start, end int
	ignores    []*suppression
}

// ignores are the suppressions read from the scanned files.
type ignores struct {
	root     string
	armFiles map[string]bool
	ranges   map[string][]diag.Range
	byFile   map[string]*fileIgnores
	read     map[string]bool
	ds       diag.Diagnostics
}

// readSuppressions reads the suppressions of the scanned files; a scan
// runs it while it builds the graph and evaluates the policies.
func readSuppressions(root string, files []string, read contents, resources []graph.Resource) *ignores {
	ig := &ignores{root: root, armFiles: map[string]bool{}, ranges: map[string][]diag.Range{},
		byFile: map[string]*fileIgnores{}, read: map[string]bool{}}
	for _, r := range resources {
		if r.Format == "arm" {
			ig.armFiles[r.Range.File] = true
		}
		if r.Range.File != "" && r.Range.End.Line > r.Range.Start.Line {
			ig.ranges[r.Range.File] = append(ig.ranges[r.Range.File], r.Range)
		}
	}
	var rels []string
	for _, f := range files {
		if rel, err := filepath.Rel(root, f); err == nil {
			rels = append(rels, filepath.ToSlash(rel))
		}
	}
	ig.readFiles(rels, read)
	return ig
}

// readFiles reads the suppressions of the files (relative to the root),
// from read when the scan read them
// not read yet, in the order of their names.
func (ig *ignores) readFiles(rels []string, read contents) {
	rels = slices.DeleteFunc(slices.Clone(rels), func(rel string) bool { return ig.read[rel] })
	slices.Sort(rels)
	rels = slices.Compact(rels)
	if len(rels) == 0 {
		return
	}
	// A file the scan did not read is read within the root, so that no
	// symbolic link leads the read outside it.
	var dir *os.Root
	var dirErr error
	defer func() {
		if dir != nil {
			_ = dir.Close()
		}
	}()
	for _, rel := range rels {
		ig.read[rel] = true
		if rel == "" || !filepath.IsLocal(filepath.FromSlash(rel)) {
			continue
		}
		data, ok := read[filepath.Join(ig.root, filepath.FromSlash(rel))]
		if !ok {
			if dir == nil && dirErr == nil {
				dir, dirErr = os.OpenRoot(ig.root)
			}
			if dir == nil {
				continue
			}
			var err error
			if data, err = dir.ReadFile(filepath.FromSlash(rel)); err != nil {
				continue
			}
		}
		fi, fds := readIgnores(rel, data, ig.armFiles[rel])
		ig.ds = append(ig.ds, fds...)
		if fi != nil && len(fi.all) > 0 {
			ig.byFile[rel] = fi
		}
	}
}

// applySuppressions attaches the suppressions read by ig (and those of any
// other file a finding is in, as long as it is under the root) to the
// findings they cover and returns the diagnostics about them: a
// suppression without a reason, a malformed one, one naming an unknown
// rule, one that covers nothing. A rule that is not selected cannot leave
// a suppression unused.
func applySuppressions(ig *ignores, g *graph.Graph, rep *result.Report, selected func(string) bool) diag.Diagnostics {
	var extra []string
	for _, f := range rep.Findings {
		extra = append(extra, f.File)
	}
	ig.readFiles(extra, nil)
	ds, byFile, ranges := ig.ds, ig.byFile, ig.ranges
	if len(byFile) == 0 {
		return ds
	}

	// The innermost resource range around a line, indexed once per file
	// for all its findings.
	inner := map[string]*innermost{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		fi := byFile[f.File]
		if fi == nil || f.Line <= 0 {
			continue
		}
		in, ok := inner[f.File]
		if !ok {
			in = rangeIndex(ranges[f.File])
			inner[f.File] = in
		}
		starts := blockStarts(f, g, ranges[f.File], in)
		for _, s := range fi.match(f.Line, starts) {
			j, ok := s.covers(f.RuleID)
			if !ok {
				continue
			}
			s.used[j] = true
			sup := result.Suppression{Kind: suppressionKind, Justification: s.reason, File: s.file, Line: s.pos.Line}
			if !slices.Contains(f.Suppressions, sup) {
				f.Suppressions = append(f.Suppressions, sup)
			}
		}
	}

	for _, rel := range slices.Sorted(func(yield func(string) bool) {
		for k := range byFile {
			if !yield(k) {
				return
			}
		}
	}) {
		for _, s := range byFile[rel].all {
			ds = append(ds, s.diagnostics(rep, selected)...)
		}
	}
	return ds
}

// diagnostics are the problems of one suppression once it has been applied.
func (s *suppression) diagnostics(rep *result.Report, selected func(string) bool) diag.Diagnostics {
	var ds diag.Diagnostics
	at := diag.Range{File: s.file, Start: s.pos, End: s.pos}
	if s.reason == "" {
		ds = append(ds, diag.Warnf(at, "Suppression without a reason",
			"say after the rule id why %s does not apply here, so that a reviewer can tell; the suppression still applies", strings.Join(s.rules, ", ")))
	}
	for i, id := range s.rules {
		if _, ok := rep.RuleByID(id); !ok {
			ds = append(ds, diag.Warnf(at, "Unknown rule in suppression",
				"no rule %s is loaded (see acrlint rules), so this suppression covers nothing", id))
			continue
		}
		if !s.used[i] && selected(id) {
			where := "on this line or on the resource it stands above"
			if s.arm {
				where = "on this resource"
			}
			ds = append(ds, diag.Notef(at, "Unused suppression",
				"no %s finding is %s; remove the suppression of %s", id, where, id))
		}
	}
	return ds
}

// blockStarts are the first lines of the resource blocks a finding is in:
// its resource's own, and that of the innermost block around its line:
// among the resource ranges of its file, those starting on a line past 0,
// the one around it starting last. inner is rangeIndex(ranges).
func blockStarts(f *result.Finding, g *graph.Graph, ranges []diag.Range, inner *innermost) []int {
	var starts []int
	if n, ok := g.Nodes[f.Resource]; ok && n.Source.File == f.File && n.Source.Line > 0 {
		starts = append(starts, n.Source.Line)
	}
	if i := inner.find(f.Line); i >= 0 && !slices.Contains(starts, ranges[i].Start.Line) {
		starts = append(starts, ranges[i].Start.Line)
	}
	return starts
}

// rangeIndex indexes the resource ranges of a file that start on a line
// past 0 for blockStarts.
func rangeIndex(ranges []diag.Range) *innermost {
	in := newInnermost(len(ranges), func(i int) (int, int, bool) {
		r := ranges[i]
		return r.Start.Line, r.End.Line, r.Start.Line > 0
	})
	return &in
}

// innermost finds, among intervals of lines, the innermost one around a
// line: the one that starts last, and of those starting on the same line
// the last given. Comparing the line with every interval would cost
// O(intervals) for each of a file's findings; the answer changes only on
// the lines where an interval starts or the line after one ends, so
// innermost keeps it for each of those lines and finds a line's by binary
// search.
type innermost struct {
	from []int // lines, ascending
	at   []int // the interval chosen from from[i] to from[i+1]-1, or -1
}

// newInnermost indexes n intervals: span returns the first and last lines
// of interval i, and false for one to leave out.
func newInnermost(n int, span func(i int) (start, end int, ok bool)) innermost {
	type interval struct{ i, start, end int }
	var ivs []interval
	var lines []int
	for i := range n {
		start, end, ok := span(i)
		if !ok || start > end {
			continue
		}
		ivs = append(ivs, interval{i, start, end})
		lines = append(lines, start, end+1)
	}
	// By start, then as given: an interval is pushed on the stack after
	// every one it takes precedence over.
	slices.SortStableFunc(ivs, func(a, b interval) int { return cmp.Compare(a.start, b.start) })
	slices.Sort(lines)
	lines = slices.Compact(lines)
	var in innermost
	var stack []interval
	next := 0
	for _, l := range lines {
		for next < len(ivs) && ivs[next].start <= l {
			stack = append(stack, ivs[next])
			next++
		}
		// An interval ended under the top one is dropped when it is on
		// top: no line past l is in it either.
		for len(stack) > 0 && stack[len(stack)-1].end < l {
			stack = stack[:len(stack)-1]
		}
		at := -1
		if len(stack) > 0 {
			at = stack[len(stack)-1].i
		}
		if k := len(in.at); k == 0 || in.at[k-1] != at {
			in.from = append(in.from, l)
			in.at = append(in.at, at)
		}
	}
	return in
}

// find returns the index of the innermost interval around line, or -1.
func (in *innermost) find(line int) int {
	k, found := slices.BinarySearch(in.from, line)
	if !found {
		k--
	}
	if k < 0 {
		return -1
	}
	return in.at[k]
}

// match returns the suppressions that apply to line: comments on it,
// comments directly above it and directly above the blocks starting at
// starts, and the metadata of the innermost ARM resource around it.
func (fi *fileIgnores) match(line int, starts []int) []*suppression {
	var out []*suppression
	out = append(out, fi.byLine[line]...)
	for _, l := range append([]int{line}, starts...) {
		for above := l - 1; above > 0 && fi.lead[above]; above-- {
			out = append(out, fi.byLine[above]...)
		}
	}
	if i := fi.innerBlock.find(line); i >= 0 {
		out = append(out, fi.blocks[i].ignores...)
	}
	slices.SortFunc(out, func(a, b *suppression) int {
		return cmp.Or(cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Column, b.pos.Column))
	})
	return slices.Compact(out)
}

// readIgnores reads the suppressions of one file: comments in Terraform
// and Bicep files, resource metadata in ARM templates (arm is true when the
// file was read as one).
func readIgnores(rel string, data []byte, arm bool) (*fileIgnores, diag.Diagnostics) {
	lower := strings.ToLower(rel)
	switch {
	case strings.HasSuffix(lower, ".tf"):
		if !bytes.Contains(data, []byte(ignoreMarker)) {
			return nil, nil
		}
		return hclIgnores(rel, data)
	case strings.HasSuffix(lower, ".bicep"), strings.HasSuffix(lower, ".bicepparam"):
		if !bytes.Contains(data, []byte(ignoreMarker)) {
			return nil, nil
		}
		return bicepIgnores(rel, data)
	case arm && strings.HasSuffix(lower, ".json"):
		if !bytes.Contains(data, []byte(`"acrlint"`)) {
			return nil, nil
		}
		return armIgnores(rel, data)
	}
	return nil, nil
}

func newFileIgnores() *fileIgnores {
	return &fileIgnores{byLine: map[int][]*suppression{}, lead: map[int]bool{}}
}

// comment records one line comment; alone says whether nothing but the
// comment is on its line. text is the comment without its delimiter.
func (fi *fileIgnores) comment(rel string, pos diag.Pos, text string, alone bool) diag.Diagnostics {
	if alone {
		fi.lead[pos.Line] = true
	}
	rules, reason, ok, malformed := parseDirective(text)
	if malformed {
		return diag.Diagnostics{diag.Warnf(diag.Range{File: rel, Start: pos, End: pos}, "Malformed suppression",
			"write it as %q, with one or more rule ids separated by commas; this comment suppresses nothing", ignoreMarker+" ACR001 reason")}
	}
	if !ok {
		return nil
	}
	s := &suppression{file: rel, pos: pos, rules: rules, reason: reason, used: make([]bool, len(rules))}
	fi.byLine[pos.Line] = append(fi.byLine[pos.Line], s)
	fi.all = append(fi.all, s)
	return nil
}

// parseDirective reads "acrlint:ignore ID[,ID...] reason" from a comment's
// text. ok is false when the comment is not a suppression; malformed is
// true when it starts like one but does not follow the form.
func parseDirective(text string) (rules []string, reason string, ok, malformed bool) {
	rest, found := strings.CutPrefix(strings.TrimSpace(text), ignoreMarker)
	if !found {
		return nil, "", false, false
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil, "", false, true
	}
	rest = strings.TrimLeft(rest, " \t")
	for {
		n := 0
		for n < len(rest) && isRuleIDByte(rest[n]) {
			n++
		}
		if n == 0 {
			return nil, "", false, true
		}
		rules = append(rules, strings.ToUpper(rest[:n]))
		rest = rest[n:]
		after := strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(after, ",") {
			if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
				return nil, "", false, true // "ACR001:reason", "ACR001;ACR002"
			}
			break
		}
		rest = strings.TrimLeft(after[1:], " \t")
	}
	return rules, strings.TrimSpace(rest), true, false
}

func isRuleIDByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// hclIgnores reads the line comments (# and //) of a Terraform file with
// HCL's own lexer, so that a marker inside a string or heredoc is not one.
func hclIgnores(rel string, data []byte) (*fileIgnores, diag.Diagnostics) {
	fi := newFileIgnores()
	var ds diag.Diagnostics
	toks, _ := hclsyntax.LexConfig(data, rel, hcl.InitialPos)
	lastCode := 0 // the line the last token that is not a comment ends on
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
			continue
		case hclsyntax.TokenComment:
			text := string(t.Bytes)
			var body string
			switch {
			case strings.HasPrefix(text, "#"):
				body = text[1:]
			case strings.HasPrefix(text, "//"):
				body = text[2:]
			default:
				continue // a /* */ comment
			}
			pos := diag.Pos{Line: t.Range.Start.Line, Column: t.Range.Start.Column}
			ds = append(ds, fi.comment(rel, pos, body, lastCode < pos.Line)...)
			continue
		}
		lastCode = t.Range.End.Line
	}
	return fi, ds
}

// bicepIgnores reads the // comments of a Bicep file with the Bicep lexer;
// decorator lines (@description(...)) may stand between a comment and its
// resource.
func bicepIgnores(rel string, data []byte) (*fileIgnores, diag.Diagnostics) {
	fi := newFileIgnores()
	var ds diag.Diagnostics
	toks, comments, _ := syntax.Lex(rel, data)
	code := map[int]int{} // line → column of its first token
	for i, t := range toks {
		if t.Kind == syntax.NewLine || t.Kind == syntax.EOF {
			continue
		}
		if _, ok := code[t.Range.Start.Line]; !ok {
			code[t.Range.Start.Line] = t.Range.Start.Column
			if t.Kind == syntax.At && i+1 < len(toks) && toks[i+1].Kind != syntax.NewLine {
				fi.lead[t.Range.Start.Line] = true
			}
		}
		for l := t.Range.Start.Line + 1; l <= t.Range.End.Line; l++ {
			if _, ok := code[l]; !ok {
				code[l] = 0 // inside a multi-line string
			}
		}
	}
	for _, c := range comments {
		body, ok := strings.CutPrefix(c.Text, "//")
		if !ok {
			continue
		}
		pos := diag.Pos{Line: c.Range.Start.Line, Column: c.Range.Start.Column}
		first, hasCode := code[pos.Line]
		ds = append(ds, fi.comment(rel, pos, body, !hasCode || first > pos.Column)...)
	}
	return fi, ds
}

// armIgnores reads the metadata.acrlint.ignore entries of every resource of
// an ARM template, nested resources and nested deployments included.
func armIgnores(rel string, data []byte) (*fileIgnores, diag.Diagnostics) {
	doc, _, err := jsonpos.Parse(data, jsonpos.Options{})
	if err != nil || doc == nil {
		return nil, nil // the ARM parser reports it
	}
	fi := newFileIgnores()
	var ds diag.Diagnostics
	warn := func(at diag.Pos, detail string) {
		ds = append(ds, diag.Warnf(diag.Range{File: rel, Start: at, End: at}, "Malformed suppression",
			"%s; write it as \"acrlint\": {\"ignore\": [{\"rule\": \"ACR001\", \"reason\": \"...\"}]}", detail))
	}
	var resource func(v *jsonpos.Value)
	var walk func(v *jsonpos.Value)
	walk = func(v *jsonpos.Value) {
		switch v.Kind {
		case jsonpos.Object:
			for _, m := range v.Members {
				if strings.EqualFold(m.Key, "resources") && (m.Value.Kind == jsonpos.Array || m.Value.Kind == jsonpos.Object) {
					for _, r := range elements(m.Value) {
						resource(r)
					}
					continue
				}
				walk(m.Value)
			}
		case jsonpos.Array:
			for _, e := range v.Array {
				walk(e)
			}
		}
	}
	resource = func(r *jsonpos.Value) {
		if r.Kind != jsonpos.Object {
			return
		}
		if t, ok := r.Get("type"); !ok || t.Kind != jsonpos.String {
			walk(r)
			return
		}
		b := armBlock{start: r.Pos.Line, end: max(r.End.Line, r.Pos.Line)}
		if md, ok := r.Get("metadata"); ok && md.Kind == jsonpos.Object {
			if a, ok := md.Get("acrlint"); ok {
				b.ignores = armEntries(rel, a, warn)
				fi.all = append(fi.all, b.ignores...)
			}
		}
		fi.blocks = append(fi.blocks, b)
		walk(r)
	}
	walk(doc)
	fi.innerBlock = newInnermost(len(fi.blocks), func(i int) (int, int, bool) {
		return fi.blocks[i].start, fi.blocks[i].end, true
	})
	return fi, ds
}

// armEntries reads one resource's "acrlint" metadata object.
func armEntries(rel string, a *jsonpos.Value, warn func(diag.Pos, string)) []*suppression {
	if a.Kind != jsonpos.Object {
		warn(a.Pos, "the acrlint metadata must be an object")
		return nil
	}
	ig, ok := a.Get("ignore")
	if !ok || ig.Kind != jsonpos.Array {
		warn(a.Pos, "the acrlint metadata needs an ignore array")
		return nil
	}
	var out []*suppression
	for _, e := range ig.Array {
		rule, ok := e.Get("rule")
		if e.Kind != jsonpos.Object || !ok || rule.Kind != jsonpos.String {
			warn(e.Pos, "each ignore entry is an object with a rule string")
			continue
		}
		var ids []string
		for id := range strings.SplitSeq(rule.Str, ",") {
			id = strings.TrimSpace(id)
			if id == "" || strings.ContainsFunc(id, func(r rune) bool { return r >= utf8.RuneSelf || !isRuleIDByte(byte(r)) }) { //nolint:gosec // r < utf8.RuneSelf fits a byte
				ids = nil
				break
			}
			ids = append(ids, strings.ToUpper(id))
		}
		if len(ids) == 0 {
			warn(rule.Pos, "the rule is one or more rule ids separated by commas")
			continue
		}
		s := &suppression{file: rel, pos: e.Pos, rules: ids, used: make([]bool, len(ids)), arm: true}
		if reason, ok := e.Get("reason"); ok && reason.Kind == jsonpos.String {
			s.reason = strings.TrimSpace(reason.Str)
		}
		out = append(out, s)
	}
	return out
}

// elements are the values of an array, or of an object (languageVersion
// 2.0 keys resources by symbolic name).
func elements(v *jsonpos.Value) []*jsonpos.Value {
	if v.Kind == jsonpos.Array {
		return v.Array
	}
	out := make([]*jsonpos.Value, 0, len(v.Members))
	for _, m := range v.Members {
		out = append(out, m.Value)
	}
	return out
}
