package content

import (
	"cmp"
	"path"
	"slices"
	"strings"
)

// A Section is a folder below content/. Its page is the folder's _index.md
// (or index.md), or a generated page titled after the folder when there is
// none.
type Section struct {
	Page     *Page
	Dir      string // "" for the root, else "playbooks", "onboarding/new-pm"
	Parent   *Section
	Pages    []*Page    // the folder's other pages, in order
	Sections []*Section // sub-folders, in order
}

// Path returns the sections from the root down to s.
func (s *Section) Path() []*Section {
	var out []*Section
	for x := s; x != nil; x = x.Parent {
		out = append(out, x)
	}
	slices.Reverse(out)
	return out
}

// Each calls f for s and every section below it, parents first.
func (s *Section) Each(f func(*Section)) {
	f(s)
	for _, c := range s.Sections {
		c.Each(f)
	}
}

// NewTree arranges pages into sections and returns the root. Every folder
// that holds a page, directly or below, is a section. Pages and sections
// are ordered by weight (pages that set one come first, lowest first),
// then by title, then by path. NewTree sets each page's Section: the
// section a page belongs to, or for a section page, the section it heads.
func NewTree(pages []*Page) *Section {
	sections := map[string]*Section{}
	var get func(dir string) *Section
	get = func(dir string) *Section {
		if s, ok := sections[dir]; ok {
			return s
		}
		s := &Section{Dir: dir}
		sections[dir] = s
		if dir != "" {
			parent := path.Dir(dir)
			if parent == "." {
				parent = ""
			}
			s.Parent = get(parent)
			s.Parent.Sections = append(s.Parent.Sections, s)
		}
		return s
	}
	root := get("")
	for _, pg := range pages {
		dir := strings.TrimSuffix(path.Dir(pg.Path), "/")
		if dir == "." {
			dir = ""
		}
		s := get(dir)
		if pg.IsIndex {
			if s.Page == nil {
				s.Page = pg
				pg.Section = s
			}
			continue
		}
		s.Pages = append(s.Pages, pg)
		pg.Section = s
	}
	root.Each(func(s *Section) {
		if s.Page == nil {
			title := "Home"
			if s.Dir != "" {
				title = Humanize(path.Base(s.Dir))
			}
			url := "/"
			if s.Dir != "" {
				url = "/" + s.Dir + "/"
			}
			s.Page = &Page{
				Path: path.Join(s.Dir, "_index.md"), URL: url, IsIndex: true, Generated: true,
				Title: title, Type: TypePage, Params: map[string]any{}, Meta: FrontMatter{}, Section: s,
			}
		}
	})
	root.Each((*Section).sort)
	return root
}

func (s *Section) sort() {
	slices.SortFunc(s.Pages, comparePages)
	slices.SortFunc(s.Sections, compareSections)
}

// Sort orders the pages and the sub-sections of s again, after their
// titles or weights changed, and reports whether the order changed.
func (s *Section) Sort() bool {
	if slices.IsSortedFunc(s.Pages, comparePages) && slices.IsSortedFunc(s.Sections, compareSections) {
		return false
	}
	s.sort()
	return true
}

func compareSections(a, b *Section) int { return comparePages(a.Page, b.Page) }

func comparePages(a, b *Page) int {
	aw, bw := a.Weight != 0, b.Weight != 0
	switch {
	case aw && !bw:
		return -1
	case bw && !aw:
		return 1
	}
	return cmp.Or(
		cmp.Compare(a.Weight, b.Weight),
		cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)),
		cmp.Compare(a.Path, b.Path),
	)
}
