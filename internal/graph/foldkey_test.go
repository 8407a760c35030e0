package graph

import (
	"strings"
	"testing"
)

// TestFoldKeyIsEqualFold: two strings have the same foldKey exactly when
// strings.EqualFold reports them equal.
func TestFoldKeyIsEqualFold(t *testing.T) {
	ss := []string{"", "rg", "RG", "Rg-1", "rg-1", "k", "K", "\u212A", "s", "S", "\u017F", "\u00DF", "\u1E9E", "ss",
		"\u03A3", "\u03C3", "\u03C2", "\u00C9t\u00E9", "\u00E9T\u00C9", "\xff", "\xfe", "\uFFFD", "a\xffb", "A\uFFFDB", "\u0130", "i", "\u0131"}
	for _, a := range ss {
		for _, b := range ss {
			if same := foldKey(a) == foldKey(b); same != strings.EqualFold(a, b) {
				t.Errorf("%q, %q: same foldKey %v, EqualFold %v", a, b, same, !same)
			}
		}
	}
}
