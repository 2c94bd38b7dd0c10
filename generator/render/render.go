// Package render turns pages into HTML documents with the site's layouts.
//
// Layouts are html/template files read from an fs.FS (the site's layouts/
// folder over the embedded default theme). base.html defines the template
// "base", the whole document, and calls {{block "main" .}}, and at the end
// of <head> {{block "head" .}}, empty unless a layout needs its own style
// sheets or scripts; each file in partials/ defines templates named after
// it. Every page-type layout
// (page.html, section.html, home.html, 404.html, and one per content type
// such as playbook.html) defines "main". They are parsed once: base and
// partials together, then each page-type layout on a clone of that set.
//
// html/template renders the first pages of each layout, and so escapes
// it; package fasttmpl then renders the others, with the same output,
// unless the layout or a page's data needs what it does not handle.
//
// # Data
//
// The dot of every layout is a *Data: .Site (title, description, base
// path, top-level sections, and every roadmap and KPI of the site as
// .Site.Roadmaps and .Site.KPIs), .Page (title, description, type, URL,
// rendered content, table of contents, tags, team, owner, every
// front-matter key as .Page.Params, and for a section page its pages),
// .Nav (the sidebar: top-level entries, the sections on the way to the
// page expanded, at most a bounded number of entries each), .Breadcrumbs,
// .Prev and .Next (neighbours within the section), .EditURL, .LastUpdated,
// .Reviewed, .Now, and .Roadmap and .KPIs (a roadmap page's board, a
// page's KPI table). On the pages of a site-wide view, .Pager holds the
// page's share of the view's entries and the links to its other pages
// (see Pager); it is nil on other pages.
//
// # Functions
//
//	url "/kpis/"        the path under the site's base path: "/product-ops/kpis/"
//	asset "style.css"   the published, content-hashed URL of an asset
//	date .LastUpdated   "2 January 2006"; "" for a zero time
//	isodate .Now        "2006-01-02"; "" for a zero time
//	dict "k" v ...      a map, to pass several values to a template
//	navtree .Nav        the sidebar's entries as nested <li> items (see NavTree)
//	toclist .Page.TOC   the table of contents as <li> items (see TOCList)
//	cached "name" .     the template "name" run once, its markup then reused
//	                    on every page (for parts the same on every page)
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/opsdocs/opsdocs/generator/curriculum"
	"github.com/opsdocs/opsdocs/generator/freshness"
	"github.com/opsdocs/opsdocs/generator/kpi"
	"github.com/opsdocs/opsdocs/generator/playbook"
	"github.com/opsdocs/opsdocs/generator/render/internal/fasttmpl"
	"github.com/opsdocs/opsdocs/generator/roadmap"
)

// A Link is an entry of a list of pages: navigation, breadcrumbs, a
// section's pages.
type Link struct {
	Title       string
	URL         string
	Description string
	// Active marks the current page, or a section on the way to it.
	Active bool
	// Current marks the current page only.
	Current bool
	// Children are the entries below a section, when it is expanded.
	Children []*Link
	// More counts the entries left out of Children to keep a page small;
	// MoreURL lists them all.
	More    int
	MoreURL string
}

// A TOCEntry is a heading in a page's table of contents.
type TOCEntry struct {
	Level int
	ID    string
	Title string
}

// Site is what templates know of the whole site.
type Site struct {
	Title       string
	Description string
	BasePath    string
	Sections    []*Link
	// Roadmaps and KPIs roll up every roadmap and KPI of the site; nil
	// when the site has none.
	Roadmaps *roadmap.Overview
	KPIs     *kpi.Overview
	// Curricula are the site's curricula; Freshness, the review status
	// of every tracked page, by owner (nil when none is tracked);
	// Changes, the pages with an updated date, newest first, by month.
	Curricula []*curriculum.Curriculum
	Freshness *freshness.Report
	Changes   []freshness.Month
	// Public is set when search engines may index the site.
	Public bool
}

// Page is what templates know of the page being rendered.
type Page struct {
	Title       string
	Description string
	Type        string
	URL         string
	Content     template.HTML
	TOC         []TOCEntry
	Tags        []string
	Team        string
	Owner       string
	Params      map[string]any
	IsHome      bool
	IsSection   bool
	Pages       []*Link
}

