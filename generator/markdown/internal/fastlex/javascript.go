package fastlex

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// JavaScript, as chroma's lexer reads it: comments, numbers, operators,
// punctuation, keywords and builtins (their lists read from chroma's
// rules), names, quoted strings and template literals with ${}
// placeholders. Where a regular-expression literal may start (after an
// operator, an opening bracket or a keyword, or at the start of a line)
// a slash that does not start a comment gives up, as do \u escapes in
// names.
var _ = register(&language{
	lexer:       "JavaScript",
	fingerprint: "02cfd483c6b8dea3",
	prepare: func(rules chroma.Rules) (err error) {
		for _, w := range []struct {
			list **wordList
			i    int
		}{
			{&jsKeywords, 12}, {&jsDeclarations, 13}, {&jsReserved, 14}, {&jsConstants, 15}, {&jsBuiltins, 16},
		} {
			if *w.list, err = words(rules, "root", w.i, "", `\b`, false); err != nil {
				return err
			}
		}
		return nil
	},
	scan: scanJS,
})

var jsKeywords, jsDeclarations, jsReserved, jsConstants, jsBuiltins *wordList

// The states of chroma's JavaScript lexer that the scanner follows.
const (
	jsRoot = iota
	jsSlashStartsRegex
	jsTemplate // interp
	jsPlaceholder
)

func scanJS(s *scanner) bool {
	always := func(int) bool { return true }
	stack := []int{jsRoot}
	push := func(state int) { stack = append(stack, state) }
	pop := func() { stack = stack[:len(stack)-1] }
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch stack[len(stack)-1] {
		case jsTemplate:
			switch {
			case c == '`':
				s.emit(chroma.LiteralStringBacktick, 1)
				pop()
			case s.has("${"):
				s.emit(chroma.LiteralStringInterpol, 2)
				push(jsPlaceholder)
			default:
				i := s.pos
				for i < len(s.src) && s.src[i] != '`' && !strings.HasPrefix(s.src[i:], "${") {
					if s.src[i] == '\\' && i+1 < len(s.src) {
						_, size := utf8.DecodeRuneInString(s.src[i+1:])
						i += size
					}
					i++
				}
				s.emit(chroma.LiteralStringBacktick, i-s.pos)
			}
			continue
		case jsSlashStartsRegex:
			if n, ok := jsCommentOrSpace(s); !ok {
				return false
			} else if n == 0 {
				if c == '/' {
					return false // a regular expression, or what chroma takes for one
				}
				pop()
			}
			continue
		case jsPlaceholder:
			if c == '}' {
				s.emit(chroma.LiteralStringInterpol, 1)
				pop()
				continue
			}
		}
		// The rules of root.
		if s.pos == 0 && s.has("#!") {
			return false
		}
		if s.lineStart(s.pos) && (isSpace(c) || c == '/' || s.has("<!--")) {
			push(jsSlashStartsRegex)
			continue
		}
		if n, ok := jsCommentOrSpace(s); !ok {
			return false
		} else if n > 0 {
			continue
		}
		if n, t := jsNumber(s); n > 0 {
			s.emit(t, n)
			continue
		}
		if s.has("...") {
			s.emit(chroma.Punctuation, 3)
			continue
		}
		if s.has("=>") {
			s.emit(chroma.Punctuation, 2)
			continue
		}
		if n := jsOperator(s); n > 0 {
			s.emit(chroma.Operator, n)
			push(jsSlashStartsRegex)
			continue
		}
		switch {
		case strings.IndexByte("{([;,", c) >= 0:
			s.emit(chroma.Punctuation, 1)
			push(jsSlashStartsRegex)
			continue
		case strings.IndexByte("})].", c) >= 0:
			s.emit(chroma.Punctuation, 1)
			continue
		}
		if n := jsKeywords.match(s, always); n > 0 {
			s.emit(chroma.Keyword, n)
			push(jsSlashStartsRegex)
			continue
		}
		if n := jsDeclarations.match(s, always); n > 0 {
			s.emit(chroma.KeywordDeclaration, n)
			push(jsSlashStartsRegex)
			continue
		}
		if n := jsReserved.match(s, always); n > 0 {
			s.emit(chroma.KeywordReserved, n)
			continue
		}
		if n := jsConstants.match(s, always); n > 0 {
			s.emit(chroma.KeywordConstant, n)
			continue
		}
		if n := jsBuiltins.match(s, always); n > 0 {
			s.emit(chroma.NameBuiltin, n)
			continue
		}
		switch {
		case c == '\\':
			return false // a \u escape, perhaps
		case c == '$' || c == '_' || isAlnum(c):
			n := 1 + s.span(s.pos+1, func(c byte) bool { return c == '$' || isAlnum(c) })
			if d := s.at(s.pos + n); d == '\\' || d >= utf8.RuneSelf {
				return false // \u escapes and letters beyond ASCII
			}
			s.emit(chroma.NameOther, n)
		case c == '"' || c == '\'':
			if !s.quotedString(c) {
				return false
			}
		case c == '`':
			s.emit(chroma.LiteralStringBacktick, 1)
			push(jsTemplate)
		default:
			return false
		}
	}
	return true
}

