package fastlex

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// Go, as chroma's lexer reads it: one state of rules for comments,
// keywords, builtins and types (their lists read from chroma's rules),
// numbers, runes, interpreted strings, operators, calls and names. Raw
// strings, which chroma lexes as templates, give up.
var _ = register(&language{
	lexer:       "Go",
	fingerprint: "6e5cffdb3c4e4a9f",
	prepare: func(rules chroma.Rules) (err error) {
		for _, w := range []struct {
			list   **wordList
			i      int
			suffix string
		}{
			{&goNamespace, 5, `\b`}, {&goDeclarations, 6, `\b`}, {&goKeywords, 7, `\b`},
			{&goConstants, 8, `\b`}, {&goBuiltins, 9, `\b(\()`}, {&goTypes, 10, `\b`},
		} {
			if *w.list, err = words(rules, "root", w.i, "", w.suffix, false); err != nil {
				return err
			}
		}
		return nil
	},
	scan: scanGo,
})

var goNamespace, goDeclarations, goKeywords, goConstants, goBuiltins, goTypes *wordList

// goOperators are the alternatives of the rule for operators, in order.
var goOperators = []string{
	"<<=", ">>=", "<<", ">>", "<=", ">=", "&^=", "&^", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
	"&&", "||", "<-", "++", "--", "==", "!=", ":=", "...", "+", "-", "*", "/", "%", "&",
}

func scanGo(s *scanner) bool {
	always := func(int) bool { return true }
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if isSpace(c) {
			s.emit(chroma.TextWhitespace, s.span(s.pos, isSpace))
			continue
		}
		if s.has("//") {
			switch d := s.at(s.pos + 2); {
			case d >= utf8.RuneSelf:
				return false // [^\s] knows Unicode spaces
			case d != 0 && !isSpace(d):
				s.emit(chroma.CommentPreproc, s.lineRest(s.pos))
			default:
				s.emit(chroma.CommentSingle, s.lineRest(s.pos))
			}
			continue
		}
		if s.has("/\\") {
			return false
		}
		if s.has("/*") {
			end := strings.Index(s.src[s.pos+2:], "*/")
			if end < 0 || strings.Contains(s.src[s.pos+2:s.pos+2+end], "*\\\n/") {
				return false
			}
			s.emit(chroma.CommentMultiline, end+4)
			continue
		}
		if n := goWords(s, always); n != 0 {
			continue
		}
		if n, t := goNumber(s); n > 0 {
			s.emit(t, n)
			continue
		}
		switch {
		case c == '\'':
			n := goRune(s)
			if n == 0 {
				return false
			}
			s.emit(chroma.LiteralStringChar, n)
			continue
		case c == '`':
			return false
		case c == '"':
			n := quoted(s, '"')
			if n == 0 {
				return false
			}
			s.emit(chroma.LiteralString, n)
			continue
		}
		if op := goOperator(s); op > 0 {
			s.emit(chroma.Operator, op)
			continue
		}
		if isLetter(c) || c == '_' {
			w := s.span(s.pos, isWord)
			sp := s.span(s.pos+w, isSpace)
			if s.at(s.pos+w+sp) == '(' {
				s.emit(chroma.NameFunction, w)
				s.emit(chroma.TextWhitespace, sp)
				s.emit(chroma.Punctuation, 1)
			} else {
				s.emit(chroma.NameOther, w)
			}
			continue
		}
		if strings.IndexByte("|^<>=!()[]{}.,;:~", c) >= 0 {
			s.emit(chroma.Punctuation, 1)
			continue
		}
		return false
	}
	return true
}

// goWords emits a keyword, constant, builtin call or type at s.pos and
// returns its length, 0 for none.
func goWords(s *scanner, always func(int) bool) int {
	for _, w := range []struct {
		list *wordList
		t    chroma.TokenType
	}{
		{goNamespace, chroma.KeywordNamespace}, {goDeclarations, chroma.KeywordDeclaration},
		{goKeywords, chroma.Keyword}, {goConstants, chroma.KeywordConstant},
	} {
		if n := w.list.match(s, always); n > 0 {
			s.emit(w.t, n)
			return n
		}
	}
	if n := goBuiltins.match(s, always); n > 0 && s.at(s.pos+n) == '(' {
		s.emit(chroma.NameBuiltin, n)
		s.emit(chroma.Punctuation, 1)
		return n + 1
	}
	if n := goTypes.match(s, always); n > 0 {
		s.emit(chroma.KeywordType, n)
		return n
	}
	return 0
}

