package generator

import (
	"context"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/freshness"
	"github.com/opsdocs/opsdocs/generator/markdown"
	"github.com/opsdocs/opsdocs/generator/output"
	"github.com/opsdocs/opsdocs/generator/search"
)

// An edit is a page of the kept build whose file changed: the page as it
// was, what it showed of itself to other pages before the update, and the
// page as it is now.
type edit struct {
	old, new *page
	loaded   *content.Page

	nav     navKey
	review  *freshness.Review
	change  freshness.Change
	data    bool     // it had a roadmap or KPIs
	aliases []string // as written
	course  bool     // it was part of a curriculum
	head    *content.Section
	indexed bool // it was in the search index
}

// navKey is what lists of pages show of a page, and order it by.
type navKey struct {
	title, description string
	weight             int
}

func navOf(p *page) navKey { return navKey{p.Title, p.Description, p.Weight} }

func changeOf(p *page) freshness.Change {
	return freshness.Change{Page: p.URL, Title: p.Title, Description: p.Description, Updated: p.Updated}
}

func sameChange(a, b freshness.Change) bool {
	return a.Page == b.Page && a.Title == b.Title && a.Description == b.Description && a.Updated.Equal(b.Updated)
}

// update applies a batch of changes to the kept build, as described in
// Rebuild, and reports ok false when the whole site must be built
// instead: the kept build may then be half updated, and is dropped.
func (r *Rebuilder) update(ctx context.Context, changed []string) (res *Result, out *output.Memory, ok bool, err error) {
	k := r.last
	b := k.b
	var edits []*edit
	var files []string // other files of content/
	seen := map[string]bool{}
	for _, c := range changed {
		rel, isContent := contentPath(c)
		switch {
		case !isContent:
			return nil, nil, false, nil
		case seen[rel] || ignored(rel):
			continue
		}
		seen[rel] = true
		if p, ok := b.byPath[rel]; ok && !p.Generated && p.URL != "/"+searchDir {
			edits = append(edits, &edit{old: p})
			continue
		}
		if b.targets[rel] == "/"+rel && !content.IsMarkdown(rel) && !k.reported("content/"+rel) {
			files = append(files, rel)
			continue
		}
		return nil, nil, false, nil
	}
	start, startAlloc := time.Now(), readAllocs()

	// Read the edited pages before anything changes: a page that is no
	// longer one (unreadable, broken front matter, now a draft) changes
	// the site's pages, which takes a full build.
	var diags diag.List // what the per-page stages report on the edited pages
	for _, e := range edits {
		pg := content.LoadPage(b.opts.Site, e.old.Path, content.LoadOptions{Drafts: b.opts.Drafts}, &diags)
		if pg == nil || pg.Draft && !b.opts.Drafts {
			return nil, nil, false, nil
		}
		if b.git != nil {
			if d, ok := b.git.dates[pg.Path]; ok && pg.Updated.IsZero() {
				pg.Updated = d
			}
		}
		o := e.old
		e.loaded = pg
		e.nav, e.review, e.change = navOf(o), o.review, changeOf(o)
		e.data = o.roadmap != nil || len(o.kpis) > 0
		e.aliases = o.Aliases
		e.course = o.lesson != nil || o.curriculum != nil || o.Type == content.TypeLesson || o.Type == content.TypeCurriculum
		e.head = b.courseOf(o)
		_, e.indexed = k.docAt[o.URL]
	}

	// From here on the kept build changes; the previous output does not.
	r.mu.Lock()
	r.gen++ // drops a search index still being built for the previous build
	out = k.out.Clone()
	next := &kept{b: b, out: out, checks: k.checks, pages: k.pages}
	next.docs, next.patched, next.index, next.previous = k.docs, k.patched, k.index, k.previous
	r.mu.Unlock()
	b.opts.Output = out
	b.res = &Result{}
	b.last, b.lastAlloc = start, startAlloc

	for _, e := range edits {
		n := &page{Page: e.loaded}
		e.new = n
		s := e.old.Section
		n.Section = s
		i := slices.Index(b.pages, e.old)
		if i < 0 {
			return nil, nil, false, nil
		}
		b.pages[i] = n
		b.byPath[n.Path] = n
		if n.IsIndex {
			if s.Page != e.old.Page {
				return nil, nil, false, nil
			}
			s.Page = n.Page
		} else {
			j := slices.Index(s.Pages, e.old.Page)
			if j < 0 {
				return nil, nil, false, nil
			}
			s.Pages[j] = n.Page
		}
		for i := range b.redirect {
			if b.redirect[i].to == e.old {
				b.redirect[i].to = n
			}
		}
	}
	b.stage("load")

	// The per-page stages, on the edited pages. Templates of playbooks
	// show the titles of the pages they link to, so learning comes after
	// every edited page has its title.
	parallel(len(edits), func(i int) {
		b.convertPage(edits[i].new, &diags)
		b.decodePageData(edits[i].new, &diags)
	})
	every := b.siteEvery()
	parallel(len(edits), func(i int) {
		n := edits[i].new
		b.decodePageLearning(n, every, &diags)
		if !n.Draft {
			b.searchable(n.Page, &diags)
		}
	})

	// What the edits change for other pages.
	var (
		render  = newRenderSet(b)
		views   []string // fields of render.Site whose data changed
		courses bool
		reorder bool // a section's order changed
		aliased bool
		dated   bool // an updated date changed, shown in sitemap.xml
	)
	for _, e := range edits {
		courses = courses || e.course || b.inCourse(e.new)
		aliased = aliased || len(e.aliases) > 0 || len(e.new.Aliases) > 0
		dated = dated || !e.change.Updated.Equal(e.new.Updated)
	}
	if courses {
		var l diag.List
		b.curricula(&l)
		next.checks.courses = l.Sorted()
		views = append(views, "Curricula")
		// Lessons are ordered by their number in the curriculum.
		for _, e := range edits {
			for _, h := range []*content.Section{e.head, b.courseOf(e.new)} {
				if h == nil {
					continue
				}
				h.Each(func(s *content.Section) { reorder = s.Sort() || reorder })
				render.section(h)
			}
		}
	}
	for _, e := range edits {
		n := e.new
		render.add(n)
		s := n.Section
		if n.IsIndex {
			s = s.Parent // where the section is listed
		}
		if s != nil && (e.old.playbook != nil || n.playbook != nil) {
			render.add(b.pageOf(s.Page)) // lists its playbooks
		}
		if e.nav == navOf(n) {
			continue
		}
		switch {
		case s == nil: // the home page, first in every page's breadcrumbs
			render.everything()
		case s.Parent == nil: // at the top of every page's sidebar
			reorder = s.Sort() || reorder
			render.everything()
		default:
			reorder = s.Sort() || reorder
			render.section(s)
		}
		if e.nav.title != n.Title {
			b.retitleTemplates(n, render)
		}
	}

	data, fresh, dates := false, false, false
	for _, e := range edits {
		data = data || e.data || e.new.roadmap != nil || len(e.new.kpis) > 0
		fresh = fresh || !reflect.DeepEqual(e.review, e.new.review)
		dates = dates || !sameChange(e.change, changeOf(e.new))
	}
	if data {
		hadRoadmaps, hadKPIs := b.roadmaps != nil, b.kpis != nil
		var l diag.List
		b.rollUpData(&l)
		next.checks.kpiIDs = l.Sorted()
		if (b.roadmaps != nil) != hadRoadmaps || (b.kpis != nil) != hadKPIs {
			return nil, nil, false, nil // a site-wide view appears or goes
		}
		views = append(views, "Roadmaps", "KPIs")
	}
	if fresh || dates || courses {
		hadReport, hadChanges := b.report != nil, len(b.changes) > 0
		b.rollUpLearning()
		if (b.report != nil) != hadReport || (len(b.changes) > 0) != hadChanges {
			return nil, nil, false, nil
		}
		if fresh {
			views = append(views, "Freshness")
		}
		if dates {
			views = append(views, "Changes")
		}
	}
	var staleAliases []string
	if aliased {
		for _, a := range b.redirect {
			staleAliases = append(staleAliases, a.file())
		}
		var l diag.List
		b.redirect = b.aliases(&l)
		next.checks.aliases = l.Sorted()
	}
	var links diag.List
	b.checkLinks(&links)
	next.checks.links = links.Sorted()
	render.using(views)
	b.stage("markdown")
	if err := ctx.Err(); err != nil {
		return nil, nil, false, err
	}

	// Render and write.
	site, nv := b.siteData()
	pages := render.pages()
	if err := b.renderPages(ctx, pages, site, nv); err != nil {
		return nil, nil, false, err
	}
	b.res.Files += len(pages)
	if render.notFound {
		if err := b.render404(site, nv); err != nil {
			return nil, nil, false, err
		}
	}
	if render.search {
		if err := b.renderSearchPage(site, nv); err != nil {
			return nil, nil, false, err
		}
	}
	if len(views) > 0 {
		if err := b.writeData(); err != nil {
			return nil, nil, false, err
		}
	}
	if aliased {
		for _, name := range staleAliases {
			out.Remove(name)
		}
		if err := b.writeAliases(b.redirect); err != nil {
			return nil, nil, false, err
		}
	}
	if dated {
		if err := b.writeRobots(b.allPages()); err != nil {
			return nil, nil, false, err
		}
	}
	for _, rel := range files {
		data, err := fs.ReadFile(b.opts.Site, "content/"+rel)
		if err != nil {
			return nil, nil, false, nil // reported by a full build
		}
		if err := out.WriteFile(rel, data); err != nil {
			return nil, nil, false, err
		}
		b.res.Files++
	}
	b.stage("render")

	// The pages to index: the same list with the pages rendered again
	// indexed again, unless pages moved in it or came in or out of it.
	for _, e := range edits {
		var scratch diag.List
		if e.indexed != (!e.new.Draft && b.searchable(e.new.Page, &scratch)) {
			reorder = true
		}
	}
	if reorder || render.all {
		var scratch diag.List
		next.docs = b.searchDocs(&scratch)
		next.indexDocs()
	} else {
		next.docAt = k.docAt
		next.patched = maps.Clone(next.patched)
		if next.patched == nil {
			next.patched = map[int]search.Doc{}
		}
		for _, p := range pages {
			if i, ok := next.docAt[p.URL]; ok {
				next.patched[i] = b.searchDoc(p)
			}
		}
	}

	edited := map[string]bool{}
	for _, e := range edits {
		edited[e.old.File] = true
	}
	next.rest = make([]diag.Diagnostic, 0, len(k.rest))
	for _, d := range k.rest {
		if !edited[d.Path] {
			next.rest = append(next.rest, d)
		}
	}
	next.rest = append(next.rest, diags.Sorted()...)

	res = b.res
	res.Diagnostics = next.diagnostics()
	res.Pages, res.Rendered = next.pages, len(pages)
	r.last = next
	r.index(next)
	return res, out, true, nil
}

