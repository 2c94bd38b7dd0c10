package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/opsdocs/opsdocs/generator"
)

// buildDemoPaged builds the demo portal with size entries a page of the
// site-wide views into a temporary folder, and serves it.
func buildDemoPaged(t *testing.T, size int) string {
	t.Helper()
	src := t.TempDir()
	if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile("../../opsdocs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg = fmt.Appendf(cfg, "view_page_size: %d\n", size)
	if err := os.WriteFile(filepath.Join(src, "opsdocs.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	buildDemoWith(t, dir, generator.Options{Site: os.DirFS(src)})
	return Serve(t, dir)
}

// TestViewPages reads the pages of the site-wide views of the demo portal
// built with three entries a page: each page shows its share of the KPIs
// of api/kpis.json, in order; the pager says where the reader is and
// leads on, with JavaScript or without; the filters count the page's
// rows and say so, and the pager's links keep them; and the further
// pages pass axe-core, at desktop and phone widths, without sideways
// scrolling and with large tap targets, in both colour schemes.
func TestViewPages(t *testing.T) {
	const size = 3
	axe := LoadAxe(t)
	site := buildDemoPaged(t, size)
	var kpis []kpiRow
	getJSON(t, site+"/api/kpis.json", &kpis)
	pages := (len(kpis) + size - 1) / size
	if pages < 3 {
		t.Fatalf("the demo portal has %d KPIs, %d pages of %d: the test needs three pages", len(kpis), pages, size)
	}
	b := New(t, 1280, 900)
	rows := func() []string {
		return Eval[[]string](t, b, `[...document.querySelectorAll("#kpis-table tbody tr")].filter(r => !r.hidden).map(r => r.dataset.kpi)`)
	}

	t.Run("pages of /kpis/", func(t *testing.T) {
		for n := 1; n <= pages; n++ {
			u := "/kpis/"
			if n > 1 {
				u = fmt.Sprintf("/kpis/page/%d/", n)
			}
			open(t, b, site+u)
			want := ids(kpis[(n-1)*size : min(n*size, len(kpis))])
			if got := rows(); !slices.Equal(got, want) {
				t.Errorf("%s shows KPIs %q, want %q of api/kpis.json", u, got, want)
			}
			if got := Eval[string](t, b, `document.querySelector('nav[aria-label="Pagination"] .view-pager-status').textContent`); got != fmt.Sprintf("Page %d of %d", n, pages) {
				t.Errorf("%s: the pager says %q", u, got)
			}
			if got := Eval[string](t, b, `document.querySelector('nav[aria-label="Pagination"] [aria-current="page"]').textContent`); got != fmt.Sprintf("Page %d", n) {
				t.Errorf("%s: the pager's current page reads %q", u, got)
			}
			title := Eval[string](t, b, `document.title`)
			if suffix := fmt.Sprintf("(page %d of %d)", n, pages); n > 1 != strings.Contains(title, suffix) {
				t.Errorf("%s: the title is %q", u, title)
			}
			if got, want := Eval[string](t, b, `document.querySelector(".kpi-summary-box .data-title-note").textContent`), fmt.Sprintf("%d KPIs", len(kpis)); got != want {
				t.Errorf("%s: the summary counts %q, want every KPI of the site, %q", u, got, want)
			}
			noun := "KPIs"
			if len(want) == 1 {
				noun = "KPI"
			}
			if got, want := statusText(t, b), fmt.Sprintf("Showing all %d %s on page %d of %d", len(want), noun, n, pages); got != want {
				t.Errorf("%s: the filters' count reads %q, want %q", u, got, want)
			}
			if n > 1 && Eval[bool](t, b, `document.querySelector('a[href="#view-pager"]') !== null && document.getElementById("view-pager") !== null`) == false {
				t.Errorf("%s: no link from above the table to the pager", u)
			}
		}
		b.NoConsoleErrors(t)
	})

	t.Run("filters and the pager", func(t *testing.T) {
		open(t, b, site+"/kpis/page/2/")
		onPage := kpis[size : 2*size]
		status := onPage[0].Status
		choose(t, b, "kpi-filter-status", status)
		want := count(onPage, func(k kpiRow) bool { return k.Status == status })
		if got := len(rows()); got != want {
			t.Errorf("status %s: %d rows shown, want the %d of this page", status, got, want)
		}
		if got, w := statusText(t, b), fmt.Sprintf("Showing %d of %d KPIs on page 2 of %d", want, size, pages); got != w {
			t.Errorf("status %s: the count reads %q, want %q", status, got, w)
		}
		next := Eval[string](t, b, `(document.querySelector('nav[aria-label="Pagination"] a[rel="next"]') || {href: "none"}).href`)
		if !strings.Contains(next, "/kpis/page/3/?status="+status) {
			t.Errorf("with a filter chosen, Next leads to %s, want page 3 with the filter", next)
		}
		if next == "none" {
			t.Fatal("/kpis/page/2/ has no link to the next page")
		}
		click(t, b, `nav[aria-label="Pagination"] a[rel="next"]`)
		waitUntil(t, b, "Next", `location.pathname === "/kpis/page/3/" && document.readyState === "complete"`)
		waitScripts(t, b)
		if q := Eval[string](t, b, `location.search`); q != "?status="+status {
			t.Errorf("Next opened page 3 with the query %q, want the filter", q)
		}
		if v := Eval[string](t, b, `document.getElementById("kpi-filter-status").value`); v != status {
			t.Errorf("page 3 opened with the status filter %q, want %q", v, status)
		}
		b.NoConsoleErrors(t)
	})

	t.Run("without JavaScript", func(t *testing.T) {
		defer b.WithoutScripts(t)()
		b.Do(t, chromedp.Navigate(site+"/kpis/page/2/"), chromedp.WaitVisible(chromedp.CSS("h1")))
		if !Eval[bool](t, b, `document.querySelector('nav[aria-label="Pagination"] a[rel="prev"]') !== null`) {
			t.Fatal("/kpis/page/2/ has no link to the previous page")
		}
		click(t, b, `nav[aria-label="Pagination"] a[rel="prev"]`)
		waitUntil(t, b, "Previous from page 2", `location.pathname === "/kpis/" && document.readyState === "complete"`)
		if got, want := rows(), ids(kpis[:size]); !slices.Equal(got, want) {
			t.Errorf("without JavaScript, the first page shows %q, want %q", got, want)
		}
	})

	t.Run("accessibility", func(t *testing.T) {
		for _, u := range []string{"/kpis/page/2/", "/roadmap/page/2/", "/freshness/page/2/", "/changes/page/2/"} {
			open(t, b, site+u)
			for _, width := range []int64{1280, 390} {
				b.Do(t, chromedp.EmulateViewport(width, 900))
				nextFrame(t, b)
				for _, v := range axe.Check(t, b) {
					t.Errorf("%s at %d px: axe: %s", u, width, v)
				}
				if width < 480 {
					noSidewaysScroll(t, b)
					tapTargets(t, b)
				}
			}
			colorScheme(t, b, "", "dark")
			for _, v := range axe.Check(t, b, AxeColourRules...) {
				t.Errorf("%s, dark: axe: %s", u, v)
			}
			colorScheme(t, b, "", "light")
			b.Do(t, chromedp.EmulateViewport(1280, 900))
		}
	})
}