// Data is the dot of every layout.
type Data struct {
	Site        *Site
	Page        *Page
	Nav         []*Link
	Breadcrumbs []*Link
	Prev, Next  *Link
	EditURL     string
	LastUpdated time.Time
	Reviewed    time.Time
	Now         time.Time
	// Roadmap is a roadmap page's board; KPIs, the KPI table of any page
	// that has one.
	Roadmap *roadmap.Roadmap
	KPIs    []*kpi.KPI
	// Playbook is a playbook's summary; Curriculum, a curriculum's
	// overview; Lesson, a lesson with its place in its curriculum.
	Playbook   *playbook.Playbook
	Curriculum *curriculum.Curriculum
	Lesson     *curriculum.Lesson
	// Review is the page's review status; nil when it is not tracked.
	Review *freshness.Review
	// Playbooks lists the playbooks of a section page.
	Playbooks []*playbook.Entry
	// Pager is, on a page of a site-wide view, the entries it shows and
	// the links to the view's other pages; nil on other pages.
	Pager *Pager
}

// A TemplateError is a problem in a layout file, at a line when the
// template package says which.
type TemplateError struct {
	File string // e.g. layouts/page.html
	Line int
	Msg  string
}

func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Templates are a site's parsed layouts.
type Templates struct {
	layouts map[string]*layout // by file name without .html

	// Verify makes Execute run html/template after the fast path too, and
	// fail if their outputs differ: for tests.
	Verify bool

	runs, fast atomic.Int64
}

// Runs reports how many pages Execute rendered, how many of them on the
// fast path, and how many the fast path declined, to leave them to
// html/template.
func (t *Templates) Runs() (all, fast, declined int64) {
	for _, l := range t.layouts {
		declined += l.declinedPages.Load()
	}
	return t.runs.Load(), t.fast.Load(), declined
}

// A layout is a page-type layout and the templates it may call. Once
// html/template has run it, and so escaped it, it is compiled for
// package fasttmpl, which then runs it, or leaves it to html/template
// where it declines.
type layout struct {
	tmpl  *template.Template
	funcs template.FuncMap
	fast  atomic.Pointer[fasttmpl.Program]
	tried atomic.Bool

	// For Slow: the pages html/template rendered, those fasttmpl
	// declined, and why fasttmpl declined the layout, if it did.
	html, declinedPages atomic.Int64
	declined            atomic.Pointer[string]
}

// A SlowLayout is a layout html/template renders, on some pages or all,
// more slowly than the executor opsdocs runs layouts with.
type SlowLayout struct {
	Name  string // "page"
	Pages int64  // rendered by html/template, besides the first
	// Reason is what in the layout the executor does not handle, and
	// where; empty when the layout was declined for the values of some
	// pages only.
	Reason string
}

// Slow lists the layouts html/template rendered pages of, besides their
// first, by name: every page of a layout fasttmpl declined, and the pages
// of the others whose values it declined.
func (t *Templates) Slow() []SlowLayout {
	var slow []SlowLayout
	for _, name := range t.Layouts() {
		l := t.layouts[name]
		s := SlowLayout{Name: name, Pages: l.declinedPages.Load()}
		if r := l.declined.Load(); r != nil {
			s.Pages, s.Reason = l.html.Load()-1, *r
		}
		if s.Pages > 0 {
			slow = append(slow, s)
		}
	}
	return slow
}

// Funcs are the functions available to layouts besides the standard ones.
type Funcs struct {
	// BasePath prefixes the paths given to url.
	BasePath string
	// Asset maps an asset's name to its published URL.
	Asset func(name string) (string, error)
}

func (f Funcs) funcMap() template.FuncMap {
	base := strings.TrimSuffix(f.BasePath, "/")
	return template.FuncMap{
		"url": func(p string) string {
			if strings.HasPrefix(p, "/") {
				return base + p
			}
			return p
		},
		"asset": func(name string) (string, error) {
			if f.Asset == nil {
				return "", fmt.Errorf("no asset %q", name)
			}
			return f.Asset(name)
		},
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2 January 2006")
		},
		"isodate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.DateOnly)
		},
		"navtree": NavTree,
		"toclist": TOCList,
		// Bound to each layout's templates by Load (see cached).
		"cached": func(string, any) (template.HTML, error) { return "", errors.New("cached: no templates") },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict: want key and value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// cached returns the function cached of a layout's templates: it runs the
// named template with data the first time it is called with that name,
// and gives the same markup every time after, for the parts of a page
// that are the same on every page of the site, such as the links to the
// theme's assets: they are then rendered once, not once per page. Each
// layout has its own, since a layout may define a template over the
// theme's.
func cached(set *template.Template) func(name string, data any) (template.HTML, error) {
	var done sync.Map // name -> template.HTML
	return func(name string, data any) (template.HTML, error) {
		if h, ok := done.Load(name); ok {
			return h.(template.HTML), nil
		}
		var b strings.Builder
		if err := set.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		h, _ := done.LoadOrStore(name, template.HTML(b.String()))
		return h.(template.HTML), nil
	}
}

