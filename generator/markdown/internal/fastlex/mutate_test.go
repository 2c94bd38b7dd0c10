package fastlex

import (
	"math/rand/v2"
	"testing"
)

// TestMutatedSamples compares the fast path with chroma on samples with a
// few characters changed, inserted or deleted, picked from those the
// lexers' rules turn on: a fixed, quick share of what the fuzzer does.
func TestMutatedSamples(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("ab:-# \n\t\"'{}[]|>&*!?.,0123456789eE+x/\\$()`;=<@%~_éN—\u00a0")
	for _, s := range samples(t) {
		for range 20 {
			code := []rune(s.code)
			for range 1 + r.IntN(4) {
				i, c := r.IntN(len(code)), alphabet[r.IntN(len(alphabet))]
				switch r.IntN(3) {
				case 0:
					code[i] = c
				case 1:
					code = append(code[:i], append([]rune{c}, code[i:]...)...)
				default:
					if len(code) > 2 {
						code = append(code[:i], code[i+1:]...)
					}
				}
			}
			if code[len(code)-1] != '\n' {
				code = append(code, '\n')
			}
			same(t, s.name+" (mutated)", s.lexer, string(code))
		}
	}
}
