package fastlex

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// Bash, as chroma's lexer reads it: commands and their words, keywords
// and builtins (their lists read from chroma's rules), comments, quoted
// strings with $variables, $(commands) and ${parameters} in them,
// assignments and operators. Heredocs, backticks and $((arithmetic))
// give up.
var _ = register(&language{
	lexer:       "Bash",
	fingerprint: "a9e5cb9fbdd1396d",
	prepare: func(rules chroma.Rules) (err error) {
		if bashKeywords, err = words(rules, "basic", 0, `\b`, `(\s*)\b`, false); err != nil {
			return err
		}
		bashBuiltins, err = words(rules, "basic", 1, `\b`, "(?=[\\s)`])", false)
		return err
	},
	scan: scanBash,
})

var bashKeywords, bashBuiltins *wordList

// The states of chroma's Bash lexer that the scanner follows.
const (
	bashRoot = iota
	bashParen
	bashString
	bashCurly
)

func scanBash(s *scanner) bool {
	stack := []int{bashRoot}
	push := func(state int) { stack = append(stack, state) }
	pop := func() { stack = stack[:len(stack)-1] }
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch stack[len(stack)-1] {
		case bashParen:
			if c == ')' {
				s.emit(chroma.Keyword, 1)
				pop()
				continue
			}
		case bashString:
			switch {
			case c == '"':
				s.emit(chroma.LiteralStringDouble, 1)
				pop()
				continue
			case c != '$':
				n := bashStringBody(s, s.pos, "\"$")
				if n <= 0 {
					return false
				}
				s.emit(chroma.LiteralStringDouble, n)
				continue
			}
			ok, next := bashInterp(s)
			if !ok {
				return false
			}
			if next >= 0 {
				push(next)
			}
			continue
		case bashCurly:
			switch {
			case c == '}':
				s.emit(chroma.LiteralStringInterpol, 1)
				pop()
				continue
			case s.has(":-"):
				s.emit(chroma.Keyword, 2)
				continue
			case isWord(c):
				s.emit(chroma.NameVariable, s.span(s.pos, isWord))
				continue
			case strings.IndexByte("}:\"'`$\\", c) < 0:
				n := s.span(s.pos, func(c byte) bool { return strings.IndexByte("}:\"'`$\\", c) < 0 })
				s.emit(chroma.Punctuation, n)
				continue
			case c == ':':
				s.emit(chroma.Punctuation, 1)
				continue
			}
		}
		next, ok := bashRootRule(s)
		if !ok {
			return false
		}
		if next >= 0 {
			push(next)
		}
	}
	return true
}

