package browsertest

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/corpus"
)

// A judged query: the query and the URL of the page it must find.
type judged struct {
	line        int
	query, want string
}

func readJudged(t *testing.T, name string) []judged {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []judged
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, want, ok := strings.Cut(line, "\t")
		if !ok || q == "" || !strings.HasPrefix(want, "/") {
			t.Fatalf("%s:%d: want a query, a tab and a URL", name, n)
		}
		out = append(out, judged{n, q, want})
	}
	return out
}

// searchPage opens the search page for q and returns the href of each
// result, in order.
func searchPage(t *testing.T, b *Browser, site, q string) []string {
	t.Helper()
	b.Do(t, chromedp.Navigate(site+"/search/?q="+url.QueryEscape(q)))
	return results(t, b, q)
}

// searchAgain searches for q on the search page already open, as a reader
// typing a new query, and returns the href of each result, in order.
func searchAgain(t *testing.T, b *Browser, q string) []string {
	t.Helper()
	Eval[bool](t, b, `(() => {
		const input = document.getElementById("search-page-input");
		input.value = `+strconv.Quote(q)+`;
		return input.dispatchEvent(new Event("input", {bubbles: true}));
	})()`)
	return results(t, b, q)
}

// results waits until the search page shows the results of q and returns
// their links.
func results(t *testing.T, b *Browser, q string) []string {
	t.Helper()
	done := `(() => { const r = document.getElementById("search-results"); return !r.hasAttribute("aria-busy") && r.dataset.query === ` + strconv.Quote(strings.TrimSpace(q)) + `; })()`
	if _, err := chromedp.Run(b.Ctx, chromedp.Poll[bool](done)); err != nil {
		t.Fatalf("waiting for the results of %q: %v", q, err)
	}
	return Eval[[]string](t, b, `Array.from(document.querySelectorAll("#search-results a"), a => a.getAttribute("href"))`)
}

// TestSearchQuality runs the judged queries of the demo portal through
// the search page and measures how high each one ranks the page it must
// find: the mean reciprocal rank over the first five results (MRR@5) must
// be at least 0.85. Recall@5, the share of queries whose page is in the
// first five, is reported too.
func TestSearchQuality(t *testing.T) {
	queries := readJudged(t, "testdata/search-queries.txt")
	if len(queries) < 60 {
		t.Fatalf("%d judged queries, want at least 60", len(queries))
	}
	judge(t, buildDemo(t), "testdata/search-queries.txt", queries)
}

