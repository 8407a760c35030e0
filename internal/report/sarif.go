package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

// SARIF identifiers acrlint writes.
const (
	sarifSchemaURI      = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifToolName       = "acrlint"
	sarifInformationURI = "https://github.com/acrlint/acrlint"
	// sarifSrcRoot is the uriBaseId every artifact location is relative to;
	// run.originalUriBaseIds maps it to the scan root when that is known.
	sarifSrcRoot = "%SRCROOT%"
	// sarifFingerprintKey names acrlint's partial fingerprint; bump its
	// version whenever result.Fingerprint changes what it hashes.
	sarifFingerprintKey = "acrlint/v1"
)

// sarifTags are the properties.tags of every rule.
var sarifTags = []string{"security", "networking", "azure-container-registry"}

// semverPattern is the regular expression semver.org publishes for SemVer 2.0.0.
var semverPattern = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// sarifWriter prints a SARIF 2.1.0 log with one run: every catalog rule as a
// reportingDescriptor, one result per finding and the diagnostics as tool
// execution notifications. The output holds no time stamps or GUIDs, so the
// same report always gives the same bytes.
type sarifWriter struct {
	version string
}

func (s sarifWriter) Write(w io.Writer, r *result.Report) error {
	run := sarif.NewRunWithInformationURI(sarifToolName, sarifInformationURI)
	driver := run.Tool.Driver
	if s.version != "" {
		driver.WithVersion(sarifVersion(s.version))
		if v := strings.TrimPrefix(s.version, "v"); semverPattern.MatchString(v) {
			driver.WithSemanticVersion(v)
		}
	}
	if base, ok := rootURI(r.Root); ok {
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
			sarifSrcRoot: *sarif.NewArtifactLocation().WithURI(base),
		})
	}

	rules := sarifRules(r)
	index := make(map[string]int, len(rules))
	for i, rule := range rules {
		driver.AddRule(sarifRule(rule))
		index[rule.ID] = i
	}

	for _, f := range r.Findings {
		res := sarif.NewRuleResult(f.RuleID).
			WithRuleIndex(index[f.RuleID]).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(f.Message))
		line, col := f.Line, f.Column
		if line <= 0 {
			// A finding about a whole file points at its first line: GitHub
			// code scanning shows a result only with a region's startLine.
			line, col = 1, 0
		}
		if loc := resourceLocation(f.File, line, col, f.Resource); loc != nil {
			res.AddLocation(loc)
		}
		for i, rel := range f.Related {
			loc := resourceLocation(rel.File, rel.Line, rel.Column, rel.Resource)
			if loc == nil {
				loc = sarif.NewLocation()
			}
			text := rel.Message
			if rel.Resource != "" && text != "" {
				text = rel.Resource + ": " + text
			} else if text == "" {
				text = rel.Resource
			}
			res.AddRelatedLocation(loc.WithID(i + 1).WithMessage(sarif.NewTextMessage(text)))
		}
		for _, sup := range f.Suppressions {
			s := sarif.NewSuppression().WithKind(sup.Kind)
			if sup.Justification != "" {
				s.WithJustification(sup.Justification)
			}
			if loc := sarifLocation(sup.File, sup.Line, 0); loc != nil {
				s.WithLocation(loc)
			}
			res.AddSuppression(s)
		}
		if f.Fingerprint != "" {
			res.WithPartialFingerprints(map[string]string{sarifFingerprintKey: f.Fingerprint})
		}
		run.AddResult(res)
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(true)
	for _, d := range r.Diagnostics {
		n := sarif.NewNotification().
			WithLevel(sarifLevel(d.Severity)).
			WithMessage(sarif.NewTextMessage(d.Message()))
		if loc := sarifLocation(d.Subject.File, d.Subject.Start.Line, d.Subject.Start.Column); loc != nil {
			n.AddLocation(loc)
		}
		inv.AddToolExecutionNotification(n)
	}
	run.AddInvocation(inv)

	log := sarif.NewReport()
	log.Schema = sarifSchemaURI
	log.AddRun(run)
	doc, err := compactSARIF(log)
	if err != nil {
		return err
	}
	return encodeJSON(w, doc)
}

// sarifVersion is the tool version as SARIF's version property wants it, a
// string that starts with a number: a Go module version's leading "v" is
// dropped. A version without a number (a custom build's name) is kept as it
// is.
func sarifVersion(v string) string {
	if rest, ok := strings.CutPrefix(v, "v"); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		return rest
	}
	return v
}

