package generator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/opsdocs/opsdocs/generator/config"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/render"
)

// The pages of the site-wide views. A view lists every entry of a kind in
// the site (every KPI, every tracked page): on a single page, it would
// grow with the site. When its layout lists the entries from .Pager (see
// render.Templates.UsesPager), the view shows at most the site's
// view_page_size entries a page: the first page at the view's URL, the
// n-th at URL/page/n/. Every page has the whole site's data besides, for
// the counts and the filters. The pages after the first are not pages of
// the site: not in the sidebar, the search index or the sitemap.

// viewPageURL is the URL of page n of the view at url.
func viewPageURL(url string, n int) string {
	if n <= 1 {
		return url
	}
	return url + "page/" + strconv.Itoa(n) + "/"
}

// viewPageSize is how many entries a page of a view shows: the site's
// view_page_size, or the default for a configuration made without it.
func (b *builder) viewPageSize() int {
	if b.cfg.ViewPageSize < 1 {
		return config.DefaultViewPageSize
	}
	return b.cfg.ViewPageSize
}

// viewPages counts the pages of a view: 1 unless its layout takes its
// entries from .Pager and they are more than a page holds.
func (b *builder) viewPages(v view) int {
	if !b.tmpl.Has(v.layout) || !b.tmpl.UsesPager(v.layout) {
		return 1
	}
	size := b.viewPageSize()
	return max(1, (v.entries(b)+size-1)/size)
}

// viewCounts maps the URL of each view to its number of pages.
func (b *builder) viewCounts() map[string]int {
	counts := make(map[string]int, len(b.views))
	for url, v := range b.views {
		counts[url] = b.viewPages(v)
	}
	return counts
}

// viewPageURLs maps the URL of each page of a view after its first to
// what it is: "page 2 of /kpis/".
func (b *builder) viewPageURLs() map[string]string {
	urls := map[string]string{}
	for url, v := range b.views {
		for n, total := 2, b.viewPages(v); n <= total; n++ {
			urls[viewPageURL(url, n)] = fmt.Sprintf("page %d of %s", n, url)
		}
	}
	return urls
}

// isView reports whether url is the URL of a site-wide view.
func (b *builder) isView(url string) bool {
	_, ok := b.views[url]
	return ok
}

// isViewPage reports whether url is a page of a view after its first.
func (b *builder) isViewPage(url string) bool {
	for vu, v := range b.views {
		rest, ok := strings.CutPrefix(url, vu+"page/")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSuffix(rest, "/"))
		if err == nil && strings.HasSuffix(rest, "/") && n >= 2 && n <= b.viewPages(v) {
			return true
		}
	}
	return false
}

// checkViewPages reports the pages and folders of the site published at
// the URL of a page of a view, which keep their URL: that page of the
// view is left out (b.taken).
func (b *builder) checkViewPages(diags *diag.List) {
	b.taken = nil
	pages := b.viewPageURLs()
	if len(pages) == 0 {
		return
	}
	for src, url := range b.targets {
		what, ok := pages[url]
		if !ok {
			continue
		}
		if b.taken == nil {
			b.taken = map[string]bool{}
		}
		b.taken[url] = true
		diags.Errorf("content/"+src, 0, diag.DuplicateURL, "publishes at %s, the address of %s: rename it", url, what)
	}
}

// pager returns page n of the total pages of the view v: its entries and
// the links to the others.
func (b *builder) pager(v view, n, total int) *render.Pager {
	entries := v.entries(b)
	from, to := 0, entries
	if total > 1 {
		size := b.viewPageSize()
		from, to = (n-1)*size, min(entries, n*size)
	}
	pg := &render.Pager{Number: n, Total: total, From: min(from+1, to), To: to, Entries: entries}
	link := func(i int) render.PagerLink {
		return render.PagerLink{Number: i, URL: b.base + viewPageURL(v.url, i), Current: i == n}
	}
	if n > 1 {
		l := link(n - 1)
		pg.Prev = &l
	}
	if n < total {
		l := link(n + 1)
		pg.Next = &l
	}
	last := 0
	for _, i := range pagerNumbers(n, total) {
		l := link(i)
		l.Gap = i > last+1
		pg.Links = append(pg.Links, l)
		last = i
	}
	v.part(b, pg, from, to)
	return pg
}

// pagerNumbers are the pages a pager links to: the first, the last, and
// two on each side of page n. A single page between two of them is
// linked too, rather than left out.
func pagerNumbers(n, total int) []int {
	var out []int
	for _, i := range []int{1, 2, n - 2, n - 1, n, n + 1, n + 2, total - 1, total} {
		gapOfOne := (i == 2 && n-2 == 3) || (i == total-1 && n+2 == total-2)
		if i >= 1 && i <= total && (i == 1 || i == total || (i >= n-2 && i <= n+2) || gapOfOne) {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
