package search

import (
	"strings"

	"github.com/kljensen/snowball/english"
)

// stopWords are left out of every field but titles and headings, where a
// page named "Who we are" must still be found by its name. Queries drop
// them too, unless a query holds nothing else. The list travels to the
// browser in the manifest, so that both sides agree.
var stopWords = strings.Fields(`a about also an and any are as at be been but by can could
did do does for from had has have he her his how i if in into is it its just me my no nor
not of on or our s she should so some such t than that the their them then there these
they this those to too us was we were what when where which who whom why will with would
you your`)

var stopSet = func() map[string]bool {
	m := make(map[string]bool, len(stopWords))
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}()

// stopStems are the stems of the stop words, whose positions are kept
// (pairs leave stop words out).
var stopStems = func() map[string]bool {
	m := make(map[string]bool, len(stopWords))
	for _, w := range stopWords {
		m[stem(w)] = true
	}
	return m
}()

// stem returns the English stem of a folded word: "running" -> "run",
// "readiness" -> "readi". Words holding anything but ASCII letters (code
// names, numbers, other scripts) and words of two letters or fewer are
// their own stem.
func stem(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return w
		}
	}
	return english.Stem(w, true)
}
