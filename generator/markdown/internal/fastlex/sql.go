package fastlex

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// SQL, as chroma's lexer reads it, ignoring case: comments, strings,
// keywords and built-in types (their lists read from chroma's rules),
// operators, numbers, names and punctuation.
var sql = register(&language{
	lexer:       "SQL",
	fingerprint: "f3cfabcc0870da97",
	prepare: func(rules chroma.Rules) (err error) {
		if sqlKeywords, err = words(rules, "root", 5, "", `\b`, true); err != nil {
			return err
		}
		sqlTypes, err = words(rules, "root", 6, "", `\b`, true)
		return err
	},
	scan: scanSQL,
})

var sqlKeywords, sqlTypes *wordList

func scanSQL(s *scanner) bool {
	never := func(int) bool { return true }
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case isSpace(c):
			s.emit(chroma.TextWhitespace, s.span(s.pos, isSpace))
		case s.has("--"):
			// --.*\n?
			s.emit(chroma.CommentSingle, min(s.lineRest(s.pos)+1, len(s.src)-s.pos))
		case s.has("/*"):
			// Nested comments, all of one type, to the end if unclosed.
			depth, i := 0, s.pos
			for i < len(s.src) {
				if strings.HasPrefix(s.src[i:], "/*") {
					depth, i = depth+1, i+2
				} else if strings.HasPrefix(s.src[i:], "*/") {
					depth, i = depth-1, i+2
					if depth == 0 {
						break
					}
				} else {
					i++
				}
			}
			s.emit(chroma.CommentMultiline, i-s.pos)
		case c == '\'' || c == '"':
			// Doubled quotes stay in the string; to the end if unclosed.
			i := s.pos + 1
			for i < len(s.src) {
				if s.src[i] != c {
					i++
				} else if s.at(i+1) == c {
					i += 2
				} else {
					i++
					break
				}
			}
			if c == '\'' {
				s.emit(chroma.LiteralStringSingle, i-s.pos)
			} else {
				s.emit(chroma.LiteralStringDouble, i-s.pos)
			}
		case sqlKeywords.match(s, never) > 0:
			s.emit(chroma.Keyword, sqlKeywords.match(s, never))
		case sqlTypes.match(s, never) > 0:
			s.emit(chroma.NameBuiltin, sqlTypes.match(s, never))
		case strings.IndexByte("+*/<>=~!@#%^&|`?-", c) >= 0:
			s.emit(chroma.Operator, 1)
		case isDigit(c):
			s.emit(chroma.LiteralNumberInteger, s.span(s.pos, isDigit))
		case isLetter(c) || c == '_':
			s.emit(chroma.Name, s.span(s.pos, func(c byte) bool { return isWord(c) || c == '$' }))
		case strings.IndexByte(";:()[],.", c) >= 0:
			s.emit(chroma.Punctuation, 1)
		default:
			return false
		}
	}
	return true
}