// TestSearchQualityCorpus runs the judged queries of a generated site of
// 1,000 pages, where common words are on most pages, as
// TestSearchQuality does.
func TestSearchQualityCorpus(t *testing.T) {
	queries := readJudged(t, "testdata/search-queries-corpus.txt")
	if len(queries) < 60 {
		t.Fatalf("%d judged queries, want at least 60", len(queries))
	}
	dir := t.TempDir()
	if _, err := corpus.Write(filepath.Join(dir, "site"), corpus.Options{Pages: 1000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	Build(t, out, generator.Options{
		Site: os.DirFS(filepath.Join(dir, "site")),
		Now:  time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
	})
	judge(t, Serve(t, out), "testdata/search-queries-corpus.txt", queries)
}

// judge runs judged queries through the search page of site, one after
// the other as a reader would, and fails t when their MRR@5 is below
// 0.85.
func judge(t *testing.T, site, file string, queries []judged) {
	t.Helper()
	b := New(t, 1280, 900)
	var rr float64
	found := 0
	for i, q := range queries {
		var hrefs []string
		if i == 0 {
			hrefs = searchPage(t, b, site, q.query)
		} else {
			hrefs = searchAgain(t, b, q.query)
		}
		rank := 0
		for i, h := range hrefs[:min(5, len(hrefs))] {
			if page, _, _ := strings.Cut(h, "#"); page == q.want {
				rank = i + 1
				break
			}
		}
		if rank > 0 {
			rr += 1 / float64(rank)
			found++
		}
		if rank != 1 {
			t.Logf("%s:%d: %q ranks %s at %d; first five: %s", file, q.line, q.query, q.want, rank, strings.Join(hrefs[:min(5, len(hrefs))], " "))
		}
	}
	mrr, recall := rr/float64(len(queries)), float64(found)/float64(len(queries))
	t.Logf("%d queries: MRR@5 %.3f, recall@5 %.3f", len(queries), mrr, recall)
	if mrr < 0.85 {
		t.Errorf("MRR@5 is %.3f, want at least 0.85", mrr)
	}
	b.NoConsoleErrors(t)
}

// TestSearchPhrase searches for quoted phrases: only the pages that have
// the words next to each other, in that order, are found; a quote left
// open while typing runs to the end of the query.
func TestSearchPhrase(t *testing.T) {
	site := buildDemo(t)
	b := New(t, 1280, 900)
	loose := searchPage(t, b, site, "incident update")
	// text returns the words of the main part of a result's page, lower
	// case, one space between them.
	text := func(href string) string {
		return await[string](t, b, `(async () => {
			const html = await (await fetch(`+strconv.Quote(href)+`)).text();
			const main = new DOMParser().parseFromString(html, "text/html").querySelector("main");
			return main.textContent.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ");
		})()`)
	}
	for _, tc := range []struct {
		query string
		want  *regexp.Regexp
	}{
		{`"incident update"`, regexp.MustCompile(`\bincident\w* updat`)},
		{`“incident update”`, regexp.MustCompile(`\bincident\w* updat`)},
		{`"incident upd`, regexp.MustCompile(`\bincident\w* upd`)},
	} {
		hrefs := searchAgain(t, b, tc.query)
		if len(hrefs) == 0 || len(hrefs) >= len(loose) {
			t.Errorf("%s: %d results, want some but fewer than the %d of the words in any order", tc.query, len(hrefs), len(loose))
		}
		for _, h := range hrefs {
			if !tc.want.MatchString(text(h)) {
				t.Errorf("%s: result %s does not have the words next to each other", tc.query, h)
			}
		}
	}
	if loose := searchAgain(t, b, "readiness launch"); len(loose) == 0 {
		t.Error("no page has the words readiness and launch")
	}
	if hrefs := searchAgain(t, b, `"readiness launch"`); len(hrefs) != 0 {
		t.Errorf(`"readiness launch": %v, want no page (the words are never in that order)`, hrefs)
	}
	if status := Eval[string](t, b, `document.getElementById("search-status").textContent`); !strings.HasPrefix(status, "No results") {
		t.Errorf("status with no phrase found: %q", status)
	}
	b.NoConsoleErrors(t)
}

// TestSearchCJK searches pages in Chinese, Japanese and Korean, which
// are indexed by pairs of letters: a word is found inside a longer run of
// letters, and the pairs of a query must follow each other in the page.
func TestSearchCJK(t *testing.T) {
	pages := map[string]string{
		"_index.md":  "---\ntitle: Home\n---\nWelcome.\n",
		"kensaku.md": "---\ntitle: 検索エンジンの設定\n---\n検索エンジンを設定するには、管理画面を開きます。\n",
		"tokyo.md":   "---\ntitle: 办公室\n---\n我们在东京都有一个新办公室。\n",
		"trip.md":    "---\ntitle: 出差指南\n---\n从东京到京都的火车需要两个小时。\n",
		"korean.md":  "---\ntitle: 안내\n---\n검색 엔진을 설정하는 방법입니다.\n",
	}
	site := buildPages(t, pages)
	b := New(t, 1280, 900)
	for i, tc := range []struct{ query, want string }{
		{"検索エンジン", "/kensaku/"},
		{"設定", "/kensaku/"}, // inside 設定する
		{"管理画面", "/kensaku/"},
		{"东京都", "/tokyo/"}, // not the trip from 东京 to 京都
		{"京都 火车", "/trip/"},
		{"검색", "/korean/"},
		{"엔진을 설정", "/korean/"},
	} {
		var hrefs []string
		if i == 0 {
			hrefs = searchPage(t, b, site, tc.query)
		} else {
			hrefs = searchAgain(t, b, tc.query)
		}
		if len(hrefs) != 1 || hrefs[0] != tc.want && !strings.HasPrefix(hrefs[0], tc.want+"#") {
			t.Errorf("%s: results %v, want %s alone", tc.query, hrefs, tc.want)
		}
	}
	searchAgain(t, b, "検索エンジン")
	if marked := Eval[string](t, b, `Array.from(document.querySelectorAll("#search-results .search-hit-title mark"), m => m.textContent).join(" ")`); marked != "検索エンジン" {
		t.Errorf("marked in the title: %q, want 検索エンジン", marked)
	}
	b.NoConsoleErrors(t)
}

// buildPages builds a site of the given pages, named by their path under
// content/, and serves it.
func buildPages(t *testing.T, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range pages {
		p := filepath.Join(dir, "site", "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	Build(t, out, generator.Options{Site: os.DirFS(filepath.Join(dir, "site"))})
	return Serve(t, out)
}

// allResults runs q with the search engine of the page open in b and
// returns the address of every result, not only the first page of them.
func allResults(t *testing.T, b *Browser, q string) []string {
	t.Helper()
	hrefs := await[[]string](t, b, `(async () => {
		const api = window.opsdocsSearch, res = await api.search(`+strconv.Quote(q)+`);
		const links = await Promise.all(res.hits.map(h => api.render(h, res.highlight)));
		return links.map(a => a.getAttribute("href"));
	})()`)
	slices.Sort(hrefs)
	return hrefs
}

// TestSearchPhraseCommon searches for phrases on a site where a word is
// on every page many times, so often that the index keeps no positions
// for it: phrases with it are found by the pairs of words that follow
// each other.
func TestSearchPhraseCommon(t *testing.T) {
	pages := map[string]string{
		"_index.md":         "---\ntitle: Home\n---\nWelcome.\n",
		"who-we-are.md":     "---\ntitle: Who we are\n---\nThe team.\n",
		"who-are-we.md":     "---\ntitle: Who are we\n---\nA question.\n",
		"alpha/chain.md":    "---\ntitle: Chain\n---\nThe alpha beta gamma comes first.\n",
		"alpha/split.md":    "---\ntitle: Split\n---\nThe alpha beta goes. Then beta gamma comes.\n",
		"alpha/reversed.md": "---\ntitle: Reversed\n---\nThe gamma beta alpha comes last.\n",
	}
	// Forty pages in four kinds, each with "review" thirty times.
	kinds := []string{
		"The budget review cadence is set.",                 // budget review, review cadence, in one place
		"The review budget cadence is set.",                 // never budget review
		"The budget review is set. Review cadence is kept.", // both pairs, apart
		"The budget of the review is set.",                  // budget, two stop words, review
	}
	want := map[int][]string{}
	for i := range 40 {
		url := fmt.Sprintf("/notes/note-%d/", i)
		want[i%4] = append(want[i%4], url)
		pages[fmt.Sprintf("notes/note-%d.md", i)] = fmt.Sprintf("---\ntitle: Note %d\n---\n%s\n\n%s\n", i, kinds[i%4], strings.Repeat("Another review. ", 30))
	}
	for _, w := range want {
		slices.Sort(w)
	}
	site := buildPages(t, pages)
	b := New(t, 1280, 900)
	b.Do(t, chromedp.Navigate(site+"/"), chromedp.WaitVisible(chromedp.ID("search-input")))
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{`"budget review"`, slices.Concat(want[0], want[2])},
		{`"review budget"`, want[1]},
		{`"budget of the review"`, want[3]},
		{`"budget in a review"`, want[3]}, // a stop word stands for any stop word
		{`"budget the review"`, nil},      // but one for one
		{`"alpha beta"`, []string{"/alpha/chain/", "/alpha/split/"}},
		{`"beta alpha"`, []string{"/alpha/reversed/"}},
		{`"alpha beta gamma"`, []string{"/alpha/chain/"}}, // rare words: at one place, not two by two
		{`"who we are"`, []string{"/who-we-are/"}},        // stop words alone: their positions
	} {
		want := slices.Sorted(slices.Values(tc.want))
		if got := allResults(t, b, tc.query); !slices.Equal(got, want) {
			t.Errorf("%s: results %v, want %v", tc.query, got, want)
		}
	}
	// Typed, with the last word unfinished: "cad" is the start of a word.
	// Only the pages of the first and third kinds have both pairs, budget
	// review and review cadence.
	got := allResults(t, b, `"budget review cad`)
	for _, u := range want[0] {
		if !slices.Contains(got, u) {
			t.Errorf(`"budget review cad: %s not found`, u)
		}
	}
	for _, u := range slices.Concat(want[1], want[3]) {
		if slices.Contains(got, u) {
			t.Errorf(`"budget review cad: %s found, and it does not have the phrase`, u)
		}
	}
	b.NoConsoleErrors(t)
}

// TestSearchBox types into the search box of the header: "/" focuses it,
// results show as the reader types, arrow keys choose one, Enter opens
// it, Esc closes the list, Ctrl-K focuses the box from anywhere.
func TestSearchBox(t *testing.T) {
	site := buildDemo(t)
	b := New(t, 1280, 900)
	b.Do(t, chromedp.Navigate(site+"/team/glossary/"), chromedp.WaitVisible(chromedp.CSS("h1")))

	b.Do(t, chromedp.KeyEvent("/"))
	if id := Eval[string](t, b, `document.activeElement.id`); id != "search-input" {
		t.Fatalf("after /, the focus is on %q, want the search box", id)
	}
	b.Do(t, chromedp.KeyEvent("lau"), chromedp.WaitVisible(chromedp.CSS(`#search-listbox [role="option"]`)))
	if exp := Eval[string](t, b, `document.getElementById("search-input").getAttribute("aria-expanded")`); exp != "true" {
		t.Errorf("aria-expanded = %q with results shown", exp)
	}
	first := Eval[string](t, b, `document.querySelector("#search-listbox [role=option] a").getAttribute("href")`)
	if !strings.HasPrefix(first, "/playbooks/launch-readiness/") {
		t.Errorf("first result for \"lau\" is %s, want the launch readiness playbook", first)
	}
	if n := Eval[int](t, b, `document.querySelectorAll("#search-listbox mark").length`); n == 0 {
		t.Error("no matched word is highlighted")
	}
	status := Eval[string](t, b, `document.getElementById("search-popup-status").textContent`)
	if !strings.Contains(status, "result") {
		t.Errorf("status for screen readers = %q", status)
	}

	b.Do(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp))
	active := Eval[string](t, b, `document.getElementById("search-input").getAttribute("aria-activedescendant") || ""`)
	if active != "search-option-0" || Eval[string](t, b, `document.getElementById("search-option-0").getAttribute("aria-selected")`) != "true" {
		t.Errorf("after down, down, up: active option %q, want search-option-0 selected", active)
	}
	if id := Eval[string](t, b, `document.activeElement.id`); id != "search-input" {
		t.Errorf("arrow keys moved the focus to %q; it stays in the box", id)
	}

	b.Do(t, chromedp.KeyEvent(kb.Escape))
	if hidden := Eval[bool](t, b, `document.getElementById("search-popup").hidden`); !hidden {
		t.Error("Esc did not close the results")
	}
	b.Do(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	b.Do(t, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("h1")))
	if _, err := chromedp.Run(b.Ctx, chromedp.Poll[bool](`location.pathname === "/playbooks/launch-readiness/"`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("Enter on the first result did not open it: at %s", Eval[string](t, b, `location.href`))
	}
	b.NoConsoleErrors(t)

	// Ctrl-K from the page, then Enter with no result chosen opens the
	// search page for the query.
	b.Do(t, chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	if id := Eval[string](t, b, `document.activeElement.id`); id != "search-input" {
		t.Fatalf("after Ctrl-K, the focus is on %q, want the search box", id)
	}
	b.Do(t, chromedp.KeyEvent("sprint review"), chromedp.WaitVisible(chromedp.CSS(`#search-listbox [role="option"]`)), chromedp.KeyEvent(kb.Enter))
	b.Do(t, chromedp.WaitVisible(chromedp.ID("search-page-input")))
	hrefs := results(t, b, "sprint review")
	if got := Eval[string](t, b, `location.pathname + location.search`); got != "/search/?q=sprint+review" && got != "/search/?q=sprint%20review" {
		t.Errorf("Enter went to %s, want the search page for the query", got)
	}
	if len(hrefs) == 0 || !strings.HasPrefix(hrefs[0], "/playbooks/sprint-review/") {
		t.Errorf("search page results for \"sprint review\": %v", hrefs)
	}
	if v := Eval[string](t, b, `document.getElementById("search-page-input").value`); v != "sprint review" {
		t.Errorf("search page box holds %q", v)
	}
	b.NoConsoleErrors(t)
}

// TestSearchFilters narrows the results of the search page by type and
// team, and checks the counts and the shareable address.
func TestSearchFilters(t *testing.T) {
	site := buildDemo(t)
	b := New(t, 1280, 900)
	all := searchPage(t, b, site, "launch")
	count := func(facet, value string) int {
		return Eval[int](t, b, `(() => {
			const box = document.querySelector('#search-facets input[data-facet="`+facet+`"][value="`+value+`"]');
			return box ? +box.parentElement.querySelector(".search-facet-count").textContent : -1;
		})()`)
	}
	playbooks := count("type", "playbook")
	if playbooks <= 0 || playbooks >= len(all) {
		t.Fatalf("type facet counts %d playbooks among %d results", playbooks, len(all))
	}
	b.Do(t, chromedp.Click(chromedp.CSS(`#search-facets input[data-facet="type"][value="playbook"]`)))
	hrefs := results(t, b, "launch")
	if len(hrefs) != playbooks {
		t.Errorf("%d results with the playbook filter, the facet said %d", len(hrefs), playbooks)
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "/playbooks/") {
			t.Errorf("result %s is not a playbook", h)
		}
	}
	if got := Eval[string](t, b, `location.search`); !strings.Contains(got, "type=playbook") {
		t.Errorf("address %s does not keep the filter", got)
	}
	// Another value of the same facet widens, a value of another facet
	// narrows.
	if n := count("type", "page"); n <= 0 {
		t.Errorf("with playbooks chosen, the type facet counts %d pages: values of one facet combine with or", n)
	}

	// The address with filters and no query lists the pages of a team.
	b.Do(t, chromedp.Navigate(site+"/search/?team=Growth"))
	hrefs = results(t, b, "")
	want := []string{"/roadmap/growth/", "/kpis/growth-kpis/"}
	for _, w := range want {
		found := false
		for _, h := range hrefs {
			found = found || h == w
		}
		if !found {
			t.Errorf("team Growth lists %v, missing %s", hrefs, w)
		}
	}
	if len(hrefs) != len(want) {
		t.Errorf("team Growth lists %d pages, want %d", len(hrefs), len(want))
	}
	if checked := Eval[bool](t, b, `document.querySelector('#search-facets input[data-facet="team"][value="Growth"]').checked`); !checked {
		t.Error("the team filter from the address is not checked")
	}
	b.NoConsoleErrors(t)
}

// TestSearchFromDisk opens the built site from disk, where fetch is not
// allowed: the index loads through script elements and the results link
// to the pages' index.html files.
func TestSearchFromDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	buildDemoInto(t, dir, "file://"+filepath.ToSlash(dir)+"/")
	b := New(t, 1280, 900)
	b.Do(t, chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/search/index.html?q=incident+update"))
	hrefs := results(t, b, "incident update")
	want := "file://" + filepath.ToSlash(dir) + "/templates/incident-update/index.html"
	if len(hrefs) == 0 {
		t.Fatal("no results from disk")
	}
	if page, _, _ := strings.Cut(hrefs[0], "#"); page != want {
		t.Fatalf("results from disk: %v, want first %s", hrefs, want)
	}
	b.Do(t, chromedp.Click(chromedp.CSS("#search-results a")), chromedp.WaitVisible(chromedp.CSS("h1")))
	if h1 := Eval[string](t, b, `document.querySelector("h1").textContent.trim()`); h1 != "Incident update" {
		t.Errorf("the result opened %q", h1)
	}
	b.Do(t, chromedp.Click(chromedp.ID("search-input")), chromedp.KeyEvent("gloss"), chromedp.WaitVisible(chromedp.CSS(`#search-listbox [role="option"]`)))
	if href := Eval[string](t, b, `document.querySelector("#search-listbox a").getAttribute("href")`); !strings.HasSuffix(href, "/team/glossary/index.html") {
		t.Errorf("header result from disk: %s", href)
	}
	b.NoConsoleErrors(t)
}

// TestSearchBasePathCSP serves the site under /docs/ with a strict
// Content-Security-Policy: the index is found, the results link below
// the base path, and nothing the policy forbids is tried (the browser
// would log it).
func TestSearchBasePathCSP(t *testing.T) {
	root := t.TempDir()
	buildDemoInto(t, filepath.Join(root, "docs"), "https://intranet.example/docs/")
	files := http.FileServer(http.Dir(root))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	b := New(t, 1280, 900)
	hrefs := searchPage(t, b, srv.URL+"/docs", "glossary")
	if len(hrefs) == 0 || hrefs[0] != "/docs/team/glossary/" {
		t.Errorf("results under /docs/: %v", hrefs)
	}
	b.Do(t, chromedp.Click(chromedp.CSS(`#search-facets input[data-facet="owner"]`)))
	results(t, b, "glossary")
	b.Do(t, chromedp.Navigate(srv.URL+"/docs/playbooks/"), chromedp.WaitVisible(chromedp.CSS("h1")),
		chromedp.Click(chromedp.ID("search-input")), chromedp.KeyEvent("triage"), chromedp.WaitVisible(chromedp.CSS(`#search-listbox [role="option"]`)))
	if href := Eval[string](t, b, `document.querySelector("#search-listbox a").getAttribute("href")`); !strings.HasPrefix(href, "/docs/playbooks/feature-request-triage/") {
		t.Errorf("header result under /docs/: %s", href)
	}
	b.NoConsoleErrors(t)
}

// TestSearchPhone uses the search box and page on a phone: the box fits
// the header, the results fit the window, nothing scrolls sideways.
func TestSearchPhone(t *testing.T) {
	site := buildDemo(t)
	b := New(t, 390, 844)
	b.Do(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(site+"/playbooks/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	box := Eval[[]float64](t, b, `(() => { const r = document.getElementById("search-input").getBoundingClientRect(); return [r.left, r.right, r.width, r.height]; })()`)
	if box[2] < 150 || box[1] > 390 || box[3] < 36 {
		t.Errorf("search box on a phone: left %v right %v width %v height %v", box[0], box[1], box[2], box[3])
	}
	b.Do(t, chromedp.Click(chromedp.ID("search-input")), chromedp.KeyEvent("beta"), chromedp.WaitVisible(chromedp.CSS(`#search-listbox [role="option"]`)))
	list := Eval[[]float64](t, b, `(() => { const r = document.getElementById("search-popup").getBoundingClientRect(); return [r.left, r.right, r.bottom]; })()`)
	if list[0] < 0 || list[1] > 390 || list[2] > 844 {
		t.Errorf("results list on a phone spans %v..%v, bottom %v", list[0], list[1], list[2])
	}
	if h := Eval[float64](t, b, `document.querySelector("#search-listbox a").getBoundingClientRect().height`); h < 44 {
		t.Errorf("a result is %v px high, too small to tap", h)
	}
	if w := Eval[int](t, b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("page is %d px wide with the results open", w)
	}
	searchPage(t, b, site, "roadmap")
	if w := Eval[int](t, b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("search page is %d px wide at 390 px", w)
	}
	if open := Eval[bool](t, b, `document.getElementById("search-filters").open`); open {
		t.Error("filters are open on a phone, pushing the results down")
	}
	b.NoConsoleErrors(t)
}

var benchPages = flag.Int("search.pages", 10000, "size of the generated site BenchmarkSearch builds")

// BenchmarkSearch builds a generated site (package corpus) of
// -search.pages pages and measures search as a reader meets it, against
// the budgets: what the first query and each further query transfer
// (search.js and the index files, each counted at its size compressed by
// gzip at its default level), how long a query takes once its files are
// loaded (the median of ten runs, so that other work on the machine
// counts less), the size of the index, and the search stage's share of the
// build's wall time. The queries are testdata/search-bench-queries.txt;
// each is run on a freshly opened page (the first query), then the next
// one of the list on that page (a further query), each showing its first
// eight results as the search box does. Phrases in quotes, which load
// pairs of words too, are measured apart, each after a query without
// quotes.
// Run it once:
//
//	go test -run '^$' -bench Search -benchtime 1x ./generator/browsertest/
func BenchmarkSearch(b *testing.B) {
	queries := readQueries(b, "testdata/search-bench-queries.txt")
	dir := b.TempDir()
	if _, err := corpus.Write(filepath.Join(dir, "site"), corpus.Options{Pages: *benchPages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	res := Build(b, out, generator.Options{
		Site: os.DirFS(filepath.Join(dir, "site")),
		Now:  time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
	})
	var total, stage time.Duration
	for _, s := range res.Stages {
		total += s.Duration
		if s.Name == "search" {
			stage = s.Duration
		}
	}
	var size, blocks int64
	filepath.WalkDir(filepath.Join(out, "search"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".js") {
			info, err := d.Info()
			if err != nil {
				return err
			}
			size += info.Size()
			blocks += (info.Size() + 4095) / 4096 * 4096
		}
		return err
	})

	// Phrases load pairs of words as well: they are measured apart.
	var phrases []string
	queries = slices.DeleteFunc(queries, func(q string) bool {
		if strings.Contains(q, `"`) {
			phrases = append(phrases, q)
			return true
		}
		return false
	})
	site, sent := serveCounting(b, out)
	br := New(b, 1280, 900)
	var first, further, warm, phrase, phraseWarm []float64
	for b.Loop() {
		first, further, warm, phrase, phraseWarm = first[:0], further[:0], warm[:0], phrase[:0], phraseWarm[:0]
		for i, q := range phrases {
			br.Do(b, chromedp.Navigate(site+"/"), chromedp.WaitVisible(chromedp.ID("search-input")))
			runQuery(b, br, queries[i%len(queries)])
			sent.Store(0)
			runQuery(b, br, q)
			phrase = append(phrase, float64(sent.Load())/1000)
			phraseWarm = append(phraseWarm, warmTime(b, br, q))
		}
		for i, q := range queries {
			sent.Store(0)
			br.Do(b, chromedp.Navigate(site+"/"), chromedp.WaitVisible(chromedp.ID("search-input")))
			runQuery(b, br, q)
			first = append(first, float64(sent.Load())/1000)
			next := queries[(i+1)%len(queries)]
			sent.Store(0)
			runQuery(b, br, next)
			further = append(further, float64(sent.Load())/1000)
			warm = append(warm, warmTime(b, br, next))
		}
	}
	b.ReportMetric(quantile(first, 0.5), "first-KB-p50")
	b.ReportMetric(quantile(first, 0.95), "first-KB-p95")
	b.ReportMetric(quantile(further, 0.5), "further-KB-p50")
	b.ReportMetric(quantile(further, 0.95), "further-KB-p95")
	b.ReportMetric(quantile(warm, 0.95), "warm-ms-p95")
	if len(phrases) > 0 {
		b.ReportMetric(quantile(phrase, 0.5), "phrase-KB-p50")
		b.ReportMetric(quantile(phrase, 1), "phrase-KB-max")
		b.ReportMetric(quantile(phraseWarm, 1), "phrase-warm-ms-max")
	}
	b.ReportMetric(float64(size)/1e6, "index-MB")
	b.ReportMetric(float64(blocks)/1e6, "index-disk-MB")
	b.ReportMetric(100*stage.Seconds()/total.Seconds(), "search-%-of-build")
	heaviest := 0
	for i := range further {
		if further[i] > further[heaviest] {
			heaviest = i
		}
	}
	load, _ := os.ReadFile("/proc/loadavg")
	b.Logf("load average %s", load)
	b.Logf("%d pages, %d queries; the heaviest further query is %q, %.1f KB", res.Pages, len(queries), queries[(heaviest+1)%len(queries)], further[heaviest])
}

// warmTime runs q ten times on the page open in b, its files loaded, and
// returns the median time in milliseconds.
func warmTime(tb testing.TB, b *Browser, q string) float64 {
	ms := await[[]float64](tb, b, `(async () => {
		const api = window.opsdocsSearch, ms = [];
		await api.search(`+strconv.Quote(q)+`);
		for (let i = 0; i < 10; i++) {
			const t = performance.now();
			await api.search(`+strconv.Quote(q)+`);
			ms.push(performance.now() - t);
		}
		return ms;
	})()`)
	return quantile(ms, 0.5)
}

// readQueries reads a file of queries, one a line, skipping blank lines
// and comments.
func readQueries(tb testing.TB, name string) []string {
	tb.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	var qs []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	return qs
}

// runQuery searches for q with the engine of the page open in b and
// renders its first eight results, as the search box does.
func runQuery(tb testing.TB, b *Browser, q string) {
	tb.Helper()
	await[bool](tb, b, `(async () => {
		const api = window.opsdocsSearch, res = await api.search(`+strconv.Quote(q)+`);
		await Promise.all(res.hits.slice(0, 8).map(h => api.render(h, res.highlight)));
		return true;
	})()`)
}

// await evaluates an expression that makes a promise, and returns what
// the promise resolves to.
func await[T any](tb testing.TB, b *Browser, expr string) T {
	tb.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// serveCounting serves dir with nothing cached, and counts in sent the
// bytes that search.js and the index files would take compressed with
// gzip.
func serveCounting(tb testing.TB, dir string) (string, *atomic.Int64) {
	var sent atomic.Int64
	var mu sync.Mutex
	gz := map[string]int64{}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		p := r.URL.Path
		if strings.HasSuffix(p, ".js") && (strings.HasPrefix(p, "/search/") || strings.HasPrefix(p, "/assets/search")) {
			mu.Lock()
			n, ok := gz[p]
			if !ok {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
				if err == nil {
					var c countWriter
					zw := gzip.NewWriter(&c)
					zw.Write(data)
					zw.Close()
					n = int64(c)
				}
				gz[p] = n
			}
			mu.Unlock()
			sent.Add(n)
		}
		files.ServeHTTP(w, r)
	}))
	tb.Cleanup(srv.Close)
	return srv.URL, &sent
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// quantile returns the q-quantile of xs, the nearest rank.
func quantile(xs []float64, q float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, int(math.Ceil(q*float64(len(s))))-1)]
}

// TestSearchHeadingLink checks the contract of the search page's results
// (each link's href is its page's address) and that following a result
// still lands on the heading its words are under.
func TestSearchHeadingLink(t *testing.T) {
	site := buildDemo(t)
	b := New(t, 1280, 900)
	hrefs := searchPage(t, b, site, "enterprise accounts incident")
	if len(hrefs) == 0 {
		t.Fatal("no results")
	}
	for _, h := range hrefs {
		if strings.Contains(h, "#") || !strings.HasSuffix(h, "/") {
			t.Errorf("result href %q is not a page's address", h)
		}
	}
	first := Eval[string](t, b, `document.querySelector("#search-results a").getAttribute("href")`)
	anchor := Eval[string](t, b, `document.querySelector("#search-results a").getAttribute("data-anchor") || ""`)
	if first != "/playbooks/incident-communication/" || anchor != "enterprise-accounts" {
		t.Fatalf("first result %s at heading %q, want /playbooks/incident-communication/ at enterprise-accounts", first, anchor)
	}
	b.Do(t, chromedp.Click(chromedp.CSS("#search-results a")), chromedp.WaitVisible(chromedp.CSS("h1")))
	if got := Eval[string](t, b, `location.pathname + location.hash`); got != "/playbooks/incident-communication/#enterprise-accounts" {
		t.Errorf("the result opened %s, want the page at its heading", got)
	}
	b.NoConsoleErrors(t)
}
