package fastlex

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// Python, as chroma's lexer reads it: comments, keywords, builtins and
// magic names (their lists read from chroma's rules), def, class, from
// and import with the names after them, numbers, operators, decorators,
// names, and strings with their escapes, %-formats and simple {}
// fields. F-strings, raw strings, escapes by code (\x, \u, \N, octal) and
// format fields with more than a name give up.
var _ = register(&language{
	lexer:       "Python",
	fingerprint: "b6ad5999b8cad703",
	prepare: func(rules chroma.Rules) (err error) {
		for _, w := range []struct {
			list   **wordList
			state  string
			i      int
			prefix string
			suffix string
		}{
			{&pyKeywords, "keywords", 0, "", `\b`},
			{&pyConstants, "keywords", 1, "", `\b`},
			{&pyExprKeywords, "expr-keywords", 0, "", `\b`},
			{&pyOperatorWords, "expr", 20, "", `\b`},
			{&pyBuiltins, "builtins", 0, `(?<!\.)`, `\b`},
			{&pyPseudo, "builtins", 1, `(?<!\.)`, `\b`},
			{&pyExceptions, "builtins", 2, `(?<!\.)`, `\b`},
			{&pyMagicFuncs, "magicfuncs", 0, "", `\b`},
			{&pyMagicVars, "magicvars", 0, "", `\b`},
		} {
			if *w.list, err = words(rules, w.state, w.i, w.prefix, w.suffix, false); err != nil {
				return err
			}
		}
		return nil
	},
	scan: scanPython,
})

var pyKeywords, pyConstants, pyExprKeywords, pyOperatorWords, pyBuiltins, pyPseudo, pyExceptions, pyMagicFuncs, pyMagicVars *wordList

// The states of chroma's Python lexer that the scanner follows.
const (
	pyRoot = iota
	pyFuncName
	pyClassName
	pyFromImport
	pyImport
)

func scanPython(s *scanner) bool {
	if strings.Contains(s.src, "{,2}") {
		// Part of chroma's rule for docstrings, which regexp2 takes
		// literally.
		return false
	}
	always := func(int) bool { return true }
	stack := []int{pyRoot}
	pop := func() { stack = stack[:len(stack)-1] }
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch stack[len(stack)-1] {
		case pyFuncName:
			if n := pyMagicFuncs.match(s, always); n > 0 {
				s.emit(chroma.NameFunctionMagic, n)
			} else if n := pyName(s); n > 0 {
				s.emit(chroma.NameFunction, n)
				pop()
			} else if n < 0 {
				return false
			} else {
				pop()
			}
			continue
		case pyClassName:
			n := pyName(s)
			if n == 0 && c == '\n' {
				stack = stack[:1] // no rule matches: chroma starts again from root
				continue
			}
			if n <= 0 {
				return false
			}
			s.emit(chroma.NameClass, n)
			pop()
			continue
		case pyFromImport:
			sp := s.span(s.pos, isSpace)
			switch {
			case sp > 0 && s.word(s.pos+sp) == "import":
				s.emit(chroma.Text, sp)
				s.emit(chroma.KeywordNamespace, len("import"))
				pop()
			case c == '.':
				s.emit(chroma.NameNamespace, 1)
			case s.word(s.pos) == "None":
				s.emit(chroma.NameBuiltinPseudo, 4)
				pop()
			case pyName(s) > 0:
				s.emit(chroma.NameNamespace, pyName(s))
			case pyName(s) < 0:
				return false
			default:
				pop()
			}
			continue
		case pyImport:
			sp := s.span(s.pos, isSpace)
			if sp > 0 && s.word(s.pos+sp) == "as" && isSpace(s.at(s.pos+sp+2)) {
				s.emit(chroma.Text, sp)
				s.emit(chroma.Keyword, 2)
				s.emit(chroma.Text, s.span(s.pos, isSpace))
				continue
			}
			switch {
			case c == '.':
				s.emit(chroma.NameNamespace, 1)
			case pyName(s) > 0:
				s.emit(chroma.NameNamespace, pyName(s))
			case pyName(s) < 0:
				return false
			case s.at(s.pos+sp) == ',':
				s.emit(chroma.Text, sp)
				s.emit(chroma.Operator, 1)
				s.emit(chroma.Text, s.span(s.pos, isSpace))
			default:
				pop()
			}
			continue
		}
		// The rules of root.
		switch {
		case c == '\n' || c == '\\':
			s.emit(chroma.Text, 1)
			continue
		case s.pos == 0 && s.has("#!"):
			return false
		case c == '#':
			s.emit(chroma.CommentSingle, s.lineRest(s.pos))
			continue
		}
		if n := pyKeywords.match(s, always); n > 0 {
			s.emit(chroma.Keyword, n)
			continue
		}
		if n := pyConstants.match(s, always); n > 0 {
			s.emit(chroma.KeywordConstant, n)
			continue
		}
		if w := s.word(s.pos); w == "def" || w == "class" || w == "from" || w == "import" {
			// (def)((?:\s|\\\s)+) and the like.
			i := s.pos + len(w)
			for {
				if isSpace(s.at(i)) {
					i++
				} else if s.at(i) == '\\' && isSpace(s.at(i+1)) {
					i += 2
				} else {
					break
				}
			}
			if i > s.pos+len(w) {
				t, next := chroma.Keyword, pyFuncName
				switch w {
				case "class":
					next = pyClassName
				case "from":
					t, next = chroma.KeywordNamespace, pyFromImport
				case "import":
					t, next = chroma.KeywordNamespace, pyImport
				}
				s.emit(t, len(w))
				s.emit(chroma.Text, i-s.pos)
				stack = append(stack, next)
				continue
			}
		}
		if !pyExpr(s, always) {
			return false
		}
	}
	return true
}

