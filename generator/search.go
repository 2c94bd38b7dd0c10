package generator

import (
	"context"
	"strings"
	"sync"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/render"
	"github.com/opsdocs/opsdocs/generator/search"
)

// searchDir is the output folder of the search index; the search page is
// its index.html.
const searchDir = "search/"

// search is the "search" stage: it indexes docs, every page a reader may
// look for (see searchDocs), and writes the index under search/.
func (b *builder) search(docs []search.Doc) error {
	if b.searchLater {
		b.docs = docs
		return nil
	}
	// Thousands of small files: written as the pages are, on several
	// goroutines, each kind while the next is made; the first error is
	// reported.
	var wg sync.WaitGroup
	var errs [][]error
	write := func(files []search.File) {
		e := make([]error, len(files))
		errs = append(errs, e)
		b.res.Files += len(files)
		wg.Go(func() {
			parallelWith(ioWorkers(), len(files), func(i int) {
				e[i] = b.opts.Output.WriteFile(searchDir+files[i].Name, files[i].Data)
			})
		})
	}
	ix, err := search.BuildEarly(context.Background(), docs, write)
	if err == nil {
		write(ix.Files)
	}
	wg.Wait()
	for _, e := range errs {
		for _, err := range e {
			if err != nil {
				return err
			}
		}
	}
	return err
}

// searchDocs lists the pages to index in the order of the site's tree:
// not drafts, not generated section pages, not pages with search: false.
func (b *builder) searchDocs() []search.Doc {
	var docs []search.Doc
	b.root.Each(func(s *content.Section) {
		pages := append([]*content.Page{s.Page}, s.Pages...)
		for _, pg := range pages {
			p, ok := b.byPath[pg.Path]
			if !ok || p.Page != pg || pg.Generated || pg.Draft || pg.NoSearch {
				continue
			}
			docs = append(docs, b.searchDoc(p))
		}
	})
	return docs
}

func (b *builder) searchDoc(p *page) search.Doc {
	d := search.Doc{
		URL: p.URL, Title: p.Title, Description: p.Description,
		Type: p.Type, Team: p.Team, Owner: p.Owner, Tags: p.Tags,
	}
	if p.Section != nil {
		trail := p.Section.Path()[1:]
		if p.IsIndex && len(trail) > 0 {
			trail = trail[:len(trail)-1]
		}
		titles := make([]string, len(trail))
		for i, s := range trail {
			titles[i] = s.Page.Title
		}
		d.Section = strings.Join(titles, " › ")
	}
	for _, bl := range p.md.Blocks {
		d.Blocks = append(d.Blocks, search.Block{Anchor: bl.HeadingID, Heading: bl.Heading, Text: bl.Text})
	}
	// Structured content is found like text: roadmap items, KPI names
	// and lesson outcomes.
	if p.roadmap != nil {
		for _, it := range p.roadmap.Items {
			d.Extra = append(d.Extra, it.Title, it.Description)
		}
	}
	for _, k := range p.kpis {
		d.Extra = append(d.Extra, k.Name, k.Definition)
	}
	if p.lesson != nil {
		d.Extra = append(d.Extra, p.lesson.Outcomes...)
	}
	if p.playbook != nil && p.playbook.When != "" {
		d.Extra = append(d.Extra, p.playbook.When)
	}
	return d
}

// renderSearchPage renders the search page, /search/, with the layout
// search.html when the theme has one. A page of the site published at
// /search/ takes its place, and is reported.
func (b *builder) renderSearchPage(site *render.Site, nv *nav) error {
	if !b.tmpl.Has("search") {
		return nil
	}
	for _, s := range b.root.Sections {
		if s.Dir == "search" {
			file := "content/search"
			if !s.Page.Generated {
				file = s.Page.File
			}
			b.diags.Errorf(file, 0, diag.DuplicateURL, "publishes at /search/, the address of the search page: rename it")
			return nil
		}
	}
	if p, ok := b.byPath["search.md"]; ok {
		b.diags.Errorf(p.File, 0, diag.DuplicateURL, "publishes at /search/, the address of the search page: rename it")
		return nil
	}
	data := &render.Data{
		Site: site, Nav: nv.For(&content.Page{}), Now: b.opts.Now,
		Page: &render.Page{Title: "Search", Type: "search", URL: b.base + "/search/", Params: map[string]any{}},
	}
	html, err := b.tmpl.Render("search", data)
	if err != nil {
		return b.templateError(err, "/search/")
	}
	b.res.Files++
	return b.writeHTML(searchDir+"index.html", html)
}
