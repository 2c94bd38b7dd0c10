package generator

import (
	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/markdown"
)

// A one-shot build lets go of each part of a page once the last stage
// that reads it is done, so that a large site never holds all of its
// sources, front matter, HTML and search text at once: a page's front
// matter once the site is assembled from it (most of it as soon as the
// page loads, see loadOptions), its Markdown once it is converted, its
// HTML, the values its layout reads and the links with nothing to check
// once it is written (pages are converted as they are rendered), and the
// whole site once its links are checked and its search documents
// gathered. A build that keeps its pages to build them again (a
// Rebuilder's) keeps everything but the front matter loading lets go of.

// releaseSource drops p's Markdown once it is converted.
func (b *builder) releaseSource(p *page) {
	if b.oneShot {
		p.Body = nil
	}
}

// releaseFrontMatter drops the front matter of every page once the site
// is assembled: its values are decoded by then, into the pages' fields
// and Params and into the structured content.
func (b *builder) releaseFrontMatter() {
	if !b.oneShot {
		return
	}
	for _, p := range b.pages {
		p.Meta = content.FrontMatter{}
	}
}

// releaseRendered drops what only p's own page reads, once it is
// written: its HTML, the values of its front matter for layouts, and the
// links checkLinks has nothing to say about, to pages and files that
// exist and without a fragment (most of them).
func (b *builder) releaseRendered(p *page) {
	if b.oneShot {
		p.md.HTML = ""
		p.Params = nil
		p.md.Links = linksToCheck(p.md.Links)
	}
}

// linksToCheck returns the links of links that checkLinks reports or
// follows to a heading, in a slice of their own.
func linksToCheck(links []markdown.Link) []markdown.Link {
	check := func(l *markdown.Link) bool { return !l.Found || l.Fragment != "" }
	n := 0
	for i := range links {
		if check(&links[i]) {
			n++
		}
	}
	if n == len(links) {
		return links
	}
	out := make([]markdown.Link, 0, n)
	for i := range links {
		if check(&links[i]) {
			out = append(out, links[i])
		}
	}
	return out
}

// releaseSite drops the site once its pages are written, its links
// checked and its search documents gathered: only the search index and
// the files of content/ remain to be written, and they need none of it.
func (b *builder) releaseSite() {
	if !b.oneShot {
		return
	}
	b.pages, b.byPath, b.targets, b.root, b.redirect = nil, nil, nil, nil, nil
	b.roadmaps, b.kpis, b.courses, b.report, b.changes = nil, nil, nil, nil, nil
}