// inCourse reports whether p belongs to a curriculum, or would once the
// curricula are found again.
func (b *builder) inCourse(p *page) bool {
	if p.Type == content.TypeLesson || p.Type == content.TypeCurriculum {
		return true
	}
	return !p.IsIndex && b.courseOf(p) != nil
}

// courseOf returns the section of the curriculum p belongs to, as the
// curricula were last found, or nil.
func (b *builder) courseOf(p *page) *content.Section {
	if p.curriculum != nil {
		return p.Section
	}
	if p.IsIndex {
		return nil
	}
	for s := p.Section; s != nil && s.Parent != nil; s = s.Parent {
		if h, ok := b.byPath[s.Page.Path]; ok && h.Page == s.Page && h.curriculum != nil {
			return s
		}
	}
	return nil
}

// retitleTemplates gives the new title of p to the playbook templates
// that link to it, and renders their playbooks again.
func (b *builder) retitleTemplates(p *page, render *renderSet) {
	for _, q := range b.pages {
		if q.playbook == nil {
			continue
		}
		for _, t := range q.playbook.Templates {
			l, _, ok := markdown.ResolveLink(t.Dest, b.linkOptions(q, 0))
			if ok && l.Found && l.Target == p.Path {
				t.Title = p.Title
				render.add(q)
			}
		}
	}
}