// sarifDocument fixes the order of a log's top-level properties; everything
// below them is written with sorted keys.
type sarifDocument struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []any  `json:"runs"`
}

// sarifDefaults are the properties go-sarif writes on every object of a kind
// whatever their value, with the value that equals the SARIF schema's
// default. Leaving them out changes no meaning (a region's charOffset of -1
// is "no offset", a location id of -1 "no id") and keeps the log to what
// acrlint states; some viewers misread line-based regions that also carry
// offsets.
var sarifDefaults = map[string]any{
	"byteOffset":       json.Number("-1"),
	"charOffset":       json.Number("-1"),
	"contents":         []any{"localizedData", "nonLocalizedData"},
	"enabled":          true,
	"id":               json.Number("-1"),
	"index":            json.Number("-1"),
	"isComprehensive":  false,
	"kind":             "fail",
	"language":         "en-US",
	"newlineSequences": []any{"\r\n", "\n"},
	"parentIndex":      json.Number("-1"),
	"rank":             json.Number("-1"),
}

// compactSARIF drops from log the properties that hold their schema default
// and the empty arrays and objects go-sarif writes for everything unset.
// run.results and tool.driver.rules stay even when empty: results tells
// consumers the scan ran and found nothing, and GitHub code scanning
// requires both.
func compactSARIF(log *sarif.Report) (sarifDocument, error) {
	raw, err := json.Marshal(log)
	if err != nil {
		return sarifDocument{}, fmt.Errorf("encode SARIF: %w", err)
	}
	var tree struct{ Runs []any }
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		return sarifDocument{}, fmt.Errorf("encode SARIF: %w", err)
	}
	doc := sarifDocument{Schema: log.Schema, Version: log.Version, Runs: tree.Runs}
	for _, run := range doc.Runs {
		compactValue(run)
	}
	return doc, nil
}

func compactValue(v any) {
	switch v := v.(type) {
	case map[string]any:
		for key, child := range v {
			compactValue(child)
			if key == "results" || key == "rules" {
				continue
			}
			if def, ok := sarifDefaults[key]; (ok && reflect.DeepEqual(child, def)) || isEmpty(child) {
				delete(v, key)
			}
		}
	case []any:
		for _, child := range v {
			compactValue(child)
		}
	}
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}
	return false
}

// sarifRules is the catalog sorted by id, with a minimal entry for any rule a
// finding names that the catalog lacks, so that every ruleIndex resolves.
func sarifRules(r *result.Report) []result.Rule {
	rules := slices.Clone(r.Rules)
	known := make(map[string]bool, len(rules))
	for _, rule := range rules {
		known[rule.ID] = true
	}
	for _, f := range r.Findings {
		if !known[f.RuleID] {
			known[f.RuleID] = true
			rules = append(rules, result.Rule{ID: f.RuleID, Name: f.RuleName, Severity: f.Severity})
		}
	}
	slices.SortStableFunc(rules, func(a, b result.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}

func sarifRule(rule result.Rule) *sarif.ReportingDescriptor {
	d := sarif.NewRule(rule.ID)
	if rule.Name != "" {
		d.WithName(rule.Name)
	}
	short := cmp.Or(rule.Title, rule.Description, rule.Name, rule.ID)
	d.WithShortDescription(sarif.NewMultiformatMessageString().WithText(short))
	// GitHub code scanning requires a full description; a rule known only
	// from its findings repeats the short one.
	d.WithFullDescription(sarif.NewMultiformatMessageString().WithText(cmp.Or(rule.Description, short)))
	d.WithHelp(sarif.NewMultiformatMessageString().
		WithText(helpText(rule)).
		WithMarkdown(helpMarkdown(rule)))
	if link, ok := firstURL(rule.Links); ok {
		d.WithHelpURI(link)
	}
	d.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(rule.Severity)))
	props := sarif.NewPropertyBag().WithTags(slices.Clone(sarifTags))
	if rule.Custom {
		props.AddTag("custom")
	}
	props.Add("security-severity", securitySeverity(rule.Severity))
	d.WithProperties(props)
	return d
}

