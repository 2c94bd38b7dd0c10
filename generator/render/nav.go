package render

import (
	"bytes"

	"html/template"
	"strings"

	"github.com/opsdocs/opsdocs/generator/render/internal/fasttmpl"
)

// NavTree returns the entries of a sidebar as nested list items, the
// markup the default theme's sidebar uses:
//
//	<li class="is-active"><a href="/playbooks/">Playbooks</a>
//	<ul class="nav-children" role="list">
//	<li class="is-active"><a href="/playbooks/triage/" aria-current="page">Triage</a></li>
//	<li><a href="/playbooks/launch/">Launch</a></li>
//	...</ul></li>
//
// A section is expanded when it is on the way to the current page, and
// ends with a link to the section's page when entries were left out
// (.More), in an item of class nav-more. Titles and URLs are escaped.
//
// The sidebar is the largest part of most pages: an entry has no class of
// its own, and the same markup written by a template would cost more than
// the rest of the page. A theme that wants other markup ranges over .Nav
// in its own partial instead.
func NavTree(links []*Link) template.HTML {
	var b strings.Builder
	b.Grow(countNav(links) * 160)
	writeNav(&b, links)
	return template.HTML(b.String())
}

// writers write what NavTree and TOCList return straight into a page's
// output, when a layout prints them: the sidebar is a third of a page.
var writers = map[string]fasttmpl.Writer{
	"navtree": func(w *bytes.Buffer, arg any) bool {
		links, ok := arg.([]*Link)
		if ok {
			writeNav(w, links)
		}
		return ok
	},
	"toclist": func(w *bytes.Buffer, arg any) bool {
		entries, ok := arg.([]TOCEntry)
		if ok {
			writeTOC(w, entries)
		}
		return ok
	},
}

func countNav(links []*Link) int {
	n := len(links)
	for _, l := range links {
		if l.Active {
			n += countNav(l.Children) + 1
		}
	}
	return n
}

// writeNav writes the markup of NavTree to a string being built, or to a
// page's output (see writers).
func writeNav(b fasttmpl.TextWriter, links []*Link) {
	for _, l := range links {
		if l.Active {
			b.WriteString(`<li class="is-active"><a href="`)
		} else {
			b.WriteString(`<li><a href="`)
		}
		fasttmpl.WriteURLAttr(b, l.URL)
		b.WriteByte('"')
		if l.Current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
		fasttmpl.WriteHTML(b, l.Title)
		b.WriteString("</a>")
		if l.Active && (len(l.Children) > 0 || l.More > 0) {
			b.WriteString("\n<ul class=\"nav-children\" role=\"list\">\n")
			writeNav(b, l.Children)
			if l.More > 0 {
				b.WriteString(`<li class="nav-more"><a href="`)
				fasttmpl.WriteURLAttr(b, l.MoreURL)
				b.WriteString(`">`)
				if l.More == 1 {
					b.WriteString("1 more page…")
				} else {
					b.WriteString("All ")
					b.WriteString(itoa(l.More))
					b.WriteString(" more pages…")
				}
				b.WriteString("</a></li>\n")
			}
			b.WriteString("</ul>\n")
		}
		b.WriteString("</li>\n")
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d [20]byte
	i := len(d)
	for ; n > 0; n /= 10 {
		i--
		d[i] = byte('0' + n%10)
	}
	return string(d[i:])
}

// TOCList returns the entries of a table of contents as list items, the
// markup the default theme's table of contents uses:
//
//	<li class="toc-item toc-level-2"><a href="#setup">Setup</a></li>
//
// Titles are escaped and ids percent-encoded, as html/template would.
// Like NavTree, it saves a template's work on every page; a theme that
// wants other markup ranges over .Page.TOC in its own partial.
func TOCList(entries []TOCEntry) template.HTML {
	var b strings.Builder
	n := 0
	for _, e := range entries {
		n += 64 + len(e.ID) + len(e.Title)
	}
	b.Grow(n)
	writeTOC(&b, entries)
	return template.HTML(b.String())
}

func writeTOC(b fasttmpl.TextWriter, entries []TOCEntry) {
	for _, e := range entries {
		b.WriteString(`<li class="toc-item toc-level-`)
		b.WriteString(itoa(e.Level))
		b.WriteString(`"><a href="#`)
		fasttmpl.WriteURLPart(b, e.ID)
		b.WriteString(`">`)
		fasttmpl.WriteHTML(b, e.Title)
		b.WriteString("</a></li>\n")
	}
}
