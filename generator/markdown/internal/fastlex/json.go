package fastlex

import "github.com/alecthomas/chroma/v2"

// JSON, as chroma's lexer reads it: values, objects whose keys are tags,
// arrays and // comments. Anything else (a stray comma, a bare word) is
// an error token in chroma, and the scanner gives up.
var _ = register(&language{
	lexer:       "JSON",
	fingerprint: "12931377d63ff736",
	scan:        scanJSON,
})

// The states of chroma's JSON lexer.
const (
	jsonValue = iota // root and value
	jsonObject
	jsonAttribute
	jsonArray
)

func scanJSON(s *scanner) bool {
	stack := []int{jsonValue}
	for s.pos < len(s.src) {
		state := stack[len(stack)-1]
		c := s.src[s.pos]
		switch {
		case isSpace(c):
			s.emit(chroma.Text, s.span(s.pos, isSpace))
			continue
		case c == '/':
			// //.*?\n, with dot matching newlines; code ends with one.
			if s.at(s.pos+1) != '/' {
				return false
			}
			s.emit(chroma.CommentSingle, s.lineRest(s.pos)+1)
			continue
		}
		if state == jsonObject {
			switch c {
			case '"':
				n := quoted(s, '"')
				if n == 0 {
					return false
				}
				s.emit(chroma.NameTag, n)
				stack = append(stack, jsonAttribute)
			case '}':
				s.emit(chroma.Punctuation, 1)
				stack = stack[:len(stack)-1]
			default:
				return false
			}
			continue
		}
		// The rules of value, shared by the other states.
		if n := jsonSimple(s); n < 0 {
			return false
		} else if n > 0 {
			continue
		}
		switch {
		case c == '{':
			s.emit(chroma.Punctuation, 1)
			stack = append(stack, jsonObject)
		case c == '[':
			s.emit(chroma.Punctuation, 1)
			stack = append(stack, jsonArray)
		case state == jsonAttribute && c == ':':
			s.emit(chroma.Punctuation, 1)
		case state == jsonAttribute && c == ',':
			s.emit(chroma.Punctuation, 1)
			stack = stack[:len(stack)-1]
		case state == jsonAttribute && c == '}':
			s.emit(chroma.Punctuation, 1)
			stack = stack[:len(stack)-2]
		case state == jsonArray && c == ',':
			s.emit(chroma.Punctuation, 1)
		case state == jsonArray && c == ']':
			s.emit(chroma.Punctuation, 1)
			stack = stack[:len(stack)-1]
		default:
			return false
		}
	}
	return true
}

// jsonSimple emits a constant, number or string at s.pos and returns its
// length: 0 when there is none, -1 to give up.
func jsonSimple(s *scanner) int {
	start := s.pos
	switch w := s.word(s.pos); {
	case w == "true" || w == "false" || w == "null":
		s.emit(chroma.KeywordConstant, len(w))
	case s.src[s.pos] == '"':
		n := quoted(s, '"')
		if n == 0 {
			return -1
		}
		s.emit(chroma.LiteralStringDouble, n)
	default:
		// -?(0|[1-9]\d*), then for a float one of
		// \.\d+[eE](\+|-)?\d+, [eE](\+|-)?\d+ and \.\d+.
		i := s.pos
		if s.at(i) == '-' {
			i++
		}
		switch c := s.at(i); {
		case c == '0':
			i++
		case '1' <= c && c <= '9':
			i += s.span(i, isDigit)
		default:
			return 0
		}
		if f := jsonFraction(s, i); f > 0 {
			s.emit(chroma.LiteralNumberFloat, i+f-s.pos)
		} else {
			s.emit(chroma.LiteralNumberInteger, i-s.pos)
		}
	}
	return s.pos - start
}

// jsonFraction returns the length of a number's fraction and exponent at
// i, 0 for none.
func jsonFraction(s *scanner, i int) int {
	exp := func(j int) int { // [eE](\+|-)?\d+
		if c := s.at(j); c != 'e' && c != 'E' {
			return 0
		}
		k := j + 1
		if c := s.at(k); c == '+' || c == '-' {
			k++
		}
		d := s.span(k, isDigit)
		if d == 0 {
			return 0
		}
		return k + d - j
	}
	if s.at(i) == '.' {
		d := s.span(i+1, isDigit)
		if d == 0 {
			return 0
		}
		if e := exp(i + 1 + d); e > 0 {
			return 1 + d + e
		}
		return 1 + d
	}
	return exp(i)
}
