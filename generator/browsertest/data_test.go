package browsertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// roadmapItem and kpiRow are the parts of api/roadmap.json and
// api/kpis.json the tests compare the pages with: what the pages show is
// checked against the data the build published, not against numbers
// written into the test.
type roadmapItem struct {
	Team, Title, Status, Theme, Confidence, Page string
}

type kpiRow struct {
	ID, Name, Page, Team, Owner, Status string
	Target, Actual                      *float64
	Stale                               bool
	History                             []struct{ Value float64 }
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// visibleItems lists the distinct filter items that are displayed, with
// their data attributes.
const visibleItems = `(() => {
	const seen = new Set(), out = [];
	for (const el of document.querySelectorAll("[data-filter-item]")) {
		if (!el.checkVisibility() || seen.has(el.dataset.filterItem)) continue;
		seen.add(el.dataset.filterItem);
		out.push({id: el.dataset.filterItem, team: el.dataset.team || "", theme: el.dataset.theme || "", status: el.dataset.status || "", owner: el.dataset.owner || ""});
	}
	return out;
})()`

type shown struct{ ID, Team, Theme, Status, Owner string }

// choose selects a value in a filter, as a reader would, and lets the
// page react.
func choose(t *testing.T, b *Browser, id, value string) {
	t.Helper()
	ok := Eval[bool](t, b, fmt.Sprintf(`(() => {
		const s = document.getElementById(%q);
		if (!s || ![...s.options].some(o => o.value === %q)) return false;
		s.value = %q;
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})()`, id, value, value))
	if !ok {
		t.Fatalf("filter #%s has no option %q", id, value)
	}
}

func statusText(t *testing.T, b *Browser) string {
	t.Helper()
	return strings.TrimSpace(Eval[string](t, b, `document.querySelector("[data-filter-status]").textContent`))
}

// TestDataViews checks the roadmap and KPI pages in the browser: the
// site-wide roadmap's filters, the KPI overview's sorting and filters, a
// roadmap page's board, a KPI page's table, the pages without JavaScript
// and on a phone.
func TestDataViews(t *testing.T) {
	site := buildDemo(t)
	var items []roadmapItem
	var kpis []kpiRow
	getJSON(t, site+"/api/roadmap.json", &items)
	getJSON(t, site+"/api/kpis.json", &kpis)
	if len(items) == 0 || len(kpis) == 0 {
		t.Fatalf("the demo portal publishes %d roadmap items and %d KPIs; the test needs both", len(items), len(kpis))
	}
	b := New(t, 1280, 900)

	t.Run("roadmap filters", func(t *testing.T) {
		b.Do(t, chromedp.Navigate(site+"/roadmap/"), chromedp.WaitVisible(chromedp.CSS("form.filters")))
		all := Eval[[]shown](t, b, visibleItems)
		if len(all) != len(items) {
			t.Fatalf("%d items shown before filtering, want all %d of api/roadmap.json", len(all), len(items))
		}
		if got, want := statusText(t, b), fmt.Sprintf("Showing all %d items", len(items)); got != want {
			t.Errorf("count reads %q, want %q", got, want)
		}
		if live := Eval[string](t, b, `document.querySelector("[data-filter-status]").getAttribute("role")`); live != "status" {
			t.Errorf("the count's role is %q, want status (a polite live region)", live)
		}

		team := items[len(items)-1].Team
		choose(t, b, "rm-filter-team", team)
		got := Eval[[]shown](t, b, visibleItems)
		want := count(items, func(it roadmapItem) bool { return it.Team == team })
		if len(got) != want {
			t.Errorf("team %s: %d items shown, want %d", team, len(got), want)
		}
		for _, s := range got {
			if s.Team != team {
				t.Errorf("team %s: item %s of team %s still shown", team, s.ID, s.Team)
			}
		}
		if txt, w := statusText(t, b), fmt.Sprintf("Showing %d of %d items", want, len(items)); txt != w {
			t.Errorf("team %s: count reads %q, want %q", team, txt, w)
		}
		rows := Eval[[]string](t, b, `[...document.querySelectorAll(".rm-row")].filter(r => r.checkVisibility()).map(r => r.dataset.team)`)
		if !slices.Equal(rows, []string{team}) {
			t.Errorf("team %s: team rows shown: %q, want only that team's", team, rows)
		}
		if q := Eval[string](t, b, `location.search`); q != "?team="+url.QueryEscape(team) {
			t.Errorf("team %s: address query = %q, want the filter in it", team, q)
		}

		choose(t, b, "rm-filter-status", "done")
		got = Eval[[]shown](t, b, visibleItems)
		want = count(items, func(it roadmapItem) bool { return it.Team == team && it.Status == "done" })
		if want == 0 {
			t.Fatalf("team %s has no done item; the test needs one", team)
		}
		if len(got) != want {
			t.Errorf("team %s, done: %d items shown, want %d", team, len(got), want)
		}
		for _, s := range got {
			if s.Team != team || s.Status != "done" {
				t.Errorf("team %s, done: item %s (%s, %s) still shown", team, s.ID, s.Team, s.Status)
			}
		}
		// The team rows hold Now, Next and Later only: none is left.
		if n := Eval[int](t, b, `[...document.querySelectorAll(".rm-row")].filter(r => r.checkVisibility()).length`); n != 0 {
			t.Errorf("team %s, done: %d team rows shown, want none", team, n)
		}

		b.Do(t, chromedp.Click(chromedp.CSS(".filter-reset")), chromedp.Sleep(100*time.Millisecond))
		if got := Eval[[]shown](t, b, visibleItems); len(got) != len(items) {
			t.Errorf("after Clear filters, %d items shown, want %d", len(got), len(items))
		}

		// A filtered address opens filtered.
		theme := ""
		for _, it := range items {
			if it.Status == "later" && it.Theme != "" {
				theme = it.Theme
				break
			}
		}
		b.Do(t, chromedp.Navigate(site+"/roadmap/?status=later&theme="+url.QueryEscape(theme)), chromedp.WaitVisible(chromedp.CSS("form.filters")))
		got = Eval[[]shown](t, b, visibleItems)
		want = count(items, func(it roadmapItem) bool { return it.Status == "later" && it.Theme == theme })
		if len(got) != want || want == 0 {
			t.Errorf("?status=later&theme=%s: %d items shown, want %d", theme, len(got), want)
		}
		if v := Eval[string](t, b, `document.getElementById("rm-filter-status").value`); v != "later" {
			t.Errorf("?status=later: the status filter shows %q", v)
		}
		b.NoConsoleErrors(t)
	})

	t.Run("without JavaScript", func(t *testing.T) {
		defer b.WithoutScripts(t)()
		b.Do(t, chromedp.Navigate(site+"/roadmap/?team=Growth"), chromedp.WaitVisible(chromedp.CSS("h1")))
		if Eval[bool](t, b, `document.querySelector("form.filters").checkVisibility()`) {
			t.Error("the filters are shown without JavaScript, where they cannot work")
		}
		if got := Eval[[]shown](t, b, visibleItems); len(got) != len(items) {
			t.Errorf("without JavaScript %d items shown, want all %d", len(got), len(items))
		}
		b.Do(t, chromedp.Navigate(site+"/kpis/"), chromedp.WaitVisible(chromedp.CSS("h1")))
		if n := Eval[int](t, b, `document.querySelectorAll("#kpis-table tbody tr:not([hidden])").length`); n != len(kpis) {
			t.Errorf("without JavaScript the KPI overview shows %d rows, want %d", n, len(kpis))
		}
		if n := Eval[int](t, b, `document.querySelectorAll("#kpis-table button").length`); n != 0 {
			t.Errorf("without JavaScript the KPI table has %d sort buttons, which would do nothing", n)
		}
	})

	t.Run("kpi sorting and filters", func(t *testing.T) {
		b.Do(t, chromedp.Navigate(site+"/kpis/"), chromedp.WaitVisible(chromedp.CSS("#kpis-table .sort-btn")))
		order := func() []string {
			return Eval[[]string](t, b, `[...document.querySelectorAll("#kpis-table tbody tr")].map(r => r.dataset.kpi)`)
		}
		if got, want := order(), ids(kpis); !slices.Equal(got, want) {
			t.Fatalf("rows before sorting: %q, want the order of api/kpis.json %q", got, want)
		}
		for status, label := range map[string]string{"on-track": "on track", "at-risk": "at risk", "off-track": "off track", "no-data": "no data"} {
			n := Eval[string](t, b, fmt.Sprintf(`document.querySelector('[data-summary=%q] .kpi-sum-n').textContent`, status))
			if want := count(kpis, func(k kpiRow) bool { return k.Status == status }); n != fmt.Sprint(want) {
				t.Errorf("summary: %s KPIs counted %s, want %d", label, n, want)
			}
		}
		if n, want := Eval[string](t, b, `document.querySelector('[data-summary=stale] .kpi-sum-n').textContent`), count(kpis, func(k kpiRow) bool { return k.Stale }); n != fmt.Sprint(want) {
			t.Errorf("summary: stale KPIs counted %s, want %d", n, want)
		}

		sortBy := func(header string) {
			t.Helper()
			i := Eval[int](t, b, fmt.Sprintf(`[...document.querySelectorAll("#kpis-table thead th")].findIndex(th => th.textContent.trim().startsWith(%q))`, header))
			if i < 0 {
				t.Fatalf("no column %q", header)
			}
			b.Do(t, chromedp.Click(chromedp.CSS(fmt.Sprintf("#kpis-table thead th:nth-child(%d) button", i+1))))
		}
		ariaSort := func() map[string]string {
			return Eval[map[string]string](t, b, `Object.fromEntries([...document.querySelectorAll("#kpis-table thead th[aria-sort]")].map(th => [th.textContent.trim().split(/\s/)[0], th.getAttribute("aria-sort")]))`)
		}
		actual := func(k kpiRow) (float64, bool) {
			if k.Actual == nil {
				return 0, false
			}
			return *k.Actual, true
		}

		sortBy("Actual")
		asc := sorted(kpis, actual, false)
		if got := order(); !slices.Equal(got, ids(asc)) {
			t.Errorf("sorted by actual, ascending:\n got %q\nwant %q", got, ids(asc))
		}
		if got := ariaSort(); len(got) != 1 || got["Actual"] != "ascending" {
			t.Errorf("aria-sort after one click on Actual: %v, want Actual ascending only", got)
		}
		sortBy("Actual")
		desc := sorted(asc, actual, true)
		if got := order(); !slices.Equal(got, ids(desc)) {
			t.Errorf("sorted by actual, descending:\n got %q\nwant %q", got, ids(desc))
		}
		if got := ariaSort(); len(got) != 1 || got["Actual"] != "descending" {
			t.Errorf("aria-sort after two clicks on Actual: %v, want Actual descending only", got)
		}

		rank := map[string]float64{"on-track": 1, "at-risk": 2, "off-track": 3, "no-data": 4}
		sortBy("Status")
		bystatus := sorted(desc, func(k kpiRow) (float64, bool) { return rank[k.Status], true }, false)
		if got := order(); !slices.Equal(got, ids(bystatus)) {
			t.Errorf("sorted by status:\n got %q\nwant %q", got, ids(bystatus))
		}
		if got := ariaSort(); len(got) != 1 || got["Status"] != "ascending" {
			t.Errorf("aria-sort after a click on Status: %v, want Status ascending only", got)
		}

		choose(t, b, "kpi-filter-status", "at-risk")
		got := Eval[[]shown](t, b, visibleItems)
		want := count(kpis, func(k kpiRow) bool { return k.Status == "at-risk" })
		if len(got) != want || want == 0 {
			t.Errorf("status at-risk: %d rows shown, want %d", len(got), want)
		}
		for _, s := range got {
			if s.Status != "at-risk" {
				t.Errorf("status at-risk: %s (%s) still shown", s.ID, s.Status)
			}
		}
		if txt, w := statusText(t, b), fmt.Sprintf("Showing %d of %d KPIs", want, len(kpis)); txt != w {
			t.Errorf("status at-risk: count reads %q, want %q", txt, w)
		}
		// Sorting keeps the filter.
		sortBy("Actual")
		if got := Eval[[]shown](t, b, visibleItems); len(got) != want {
			t.Errorf("after sorting a filtered table, %d rows shown, want %d", len(got), want)
		}

		owner := kpis[0].Owner
		choose(t, b, "kpi-filter-status", "")
		choose(t, b, "kpi-filter-owner", owner)
		got = Eval[[]shown](t, b, visibleItems)
		if want := count(kpis, func(k kpiRow) bool { return k.Owner == owner }); len(got) != want {
			t.Errorf("owner %s: %d rows shown, want %d", owner, len(got), want)
		}
		team := kpis[len(kpis)-1].Team
		choose(t, b, "kpi-filter-team", team)
		got = Eval[[]shown](t, b, visibleItems)
		if want := count(kpis, func(k kpiRow) bool { return k.Owner == owner && k.Team == team }); len(got) != want {
			t.Errorf("owner %s, team %s: %d rows shown, want %d", owner, team, len(got), want)
		}
		if want := count(kpis, func(k kpiRow) bool { return k.Owner == owner && k.Team == team }); want == 0 {
			if !Eval[bool](t, b, `document.querySelector("[data-filter-empty]").checkVisibility()`) {
				t.Error("no KPI matches, and the page does not say so")
			}
		}
		b.NoConsoleErrors(t)
	})

	t.Run("roadmap page", func(t *testing.T) {
		team := items[0].Team
		var mine []roadmapItem
		for _, it := range items {
			if it.Team == team {
				mine = append(mine, it)
			}
		}
		b.Do(t, chromedp.Navigate(site+mine[0].Page), chromedp.WaitVisible(chromedp.CSS(".board")))
		cols := Eval[[]string](t, b, `[...document.querySelectorAll(".board-col")].map(c => c.querySelector("h3").firstChild.textContent.trim())`)
		if !slices.Equal(cols, []string{"Now", "Next", "Later", "Done"}) {
			t.Errorf("board columns %q, want Now, Next, Later, Done", cols)
		}
		for _, st := range []string{"now", "next", "later", "done"} {
			n := Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(".board-%s .rm-card").length`, st))
			if want := count(mine, func(it roadmapItem) bool { return it.Status == st }); n != want {
				t.Errorf("column %s has %d cards, want %d", st, n, want)
			}
		}
		dropped := count(mine, func(it roadmapItem) bool { return it.Status == "dropped" })
		if n := Eval[int](t, b, `document.querySelectorAll("details.rm-dropped-box .rm-card").length`); n != dropped || dropped == 0 {
			t.Errorf("%d dropped cards listed apart, want %d", n, dropped)
		}
		if n := Eval[int](t, b, `document.querySelectorAll(".board .rm-card.rm-dropped").length`); n != 0 {
			t.Errorf("%d dropped cards on the board, want none", n)
		}
		confs := Eval[[]string](t, b, `[...document.querySelectorAll(".rm-conf dd")].map(d => d.textContent.trim())`)
		var want []string
		for _, st := range []string{"now", "next", "later", "done", "dropped"} {
			for _, it := range mine {
				if it.Status == st && it.Confidence != "" {
					want = append(want, it.Confidence)
				}
			}
		}
		if !slices.Equal(confs, want) {
			t.Errorf("confidence written on the cards: %q, want %q", confs, want)
		}
		if !Eval[bool](t, b, `(() => { const b = document.querySelector(".board"), p = document.querySelector(".doc > .prose"); return !!p && !!(b.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING); })()`) {
			t.Error("the page body does not follow the board")
		}
		b.NoConsoleErrors(t)
	})

	t.Run("kpi page", func(t *testing.T) {
		page := kpis[len(kpis)-1].Page
		var mine []kpiRow
		for _, k := range kpis {
			if k.Page == page {
				mine = append(mine, k)
			}
		}
		b.Do(t, chromedp.Navigate(site+page), chromedp.WaitVisible(chromedp.CSS("#kpi-table")))
		type row struct {
			ID, Badge, Stale, Spark, Change, Def, Title string
			Points, Target                              int
		}
		rows := Eval[[]row](t, b, `[...document.querySelectorAll("#kpi-table tbody tr")].map(r => {
			const svg = r.querySelector("svg.spark"), th = r.querySelector("th"), def = document.getElementById(th.getAttribute("aria-describedby") || "-");
			return {
				id: r.dataset.kpi,
				badge: r.querySelector(".kpi-status").textContent.trim(),
				stale: (r.querySelector(".kpi-stale") || {textContent: ""}).textContent.trim(),
				spark: svg && svg.getAttribute("role") === "img" ? svg.getAttribute("aria-label") : "",
				points: svg ? svg.querySelector("polyline").getAttribute("points").trim().split(/\s+/).length : 0,
				target: svg ? svg.querySelectorAll("line.spark-target").length : 0,
				change: r.cells[4].textContent.replace(/\s+/g, " ").trim(),
				def: def ? def.textContent : "",
				title: (th.querySelector("[title]") || {title: ""}).title,
			};
		})`)
		if len(rows) != len(mine) {
			t.Fatalf("table has %d rows, want the %d KPIs of %s", len(rows), len(mine), page)
		}
		labels := map[string]string{"on-track": "On track", "at-risk": "At risk", "off-track": "Off track", "no-data": "No data"}
		for i, r := range rows {
			k := mine[i]
			if r.ID != k.ID {
				t.Errorf("row %d is %s, want %s", i+1, r.ID, k.ID)
				continue
			}
			if r.Badge != labels[k.Status] {
				t.Errorf("%s: badge %q, want %q", k.ID, r.Badge, labels[k.Status])
			}
			if (r.Stale == "stale") != k.Stale {
				t.Errorf("%s: stale flag %q, want stale=%v", k.ID, r.Stale, k.Stale)
			}
			if len(k.History) >= 2 {
				if !strings.HasPrefix(r.Spark, "Trend") || r.Points != len(k.History) {
					t.Errorf("%s: sparkline labelled %q with %d points, want a labelled image of %d points", k.ID, r.Spark, r.Points, len(k.History))
				}
				if (r.Target == 1) != (k.Target != nil) {
					t.Errorf("%s: %d target lines, want one exactly when there is a target", k.ID, r.Target)
				}
			} else if r.Spark != "" {
				t.Errorf("%s: a sparkline for %d values", k.ID, len(k.History))
			}
			if !strings.HasPrefix(r.Change, "▲ up ") && !strings.HasPrefix(r.Change, "▼ down ") && !strings.HasPrefix(r.Change, "▬ no change") && !strings.HasPrefix(r.Change, "—") {
				t.Errorf("%s: change reads %q, want an arrow and words", k.ID, r.Change)
			}
			if r.Def == "" || r.Def != r.Title {
				t.Errorf("%s: definition for screen readers %q, on hover %q; want both, the same", k.ID, r.Def, r.Title)
			}
		}
		b.NoConsoleErrors(t)
	})

	t.Run("phone", func(t *testing.T) {
		for _, p := range []string{"/roadmap/", "/kpis/", items[0].Page, kpis[0].Page} {
			b.Do(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(site+p), chromedp.WaitVisible(chromedp.CSS("h1")), chromedp.Sleep(100*time.Millisecond))
			if w := Eval[int](t, b, `document.documentElement.scrollWidth`); w > 390 {
				t.Errorf("%s: page is %d px wide at 390 px: it scrolls sideways", p, w)
			}
			// Tables scroll inside their box.
			wraps := Eval[[]bool](t, b, `[...document.querySelectorAll(".kpi-wrap")].map(w => getComputedStyle(w).overflowX === "auto" && w.scrollWidth > w.clientWidth)`)
			for i, ok := range wraps {
				if !ok {
					t.Errorf("%s: KPI table %d does not scroll inside its box", p, i+1)
				}
			}
			// A board is one column on a phone.
			if cols := Eval[int](t, b, `(() => { const b = document.querySelector(".board"); return b ? getComputedStyle(b).gridTemplateColumns.split(" ").length : 1; })()`); cols != 1 {
				t.Errorf("%s: the board has %d columns at 390 px, want 1", p, cols)
			}
			small := Eval[[]string](t, b, `[...document.querySelectorAll(".filters select, .filters button, .sort-btn, .rm-row-title a, .rm-dropped-box summary, .kpi-name a")]
				.filter(e => e.checkVisibility() && e.getBoundingClientRect().height < 40)
				.map(e => e.tagName + " " + e.textContent.trim().slice(0, 30) + " " + e.getBoundingClientRect().height)`)
			for _, s := range small {
				t.Errorf("%s: tap target under 40 px: %s", p, s)
			}
		}
		b.NoConsoleErrors(t)
	})
}

func count[T any](list []T, f func(T) bool) int {
	n := 0
	for _, v := range list {
		if f(v) {
			n++
		}
	}
	return n
}

func ids(ks []kpiRow) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.ID
	}
	return out
}

// sorted orders KPIs by a numeric key as a reader expects of a sorted
// column: equal keys keep their order, KPIs without a key go last.
func sorted(ks []kpiRow, key func(kpiRow) (float64, bool), desc bool) []kpiRow {
	out := slices.Clone(ks)
	slices.SortStableFunc(out, func(a, b kpiRow) int {
		ka, oka := key(a)
		kb, okb := key(b)
		switch {
		case !oka || !okb:
			return boolInt(!oka) - boolInt(!okb)
		case ka < kb && !desc, ka > kb && desc:
			return -1
		case ka == kb:
			return 0
		}
		return 1
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
