package generator

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/opsdocs/opsdocs/assets"
	"github.com/opsdocs/opsdocs/generator/config"
	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/curriculum"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/freshness"
	"github.com/opsdocs/opsdocs/generator/kpi"
	"github.com/opsdocs/opsdocs/generator/markdown"
	"github.com/opsdocs/opsdocs/generator/output"
	"github.com/opsdocs/opsdocs/generator/playbook"
	"github.com/opsdocs/opsdocs/generator/relurl"
	"github.com/opsdocs/opsdocs/generator/render"
	"github.com/opsdocs/opsdocs/generator/roadmap"
	"github.com/opsdocs/opsdocs/generator/search"
	"github.com/opsdocs/opsdocs/layouts"
)

// Options configure a build.
type Options struct {
	// Site is the site's root folder: content/, and optionally layouts/,
	// assets/ and opsdocs.yaml.
	Site fs.FS
	// Layouts and Assets are the default theme, under the site's own
	// layouts/ and assets/. They default to the embedded theme.
	Layouts, Assets fs.FS
	// Output receives the built files. With none, nothing is written (a
	// check).
	Output output.Writer
	// BaseURL, when set, replaces opsdocs.yaml's base_url.
	BaseURL string
	// RelativeURLs makes every URL of the site's HTML relative to its
	// page, with index.html spelt out, so that the output can be browsed
	// from disk or hosted at any path (see package relurl).
	RelativeURLs bool
	// Drafts includes pages marked draft: true.
	Drafts bool
	// Now is "today" for everything that depends on the date.
	Now time.Time
	// FailOnStale reports every page overdue for review as an error.
	FailOnStale bool
	// GitDir, when set, is the site's folder on disk: pages without an
	// updated date are dated by the last commit that touched them, read
	// from git in one pass. Outside a git work tree, pages without
	// updated have no date; in a shallow clone, a warning says how to
	// fetch the history.
	GitDir string
}

// Result reports what a build did.
type Result struct {
	// Diagnostics are every problem found, sorted by file and line.
	Diagnostics []diag.Diagnostic
	// Pages counts the pages built; Files, every file written.
	Pages, Files int
	// Rendered counts the pages rendered: all of them, or after a change
	// to a site being previewed, only those the change concerns (see
	// Rebuilder).
	Rendered int
	// Stages holds the wall time of each stage, in order.
	Stages []Stage
	// SlowLayouts are the layouts that html/template rendered pages of,
	// besides their first, rather than opsdocs' faster executor, and why
	// (see "How fast layouts run" in the themes reference).
	SlowLayouts []render.SlowLayout
}

// A Stage is one step of the pipeline, its wall time, the CPU time it
// used and what it allocated on the heap (by every goroutine of the
// process, so a program running other work at the same time sees that
// work counted too).
type Stage struct {
	Name     string
	Duration time.Duration
	// CPU is the user and system CPU time of the process during the
	// stage; 0 where the operating system does not say.
	CPU time.Duration
	// AllocBytes and Allocs are the bytes and objects allocated.
	AllocBytes, Allocs uint64
}

// Errors reports whether the build found errors.
func (r *Result) Errors() bool {
	e, _ := diag.Count(r.Diagnostics)
	return e > 0
}

// A page being built: its source and what the stages made of it.
type page struct {
	*content.Page
	md *markdown.Result

	roadmap    *roadmap.Roadmap
	kpis       []*kpi.KPI
	playbook   *playbook.Playbook
	lesson     *curriculum.Lesson
	curriculum *curriculum.Curriculum
	review     *freshness.Review
	fieldLinks []fieldLink
}

// Build builds the site described by opts. Problems in the site's content
// are reported in the result's diagnostics, and the pages they do not
// concern are built anyway. The error is for what stops the build as a
// whole: a broken layout, an output that cannot be written, a cancelled
// context.
func Build(ctx context.Context, opts Options) (*Result, error) {
	b := newBuilder(opts)
	b.oneShot = true
	return b.build(ctx)
}

