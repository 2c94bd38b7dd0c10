package generator

import (
	"encoding/json"
	"fmt"
	"html/template"
	"path"
	"slices"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/curriculum"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/freshness"
	"github.com/opsdocs/opsdocs/generator/kpi"
	"github.com/opsdocs/opsdocs/generator/markdown"
	"github.com/opsdocs/opsdocs/generator/playbook"
	"github.com/opsdocs/opsdocs/generator/render"
	"github.com/opsdocs/opsdocs/generator/roadmap"
)

// A view is a site-wide page that opsdocs generates from the structured
// content of every page: the roadmap of all teams, every KPI. A page of
// the site at the view's URL gives it its title and an introduction;
// without one, the view gets a page of its own. A view with many entries
// is split into pages (see pager.go).
type view struct {
	url, layout, title string
	// field is the field of render.Site that holds the view's data.
	field string
	// entries counts the view's entries; part gives a page of the view
	// its entries from..to (counted from 0, to excluded).
	entries func(b *builder) int
	part    func(b *builder, pg *render.Pager, from, to int)
}

var (
	roadmapView = view{
		url: "/roadmap/", layout: "all-roadmaps", title: "Roadmap", field: "Roadmaps",
		entries: func(b *builder) int {
			if b.roadmaps == nil {
				return 0
			}
			return b.roadmaps.Len()
		},
		part: func(b *builder, pg *render.Pager, from, to int) {
			if b.roadmaps != nil {
				pg.Roadmaps, pg.Quarters = b.roadmaps.Part(from, to)
			}
		},
	}
	kpisView = view{
		url: "/kpis/", layout: "all-kpis", title: "KPIs", field: "KPIs",
		entries: func(b *builder) int {
			if b.kpis == nil {
				return 0
			}
			return len(b.kpis.KPIs)
		},
		part: func(b *builder, pg *render.Pager, from, to int) {
			if b.kpis != nil {
				pg.KPIs = b.kpis.KPIs[from:to]
			}
		},
	}
)

// A fieldLink is a link written in structured front matter (a roadmap
// item's link), checked like the links of bodies.
type fieldLink struct {
	markdown.Link
	what string // "roadmap item \"Checklist\""
}

// decodeData reads the roadmaps and KPI tables of every page, resolves
// the links they hold and rolls them up into the site-wide views.
func (b *builder) decodeData() {
	parallel(len(b.pages), func(i int) { b.decodePageData(b.pages[i], &b.diags) })
	b.forgetStructured()
	b.rollUpData(&b.diags)
	b.views = map[string]view{}
	b.addView(roadmapView, b.roadmaps != nil)
	b.addView(kpisView, b.kpis != nil)
}

// structured is the structured content of a page that is decoded as the
// page loads, since its front matter lets go of it then (see
// loadOptions): its KPI table, its roadmap and its playbook.
type structured struct {
	kpis     []*kpi.KPI
	roadmap  *roadmap.Roadmap
	playbook *playbook.Playbook
}

// decodeStructured decodes the structured content of pg as it loads, for
// decodePageData to take.
func (b *builder) decodeStructured(pg *content.Page, diags *diag.List) {
	s := structured{
		kpis:     kpi.Decode(pg, b.opts.Now, b.cfg.KPIStaleAfter, diags),
		roadmap:  roadmap.Decode(pg, diags),
		playbook: playbook.Decode(pg, diags),
	}
	if s.kpis == nil && s.roadmap == nil && s.playbook == nil {
		return
	}
	b.loadedMu.Lock()
	defer b.loadedMu.Unlock()
	if b.loaded == nil {
		b.loaded = map[*content.Page]structured{}
	}
	b.loaded[pg] = s
}

// takeStructured returns what decodeStructured made of pg, and forgets it.
func (b *builder) takeStructured(pg *content.Page) structured {
	b.loadedMu.Lock()
	defer b.loadedMu.Unlock()
	s := b.loaded[pg]
	delete(b.loaded, pg)
	return s
}

// forgetStructured forgets the structured content of the pages loaded but
// not built: drafts, pages that publish at a URL taken.
func (b *builder) forgetStructured() {
	b.loadedMu.Lock()
	defer b.loadedMu.Unlock()
	b.loaded = nil
}