// pyName returns the length of [_\p{L}][_\p{L}\p{N}]* at s.pos: 0 for
// none, -1 to give up on a letter beyond ASCII.
func pyName(s *scanner) int {
	c := s.src[s.pos]
	if c >= 0x80 {
		return -1
	}
	if !isLetter(c) && c != '_' {
		return 0
	}
	n := s.span(s.pos, isWord)
	if s.at(s.pos+n) >= 0x80 {
		return -1
	}
	return n
}

// pyExpr emits what the rules of expr match at s.pos, reporting false to
// give up.
func pyExpr(s *scanner, always func(int) bool) bool {
	c := s.src[s.pos]
	// String prefixes: f, r and their pairs give up; u and b are affixes.
	for _, prefix := range []string{"rf", "fr", "rb", "br", "r", "f"} {
		if len(s.src)-s.pos > len(prefix) && strings.EqualFold(s.src[s.pos:s.pos+len(prefix)], prefix) {
			if q := s.src[s.pos+len(prefix)]; q == '"' || q == '\'' {
				return false
			}
		}
	}
	affix := 0
	if strings.IndexByte("uUbB", c) >= 0 && (s.at(s.pos+1) == '"' || s.at(s.pos+1) == '\'') {
		affix = 1
	}
	if q := s.at(s.pos + affix); q == '"' || q == '\'' {
		s.emit(chroma.LiteralStringAffix, affix)
		return pyString(s, q)
	}
	if n := s.span(s.pos, isBlank); n > 0 {
		s.emit(chroma.Text, n)
		return true
	}
	if n, t := pyNumber(s); n > 0 {
		s.emit(t, n)
		return true
	}
	for _, op := range []string{"!=", "==", "<<", ">>", ":="} {
		if s.has(op) {
			s.emit(chroma.Operator, 2)
			return true
		}
	}
	switch {
	case strings.IndexByte("-~+/*%=<>&^|.", c) >= 0:
		s.emit(chroma.Operator, 1)
		return true
	case strings.IndexByte("]{}:(),;[", c) >= 0:
		s.emit(chroma.Punctuation, 1)
		return true
	}
	notAfterDot := func(int) bool { return s.at(s.pos-1) != '.' }
	for _, w := range []struct {
		list *wordList
		t    chroma.TokenType
		cond func(int) bool
	}{
		{pyOperatorWords, chroma.OperatorWord, always},
		{pyExprKeywords, chroma.Keyword, always},
		{pyConstants, chroma.KeywordConstant, always},
		{pyBuiltins, chroma.NameBuiltin, notAfterDot},
		{pyPseudo, chroma.NameBuiltinPseudo, notAfterDot},
		{pyExceptions, chroma.NameException, notAfterDot},
		{pyMagicFuncs, chroma.NameFunctionMagic, always},
		{pyMagicVars, chroma.NameVariableMagic, always},
	} {
		if n := w.list.match(s, w.cond); n > 0 && w.cond(n) {
			s.emit(w.t, n)
			return true
		}
	}
	if c == '@' {
		if s.at(s.pos+1) >= 0x80 {
			return false
		}
		if n := pyDecorator(s); n > 0 {
			s.emit(chroma.NameDecorator, n)
		} else if n < 0 {
			return false
		} else {
			s.emit(chroma.Operator, 1)
		}
		return true
	}
	n := pyName(s)
	if n <= 0 {
		return false
	}
	s.emit(chroma.Name, n)
	return true
}

