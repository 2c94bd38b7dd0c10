package render

import (
	"text/template/parse"

	"github.com/opsdocs/opsdocs/generator/freshness"
	"github.com/opsdocs/opsdocs/generator/kpi"
	"github.com/opsdocs/opsdocs/generator/roadmap"
)

// A Pager is one page of a site-wide view (/kpis/, /roadmap/, /freshness/,
// /changes/): its place among the view's pages, and the entries it shows.
// The view's data of the whole site (.Site.KPIs, ...) is on every page;
// the Pager holds the slice of it this page lists, at most the site's
// view_page_size entries. A view with fewer entries has one page, whose
// Pager holds them all.
type Pager struct {
	// Number is the page's number, from 1; Total, how many pages the
	// view has.
	Number, Total int
	// From and To number the first and last entries of the page, from 1;
	// Entries counts the entries of the whole view.
	From, To, Entries int
	// Prev and Next are the pages before and after this one; nil on the
	// first and on the last page.
	Prev, Next *PagerLink
	// Links are the pages to offer: the first, the last, and those
	// around this one, in order, this one marked Current. Their number
	// is bounded, however many pages the view has.
	Links []PagerLink

	// The entries of the page, in the field of its view. KPIs, on
	// /kpis/. Roadmaps, on /roadmap/: the roadmaps the page's items
	// belong to, each holding only those items; Quarters, the same items
	// by quarter. Owners, on /freshness/: the owners of the page's
	// reviews, each holding only those. Months, on /changes/.
	KPIs     []*kpi.KPI
	Roadmaps []*roadmap.Roadmap
	Quarters []roadmap.Quarter
	Owners   []freshness.Owner
	Months   []freshness.Month
}

// A PagerLink is a link to one page of a site-wide view.
type PagerLink struct {
	Number int
	URL    string
	// Current marks the page being rendered.
	Current bool
	// Gap says that pages were left out of Links before this one.
	Gap bool
}

// UsesPager reports whether the layout's "main" template, or a template it
// calls with the layout's dot ({{template "rows" .}}), names .Pager
// ($.Pager, or .Pager where the dot is the layout's).
// The pages of a site-wide view are split only when its layout lists the
// page's entries, from .Pager: a layout written before views had pages
// renders the whole view on one page, as it did.
func (t *Templates) UsesPager(layout string) bool {
	l, ok := t.layouts[layout]
	if !ok {
		return false
	}
	tmpl := l.tmpl
	seen := map[string]bool{}
	var uses func(name string) bool
	uses = func(name string) bool {
		if seen[name] {
			return false
		}
		seen[name] = true
		tt := tmpl.Lookup(name)
		if tt == nil || tt.Tree == nil {
			return false
		}
		return anyNode(tt.Tree.Root, func(n parse.Node) bool {
			switch n := n.(type) {
			case *parse.FieldNode:
				return n.Ident[0] == "Pager"
			case *parse.VariableNode:
				return len(n.Ident) > 1 && n.Ident[0] == "$" && n.Ident[1] == "Pager"
			case *parse.TemplateNode:
				return passesDot(n) && uses(n.Name)
			}
			return false
		})
	}
	return uses("main")
}

// passesDot reports whether a template is called with the dot, or $, as
// it is.
func passesDot(n *parse.TemplateNode) bool {
	if n.Pipe == nil || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 {
		return false
	}
	switch a := n.Pipe.Cmds[0].Args[0].(type) {
	case *parse.DotNode:
		return true
	case *parse.VariableNode:
		return len(a.Ident) == 1 && a.Ident[0] == "$"
	}
	return false
}
