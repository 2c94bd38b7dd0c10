package fastlex

import "github.com/alecthomas/chroma/v2"

// Plain text: chroma's lexer makes every line and newline Text, which
// chroma.Coalesce merges into one token.
var _ = register(&language{
	lexer:       "plaintext",
	fingerprint: "7f653e5408f45940",
	scan: func(s *scanner) bool {
		s.emit(chroma.Text, len(s.src))
		return true
	},
})