// A renderSet is the pages an update renders again, in the order they
// were added.
type renderSet struct {
	b     *builder
	byURL map[string]bool
	list  []*page
	all   bool

	// notFound and search are set to render 404.html and the search page.
	notFound, search bool
}

func newRenderSet(b *builder) *renderSet {
	return &renderSet{b: b, byURL: map[string]bool{}}
}

func (rs *renderSet) add(p *page) {
	if !rs.all && !rs.byURL[p.URL] {
		rs.byURL[p.URL] = true
		rs.list = append(rs.list, p)
	}
}

// section adds the pages of s and of every section below it.
func (rs *renderSet) section(s *content.Section) {
	if rs.all {
		return
	}
	for _, p := range rs.b.sectionPages(s) {
		rs.add(p)
	}
}

// everything adds every page, 404.html and the search page.
func (rs *renderSet) everything() {
	rs.all, rs.notFound, rs.search = true, true, true
	rs.byURL, rs.list = nil, nil
}

// using adds the pages whose layouts use any of the fields of
// render.Site.
func (rs *renderSet) using(fields []string) {
	if rs.all || len(fields) == 0 {
		return
	}
	uses := func(layout string) bool {
		for _, f := range fields {
			if rs.b.tmpl.Uses(layout, f) {
				return true
			}
		}
		return false
	}
	known := map[string]bool{}
	for _, p := range rs.b.allPages() {
		l := rs.b.layoutFor(p)
		u, ok := known[l]
		if !ok {
			u = uses(l)
			known[l] = u
		}
		if u {
			rs.add(p)
		}
	}
	rs.notFound = rs.notFound || uses("404")
	rs.search = rs.search || uses("search")
}

func (rs *renderSet) pages() []*page {
	if rs.all {
		return rs.b.allPages()
	}
	return rs.list
}
