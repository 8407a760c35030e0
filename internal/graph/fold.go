package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldKey returns a key under which two strings are equal exactly when
// strings.EqualFold reports them equal, so that a map can replace a scan
// comparing names case-insensitively. Each rune becomes the smallest rune
// of its case-folding orbit (unicode.SimpleFold): "k", "K" and the Kelvin
// sign all become "K", as EqualFold treats them alike, while strings.ToLower
// would leave the Kelvin sign apart. Invalid UTF-8 becomes U+FFFD, as
// EqualFold reads it.
func FoldKey(s string) string {
	ascii := true
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		// An ASCII letter's orbit is its two cases (and, for k and s, a
		// rune beyond ASCII): the upper case is the smallest.
		return strings.ToUpper(s)
	}
	return strings.Map(foldRune, s)
}

// foldRune returns the smallest rune of r's case-folding orbit.
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}