// verifyLayouts, set by tests, makes every page rendered on the fast path
// of package render rendered by html/template too, and the build fail if
// the two differ.
var verifyLayouts bool

func newBuilder(opts Options) *builder {
	return &builder{opts: opts, res: &Result{}, last: time.Now(), lastUse: readUsage()}
}

func (b *builder) build(ctx context.Context) (*Result, error) {
	err := b.run(ctx)
	b.res.Diagnostics = b.diags.Sorted()
	b.res.Rendered = b.res.Pages
	if b.tmpl != nil {
		b.res.SlowLayouts = b.tmpl.Slow()
	}
	return b.res, err
}

type builder struct {
	opts  Options
	diags diag.List
	res   *Result
	last  time.Time

	lastUse usage
	// oneShot lets go of each page's data once the last stage that reads
	// it is done (see release.go): set for a build whose pages are not
	// built again from what it keeps.
	oneShot bool

	cfg      *config.Config
	baseURL  string
	basePath string // "/" or "/docs/"
	base     string // basePath without its trailing slash
	pages    []*page
	byPath   map[string]*page
	targets  map[string]string // source path or folder -> URL
	root     *content.Section
	tmpl     *render.Templates
	assets   map[string]*asset
	conv     *markdown.Converter

	roadmaps *roadmap.Overview
	kpis     *kpi.Overview
	courses  []*curriculum.Curriculum
	report   *freshness.Report
	changes  []freshness.Month
	views    map[string]view // the site-wide views, by URL
	// taken are the URLs of pages of views that a page of the site
	// publishes at instead (see checkViewPages).
	taken    map[string]bool
	redirect []alias

	// courseEdits are what curricula changed on pages, to undo.
	courseEdits []courseEdit

	// Kept for a Rebuilder: the dates read from git, and when the search
	// index is built later (searchLater), the pages to index.
	git         *gitDates
	searchLater bool
	docs        []search.Doc

	// loaded is the structured content of the pages loaded, until
	// decodePageData takes it.
	loadedMu sync.Mutex
	loaded   map[*content.Page]structured
}

func (b *builder) stage(name string) {
	now, u := time.Now(), readUsage()
	b.res.Stages = append(b.res.Stages, Stage{
		Name: name, Duration: now.Sub(b.last),
		CPU:        u.cpu - b.lastUse.cpu,
		AllocBytes: u.bytes - b.lastUse.bytes, Allocs: u.objects - b.lastUse.objects,
	})
	b.last, b.lastUse = now, u
}

func (b *builder) run(ctx context.Context) error {
	if b.opts.Site == nil {
		return errors.New("generator: no site")
	}
	if b.opts.Layouts == nil {
		b.opts.Layouts = layouts.FS
	}
	if b.opts.Assets == nil {
		b.opts.Assets = assets.FS
	}
	b.cfg = config.Load(b.opts.Site, &b.diags)
	baseURL := b.cfg.BaseURL
	if b.opts.BaseURL != "" {
		baseURL = b.opts.BaseURL
	}
	bp, err := config.BasePath(baseURL)
	if err != nil {
		return fmt.Errorf("base URL: %w", err)
	}
	b.basePath, b.base, b.baseURL = bp, strings.TrimSuffix(bp, "/"), baseURL

	if err := b.loadTheme(); err != nil {
		return err
	}
	b.stage("theme")

	dates := b.gitDates(ctx)
	set := content.Load(b.opts.Site, b.loadOptions(), &b.diags)
	for _, pg := range set.Pages {
		if d, ok := dates[pg.Path]; ok && pg.Updated.IsZero() {
			pg.Updated = d
		}
	}
	b.index(set)
	files := set.Files
	b.stage("load")
	if err := ctx.Err(); err != nil {
		return err
	}

	b.conv = markdown.New()
	b.convertUntitled()
	b.decodeData()
	b.decodeLearning()
	b.redirect = b.aliases(&b.diags)
	b.checkViewPages(&b.diags)
	b.root = content.NewTree(b.contentPages())
	b.releaseFrontMatter()
	b.stage("site")
	if err := ctx.Err(); err != nil {
		return err
	}

	// Most pages are converted as they are rendered, so that a build
	// never holds the HTML of every page at once; without output, they
	// are converted all the same, for their diagnostics.
	if b.opts.Output != nil {
		if err := b.render(ctx); err != nil {
			return err
		}
	}
	b.convertRest()
	b.checkLinks(&b.diags)
	docs := b.searchDocs()
	b.releaseSite()
	b.stage("pages")
	if b.opts.Output == nil {
		return nil
	}

	if err := b.search(docs); err != nil {
		return err
	}
	b.stage("search")
	if err := b.writeFiles(files); err != nil {
		return err
	}
	b.stage("write")
	return nil
}