// jsCommentOrSpace emits what the rules of commentsandwhitespace match at
// s.pos and returns its length, 0 for none; false to give up.
func jsCommentOrSpace(s *scanner) (int, bool) {
	switch c := s.src[s.pos]; {
	case isSpace(c):
		n := s.span(s.pos, isSpace)
		s.emit(chroma.Text, n)
		return n, true
	case s.has("<!--"):
		s.emit(chroma.Comment, 4)
		return 4, true
	case s.has("//"):
		n := s.lineRest(s.pos) + 1
		s.emit(chroma.CommentSingle, n)
		return n, true
	case s.has("/*"):
		end := strings.Index(s.src[s.pos+2:], "*/")
		if end < 0 {
			return 0, false
		}
		s.emit(chroma.CommentMultiline, end+4)
		return end + 4, true
	}
	return 0, true
}

// jsNumber returns the length and type of the number at s.pos, following
// chroma's rules for floating-point, binary, octal, hexadecimal and
// decimal numbers in their order; 0 for none.
func jsNumber(s *scanner) (int, chroma.TokenType) {
	p := s.pos
	digits := s.span(p, isDigit)
	if digits == 0 {
		return 0, 0
	}
	// \d+(\.\d*|[eE][+\-]?\d+)
	switch i := p + digits; s.at(i) {
	case '.':
		return digits + 1 + s.span(i+1, isDigit), chroma.LiteralNumberFloat
	case 'e', 'E':
		j := i + 1
		if c := s.at(j); c == '+' || c == '-' {
			j++
		}
		if d := s.span(j, isDigit); d > 0 {
			return j + d - p, chroma.LiteralNumberFloat
		}
	}
	if s.at(p) == '0' {
		for _, base := range []struct {
			letters string
			in      func(byte) bool
			t       chroma.TokenType
		}{
			{"bB", func(c byte) bool { return c == '0' || c == '1' }, chroma.LiteralNumberBin},
			{"oO", func(c byte) bool { return '0' <= c && c <= '7' }, chroma.LiteralNumberOct},
			{"xX", isHex, chroma.LiteralNumberHex},
		} {
			if c := s.at(p + 1); c != 0 && strings.IndexByte(base.letters, c) >= 0 {
				if n := s.span(p+2, base.in); n > 0 {
					return 2 + n, base.t
				}
			}
		}
	}
	// [0-9][0-9_]*
	return s.span(p, func(c byte) bool { return isDigit(c) || c == '_' }), chroma.LiteralNumberInteger
}

// jsOperator returns the length of the operator at s.pos, 0 for none:
// \+\+|--|~|&&|\?|:|\|\||\\(?=\n)|(<<|>>>?|==?|!=?|[-<>+*%&|^/])=?
func jsOperator(s *scanner) int {
	for _, op := range []string{"++", "--", "~", "&&", "?", ":", "||"} {
		if s.has(op) {
			return len(op)
		}
	}
	if s.has("\\\n") {
		return 1
	}
	n := 0
	switch {
	case s.has(">>>"):
		n = 3
	case s.has("<<") || s.has(">>") || s.has("==") || s.has("!="):
		n = 2
	case strings.IndexByte("=!-<>+*%&|^/", s.src[s.pos]) >= 0:
		n = 1
	default:
		return 0
	}
	if s.at(s.pos+n) == '=' {
		n++
	}
	return n
}
