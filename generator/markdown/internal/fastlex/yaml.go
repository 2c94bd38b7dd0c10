package fastlex

import (
	"regexp"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// YAML, as chroma's lexer reads it: one state whose rules look at a line
// at a time (keys up to ": ", values, comments, list dashes, anchors and
// tags). A block scalar (| or > and indented lines) gives up.
var _ = register(&language{
	lexer:       "YAML",
	fingerprint: "6dcd41d5d7d4bf40",
	prepare: func(rules chroma.Rules) (err error) {
		yamlConstants, err = words(rules, "value", 1, "", `\b`, false)
		return err
	},
	scan: scanYAML,
})

var yamlConstants *wordList

// yamlNumber is the rule for numbers without its leading \b, which the
// scanner checks. It has neither look-around nor back-references, where
// Go's regexp package finds the same match as a backtracking engine, and
// on ASCII its classes are regexp2's.
var yamlNumber = regexp.MustCompile(`^[+\-]?(0x[\da-f]+|0o[0-7]+|(\d+\.?\d*|\.?\d+)(e[\+\-]?\d+)?|\.inf|\.nan)\b`)

func scanYAML(s *scanner) bool {
	always := func(int) bool { return true }
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case isSpace(c):
			s.emit(chroma.TextWhitespace, s.span(s.pos, isSpace))
		case s.lineStart(s.pos) && (s.has("---") || s.has("...")):
			s.emit(chroma.NameNamespace, 3)
		case s.has("- "):
			s.emit(chroma.Text, 2)
		case c == '?' && yamlQuestionDash(s) > 0:
			s.emit(chroma.Text, yamlQuestionDash(s))
		case c == '#' || s.has("//"):
			s.emit(chroma.Comment, s.lineRest(s.pos))
		case yamlPreproc(s) < 0:
			return false
		case yamlPreproc(s) > 0:
			s.emit(chroma.CommentPreproc, yamlPreproc(s))
		case s.lineStart(s.pos) && s.has("%include"):
			return false
		default:
			if !yamlKeyOrValue(s, always) {
				return false
			}
			continue
		}
	}
	return true
}

// yamlPreproc returns the length of !![^\s]+, &[^\s]+ or \*[^\s]+ at
// s.pos: 0 for none, -1 to give up.
func yamlPreproc(s *scanner) int {
	n := 1
	switch {
	case s.has("!!"):
		n = 2
	case s.has("&"), s.has("*"):
	default:
		return 0
	}
	rest := s.span(s.pos+n, func(c byte) bool { return c != ' ' && c != '\t' && c != '\n' })
	if strings.IndexFunc(s.src[s.pos:s.pos+n+rest], func(r rune) bool { return r > '~' }) >= 0 {
		return -1 // [^\s] knows Unicode spaces
	}
	if rest == 0 {
		return 0
	}
	return n + rest
}

// yamlQuestionDash returns the length of \?\s*- at s.pos, 0 for none.
func yamlQuestionDash(s *scanner) int {
	i := s.pos + 1 + s.span(s.pos+1, isSpace)
	if strings.HasPrefix(s.src[i:], "- ") {
		return i + 2 - s.pos
	}
	return 0
}