// loadOptions are the options pages are loaded with. KPI tables, roadmaps
// and playbooks, most of a large site's front matter, are decoded as each
// page loads (decodeStructured), and a page keeps only the front matter
// read later: that of curricula and lessons, which depends on the
// folders around the page, and the keys whose lines later diagnostics
// name.
func (b *builder) loadOptions() content.LoadOptions {
	keep := []string{"reviewed", "review_every", "aliases"}
	keep = append(keep, content.TypeKeys[content.TypeCurriculum]...)
	keep = append(keep, content.TypeKeys[content.TypeLesson]...)
	return content.LoadOptions{Drafts: b.opts.Drafts, Decode: b.decodeStructured, Keep: keep}
}

func (b *builder) loadTheme() error {
	layoutFS := overlay{upper: subdir(b.opts.Site, "layouts"), lower: b.opts.Layouts}
	assetFS := overlay{upper: subdir(b.opts.Site, "assets"), lower: b.opts.Assets}
	var err error
	b.assets, err = loadAssets(assetFS)
	if err != nil {
		return fmt.Errorf("assets: %w", err)
	}
	b.tmpl, err = render.Load(layoutFS, render.Funcs{BasePath: b.basePath, Asset: assetURL(b.assets, b.base)})
	if err != nil {
		return b.templateError(err, "")
	}
	b.tmpl.Verify = verifyLayouts
	for _, name := range []string{"page", "section", "home", "404"} {
		if !b.tmpl.Has(name) {
			return &render.TemplateError{File: "layouts/" + name + ".html", Msg: "missing: the theme needs this layout"}
		}
	}
	return nil
}

// index keeps the loaded pages, leaving out any that would publish at the
// URL of another, and records where each page, file and folder is
// published, for links.
func (b *builder) index(set *content.Set) {
	b.byPath = make(map[string]*page, len(set.Pages))
	b.targets = make(map[string]string, len(set.Pages)+len(set.Files))
	byURL := make(map[string]*content.Page, len(set.Pages))
	// The folders that hold pages without a page of their own: each gets
	// a generated page at its URL.
	folders := map[string]bool{}
	for _, pg := range set.Pages {
		for dir := path.Dir(pg.Path); dir != "." && !folders[dir]; dir = path.Dir(dir) {
			folders[dir] = true
		}
	}
	for _, pg := range set.Pages {
		if pg.IsIndex {
			delete(folders, path.Dir(pg.Path))
		}
	}
	for _, pg := range set.Pages {
		if other, ok := byURL[pg.URL]; ok {
			b.diags.Errorf(pg.File, 0, diag.DuplicateURL, "publishes at %s like %s: rename or remove one of them", pg.URL, other.File)
			continue
		}
		if dir := strings.Trim(pg.URL, "/"); !pg.IsIndex && folders[dir] {
			b.diags.Errorf(pg.File, 0, diag.DuplicateURL, "publishes at %s, the address of the folder content/%s/: move it to content/%s/_index.md to make it the folder's page, or rename it", pg.URL, dir, dir)
			continue
		}
		byURL[pg.URL] = pg
		p := &page{Page: pg}
		b.pages = append(b.pages, p)
		b.byPath[pg.Path] = p
		b.targets[pg.Path] = pg.URL
		for dir := path.Dir(pg.Path); dir != "."; dir = path.Dir(dir) {
			b.targets[dir] = "/" + dir + "/"
		}
	}
	for _, f := range set.Files {
		b.targets[f.Path] = f.URL
	}
}