// decodePageData takes the roadmap and KPI table of one page, and its
// playbook for decodePageLearning, and resolves the roadmap's links.
func (b *builder) decodePageData(p *page, diags *diag.List) {
	s := b.takeStructured(p.Page)
	p.kpis, p.roadmap, p.playbook = s.kpis, s.roadmap, s.playbook
	if p.roadmap == nil {
		return
	}
	for _, it := range p.roadmap.Items {
		what := fmt.Sprintf("roadmap item %q", it.Title)
		if it.Link != "" {
			l, to, ok := markdown.ResolveLink(it.Link, b.linkOptions(p, 0))
			if ok {
				l.Line, l.Column = it.LinkPos.Line, it.LinkPos.Column
				p.fieldLinks = append(p.fieldLinks, fieldLink{l, what})
				if l.Found {
					it.URL = to
				}
			} else {
				it.URL = it.Link // another site
			}
		}
		if it.Description != "" {
			b.inline(p, it, what)
		}
	}
}

// rollUpData gathers every roadmap and KPI of the site into the
// overviews of the site-wide views, and reports KPIs sharing an id.
func (b *builder) rollUpData(diags *diag.List) {
	var rs []*roadmap.Roadmap
	var ks []*kpi.KPI
	for _, p := range b.pages {
		if p.roadmap != nil {
			rs = append(rs, p.roadmap)
		}
		ks = append(ks, p.kpis...)
	}
	kpi.CheckIDs(ks, diags)
	b.roadmaps, b.kpis = nil, nil
	if len(rs) > 0 {
		b.roadmaps = roadmap.NewOverview(rs)
	}
	if len(ks) > 0 {
		b.kpis = kpi.NewOverview(ks)
	}
}

// inline renders an item's description as inline Markdown.
func (b *builder) inline(p *page, it *roadmap.Item, what string) {
	at := it.DescriptionPos
	res, err := b.conv.Inline(it.Description, b.linkOptions(p, at.Line))
	if err != nil {
		return
	}
	it.HTML = template.HTML(res.HTML)
	for _, l := range res.Links {
		l.Column += at.Column - 1
		p.fieldLinks = append(p.fieldLinks, fieldLink{l, what})
	}
}

// addView sets the layout of a view's URL, and generates its page when
// the site has data for it and no page there.
func (b *builder) addView(v view, hasData bool) {
	src := path.Join(v.url[1:], "_index.md")
	if _, ok := b.byPath[src]; !ok {
		if !hasData {
			return
		}
		if _, taken := b.byURL(v.url); taken {
			b.views[v.url] = v
			return
		}
		pg := &content.Page{
			Path: src, URL: v.url, IsIndex: true, Generated: true,
			Title: v.title, Type: content.TypePage, Params: map[string]any{},
		}
		p := &page{Page: pg, md: &markdown.Result{}}
		b.pages = append(b.pages, p)
		b.byPath[src] = p
	}
	b.views[v.url] = v
}

func (b *builder) byURL(url string) (*page, bool) {
	for _, p := range b.pages {
		if p.URL == url {
			return p, true
		}
	}
	return nil, false
}

// writeData publishes the data of the site-wide views under api/: of
// those named (as fields of render.Site: "KPIs"), or of all of them. It
// returns how many files it wrote; it changes nothing else of b, so that
// it may run while the pages render.
func (b *builder) writeData(views ...string) (written int, err error) {
	files := []struct {
		name, view string
		data       func() any
	}{
		{"api/roadmap.json", "Roadmaps", func() any {
			if b.roadmaps == nil {
				return []roadmap.JSON{}
			}
			return b.roadmaps.JSON(b.base)
		}},
		{"api/kpis.json", "KPIs", func() any {
			if b.kpis == nil {
				return []kpi.JSON{}
			}
			return b.kpis.JSON(b.base)
		}},
		{"api/freshness.json", "Freshness", func() any {
			if b.report == nil {
				return []freshness.JSON{}
			}
			return b.report.JSON(b.base)
		}},
		{"api/curricula.json", "Curricula", func() any { return curriculum.ToJSON(b.courses, b.base) }},
	}
	for _, f := range files {
		if len(views) > 0 && !slices.Contains(views, f.view) {
			continue
		}
		data, err := json.MarshalIndent(f.data(), "", "  ")
		if err != nil {
			return written, fmt.Errorf("%s: %w", f.name, err)
		}
		if err := b.opts.Output.WriteFile(f.name, append(data, '\n')); err != nil {
			return written, err
		}
		written++
	}
	return written, nil
}
