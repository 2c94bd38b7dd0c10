package generator

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestPagerNumbers(t *testing.T) {
	for _, tc := range []struct {
		n, total int
		want     []int
	}{
		{1, 1, []int{1}},
		{1, 3, []int{1, 2, 3}},
		{1, 10, []int{1, 2, 3, 10}},
		{4, 10, []int{1, 2, 3, 4, 5, 6, 10}},
		{5, 10, []int{1, 2, 3, 4, 5, 6, 7, 10}}, // 2 alone between 1 and 3: linked
		{6, 10, []int{1, 4, 5, 6, 7, 8, 9, 10}}, // 9 alone between 8 and 10: linked
		{50, 99, []int{1, 48, 49, 50, 51, 52, 99}},
		{99, 99, []int{1, 97, 98, 99}},
	} {
		if got := pagerNumbers(tc.n, tc.total); !slices.Equal(got, tc.want) {
			t.Errorf("pagerNumbers(%d, %d) = %v, want %v", tc.n, tc.total, got, tc.want)
		}
	}
	for total := 1; total <= 40; total++ {
		for n := 1; n <= total; n++ {
			if got := pagerNumbers(n, total); len(got) > 9 || !slices.Contains(got, n) || got[0] != 1 || got[len(got)-1] != total {
				t.Errorf("pagerNumbers(%d, %d) = %v", n, total, got)
			}
		}
	}
}

// viewSite is a site whose n pages, in ten sections, each have a KPI, an
// owner, a review and an updated date; every fifth is a roadmap.
func viewSite(n int) fstest.MapFS {
	site := fstest.MapFS{
		"opsdocs.yaml":      {Data: []byte("title: Views\nreview_every: 90d\nview_page_size: 20\n")},
		"content/_index.md": {Data: []byte("# Home\n")},
	}
	owners := []string{"maria", "ravi", "aiko"}
	for i := range n {
		fm := fmt.Sprintf("title: Page %04d\nowner: %s\nteam: Team %d\nreviewed: 2026-%02d-%02d\nupdated: 2026-%02d-%02d\n",
			i, owners[i%3], i%10, 1+i%11, 1+i%28, 1+i%11, 1+(i*7)%28)
		fm += fmt.Sprintf("kpis:\n  - name: Measure %04d\n    target: 50\n    actual: %d\n    as_of: 2026-11-01\n    history: [40, 45, %d]\n", i, 30+i%40, 30+i%40)
		if i%5 == 0 {
			fm += fmt.Sprintf("type: roadmap\nitems:\n  - title: Item %04d a\n    status: now\n    quarter: 2026-Q%d\n  - title: Item %04d b\n    status: later\n", i, 1+i%4, i)
		}
		site[fmt.Sprintf("content/s%d/p%04d.md", i%10, i)] = &fstest.MapFile{Data: []byte("---\n" + fm + "---\nText of the page.\n")}
	}
	return site
}

// TestViewPagesBounded builds a site and one with ten times the entries:
// the views have ten times the pages, and none of their pages is larger
// than a page of the smaller site's views, give or take a little for
// longer numbers and the pager.
func TestViewPagesBounded(t *testing.T) {
	views := []string{"kpis/", "roadmap/", "freshness/", "changes/"}
	measure := func(n int) (sizes map[string]int, pages map[string]int) {
		out := build(t, Options{Site: viewSite(n)})
		sizes, pages = map[string]int{}, map[string]int{}
		for _, name := range out.Names() {
			for _, v := range views {
				rest, ok := strings.CutPrefix(name, v)
				if ok && (rest == "index.html" || strings.HasPrefix(rest, "page/")) {
					data, _ := out.Get(name)
					sizes[v] = max(sizes[v], len(data))
					pages[v]++
				}
			}
		}
		return sizes, pages
	}
	small, smallPages := measure(100)
	large, largePages := measure(1000)
	for _, v := range views {
		if largePages[v] < 8*smallPages[v] || smallPages[v] < 2 {
			t.Errorf("/%s: %d pages for 100 pages of the site, %d for 1000: want it split into about ten times as many", v, smallPages[v], largePages[v])
		}
		if bound := small[v] + small[v]/5; large[v] > bound {
			t.Errorf("/%s: largest page %d bytes for 1000 pages of the site, want at most %d (%d for 100)", v, large[v], bound, small[v])
		}
		t.Logf("/%s: %d pages, largest %d bytes; with ten times the entries, %d pages, largest %d bytes", v, smallPages[v], small[v], largePages[v], large[v])
	}
}

// TestSmallViewsOnePage builds the demo portal, whose views have fewer
// entries than a page holds: each has one page, without a pager.
func TestSmallViewsOnePage(t *testing.T) {
	out := build(t, Options{Site: os.DirFS("..")})
	for _, v := range []string{"kpis", "roadmap", "freshness", "changes"} {
		page := get(t, out, v+"/index.html")
		if strings.Contains(page, "view-pager") || strings.Contains(page, "data-filter-page") {
			t.Errorf("/%s/ has a pager, with fewer entries than a page holds", v)
		}
		if _, ok := out.Get(v + "/page/2/index.html"); ok {
			t.Errorf("/%s/page/2/ written, with fewer entries than a page holds", v)
		}
	}
}