func (b *builder) contentPages() []*content.Page {
	out := make([]*content.Page, len(b.pages))
	for i, p := range b.pages {
		out[i] = p.Page
	}
	return out
}

// parallel calls f(0) ... f(n-1) on all cores and waits for them.
func parallel(n int, f func(i int)) {
	parallelWith(runtime.GOMAXPROCS(0), n, f)
}

// linkOptions are the options that resolve the links written on p, at
// line of its file.
func (b *builder) linkOptions(p *page, line int) markdown.Options {
	return markdown.Options{
		Path: p.Path, Line: line, BasePath: b.basePath, Title: p.Title,
		Resolve: func(target string) (string, bool) {
			u, ok := b.targets[target]
			return u, ok
		},
	}
}

// convertUntitled converts the pages without a title in their front
// matter, which take the text of their first heading: the site as a whole
// (navigation, views, curricula) needs every title. The other pages are
// converted as they are rendered, or by convertRest.
func (b *builder) convertUntitled() {
	parallel(len(b.pages), func(i int) {
		if p := b.pages[i]; p.Title == "" {
			b.convertPage(p, &b.diags)
		}
	})
}

// convertRest converts the pages that rendering did not.
func (b *builder) convertRest() {
	parallel(len(b.pages), func(i int) {
		if p := b.pages[i]; p.md == nil {
			b.convertPage(p, &b.diags)
		}
	})
}

// convertPage converts the Markdown of p and settles its title.
func (b *builder) convertPage(p *page, diags *diag.List) {
	res, err := b.conv.Convert(p.Body, b.linkOptions(p, p.BodyLine))
	if err != nil {
		diags.Errorf(p.File, 0, diag.BadValue, "converting Markdown: %v", err)
		res = &markdown.Result{}
	}
	p.md = res
	b.releaseSource(p)
	if p.Title == "" {
		p.Title = res.Title
	}
	if p.Title == "" {
		name := path.Base(p.Path)
		if p.IsIndex {
			name = path.Base(path.Dir(p.Path))
			if name == "." {
				name = "Home"
			}
		}
		p.Title = content.Humanize(name)
	}
}

// checkLinks reports links to pages, files and headings that do not exist.
func (b *builder) checkLinks(diags *diag.List) {
	parallel(len(b.pages), func(i int) { b.checkPageLinks(b.pages[i], diags) })
}

// checkPageLinks reports the links of p to pages, files and headings that
// do not exist.
func (b *builder) checkPageLinks(p *page, diags *diag.List) {
	links := make([]fieldLink, 0, len(p.md.Links)+len(p.fieldLinks))
	for _, l := range p.md.Links {
		links = append(links, fieldLink{Link: l})
	}
	for _, fl := range append(links, p.fieldLinks...) {
		l, prefix := fl.Link, ""
		if fl.what != "" {
			prefix = fl.what + ": "
		}
		what := "page"
		if l.Image {
			what = "image"
		}
		if !l.Found {
			if !l.Image && l.Target != "" && !content.IsMarkdown(l.Target) && path.Ext(l.Target) != "" {
				what = "file"
			}
			msg := fmt.Sprintf("%slink to missing %s %s", prefix, what, l.Dest)
			if strings.HasPrefix(l.Target, "..") {
				msg = fmt.Sprintf("%slink %s points outside content/", prefix, l.Dest)
			}
			diags.Add(diag.Diagnostic{Path: p.File, Line: l.Line, Column: l.Column, Severity: diag.Warning, Code: diag.BrokenLink, Message: msg})
			continue
		}
		if l.Fragment == "" {
			continue
		}
		target := p
		if l.Target != "" {
			t, ok := b.byPath[l.Target]
			if !ok {
				t, ok = b.byPath[path.Join(l.Target, "_index.md")]
			}
			if !ok {
				continue // a file, or a folder's generated page
			}
			target = t
		}
		if !target.hasAnchor(l.Fragment) {
			diags.Add(diag.Diagnostic{Path: p.File, Line: l.Line, Column: l.Column, Severity: diag.Warning, Code: diag.BrokenAnchor,
				Message: fmt.Sprintf("%slink %s: %s has no heading with id %q", prefix, l.Dest, target.File, l.Fragment)})
		}
	}
}