// pyDecorator returns the length of
// @[_\p{L}][_\p{L}\p{N}]*(\s*\.\s*[_\p{L}][_\p{L}\p{N}]*)* at s.pos: 0
// for none, -1 to give up.
func pyDecorator(s *scanner) int {
	name := func(i int) int {
		if c := s.at(i); !isLetter(c) && c != '_' {
			return 0
		}
		return s.span(i, isWord)
	}
	n := name(s.pos + 1)
	if n == 0 {
		return 0
	}
	i := s.pos + 1 + n
	for {
		j := i + s.span(i, isSpace)
		if s.at(j) != '.' {
			break
		}
		j++
		j += s.span(j, isSpace)
		m := name(j)
		if m == 0 {
			break
		}
		i = j + m
	}
	if s.at(i) >= 0x80 {
		return -1
	}
	return i - s.pos
}

// pyNumber returns the length and type of the number at s.pos, following
// chroma's rules in their order; 0 for none.
func pyNumber(s *scanner) (int, chroma.TokenType) {
	p := s.pos
	// digits is \d(?:_?\d)*.
	digits := func(i int) int {
		if !isDigit(s.at(i)) {
			return 0
		}
		j := i + 1
		for {
			if isDigit(s.at(j)) {
				j++
			} else if s.at(j) == '_' && isDigit(s.at(j+1)) {
				j += 2
			} else {
				return j - i
			}
		}
	}
	exp := func(i int) int { // [eE][+-]?\d(?:_?\d)*
		if c := s.at(i); c != 'e' && c != 'E' {
			return 0
		}
		j := i + 1
		if c := s.at(j); c == '+' || c == '-' {
			j++
		}
		if d := digits(j); d > 0 {
			return j + d - i
		}
		return 0
	}
	d := digits(p)
	// (\d(?:_?\d)*\.(?:\d(?:_?\d)*)?|(?:\d(?:_?\d)*)?\.\d(?:_?\d)*)([eE]...)?
	if d > 0 && s.at(p+d) == '.' {
		i := p + d + 1
		i += digits(i)
		return i + exp(i) - p, chroma.LiteralNumberFloat
	}
	if d == 0 && s.at(p) == '.' {
		if f := digits(p + 1); f > 0 {
			i := p + 1 + f
			return i + exp(i) - p, chroma.LiteralNumberFloat
		}
	}
	if d == 0 {
		return 0, 0
	}
	// \d(?:_?\d)*[eE][+-]?\d(?:_?\d)*j?
	if e := exp(p + d); e > 0 {
		n := d + e
		if s.at(p+n) == 'j' {
			n++
		}
		return n, chroma.LiteralNumberFloat
	}
	if s.at(p) == '0' {
		for _, base := range []struct {
			letters string
			in      func(byte) bool
			t       chroma.TokenType
		}{
			{"oO", func(c byte) bool { return '0' <= c && c <= '7' }, chroma.LiteralNumberOct},
			{"bB", func(c byte) bool { return c == '0' || c == '1' }, chroma.LiteralNumberBin},
			{"xX", isHex, chroma.LiteralNumberHex},
		} {
			if c := s.at(p + 1); c == 0 || strings.IndexByte(base.letters, c) < 0 {
				continue
			}
			// (?:_?[digit])+
			j := p + 2
			for {
				if base.in(s.at(j)) {
					j++
				} else if s.at(j) == '_' && base.in(s.at(j+1)) {
					j += 2
				} else {
					break
				}
			}
			if j > p+2 {
				return j - p, base.t
			}
		}
	}
	return d, chroma.LiteralNumberInteger
}