// Load parses the layouts of fsys (the folder layouts/ of a site).
func Load(fsys fs.FS, funcs Funcs) (*Templates, error) {
	base := template.New("").Funcs(funcs.funcMap()).Option("missingkey=zero")
	src, err := fs.ReadFile(fsys, "base.html")
	if err != nil {
		return nil, &TemplateError{File: "layouts/base.html", Msg: "missing: the theme needs a base layout"}
	}
	if _, err := base.New("base.html").Parse(string(src)); err != nil {
		return nil, templateError(err)
	}
	partials, _ := fs.Glob(fsys, "partials/*.html")
	for _, p := range partials {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, &TemplateError{File: "layouts/" + p, Msg: err.Error()}
		}
		if _, err := base.New(p).Parse(string(src)); err != nil {
			return nil, templateError(err)
		}
	}
	t := &Templates{layouts: map[string]*layout{}}
	files, _ := fs.Glob(fsys, "*.html")
	for _, f := range files {
		if f == "base.html" {
			continue
		}
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, &TemplateError{File: "layouts/" + f, Msg: err.Error()}
		}
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.New(f).Parse(string(src)); err != nil {
			return nil, templateError(err)
		}
		if clone.Lookup("base") == nil {
			return nil, &TemplateError{File: "layouts/base.html", Msg: `does not define "base": wrap the document in {{define "base"}}...{{end}}`}
		}
		fm := funcs.funcMap()
		fm["cached"] = cached(clone)
		clone.Funcs(template.FuncMap{"cached": fm["cached"]})
		t.layouts[strings.TrimSuffix(f, ".html")] = &layout{tmpl: clone, funcs: fm}
	}
	return t, nil
}

// Has reports whether the layout name (without .html) exists.
func (t *Templates) Has(name string) bool {
	_, ok := t.layouts[name]
	return ok
}

// Layouts returns the names of the layouts, sorted.
func (t *Templates) Layouts() []string {
	names := make([]string, 0, len(t.layouts))
	for n := range t.layouts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Execute renders data with the named layout into w.
func (t *Templates) Execute(w io.Writer, name string, data *Data) error {
	l, ok := t.layouts[name]
	if !ok {
		return &TemplateError{File: "layouts/" + name + ".html", Msg: "no such layout"}
	}
	t.runs.Add(1)
	buf, _ := w.(*bytes.Buffer)
	if p := l.fast.Load(); p != nil && buf != nil {
		start := buf.Len()
		if p.Execute(buf, data) {
			t.fast.Add(1)
			if t.Verify {
				return l.verify(buf.Bytes()[start:], data)
			}
			return nil
		}
		l.declinedPages.Add(1)
	}
	if buf != nil {
		l.html.Add(1)
	}
	if err := l.tmpl.ExecuteTemplate(w, "base", data); err != nil {
		return templateError(err)
	}
	if !l.tried.Load() && l.tried.CompareAndSwap(false, true) {
		// Escaped now: compile it, unless it uses what fasttmpl
		// does not handle.
		if p, err := fasttmpl.Compile(l.tmpl, "base", l.funcs, writers); err == nil {
			l.fast.Store(p)
		} else {
			msg := err.Error()
			if strings.Contains(msg, ".html:") {
				msg = "layouts/" + msg // where, as fasttmpl has it
			}
			l.declined.Store(&msg)
		}
	}
	return nil
}

// verify runs the layout with html/template and compares its output
// with out, the fast path's.
func (l *layout) verify(out []byte, data *Data) error {
	var want bytes.Buffer
	if err := l.tmpl.ExecuteTemplate(&want, "base", data); err != nil {
		return templateError(err)
	}
	if !bytes.Equal(out, want.Bytes()) {
		i := 0
		for i < len(out) && i < want.Len() && out[i] == want.Bytes()[i] {
			i++
		}
		from := max(0, i-80)
		return fmt.Errorf("%s: fast path differs from html/template at byte %d:\nfast: %q\nwant: %q", data.Page.URL, i,
			out[from:min(len(out), i+80)], want.Bytes()[from:min(want.Len(), i+80)])
	}
	return nil
}

// Render is Execute into a new buffer.
func (t *Templates) Render(layout string, data *Data) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, layout, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Both parse errors ("template: page.html:12: ...") and execution errors
// ("template: page.html:12:5: executing ...") name the file and line.
var templateErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::\d+)?: (.*)$`)

func templateError(err error) error {
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return &TemplateError{File: path.Join("layouts", m[1]), Line: line, Msg: m[3]}
	}
	return &TemplateError{File: "layouts", Msg: strings.TrimPrefix(msg, "template: ")}
}