func (p *page) hasAnchor(id string) bool {
	for _, h := range p.md.Headings {
		if h.ID == id {
			return true
		}
	}
	return strings.HasPrefix(id, "fn:") || strings.HasPrefix(id, "fnref:")
}

// outputPath is the file a URL is written to: /a/b/ -> a/b/index.html.
func outputPath(url string) string {
	return strings.TrimPrefix(url, "/") + "index.html"
}

func (b *builder) render(ctx context.Context) error {
	site, nv := b.siteData()
	all := b.allPages()
	b.res.Pages = len(all)
	// The files of api/ are written while the pages render: marshalled
	// alone, after them, they would keep one core busy and the other idle.
	type result struct {
		n   int
		err error
	}
	data := make(chan result, 1)
	go func() {
		n, err := b.writeData()
		data <- result{n, err}
	}()
	err := b.renderPages(ctx, all, site, nv)
	d := <-data
	b.res.Files += d.n
	if err != nil {
		return err
	}
	if d.err != nil {
		return d.err
	}
	if err := b.render404(site, nv); err != nil {
		return err
	}
	if err := b.writeAliases(b.redirect); err != nil {
		return err
	}
	if err := b.writeRobots(all); err != nil {
		return err
	}
	if err := b.renderSearchPage(site, nv); err != nil {
		return err
	}
	return ctx.Err()
}

// writeHTML writes a page of HTML to the file name of the output, with
// its URLs made relative to it when the build asks for that.
func (b *builder) writeHTML(name string, html []byte) error {
	if !b.opts.RelativeURLs {
		return b.opts.Output.WriteFile(name, html)
	}
	buf := getBuffer()
	defer putBuffer(buf)
	buf.Grow(len(html) + len(html)/8)
	rel := relurl.Rewrite(buf.AvailableBuffer(), html, b.base+"/"+name, b.basePath)
	return b.opts.Output.WriteFile(name, rel)
}

// siteData returns what layouts know of the whole site, and its sidebar.
func (b *builder) siteData() (*render.Site, *nav) {
	site := &render.Site{
		Title: b.cfg.Title, Description: b.cfg.Description, BasePath: b.basePath,
		Roadmaps: b.roadmaps, KPIs: b.kpis, Curricula: b.courses,
		Freshness: b.report, Changes: b.changes, Public: b.cfg.Public,
	}
	nv := newNav(b.root, b.cfg.Nav, b.base)
	for _, e := range nv.top {
		site.Sections = append(site.Sections, nv.link(e.page))
	}
	return site, nv
}

// allPages lists every page in the order of the tree, including the
// generated pages of folders without _index.md.
func (b *builder) allPages() []*page {
	return b.sectionPages(b.root)
}

// sectionPages lists the pages of s and of every section below it, in
// the order of the tree.
func (b *builder) sectionPages(s *content.Section) []*page {
	var all []*page
	s.Each(func(s *content.Section) {
		all = append(all, b.pageOf(s.Page))
		for _, pg := range s.Pages {
			all = append(all, b.byPath[pg.Path])
		}
	})
	return all
}

// pageOf returns the page being built for pg: a page of the site, or the
// generated page of a folder without _index.md.
func (b *builder) pageOf(pg *content.Page) *page {
	if p, ok := b.byPath[pg.Path]; ok && p.Page == pg {
		return p
	}
	return &page{Page: pg, md: &markdown.Result{}}
}