// goNumber returns the length and type of the number at s.pos, following
// chroma's rules for imaginary, floating-point, octal, hexadecimal,
// binary and decimal numbers in their order; 0 for none.
func goNumber(s *scanner) (int, chroma.TokenType) {
	p := s.pos
	digits := s.span(p, isDigit)
	// exp returns the length of [eE] then a sign (required unless
	// optional) and digits at i, 0 for none.
	exp := func(i int, optional bool) int {
		if c := s.at(i); c != 'e' && c != 'E' {
			return 0
		}
		j := i + 1
		if c := s.at(j); c == '+' || c == '-' {
			j++
		} else if !optional {
			return 0
		}
		d := s.span(j, isDigit)
		if d == 0 {
			return 0
		}
		return j + d - i
	}
	// \d+i
	if digits > 0 && s.at(p+digits) == 'i' {
		return digits + 1, chroma.LiteralNumber
	}
	// \d+\.\d*([Ee][-+]\d+)?i
	if digits > 0 && s.at(p+digits) == '.' {
		i := p + digits + 1
		i += s.span(i, isDigit)
		if e := exp(i, false); e > 0 && s.at(i+e) == 'i' {
			return i + e + 1 - p, chroma.LiteralNumber
		}
		if s.at(i) == 'i' {
			return i + 1 - p, chroma.LiteralNumber
		}
	}
	// \.\d+([Ee][-+]\d+)?i
	if s.at(p) == '.' {
		if d := s.span(p+1, isDigit); d > 0 {
			i := p + 1 + d
			if e := exp(i, false); e > 0 && s.at(i+e) == 'i' {
				return i + e + 1 - p, chroma.LiteralNumber
			}
			if s.at(i) == 'i' {
				return i + 1 - p, chroma.LiteralNumber
			}
		}
	}
	// \d+[Ee][-+]\d+i
	if digits > 0 {
		if e := exp(p+digits, false); e > 0 && s.at(p+digits+e) == 'i' {
			return digits + e + 1, chroma.LiteralNumber
		}
	}
	// \d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)
	if digits > 0 {
		i := p + digits
		if s.at(i) == '.' {
			if d := s.span(i+1, isDigit); d > 0 {
				if e := exp(i+1+d, true); e > 0 {
					return digits + 1 + d + e, chroma.LiteralNumberFloat
				}
			}
			return digits + 1 + s.span(i+1, isDigit), chroma.LiteralNumberFloat
		}
		if e := exp(i, true); e > 0 {
			return digits + e, chroma.LiteralNumberFloat
		}
	}
	// \.\d+([eE][+\-]?\d+)?
	if s.at(p) == '.' {
		if d := s.span(p+1, isDigit); d > 0 {
			return 1 + d + exp(p+1+d, true), chroma.LiteralNumberFloat
		}
	}
	if s.at(p) == '0' {
		// 0[0-7]+, 0[xX][0-9a-fA-F_]+, 0b[01_]+
		if n := s.span(p+1, func(c byte) bool { return '0' <= c && c <= '7' }); n > 0 {
			return 1 + n, chroma.LiteralNumberOct
		}
		if c := s.at(p + 1); c == 'x' || c == 'X' {
			if n := s.span(p+2, func(c byte) bool { return isHex(c) || c == '_' }); n > 0 {
				return 2 + n, chroma.LiteralNumberHex
			}
		}
		if s.at(p+1) == 'b' {
			if n := s.span(p+2, func(c byte) bool { return c == '0' || c == '1' || c == '_' }); n > 0 {
				return 2 + n, chroma.LiteralNumberBin
			}
		}
		return 1, chroma.LiteralNumberInteger
	}
	// [1-9][0-9_]*
	if digits > 0 {
		return s.span(p, func(c byte) bool { return isDigit(c) || c == '_' }), chroma.LiteralNumberInteger
	}
	return 0, 0
}

// goRune returns the length of a rune literal at s.pos whose one
// character is plain or a one-letter escape, 0 for any other.
func goRune(s *scanner) int {
	c := s.at(s.pos + 1)
	switch {
	case c == '\\':
		if strings.IndexByte(`'"\abfnrtv`, s.at(s.pos+2)) >= 0 && s.at(s.pos+2) != 0 && s.at(s.pos+3) == '\'' {
			return 4
		}
		return 0
	case c == 0:
		return 0
	}
	_, size := utf8.DecodeRuneInString(s.src[s.pos+1:])
	if s.at(s.pos+1+size) == '\'' {
		return size + 2
	}
	return 0
}

// goOperator returns the length of the first operator at s.pos, 0 for
// none.
func goOperator(s *scanner) int {
	for _, op := range goOperators {
		if s.has(op) {
			return len(op)
		}
	}
	return 0
}
