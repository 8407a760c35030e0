package graph

import (
	"strings"
	"testing"
)

// TestFoldKeyMatchesEqualFold: two strings have the same FoldKey exactly
// when strings.EqualFold reports them equal, on every pair of a set of
// names, among them runes whose folding differs from lower-casing and
// invalid UTF-8.
func TestFoldKeyMatchesEqualFold(t *testing.T) {
	names := []string{
		"", "a", "A", "abc", "ABC", "aBc", "ab", "abcd", "a1_-.", "A1_-.",
		"rg", "RG", "Rg-1", "rg-1", "ss",
		"k", "K", "\u212a", "s", "S", "\u017f", // Kelvin sign, long s
		"σ", "ς", "Σ", "ß", "ẞ", "ǅ", "ǆ", "Ǆ", "İ", "i", "ı", "I",
		"\u00C9t\u00E9", "\u00E9T\u00C9",
		"straße", "STRASSE", "\xff", "\xfe", "\ufffd", "a\xffb", "A\ufffdB",
		"Ωmega", "ωMEGA", "\u2126mega", // Ohm sign
	}
	for _, a := range names {
		for _, b := range names {
			if got, want := FoldKey(a) == FoldKey(b), strings.EqualFold(a, b); got != want {
				t.Errorf("FoldKey(%q) == FoldKey(%q) is %v; EqualFold says %v", a, b, got, want)
			}
		}
	}
}
