package generator

import (
	"slices"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/render"
)

// maxNavEntries bounds how many entries of one section the sidebar lists,
// so that no page grows with the size of the site. A longer section shows
// the entries around the current page and a link to the section page.
const maxNavEntries = 60

// nav builds the sidebar links. The top level lists the root's sections and
// pages in nav order; the sections on the way to the current page are
// expanded.
//
// Every page's link, and every section's entries, are made once and
// shared by the sidebars of all pages: a sidebar only copies the links
// on the way to its page, which it marks.
type nav struct {
	base     string // base path without its trailing slash
	top      []navEntry
	links    map[*content.Page]*render.Link
	sections map[*content.Section][]navEntry
}

// A navEntry is a page or a section in a list.
type navEntry struct {
	page    *content.Page
	section *content.Section // set for sections
}

// entries lists a section's subsections and pages together, in order.
func entries(s *content.Section) []navEntry {
	out := make([]navEntry, 0, len(s.Sections)+len(s.Pages))
	for _, c := range s.Sections {
		out = append(out, navEntry{page: c.Page, section: c})
	}
	for _, p := range s.Pages {
		out = append(out, navEntry{page: p})
	}
	return out
}

func newNav(root *content.Section, order []string, base string) *nav {
	top := entries(root)
	if len(order) > 0 {
		rank := func(e navEntry) int {
			name := e.page.Path
			if e.section != nil {
				name = e.section.Dir
			}
			name = trimExt(name)
			if i := slices.Index(order, name); i >= 0 {
				return i
			}
			return len(order)
		}
		slices.SortStableFunc(top, func(a, b navEntry) int { return rank(a) - rank(b) })
	}
	n := &nav{base: base, top: top, links: map[*content.Page]*render.Link{}, sections: map[*content.Section][]navEntry{}}
	root.Each(func(s *content.Section) {
		n.sections[s] = entries(s)
		n.links[s.Page] = n.newLink(s.Page)
		for _, p := range s.Pages {
			n.links[p] = n.newLink(p)
		}
	})
	return n
}

func trimExt(p string) string {
	for i := len(p) - 1; i >= 0 && p[i] != '/'; i-- {
		if p[i] == '.' {
			return p[:i]
		}
	}
	return p
}

// link returns the link to p, shared: callers must not change it.
func (n *nav) link(p *content.Page) *render.Link {
	if l, ok := n.links[p]; ok {
		return l
	}
	return n.newLink(p)
}

func (n *nav) newLink(p *content.Page) *render.Link {
	return &render.Link{Title: p.Title, URL: n.base + p.URL, Description: p.Description}
}

// For returns the sidebar of page pg.
func (n *nav) For(pg *content.Page) []*render.Link {
	var path []*content.Section
	if pg.Section != nil {
		path = pg.Section.Path()
	}
	links, _ := n.list(n.top, path, 1, pg)
	return links
}

// list renders es; path[depth] is the section to expand at this level. It
// returns the links and how many entries were left out.
func (n *nav) list(es []navEntry, path []*content.Section, depth int, pg *content.Page) ([]*render.Link, int) {
	var open *content.Section
	if depth < len(path) {
		open = path[depth]
	}
	active := -1
	for i, e := range es {
		if e.page == pg || (e.section != nil && e.section == open) {
			active = i
			break
		}
	}
	lo, hi := window(len(es), active, maxNavEntries)
	out := make([]*render.Link, 0, hi-lo)
	for _, e := range es[lo:hi] {
		l := n.link(e.page)
		onPath := e.section != nil && e.section == open
		if e.page == pg || onPath {
			c := *l
			l = &c
		}
		if e.page == pg {
			l.Active, l.Current = true, true
		}
		if onPath {
			l.Active = true
			l.Children, l.More = n.list(n.sections[e.section], path, depth+1, pg)
			if l.More > 0 {
				l.MoreURL = l.URL
			}
		}
		out = append(out, l)
	}
	return out, len(es) - len(out)
}

// window returns the bounds of at most max entries of n around active.
func window(n, active, limit int) (lo, hi int) {
	if n <= limit {
		return 0, n
	}
	if active < 0 {
		return 0, limit
	}
	hi = min(n, max(0, active-limit/2)+limit)
	return hi - limit, hi
}