// pyPercent returns the length of the %-format at s.pos,
// %(\(\w+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?[hlL]?[E-GXc-giorsaux%]:
// 0 for none, -1 to give up. None of the characters that the parts
// before the conversion take is a conversion, so the greedy reading is
// the only one.
func pyPercent(s *scanner) int {
	i := s.pos + 1
	if s.at(i) == '(' {
		w := s.span(i+1, isWord)
		if s.at(i+1+w) >= 0x80 {
			return -1
		}
		if w > 0 && s.at(i+1+w) == ')' {
			i += w + 2
		}
	}
	i += s.span(i, func(c byte) bool { return strings.IndexByte("-#0 +", c) >= 0 })
	digitsOrStar := func(j int) int {
		if s.at(j) == '*' {
			return 1
		}
		return s.span(j, isDigit)
	}
	i += digitsOrStar(i)
	if s.at(i) == '.' {
		if n := digitsOrStar(i + 1); n > 0 {
			i += 1 + n
		}
	}
	if c := s.at(i); c == 'h' || c == 'l' || c == 'L' {
		i++
	}
	if c := s.at(i); c != 0 && strings.IndexByte("EFGXcdefgiorsaux%", c) >= 0 {
		return i + 1 - s.pos
	}
	return 0
}

// pyString emits a string that starts at s.pos with quote q, following
// chroma's states for strings combined with stringescape, reporting false
// to give up.
func pyString(s *scanner, q byte) bool {
	t := chroma.LiteralStringDouble
	if q == '\'' {
		t = chroma.LiteralStringSingle
	}
	end := string(q)
	if s.has(strings.Repeat(end, 3)) {
		end = strings.Repeat(end, 3)
	}
	s.emit(t, len(end))
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\\':
			switch d := s.at(s.pos + 1); {
			case d != 0 && strings.IndexByte("\\abfnrtv\"'\n", d) >= 0:
				s.emit(chroma.LiteralStringEscape, 2)
			case d == 'N' || d == 'u' || d == 'U' || d == 'x' || ('0' <= d && d <= '7'):
				return false
			default:
				s.emit(t, 1)
			}
		case s.has(end):
			s.emit(t, len(end))
			return true
		case c == '\n':
			if len(end) == 1 {
				return false // chroma starts again from root
			}
			s.emit(t, 1)
		case c == '%':
			switch n := pyPercent(s); {
			case n < 0:
				return false
			case n > 0:
				s.emit(chroma.LiteralStringInterpol, n)
			default:
				s.emit(t, 1)
			}
		case c == '{':
			// A field with a name or none is emitted; other fields, with
			// attributes, indexes, conversions or formats, give up.
			n := 1 + s.span(s.pos+1, isWord)
			switch d := s.at(s.pos + n); {
			case d == '}':
				s.emit(chroma.LiteralStringInterpol, n+1)
			case n == 1 && d == '{':
				s.emit(t, 2)
			case n == 1 && d < 0x80 && d != '!' && d != ':':
				s.emit(t, 1)
			default:
				return false
			}
		case c == '"' || c == '\'':
			s.emit(t, 1)
		default:
			n := s.span(s.pos, func(c byte) bool { return strings.IndexByte("\\'\"%{\n", c) < 0 })
			s.emit(t, n)
		}
	}
	return true
}
