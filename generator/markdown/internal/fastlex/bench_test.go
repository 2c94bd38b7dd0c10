package fastlex

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// BenchmarkHighlight splits the code blocks of generated sites and of the
// demo portal into tokens, by the fast path and by chroma's lexers, a
// sub-benchmark each, so that benchstat can compare them:
//
//	go test -run '^$' -bench Highlight -count 10 ./generator/markdown/internal/fastlex
func BenchmarkHighlight(b *testing.B) {
	var blocks []sample
	bytes := 0
	for _, s := range samples(b) {
		if _, ok := Tokens(s.lexer, s.code); ok && s.common {
			blocks = append(blocks, s)
			bytes += len(s.code)
		}
	}
	b.Run("path=fast", func(b *testing.B) {
		b.SetBytes(int64(bytes))
		for b.Loop() {
			for _, s := range blocks {
				Tokens(s.lexer, s.code)
			}
		}
	})
	b.Run("path=chroma", func(b *testing.B) {
		ls := map[string]chroma.Lexer{}
		for _, s := range blocks {
			ls[s.lexer] = chroma.Coalesce(lexers.Get(s.lexer))
		}
		b.SetBytes(int64(bytes))
		for b.Loop() {
			for _, s := range blocks {
				if _, err := chroma.Tokenise(ls[s.lexer], nil, s.code); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