// yamlKeyOrValue emits what the rules of states key and value, and the
// last two rules of root, match at s.pos, reporting false to give up.
func yamlKeyOrValue(s *scanner, always func(int) bool) bool {
	c := s.src[s.pos]
	// "[^"\n#].*": , the last ": " on the line.
	if c == '"' {
		if d := s.at(s.pos + 1); d != '"' && d != '\n' && d != '#' && d != 0 {
			line := s.src[s.pos : s.pos+s.lineRest(s.pos)]
			if k := strings.LastIndex(line, `": `); k >= 2 {
				s.emit(chroma.NameTag, k+3)
				return true
			}
		}
	}
	// ((?:(?!//)[^"\n{#])*?)(:)( ) and the same with (\n): the first
	// ": " or ":\n" before a character that may not be in a key.
	for _, end := range []byte{' ', '\n'} {
		for i := s.pos; i < len(s.src); i++ {
			if s.src[i] == ':' && s.at(i+1) == end {
				s.emit(chroma.NameTag, i-s.pos)
				s.emit(chroma.Punctuation, 1)
				s.emit(chroma.TextWhitespace, 1)
				return true
			}
			if d := s.src[i]; d == '"' || d == '\n' || d == '{' || d == '#' || strings.HasPrefix(s.src[i:], "//") {
				break
			}
		}
	}
	// The value rules.
	if c == '>' || c == '|' {
		i := s.pos + 1
		if d := s.at(i); d == '+' || d == '-' {
			i++
		}
		if s.at(i) == '\n' && s.at(i+1) == ' ' {
			return false // a block scalar
		}
	}
	if n := yamlConstants.match(s, always); n > 0 {
		s.emit(chroma.KeywordConstant, n)
		return true
	}
	if c == '"' || c == '\'' {
		if n := yamlQuoted(s, c); n > 0 {
			if c == '"' {
				s.emit(chroma.LiteralStringDouble, n)
			} else {
				s.emit(chroma.LiteralStringSingle, n)
			}
			return true
		}
		if strings.IndexByte(s.src[s.pos+1:], c) >= 0 {
			return false // backtracking might find an end
		}
	}
	if n := yamlDate(s); n > 0 {
		s.emit(chroma.LiteralDate, n)
		return true
	}
	if s.boundary(s.pos) {
		if m := yamlNumber.FindStringIndex(s.src[s.pos:]); m != nil {
			s.emit(chroma.LiteralNumber, m[1])
			return true
		}
	}
	if strings.IndexByte("{}[]?,:!-*&@", c) < 0 {
		// ([^...].*)( )+(#.*), then the same with //, then [^...].*:
		// the line up to its last " #" (or " //") after the first
		// character, a space, and the comment.
		line := s.src[s.pos : s.pos+s.lineRest(s.pos)]
		for _, mark := range []string{" #", " //"} {
			if k := strings.LastIndex(line, mark); k >= 1 {
				s.emit(chroma.Literal, k)
				s.emit(chroma.TextWhitespace, 1)
				s.emit(chroma.Comment, len(line)-k-1)
				return true
			}
		}
		s.emit(chroma.Literal, len(line))
		return true
	}
	if strings.IndexByte("?:,[]", c) >= 0 {
		s.emit(chroma.Punctuation, 1)
		return true
	}
	if c >= 0x80 {
		return false
	}
	s.emit(chroma.Text, 1)
	return true
}

// yamlQuoted returns the length of q(?:\\.|[^q])*q at s.pos, where the
// first quote that no backslash escapes ends the string; 0 when none does.
func yamlQuoted(s *scanner, q byte) int {
	for i := s.pos + 1; i < len(s.src); i++ {
		switch s.src[i] {
		case '\\':
			if s.at(i+1) != '\n' {
				i++
			}
		case q:
			return i + 1 - s.pos
		}
	}
	return 0
}

// yamlDate returns the length of
// \d\d\d\d-\d\d-\d\d([T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\s+[-+]\d+)?)? at s.pos.
func yamlDate(s *scanner) int {
	digits := func(i int, pattern string) bool {
		for k := range len(pattern) {
			if c := s.at(i + k); pattern[k] == 'd' && !isDigit(c) || pattern[k] != 'd' && c != pattern[k] {
				return false
			}
		}
		return true
	}
	if !digits(s.pos, "dddd-dd-dd") {
		return 0
	}
	i := s.pos + 10
	if c := s.at(i); (c == 'T' || c == ' ') && digits(i+1, "dd:dd:dd") {
		i += 9
		if s.at(i) == '.' && isDigit(s.at(i+1)) {
			i += 1 + s.span(i+1, isDigit)
		}
		if s.at(i) == 'Z' {
			i++
		} else if sp := s.span(i, isSpace); sp > 0 {
			if c := s.at(i + sp); (c == '+' || c == '-') && isDigit(s.at(i+sp+1)) {
				i += sp + 1 + s.span(i+sp+1, isDigit)
			}
		}
	}
	return i - s.pos
}
