package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids generates heading ids the way GitHub does, so that links copied
// from a repository keep working: lower case, letters, digits, '-' and '_'
// kept, spaces turned into '-', everything else dropped. A repeated id gets
// a suffix: setup, setup-1, setup-2. Ids set by hand ({#id}) are reserved
// first come, first served.
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Slug returns the id GitHub gives a heading with text s.
func Slug(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-':
			b = append(b, unicode.ToLower(r))
		case r == ' ':
			b = append(b, '-')
		}
	}
	return string(b)
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(headingText(string(value)))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// headingText is a heading's line without the destinations of its links
// and images, which GitHub leaves out of the id: goldmark asks for the id
// with the line as written. "See [setup](setup.md)" and "See [setup][s]"
// give "See [setup]"; code spans are left as they are.
func headingText(s string) string {
	if !strings.Contains(s, "](") && !strings.Contains(s, "][") {
		return s
	}
	var b strings.Builder
	code := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '`' {
			code = !code
		}
		if c == ']' && !code && i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '[') {
			if end := closing(s, i+1); end > 0 {
				b.WriteByte(']')
				i = end
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// closing returns the index of the bracket that closes the one at s[i],
// '(' (which may nest) or '[', or -1.
func closing(s string, i int) int {
	open, shut := s[i], byte(']')
	if open == '(' {
		shut = ')'
	}
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case open:
			depth++
		case shut:
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}
