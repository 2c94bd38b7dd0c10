package fastlex

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
)

func strconvQuote(s string) string { return strconv.Quote(s) }

func pad(s string, n int) string { return fmt.Sprintf("%-*s", n, s) }

// TestSameAsChroma checks every sample: when the fast path takes it, its
// tokens are chroma's; and it takes every common one.
func TestSameAsChroma(t *testing.T) {
	taken, seen := map[string]int{}, map[string]int{}
	for _, s := range samples(t) {
		seen[s.lexer]++
		if same(t, s.name, s.lexer, s.code) {
			taken[s.lexer]++
		} else if s.common {
			t.Errorf("%s: %s: the fast path gives up on\n%s", s.name, s.lexer, s.code)
		}
	}
	for name := range languages {
		if taken[name] == 0 {
			t.Errorf("%s: the fast path took none of %d samples", name, seen[name])
		}
		t.Logf("%s: %d of %d samples take the fast path", name, taken[name], seen[name])
	}
}

// TestFingerprints checks that chroma's lexers have the rules each scanner
// was written for.
func TestFingerprints(t *testing.T) {
	for name, l := range languages {
		rules, err := rulesOf(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := fingerprintOf(rules); got != l.fingerprint {
			t.Errorf("%s: chroma's rules have fingerprint %s, the scanner follows %s: review the scanner against the rules, then update its fingerprint", name, got, l.fingerprint)
		}
		if lexers.Get(name) == nil {
			t.Errorf("no lexer %s", name)
		}
	}
}