// bashRootRule emits what the rules of root match at s.pos, and returns
// the state to push (-1 for none), or false to give up.
func bashRootRule(s *scanner) (int, bool) {
	c := s.src[s.pos]
	always := func(int) bool { return true }
	if s.boundary(s.pos) {
		if n := bashKeywords.match(s, always); n > 0 {
			s.emit(chroma.Keyword, n)
			// (\s*)\b: the spaces when a word follows them.
			if sp := s.span(s.pos, isSpace); sp > 0 && isWord(s.at(s.pos+sp)) {
				s.emit(chroma.Text, sp)
			}
			return -1, true
		}
		if n := bashBuiltins.match(s, always); n > 0 {
			if d := s.at(s.pos + n); isSpace(d) || d == ')' || d == '`' {
				s.emit(chroma.NameBuiltin, n)
				return -1, true
			}
		}
	}
	switch {
	case s.pos == 0 && s.has("#!") && s.lineRest(0) > 2:
		// \A#!.+\n
		s.emit(chroma.CommentPreproc, s.lineRest(0)+1)
		return -1, true
	case c == '#':
		s.emit(chroma.CommentSingle, s.lineRest(s.pos))
		return -1, true
	case c == '\\':
		if s.pos+1 == len(s.src) {
			return -1, false
		}
		_, size := utf8.DecodeRuneInString(s.src[s.pos+1:])
		s.emit(chroma.LiteralStringEscape, 1+size)
		return -1, true
	}
	if s.boundary(s.pos) && isWord(c) {
		// (\b\w+)(\s*)(\+?=)
		w := s.span(s.pos, isWord)
		sp := s.span(s.pos+w, isSpace)
		op := 0
		if s.at(s.pos+w+sp) == '=' {
			op = 1
		} else if s.at(s.pos+w+sp) == '+' && s.at(s.pos+w+sp+1) == '=' {
			op = 2
		}
		if op > 0 {
			s.emit(chroma.NameVariable, w)
			s.emit(chroma.Text, sp)
			s.emit(chroma.Operator, op)
			return -1, true
		}
	}
	switch {
	case strings.IndexByte("[]{}()=", c) >= 0:
		s.emit(chroma.Operator, 1)
		return -1, true
	case s.has("<<<"):
		s.emit(chroma.Operator, 3)
		return -1, true
	case s.has("<<"):
		return -1, false // a heredoc, perhaps
	case s.has("&&") || s.has("||"):
		s.emit(chroma.Operator, 2)
		return -1, true
	case c == '`':
		return -1, false
	}
	// The rules of data.
	switch {
	case c == '"' || s.has(`$"`):
		start := s.pos
		if c == '$' {
			start++
		}
		if n := bashStringBody(s, start+1, `"$`); n >= 0 && s.at(start+1+n) == '"' {
			s.emit(chroma.LiteralStringDouble, start+1+n+1-s.pos)
			return -1, true
		}
		if c == '"' {
			s.emit(chroma.LiteralStringDouble, 1)
			return bashString, true
		}
	case s.has("$'"):
		if n := bashStringBody(s, s.pos+2, `'`); n >= 0 && s.at(s.pos+2+n) == '\'' {
			s.emit(chroma.LiteralStringSingle, 2+n+1)
			return -1, true
		}
		return -1, false
	case c == '\'':
		end := strings.IndexByte(s.src[s.pos+1:], '\'')
		if end < 0 {
			return -1, false
		}
		s.emit(chroma.LiteralStringSingle, end+2)
		return -1, true
	case c == ';' || c == '&' || c == '|':
		s.emit(chroma.Punctuation, 1)
		return -1, true
	case isSpace(c):
		s.emit(chroma.Text, s.span(s.pos, isSpace))
		return -1, true
	}
	if d := s.span(s.pos, isDigit); d > 0 && (s.at(s.pos+d) == ' ' || s.lineEnd(s.pos+d)) {
		s.emit(chroma.LiteralNumber, d)
		return -1, true
	}
	if n := s.span(s.pos, bashWord); n > 0 {
		s.emit(chroma.Text, n)
		return -1, true
	}
	if c == '<' {
		s.emit(chroma.Text, 1)
		return -1, true
	}
	if c == '$' {
		ok, next := bashInterp(s)
		return next, ok
	}
	return -1, false
}

// bashWord is [^=\s\[\]{}()$"\'`\\<&|;].
func bashWord(c byte) bool {
	return !isSpace(c) && strings.IndexByte("=[]{}()$\"'`\\<&|;", c) < 0
}

// bashInterp emits what the rules of interp match at s.pos, a dollar
// sign, and returns whether it could, and the state to push (-1 for none).
func bashInterp(s *scanner) (bool, int) {
	switch c := s.at(s.pos + 1); {
	case s.has("$(("):
		return false, -1
	case c == '(':
		s.emit(chroma.Keyword, 2)
		return true, bashParen
	case c == '{':
		n := 2
		if s.at(s.pos+2) == '#' {
			n = 3
		}
		s.emit(chroma.LiteralStringInterpol, n)
		return true, bashCurly
	case isLetter(c) || c == '_':
		s.emit(chroma.NameVariable, 1+s.span(s.pos+1, isWord))
	case isDigit(c):
		s.emit(chroma.NameVariable, 1+s.span(s.pos+1, isDigit))
	case c != 0 && strings.IndexByte("#$?!_*@-", c) >= 0:
		s.emit(chroma.NameVariable, 2)
	default:
		s.emit(chroma.Text, 1)
	}
	return true, -1
}

// bashStringBody returns the length from i of (\\\\|\\[0-7]+|\\.|[^q\\])*
// where q holds the characters that end it: every backslash escapes the
// character after it. It returns -1 for a backslash at the end.
func bashStringBody(s *scanner, i int, q string) int {
	start := i
	for i < len(s.src) {
		c := s.src[i]
		switch {
		case c == '\\':
			if i+1 == len(s.src) {
				return -1
			}
			_, size := utf8.DecodeRuneInString(s.src[i+1:])
			i += 1 + size
		case strings.IndexByte(q, c) >= 0:
			return i - start
		default:
			i++
		}
	}
	return i - start
}
