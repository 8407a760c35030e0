// Package ruledoc renders the rule catalog for people: the page of a rule
// (docs/rules/ACRnnn.md and `acrlint explain`), and the search from an
// error message a user pasted to the rules that explain it.
package ruledoc

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/acrlint/acrlint/internal/result"
)

// formats are the source formats a fix is given for, in order.
var formats = []struct{ key, title, lang string }{
	{"terraform", "Terraform", "hcl"},
	{"bicep", "Bicep", "bicep"},
	{"arm", "ARM template", "json"},
}

// Markdown renders a rule's page.
func Markdown(r result.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", r.ID, r.Name)
	fmt.Fprintf(&b, "**%s** · severity: %s\n\n", r.Title, r.Severity)
	fmt.Fprintf(&b, "%s\n\n", r.Description)
	if len(r.Symptoms) > 0 {
		b.WriteString("## Symptoms\n\nWhat users see when this goes wrong:\n\n")
		for _, s := range r.Symptoms {
			fmt.Fprintf(&b, "- `%s`\n", s)
		}
		b.WriteString("\n")
	}
	if r.Remediation != "" {
		fmt.Fprintf(&b, "## How to fix it\n\n%s\n\n", r.Remediation)
	}
	for _, f := range formats {
		if fix, ok := r.Fix[f.key]; ok {
			fmt.Fprintf(&b, "### %s\n\n```%s\n%s\n```\n\n", f.title, f.lang, fix)
		}
	}
	if len(r.Links) > 0 {
		b.WriteString("## Learn more\n\n")
		for _, l := range r.Links {
			fmt.Fprintf(&b, "- <%s>\n", l)
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// Text renders a rule's page for a terminal.
func Text(r result.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s)\n%s\n\n%s\n", r.ID, r.Name, r.Severity, r.Title, wrap(r.Description))
	if len(r.Symptoms) > 0 {
		b.WriteString("\nSymptoms:\n")
		for _, s := range r.Symptoms {
			fmt.Fprintf(&b, "  %s\n", s)
		}
	}
	if r.Remediation != "" {
		fmt.Fprintf(&b, "\nHow to fix it:\n%s\n", wrap(r.Remediation))
	}
	for _, f := range formats {
		if fix, ok := r.Fix[f.key]; ok {
			fmt.Fprintf(&b, "\nIn %s:\n", f.title)
			for line := range strings.SplitSeq(fix, "\n") {
				fmt.Fprintf(&b, "    %s\n", line)
			}
		}
	}
	if len(r.Links) > 0 {
		b.WriteString("\nLearn more:\n")
		for _, l := range r.Links {
			fmt.Fprintf(&b, "  %s\n", l)
		}
	}
	return b.String()
}

// wrap joins a paragraph's lines and folds them at 78 columns.
func wrap(s string) string {
	var out []string
	for para := range strings.SplitSeq(s, "\n\n") {
		words := strings.Fields(para)
		line := ""
		var lines []string
		for _, w := range words {
			if line != "" && len(line)+1+len(w) > 78 {
				lines = append(lines, line)
				line = w
				continue
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		if line != "" {
			lines = append(lines, line)
		}
		out = append(out, strings.Join(lines, "\n"))
	}
	return strings.Join(out, "\n\n")
}

// placeholder matches the <registry>, <region>, ... parts of a symptom.
var placeholder = regexp.MustCompile(`<[a-z-]+>`)

// symptomPattern turns a symptom into a case-insensitive pattern in which
// each placeholder matches a name.
func symptomPattern(symptom string) *regexp.Regexp {
	parts := placeholder.Split(symptom, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`(?i)` + strings.Join(parts, `[A-Za-z0-9.\-_]+`))
}

// Match is a rule whose symptoms match a message, with the symptom that did.
type Match struct {
	Rule    result.Rule
	Symptom string
}

// Search finds the rules one of whose symptoms occurs in message (with
// the placeholders standing for any name), most specific symptom first.
func Search(rules []result.Rule, message string) []Match {
	var out []Match
	for _, r := range rules {
		best := ""
		for _, s := range r.Symptoms {
			if symptomPattern(s).MatchString(message) && len(s) > len(best) {
				best = s
			}
		}
		if best != "" {
			out = append(out, Match{Rule: r, Symptom: best})
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		if len(a.Symptom) != len(b.Symptom) {
			return len(b.Symptom) - len(a.Symptom)
		}
		return strings.Compare(a.Rule.ID, b.Rule.ID)
	})
	return out
}
