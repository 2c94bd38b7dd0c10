package fastlex

import "github.com/alecthomas/chroma/v2"

// TOML, as chroma's lexer reads it: one state of rules for comments,
// booleans, dates, numbers, strings, punctuation and bare words.
var _ = register(&language{
	lexer:       "TOML",
	fingerprint: "fda1a306caa284f9",
	scan:        scanTOML,
})

func scanTOML(s *scanner) bool {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch w := s.word(s.pos); {
		case isSpace(c):
			s.emit(chroma.Text, s.span(s.pos, isSpace))
		case c == '#':
			s.emit(chroma.Comment, s.lineRest(s.pos))
		case w == "true" || w == "false":
			s.emit(chroma.KeywordConstant, len(w))
		case tomlDate(s) > 0:
			s.emit(chroma.LiteralDate, tomlDate(s))
		case tomlNumber(s) > 0:
			n, float := tomlNumber(s), false
			if s.at(s.pos+n) == '.' {
				if d := s.span(s.pos+n+1, isDigit); d > 0 {
					n, float = n+1+d, true
				}
			}
			if float {
				s.emit(chroma.LiteralNumberFloat, n)
			} else {
				s.emit(chroma.LiteralNumberInteger, n)
			}
		case c == '"' || c == '\'':
			if !s.quotedString(c) {
				return false
			}
		case c == '.' || c == ',' || c == '=' || c == '[' || c == ']' || c == '{' || c == '}':
			s.emit(chroma.Punctuation, 1)
		case isWord(c) || c == '-':
			s.emit(chroma.NameOther, s.span(s.pos, func(c byte) bool { return isWord(c) || c == '-' }))
		default:
			return false
		}
	}
	return true
}

// tomlDate returns the length of
// \d\d\d\d-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d\+)?(Z|[+-]\d{2}:\d{2})
// at s.pos, 0 for none.
func tomlDate(s *scanner) int {
	i := s.pos
	for _, p := range "dddd-dd-ddTdd:dd:dd" {
		if c := s.at(i); p == 'd' && !isDigit(c) || p != 'd' && c != byte(p) {
			return 0
		}
		i++
	}
	if s.at(i) == '.' && isDigit(s.at(i+1)) && s.at(i+2) == '+' {
		i += 3
	}
	switch s.at(i) {
	case 'Z':
		return i + 1 - s.pos
	case '+', '-':
		if isDigit(s.at(i+1)) && isDigit(s.at(i+2)) && s.at(i+3) == ':' && isDigit(s.at(i+4)) && isDigit(s.at(i+5)) {
			return i + 6 - s.pos
		}
	}
	return 0
}

// tomlNumber returns the length of [+-]?[0-9](_?\d)* at s.pos, 0 for
// none.
func tomlNumber(s *scanner) int {
	i := s.pos
	if c := s.at(i); c == '+' || c == '-' {
		i++
	}
	if !isDigit(s.at(i)) {
		return 0
	}
	i++
	for {
		if isDigit(s.at(i)) {
			i++
		} else if s.at(i) == '_' && isDigit(s.at(i+1)) {
			i += 2
		} else {
			return i - s.pos
		}
	}
}

// quoted returns the length of q(\\\\|\\q|[^q])*q at s.pos, 0 when the
// string is not closed by a quote that no backslash escapes (where
// backtracking could find another end).
func quoted(s *scanner, q byte) int {
	for i := s.pos + 1; i < len(s.src); i++ {
		switch s.src[i] {
		case '\\':
			if c := s.at(i + 1); c == '\\' || c == q {
				i++
			}
		case q:
			return i + 1 - s.pos
		}
	}
	return 0
}

// quotedString emits the string quoted by q at s.pos (see quoted) as a
// double- or single-quoted string; false when it is not closed.
func (s *scanner) quotedString(q byte) bool {
	n := quoted(s, q)
	if n == 0 {
		return false
	}
	if q == '"' {
		s.emit(chroma.LiteralStringDouble, n)
	} else {
		s.emit(chroma.LiteralStringSingle, n)
	}
	return true
}
