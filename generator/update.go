package generator

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/curriculum"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/freshness"
	"github.com/opsdocs/opsdocs/generator/markdown"
	"github.com/opsdocs/opsdocs/generator/output"
	"github.com/opsdocs/opsdocs/generator/search"
)

// An edit is a Markdown file of content/ that changed: the page it was
// (nil if it was none), what that page showed of itself to other pages
// before the update, and the page it is now (nil if it is none: removed,
// unreadable, a draft).
type edit struct {
	path     string // below content/
	exists   bool
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

// added and removed say whether the edit brings a page or takes one away.
func (e *edit) added() bool   { return e.old == nil && e.loaded != nil }
func (e *edit) removed() bool { return e.old != nil && e.loaded == nil }

// A fileEdit is another file of content/ that changed.
type fileEdit struct {
	path   string // below content/
	exists bool
	known  bool // the kept build publishes it
}

// navKey is what lists of pages show of a page, and order it by.
type navKey struct {
	title, description string
	weight             int
}

func navOf(p *page) navKey { return navKey{p.Title, p.Description, p.Weight} }

// changeOf is p's entry in /changes/; zero when it has none.
func changeOf(p *page) freshness.Change {
	if p == nil || p.Updated.IsZero() {
		return freshness.Change{}
	}
	return freshness.Change{Page: p.URL, Title: p.Title, Description: p.Description, Updated: p.Updated}
}

func sameChange(a, b freshness.Change) bool {
	return a.Page == b.Page && a.Title == b.Title && a.Description == b.Description && a.Updated.Equal(b.Updated)
}

func reviewOf(p *page) *freshness.Review {
	if p == nil {
		return nil
	}
	return p.review
}

// errFull says that a change cannot be applied to the kept build.
var errFull = errors.New("the site must be built in full")

// update applies a batch of changes to the kept build, as described in
// Rebuild, and reports ok false when the whole site must be built
// instead: the kept build may then be half updated, and is dropped.
func (r *Rebuilder) update(ctx context.Context, changed []string) (res *Result, out *output.Memory, ok bool, err error) {
	k := r.last
	b := k.b
	start, startUse := time.Now(), readUsage()

	// Read what changed before anything changes.
	var diags diag.List // what the per-page stages report on the edited files
	edits, files, err := k.plan(changed, &diags)
	if err != nil || len(b.taken) > 0 { // a page at a view's page: see checkViewPages
		return nil, nil, false, nil
	}
	pageCounts := b.viewCounts()
	structural := slices.ContainsFunc(edits, func(e *edit) bool { return e.added() || e.removed() }) ||
		slices.ContainsFunc(files, func(f fileEdit) bool { return f.exists != f.known })

	out = k.out.Layer()
	next := &kept{b: b, out: out, checks: k.checks, pages: k.pages}
	next.docs, next.patched, next.index, next.previous = k.docs, k.patched, k.index, k.previous
	// From here on the kept build changes; the previous output does not.
	b.opts.Output = out
	b.res = &Result{}
	b.last, b.lastUse = start, startUse

	for _, e := range edits {
		if err := b.replace(e, out); err != nil {
			return nil, nil, false, nil
		}
		if e.added() {
			next.pages++
		} else if e.removed() {
			next.pages--
		}
	}
	for _, f := range files {
		if f.exists {
			b.targets[f.path] = "/" + f.path
		} else {
			delete(b.targets, f.path)
			out.Remove(f.path)
		}
	}
	b.stage("load")

	// The per-page stages, on the pages edited. Templates of playbooks
	// show the titles of the pages they link to, so learning comes after
	// every edited page has its title.
	var fresh []*page
	for _, e := range edits {
		if e.new != nil {
			fresh = append(fresh, e.new)
		}
	}
	parallel(len(fresh), func(i int) {
		b.convertPage(fresh[i], &diags)
		b.decodePageData(fresh[i], &diags)
	})
	b.forgetStructured()
	every := b.siteEvery()
	parallel(len(fresh), func(i int) {
		b.decodePageLearning(fresh[i], every, &diags)
	})

	// What the edits change for other pages.
	render := newRenderSet(b)
	var (
		views         []string     // fields of render.Site whose data changed
		courses       bool         // a curriculum may have changed
		courseChanged bool         // one did
		reorder       = structural // the pages to index changed order
		aliased       = structural
		dated         = structural // sitemap.xml lists the pages with their dates
	)
	for _, e := range edits {
		courses = courses || e.course || e.new != nil && b.inCourse(e.new)
		aliased = aliased || len(e.aliases) > 0 || e.new != nil && len(e.new.Aliases) > 0
		dated = dated || !sameChange(e.change, changeOf(e.new))
	}
	if courses {
		before := coursesByPage(b.courses)
		var l diag.List
		b.curricula(&l)
		next.checks.courses = l.Sorted()
		after := coursesByPage(b.courses)
		// A curriculum that changed is rendered again as a whole: its
		// page, and each lesson's number, neighbours and order in the
		// sidebar.
		for _, e := range edits {
			heads := []*content.Section{e.head}
			if e.new != nil {
				heads = append(heads, b.courseOf(e.new))
			}
			for _, h := range heads {
				if h == nil || reflect.DeepEqual(before[h.Page.URL], after[h.Page.URL]) {
					continue
				}
				h.Each(func(s *content.Section) { reorder = s.Sort() || reorder })
				render.section(h)
				courseChanged = true
			}
		}
		if courseChanged || len(before) != len(after) {
			views = append(views, "Curricula")
		}
	}
	// An edit alone in its batch, that moved no page of a curriculum,
	// leaves the other entries of its section's list where they were.
	alone := len(edits) == 1 && !structural && !courseChanged
	for _, e := range edits {
		reorder = b.relist(e, alone, render) || reorder
	}

	data, reviews, changes := false, false, false
	for _, e := range edits {
		data = data || e.data || e.new != nil && (e.new.roadmap != nil || len(e.new.kpis) > 0)
		reviews = reviews || !reflect.DeepEqual(e.review, reviewOf(e.new))
		changes = changes || !sameChange(e.change, changeOf(e.new))
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
	if reviews || changes {
		hadReport, hadChanges := b.report != nil, len(b.changes) > 0
		b.rollUpLearning()
		if (b.report != nil) != hadReport || (len(b.changes) > 0) != hadChanges {
			return nil, nil, false, nil
		}
		if reviews {
			views = append(views, "Freshness")
		}
		if changes {
			views = append(views, "Changes")
		}
	}
	if !maps.Equal(pageCounts, b.viewCounts()) {
		// A view gains or loses pages: their links change on every
		// page of the view, and the pages it lost must go.
		return nil, nil, false, nil
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
	next.checks.links = b.recheckLinks(k.checks.links, edits, structural)
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
		n, err := b.writeData(views...)
		b.res.Files += n
		if err != nil {
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
	for _, f := range files {
		if !f.exists {
			continue
		}
		data, err := fs.ReadFile(b.opts.Site, "content/"+f.path)
		if err != nil {
			return nil, nil, false, nil // reported by a full build
		}
		if err := out.WriteFile(f.path, data); err != nil {
			return nil, nil, false, err
		}
		b.res.Files++
	}
	b.stage("render")

	// The pages to index: the same list with the pages rendered again
	// indexed again, unless pages moved in it or came in or out of it.
	for _, e := range edits {
		if e.new != nil && e.indexed != (!e.new.Draft && !e.new.NoSearch) {
			reorder = true
		}
	}
	if reorder || render.all {
		next.docs, next.patched = b.searchDocs(), nil
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

	// The diagnostics: those of the files edited are new.
	edited := map[string]bool{}
	for _, e := range edits {
		edited["content/"+e.path] = true
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

// plan sorts the changed paths into edits of Markdown files and of other
// files, and reads the Markdown files that exist. It fails with errFull
// when a change takes a full build: outside content/, a folder, a page
// that heads a section coming or going, a page taking the URL of another.
func (k *kept) plan(changed []string, diags *diag.List) ([]*edit, []fileEdit, error) {
	b := k.b
	var edits []*edit
	var files []fileEdit
	seen := map[string]bool{}
	for _, c := range changed {
		rel, isContent := contentPath(c)
		switch {
		case !isContent:
			return nil, nil, errFull
		case seen[rel] || ignored(rel):
			continue
		}
		seen[rel] = true
		info, err := fs.Stat(b.opts.Site, "content/"+rel)
		exists := err == nil
		switch {
		case exists && !info.Mode().IsRegular():
			return nil, nil, errFull // a folder: anything below may have changed
		case content.IsMarkdown(rel):
			p, known := b.byPath[rel]
			switch {
			case known && !p.Generated && p.URL != "/"+searchDir:
				edits = append(edits, &edit{path: rel, exists: exists, old: p})
			case !known && (exists || k.reported("content/"+rel)):
				edits = append(edits, &edit{path: rel, exists: exists})
			default:
				return nil, nil, errFull
			}
		case k.reported("content/" + rel):
			return nil, nil, errFull
		case generated(rel):
			return nil, nil, errFull
		default:
			known := b.targets[rel] == "/"+rel
			if !exists && !known {
				return nil, nil, errFull // a folder removed, maybe
			}
			files = append(files, fileEdit{path: rel, exists: exists, known: known})
		}
	}

	for _, e := range edits {
		if err := k.load(e, diags); err != nil {
			return nil, nil, err
		}
	}
	// The pages linking to a page or a file that comes or goes convert
	// their links differently: they are edited too, as they are.
	moved := map[string]bool{}
	for _, e := range edits {
		if e.added() || e.removed() {
			moved[e.path] = true
		}
	}
	for _, f := range files {
		if f.exists != f.known {
			moved[f.path] = true
		}
	}
	if len(moved) > 0 {
		for _, p := range b.pages {
			if !p.Generated && !seen[p.Path] && linksTo(p, moved) {
				e := &edit{path: p.Path, exists: true, old: p}
				if err := k.load(e, diags); err != nil || e.loaded == nil {
					return nil, nil, errFull
				}
				edits = append(edits, e)
				seen[p.Path] = true
			}
		}
	}
	return edits, files, k.check(edits)
}

// generated reports whether a file of content/ published at rel would
// take the place of a file the build makes (a page, an alias, the search
// index, an asset, the data of api/), which the build then overwrites
// or not depending on when it writes each.
func generated(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	switch {
	case path.Ext(rel) == ".html", rel == "robots.txt", rel == "sitemap.xml":
		return true
	case strings.Contains(rel, "/") && (top == "api" || top == "assets" || top == strings.TrimSuffix(searchDir, "/")):
		return true
	}
	return false
}

// load reads the page of e, when its file exists, and notes what the page
// it was showed of itself.
func (k *kept) load(e *edit, diags *diag.List) error {
	b := k.b
	if e.exists {
		pg := content.LoadPage(b.opts.Site, e.path, b.loadOptions(), diags)
		if pg != nil && (!pg.Draft || b.opts.Drafts) {
			if b.git != nil {
				if d, ok := b.git.dates[pg.Path]; ok && pg.Updated.IsZero() {
					pg.Updated = d
				}
			}
			e.loaded = pg
		}
	}
	if o := e.old; o != nil {
		e.nav, e.review, e.change = navOf(o), o.review, changeOf(o)
		e.data = o.roadmap != nil || len(o.kpis) > 0
		e.aliases = o.Aliases
		e.course = o.lesson != nil || o.curriculum != nil || o.Type == content.TypeLesson || o.Type == content.TypeCurriculum
		e.head = b.courseOf(o)
		_, e.indexed = k.docAt[o.URL]
	}
	return nil
}

// check fails with errFull when a page that comes or goes changes the
// site's sections, the pages at a URL, or where a site-wide view is.
func (k *kept) check(edits []*edit) error {
	b := k.b
	if !slices.ContainsFunc(edits, func(e *edit) bool { return e.added() || e.removed() }) {
		return nil
	}
	urls := map[string]bool{}
	for _, p := range b.pages {
		urls[p.URL] = true
	}
	for _, e := range edits {
		if e.removed() {
			delete(urls, e.old.URL)
		}
	}
	left := map[*content.Section]int{} // pages removed from each section
	for _, e := range edits {
		switch {
		case e.added():
			pg := e.loaded
			if pg.IsIndex || urls[pg.URL] || pg.URL == "/"+searchDir || b.isView(pg.URL) || b.isViewPage(pg.URL) ||
				b.sectionAt(path.Dir(pg.Path)) == nil || b.folderAt(pg.URL) {
				return errFull
			}
			urls[pg.URL] = true
		case e.removed():
			o := e.old
			if o.IsIndex || k.shadows(o) || b.folderAt(o.URL) || b.isView(o.URL) {
				return errFull
			}
			left[o.Section]++
		}
	}
	for s, n := range left {
		if s.Page.Generated && len(s.Sections) == 0 && len(s.Pages) <= n {
			return errFull // the folder holds no page any more
		}
	}
	return nil
}

// folderAt reports whether a folder of the site publishes its section page
// at url, like a page there would.
func (b *builder) folderAt(url string) bool {
	dir := strings.Trim(url, "/")
	return dir != "" && b.sectionAt(dir) != nil
}

// shadows reports whether another file publishes at p's URL, and is left
// out of the site for it.
func (k *kept) shadows(p *page) bool {
	return slices.ContainsFunc(k.rest, func(d diag.Diagnostic) bool {
		return d.Code == diag.DuplicateURL && strings.Contains(d.Message, " like "+p.File+":")
	})
}

// linksTo reports whether p links to one of paths (below content/).
func linksTo(p *page, paths map[string]bool) bool {
	for _, l := range p.md.Links {
		if paths[l.Target] {
			return true
		}
	}
	for _, l := range p.fieldLinks {
		if paths[l.Target] {
			return true
		}
	}
	return false
}

// sectionAt returns the section of the folder dir below content/ ("." for
// content/ itself), or nil when the site has none.
func (b *builder) sectionAt(dir string) *content.Section {
	s := b.root
	if dir == "." {
		return s
	}
	for _, name := range strings.Split(dir, "/") {
		var next *content.Section
		for _, c := range s.Sections {
			if path.Base(c.Dir) == name {
				next = c
				break
			}
		}
		if next == nil {
			return nil
		}
		s = next
	}
	return s
}

// replace puts the page of an edit in the place of the page it was: in
// the list of pages, the tree and the aliases.
func (b *builder) replace(e *edit, out *output.Memory) error {
	o := e.old
	if e.loaded == nil {
		if o == nil {
			return nil // still no page
		}
		i := slices.Index(b.pages, o)
		s := o.Section
		j := slices.Index(s.Pages, o.Page)
		if i < 0 || j < 0 {
			return errFull
		}
		b.pages = slices.Delete(b.pages, i, i+1)
		s.Pages = slices.Delete(s.Pages, j, j+1)
		delete(b.byPath, o.Path)
		delete(b.targets, o.Path)
		out.Remove(outputPath(o.URL))
		return nil
	}
	n := &page{Page: e.loaded}
	e.new = n
	if o == nil {
		s := b.sectionAt(path.Dir(n.Path))
		n.Section = s
		s.Pages = append(s.Pages, n.Page)
		i, _ := slices.BinarySearchFunc(b.pages, n.Path, func(p *page, target string) int {
			if p.Generated {
				return 1
			}
			return strings.Compare(p.Path, target)
		})
		b.pages = slices.Insert(b.pages, i, n)
		b.byPath[n.Path] = n
		b.targets[n.Path] = n.URL
		return nil
	}
	s := o.Section
	n.Section = s
	i := slices.Index(b.pages, o)
	if i < 0 {
		return errFull
	}
	b.pages[i] = n
	b.byPath[n.Path] = n
	if n.IsIndex {
		if s.Page != o.Page {
			return errFull
		}
		s.Page = n.Page
	} else {
		j := slices.Index(s.Pages, o.Page)
		if j < 0 {
			return errFull
		}
		s.Pages[j] = n.Page
	}
	for i := range b.redirect {
		if b.redirect[i].to == o {
			b.redirect[i].to = n
		}
	}
	return nil
}

// relist adds to render the pages that show the page of an edit: itself,
// its section's page when the page is a playbook, and when what lists of
// pages show of it changed, the pages that list it. alone says the edit
// moved no other page. It reports whether the order of a section
// changed.
func (b *builder) relist(e *edit, alone bool, render *renderSet) bool {
	n, o := e.new, e.old
	p := n
	if p == nil {
		p = o
	}
	if n != nil {
		render.add(n)
	}
	s := p.Section
	if p.IsIndex {
		s = s.Parent // where the section is listed
	}
	playbook := o != nil && o.playbook != nil || n != nil && n.playbook != nil
	if s != nil && playbook {
		render.add(b.pageOf(s.Page)) // lists its playbooks
	}
	if o != nil && n != nil && e.nav == navOf(n) {
		return false
	}
	if o != nil && n != nil && e.nav.title != n.Title {
		b.retitleTemplates(n, render)
	}
	reorder := false
	if s != nil {
		reorder = s.Sort()
	}
	switch {
	case s == nil: // the home page, first in every page's breadcrumbs
		render.everything()
	case s.Parent == nil: // at the top of every page's sidebar
		render.everything()
	case alone && !reorder && o != nil && n != nil:
		// In the same place in a section's list, the page shows in the
		// sidebars whose part of the list has it, which in a long
		// section is not all of them.
		b.listing(s, n, render)
	default:
		render.section(s)
	}
	return reorder
}

// listing adds to render the pages that list p, a page (or the page of a
// section) listed in the section s, in the place it had: s's page, the
// pages below p when it is a section's page (their breadcrumbs), and the
// pages of s and below whose sidebar's window of s's entries (see nav.list)
// holds p's entry.
func (b *builder) listing(s *content.Section, p *page, render *renderSet) {
	es := entries(s)
	at := map[*content.Page]int{} // entry of each page of s, and of each sub-section's page
	for i, e := range es {
		at[e.page] = i
	}
	x, ok := at[p.Page]
	if !ok {
		render.section(s)
		return
	}
	render.add(b.pageOf(s.Page))
	if p.IsIndex {
		render.section(p.Section)
	}
	for _, q := range b.sectionPages(s) {
		active := -1 // s's own page has no entry in s's list
		if q.Page != s.Page {
			c := q.Page // q's own entry, or the entry of the section below s on q's way
			if q.Section != s {
				sec := q.Section
				for sec.Parent != s {
					sec = sec.Parent
				}
				c = sec.Page
			}
			active = at[c]
		}
		if lo, hi := window(len(es), active, maxNavEntries); lo <= x && x < hi {
			render.add(q)
		}
	}
}

// recheckLinks returns the findings of the link check after edits,
// given those before. Which pages and files exist changes only with a
// structural edit, which checks every page again; otherwise only the
// links of the pages edited, and the links to the headings of those
// whose headings changed, are checked again.
func (b *builder) recheckLinks(before []diag.Diagnostic, edits []*edit, structural bool) []diag.Diagnostic {
	var l diag.List
	if structural {
		b.checkLinks(&l)
		return l.Sorted()
	}
	again := map[*page]bool{}
	anchors := map[string]bool{} // pages whose headings changed
	for _, e := range edits {
		if e.new == nil {
			continue
		}
		again[e.new] = true
		if !slices.EqualFunc(e.old.md.Headings, e.new.md.Headings, func(a, b markdown.Heading) bool { return a.ID == b.ID }) {
			anchors[e.new.Path] = true
		}
	}
	if len(anchors) > 0 {
		for _, p := range b.pages {
			if !again[p] && linksToAnchors(p, anchors) {
				again[p] = true
			}
		}
	}
	files := map[string]bool{}
	for p := range again {
		files[p.File] = true
		b.checkPageLinks(p, &l)
	}
	for _, d := range before {
		if !files[d.Path] {
			l.Add(d)
		}
	}
	return l.Sorted()
}

// linksToAnchors reports whether p links to a heading of one of the pages
// (paths below content/), as checkPageLinks resolves such links.
func linksToAnchors(p *page, pages map[string]bool) bool {
	check := func(l markdown.Link) bool {
		return l.Fragment != "" && (pages[l.Target] || pages[path.Join(l.Target, "_index.md")])
	}
	for _, l := range p.md.Links {
		if check(l) {
			return true
		}
	}
	for _, l := range p.fieldLinks {
		if check(l.Link) {
			return true
		}
	}
	return false
}

// coursesByPage maps the URL of each curriculum's page to it.
func coursesByPage(courses []*curriculum.Curriculum) map[string]*curriculum.Curriculum {
	m := make(map[string]*curriculum.Curriculum, len(courses))
	for _, c := range courses {
		m[c.Page] = c
	}
	return m
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
// render.Site, and the site-wide views of those fields.
func (rs *renderSet) using(fields []string) {
	if rs.all || len(fields) == 0 {
		return
	}
	uses := func(layout string) bool {
		for _, f := range fields {
			if rs.b.tmpl.ReadsSite(layout, f) {
				return true
			}
		}
		return false
	}
	known := map[string]bool{}
	for _, p := range rs.b.allPages() {
		if v, ok := rs.b.views[p.URL]; ok && slices.Contains(fields, v.field) {
			rs.add(p)
			continue
		}
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