// A renderJob is a page to render: a page of the site, or one page of a
// site-wide view (n of total).
type renderJob struct {
	p        *page
	v        *view
	n, total int
}

// renderJobs lists the pages to render for pages: each page, and for a
// site-wide view, each of its pages but those taken by a page of the
// site. A view's page is converted here, since its pages render at once.
func (b *builder) renderJobs(pages []*page) []renderJob {
	jobs := make([]renderJob, 0, len(pages))
	for _, p := range pages {
		v, ok := b.views[p.URL]
		if !ok {
			jobs = append(jobs, renderJob{p: p})
			continue
		}
		if p.md == nil {
			b.convertPage(p, &b.diags)
		}
		total := b.viewPages(v)
		for n := 1; n <= total; n++ {
			if !b.taken[viewPageURL(v.url, n)] {
				jobs = append(jobs, renderJob{p: p, v: &v, n: n, total: total})
			}
		}
	}
	return jobs
}

// renderPages renders and writes pages. Rendering stops at a broken
// layout; which page reports it must not depend on scheduling, so each
// page keeps its own error and the first in order is returned.
func (b *builder) renderPages(ctx context.Context, pages []*page, site *render.Site, nv *nav) error {
	jobs := b.renderJobs(pages)
	errs := make([]error, len(jobs))
	order := renderOrder(jobs)
	parallelWith(ioWorkers(), len(jobs), func(k int) {
		if ctx.Err() != nil {
			return
		}
		i := order[k]
		errs[i] = b.renderPage(jobs[i], site, nv)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	b.res.Files += len(jobs)
	return nil
}

// renderPage renders one page with its layout and writes it, converting
// its Markdown first if that is still to do.
func (b *builder) renderPage(j renderJob, site *render.Site, nv *nav) error {
	p := j.p
	if p.md == nil {
		b.convertPage(p, &b.diags)
	}
	layout, data := b.pageData(p, site, nv)
	url := p.URL
	if j.v != nil {
		url = viewPageURL(p.URL, j.n)
		data.Pager = b.pager(*j.v, j.n, j.total)
		if j.n > 1 {
			// The view's introduction, and its headings, are on its
			// first page, which the sidebar links to.
			data.Page.URL, data.Page.Content, data.Page.TOC = b.base+url, "", nil
			notCurrent(data.Nav)
		}
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if err := b.tmpl.Execute(buf, layout, data); err != nil {
		return b.templateError(err, url)
	}
	err := b.writeHTML(outputPath(url), buf.Bytes())
	if j.v == nil {
		b.releaseRendered(p) // the pages of a view share what they read
	}
	return err
}

// notCurrent unmarks the current page in a sidebar, leaving it active:
// the link is to another page of the same view. The links marked are the
// sidebar's own copies (see nav.list).
func notCurrent(links []*render.Link) {
	for _, l := range links {
		if l.Active {
			l.Current = false
			notCurrent(l.Children)
		}
	}
}

// render404 renders /404.html.
func (b *builder) render404(site *render.Site, nv *nav) error {
	notFound := &render.Data{
		Site: site, Nav: nv.For(&content.Page{}), Now: b.opts.Now,
		Page: &render.Page{Title: "Page not found", Type: "404", URL: b.base + "/404.html", Params: map[string]any{}},
	}
	html, err := b.tmpl.Render("404", notFound)
	if err != nil {
		return b.templateError(err, "/404.html")
	}
	b.res.Files++
	return b.writeHTML("404.html", html)
}

// templateError records a layout that fails on a page as a diagnostic of
// the layout file, and returns the error that stops the build.
func (b *builder) templateError(err error, url string) error {
	var te *render.TemplateError
	if !errors.As(err, &te) {
		return err
	}
	msg := te.Msg
	if url != "" {
		msg = fmt.Sprintf("rendering %s: %s", url, te.Msg)
	}
	b.diags.Errorf(te.File, te.Line, diag.BadTemplate, "%s", msg)
	return fmt.Errorf("a layout failed: fix %s and build again", te.File)
}

// layoutFor picks a page's layout: its type's own when the theme has one,
// else home, section or page.
func (b *builder) layoutFor(p *page) string {
	if v, ok := b.views[p.URL]; ok && b.tmpl.Has(v.layout) {
		return v.layout
	}
	if p.Type != content.TypePage && b.tmpl.Has(p.Type) {
		return p.Type
	}
	switch {
	case p.URL == "/":
		return "home"
	case p.IsIndex:
		return "section"
	}
	return "page"
}

func (b *builder) pageData(p *page, site *render.Site, nv *nav) (string, *render.Data) {
	layout := b.layoutFor(p)
	view := &render.Page{
		Title: p.Title, Description: p.Description, Type: p.Type, URL: b.base + p.URL,
		Content: template.HTML(p.md.HTML), Tags: p.Tags, Team: p.Team, Owner: p.Owner,
		Params: p.Params, IsHome: p.URL == "/", IsSection: p.IsIndex,
	}
	if _, ok := b.views[p.URL]; ok {
		view.Type = layout
	} else if view.Type == content.TypePage && p.IsIndex {
		view.Type = "section"
		if view.IsHome {
			view.Type = "home"
		}
	}
	for _, h := range p.md.Headings {
		if h.Level == 2 || h.Level == 3 {
			view.TOC = append(view.TOC, render.TOCEntry{Level: h.Level, ID: h.ID, Title: h.Text})
		}
	}
	data := &render.Data{
		Site: site, Page: view, Nav: nv.For(p.Page),
		LastUpdated: p.Updated, Reviewed: p.Reviewed, Now: b.opts.Now,
		Roadmap: p.roadmap, KPIs: p.kpis,
		Playbook: p.playbook, Curriculum: p.curriculum, Lesson: p.lesson,
		Review: p.review, Playbooks: b.playbookEntries(p),
	}
	if b.cfg.EditURL != "" && !p.Generated {
		data.EditURL = strings.TrimSuffix(b.cfg.EditURL, "/") + "/" + p.File
	}
	s := p.Section
	if s != nil {
		path := s.Path()
		if p.IsIndex {
			path = path[:len(path)-1]
			for _, c := range s.Sections {
				view.Pages = append(view.Pages, nv.link(c.Page))
			}
			for _, c := range s.Pages {
				view.Pages = append(view.Pages, nv.link(c))
			}
		} else {
			for i, c := range s.Pages {
				if c != p.Page {
					continue
				}
				if i > 0 {
					data.Prev = nv.link(s.Pages[i-1])
				}
				if i+1 < len(s.Pages) {
					data.Next = nv.link(s.Pages[i+1])
				}
			}
		}
		for _, a := range path {
			data.Breadcrumbs = append(data.Breadcrumbs, nv.link(a.Page))
		}
	}
	if l := p.lesson; l != nil {
		data.Prev, data.Next = nil, nil
		if l.Prev != nil {
			data.Prev = nv.link(b.byPath[l.Prev.Path].Page)
		}
		if l.Next != nil {
			data.Next = nv.link(b.byPath[l.Next.Path].Page)
		}
	}
	return layout, data
}

// writeFiles publishes the files of content/ and the theme's assets.
func (b *builder) writeFiles(files []content.File) error {
	errs := make([]error, len(files))
	parallelWith(ioWorkers(), len(files), func(i int) {
		f := files[i]
		data, err := fs.ReadFile(b.opts.Site, "content/"+f.Path)
		if err != nil {
			b.diags.Errorf("content/"+f.Path, 0, diag.UnreadableFile, "cannot read: %v", err)
			return
		}
		errs[i] = b.opts.Output.WriteFile(f.Path, data)
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	b.res.Files += len(files)
	for _, a := range b.assets {
		if err := b.opts.Output.WriteFile(a.out, a.data); err != nil {
			return err
		}
		b.res.Files++
	}
	return nil
}
