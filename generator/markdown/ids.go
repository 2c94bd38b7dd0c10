package markdown

import (
	"strconv"
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
	base := Slug(string(value))
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