// helpText is the rule's help as plain text.
func helpText(rule result.Rule) string {
	var parts []string
	if rule.Description != "" {
		parts = append(parts, rule.Description)
	}
	if len(rule.Symptoms) > 0 {
		parts = append(parts, "Symptoms:\n"+bullets(rule.Symptoms, func(s string) string { return s }))
	}
	if rule.Remediation != "" {
		parts = append(parts, "Remediation:\n"+rule.Remediation)
	}
	if len(rule.Links) > 0 {
		parts = append(parts, "Links:\n"+bullets(rule.Links, func(s string) string { return s }))
	}
	if len(parts) == 0 {
		return cmp.Or(rule.Title, rule.Name, rule.ID)
	}
	return strings.Join(parts, "\n\n")
}

// helpMarkdown is the rule's help as GitHub-flavoured Markdown, symptoms as
// code spans so that the error strings read as users see them.
func helpMarkdown(rule result.Rule) string {
	var parts []string
	if rule.Description != "" {
		parts = append(parts, rule.Description)
	}
	if len(rule.Symptoms) > 0 {
		parts = append(parts, "**Symptoms**\n\n"+bullets(rule.Symptoms, codeSpan))
	}
	if rule.Remediation != "" {
		parts = append(parts, "**Remediation**\n\n"+rule.Remediation)
	}
	if len(rule.Links) > 0 {
		parts = append(parts, "**Links**\n\n"+bullets(rule.Links, markdownLink))
	}
	if len(parts) == 0 {
		return cmp.Or(rule.Title, rule.Name, rule.ID)
	}
	return strings.Join(parts, "\n\n")
}

func bullets(items []string, format func(string) string) string {
	lines := make([]string, len(items))
	for i, item := range items {
		lines[i] = "- " + format(item)
	}
	return strings.Join(lines, "\n")
}

// codeSpan quotes s as a Markdown code span, using a fence longer than any
// run of backticks inside it.
func codeSpan(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// markdownLink renders an absolute URL as an autolink and anything else as
// plain text.
func markdownLink(s string) string {
	if _, ok := firstURL([]string{s}); ok && !strings.ContainsAny(s, "<> ") {
		return "<" + s + ">"
	}
	return s
}

// firstURL returns the first of links that is an absolute URL.
func firstURL(links []string) (string, bool) {
	for _, l := range links {
		if u, err := url.Parse(l); err == nil && u.IsAbs() && u.Host != "" {
			return l, true
		}
	}
	return "", false
}

func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return sarif.LevelError
	case diag.Warning:
		return sarif.LevelWarning
	default:
		return sarif.LevelNote
	}
}

// securitySeverity is the CVSS-like score GitHub code scanning reads from a
// rule's properties to rank alerts (critical >= 9.0, high >= 7.0, medium >=
// 4.0, low below).
func securitySeverity(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "8.0"
	case diag.Warning:
		return "5.0"
	default:
		return "2.0"
	}
}

// sarifLocation points at file (relative to %SRCROOT%) and, when line is
// known, at line and col. It is nil when file is empty.
func sarifLocation(file string, line, col int) *sarif.Location {
	if file == "" {
		return nil
	}
	phys := sarif.NewPhysicalLocation().WithArtifactLocation(
		sarif.NewArtifactLocation().WithURI(relativeURI(file)).WithURIBaseID(sarifSrcRoot))
	if line > 0 {
		region := sarif.NewRegion().WithStartLine(line)
		if col > 0 {
			region.WithStartColumn(col)
		}
		phys.WithRegion(region)
	}
	return sarif.NewLocationWithPhysicalLocation(phys)
}

// resourceLocation is sarifLocation with the resource's address as a
// logical location; it is nil when both file and resource are empty.
func resourceLocation(file string, line, col int, resource string) *sarif.Location {
	loc := sarifLocation(file, line, col)
	if resource == "" {
		return loc
	}
	if loc == nil {
		loc = sarif.NewLocation()
	}
	return loc.AddLogicalLocation(sarif.NewLogicalLocation().WithFullyQualifiedName(resource).WithKind("resource"))
}

// relativeURI turns a root-relative path into a relative URI reference,
// percent-encoding what a path may hold and a URI may not.
func relativeURI(p string) string {
	u := url.URL{Path: slashPath(p)}
	return u.String()
}

// rootURI is the file URI of an absolute scan root, ending in a slash as
// SARIF requires of a uriBaseId's target.
func rootURI(root string) (string, bool) {
	if root == "" || !filepath.IsAbs(root) {
		return "", false
	}
	p := filepath.ToSlash(filepath.Clean(root))
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive, C:/src becomes file:///C:/src/
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String(), true
}
