package generator

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/opsdocs/opsdocs/generator/output"
)

// indexURLs returns the address of every page in the fragments of the
// search index: [url, ...] per page, a url not starting with "/" being
// the length it shares with the one before (digits of five bits, see
// package search) and the rest.
func indexURLs(t *testing.T, out *output.Memory) []string {
	t.Helper()
	var urls []string
	for _, n := range out.Names() {
		if !strings.HasPrefix(n, "search/") || !strings.Contains(n, "/f") || strings.HasSuffix(n, "/facets.js") || !strings.HasSuffix(n, ".js") {
			continue
		}
		data, _ := out.Get(n)
		s := string(data)
		var group [][]any
		if err := json.Unmarshal([]byte(s[strings.Index(s, ",")+1:strings.LastIndex(s, ")")]), &group); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		prev := ""
		for _, page := range group {
			url := page[0].(string)
			if !strings.HasPrefix(url, "/") {
				shared, shift, i := 0, 0, 0
				for ; ; i++ {
					d := strings.IndexByte("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", url[i])
					if d < 32 {
						shared |= d << shift
						break
					}
					shared |= (d - 32) << shift
					shift += 5
				}
				url = prev[:shared] + url[i+1:]
			}
			urls = append(urls, url)
			prev = url
		}
	}
	return urls
}

// indexText returns the text of every fragment file of the search index.
func indexText(t *testing.T, out *output.Memory) string {
	t.Helper()
	var b strings.Builder
	for _, n := range out.Names() {
		if strings.HasPrefix(n, "search/") && strings.Contains(n, "/f") && strings.HasSuffix(n, ".js") {
			data, _ := out.Get(n)
			b.Write(data)
		}
	}
	if b.Len() == 0 {
		t.Fatalf("no search fragments written; files: %s", strings.Join(out.Names(), " "))
	}
	return b.String()
}

// TestSearchIndex checks which pages the search index holds: drafts
// (even when built), pages with search: false and generated section
// pages are left out.
func TestSearchIndex(t *testing.T) {
	site := fstest.MapFS{
		"content/_index.md":        {Data: []byte("---\ntitle: Home\n---\nWelcome.\n")},
		"content/guides/setup.md":  {Data: []byte("---\ntitle: Setup\n---\n## Install\nRun the installer.\n")},
		"content/guides/hidden.md": {Data: []byte("---\ntitle: Hidden\nsearch: false\n---\nSecret words.\n")},
		"content/guides/draft.md":  {Data: []byte("---\ntitle: Draft\ndraft: true\n---\nUnfinished.\n")},
		"content/guides/shown.md":  {Data: []byte("---\ntitle: Shown\nsearch: true\n---\nText.\n")},
	}
	out := build(t, Options{Site: site, Drafts: true})
	text := indexText(t, out)
	urls := indexURLs(t, out)
	for _, url := range []string{"/", "/guides/setup/", "/guides/shown/"} {
		if !slices.Contains(urls, url) {
			t.Errorf("page %s is not in the index: %v", url, urls)
		}
	}
	for _, url := range []string{"/guides/hidden/", "/guides/draft/", "/guides/"} {
		if slices.Contains(urls, url) {
			t.Errorf("page %s is in the index", url)
		}
	}
	if _, ok := out.Get("guides/draft/index.html"); !ok {
		t.Error("the draft was not built")
	}
	if !strings.Contains(text, `"Install","Run the installer."`) {
		t.Error("the heading of setup.md and its text are not in the index")
	}
	page := get(t, out, "search/index.html")
	for _, want := range []string{`id="search-results"`, `id="search-page-input"`, `/assets/search-page.`, `<title>Search — `} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	if !strings.Contains(get(t, out, "guides/setup/index.html"), `id="search-input"`) {
		t.Error("pages have no search box")
	}
}

// TestSearchBasePath builds under a base path: the search page and the
// box submit to the search page below it.
func TestSearchBasePath(t *testing.T) {
	site := fstest.MapFS{"content/_index.md": {Data: []byte("# Home\n")}}
	out := build(t, Options{Site: site, BaseURL: "https://intranet.example/docs/"})
	home := get(t, out, "index.html")
	if !strings.Contains(home, `action="/docs/search/"`) || !strings.Contains(home, `src="/docs/assets/search.`) {
		t.Error("the search box does not point below /docs/")
	}
	if _, ok := out.Get("search/index.js"); !ok {
		t.Error("no search/index.js")
	}
}

// TestSearchProblems checks the diagnostics of the search stage.
func TestSearchProblems(t *testing.T) {
	for _, tc := range []struct {
		name string
		site fstest.MapFS
		want string
	}{
		{"search not a boolean", fstest.MapFS{
			"content/a.md": {Data: []byte("---\ntitle: A\nsearch: sometimes\n---\nText.\n")},
		}, `content/a.md:3: error: search: "sometimes" is not true or false: write search: false to leave the page out of search`},
		{"page at /search/", fstest.MapFS{
			"content/search.md": {Data: []byte("# Find\n")},
		}, `content/search.md: error: publishes at /search/, the address of the search page: rename it`},
		{"folder search/", fstest.MapFS{
			"content/search/tips.md": {Data: []byte("# Tips\n")},
		}, `content/search: error: publishes at /search/, the address of the search page: rename it`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Build(context.Background(), Options{Site: tc.site, Output: output.NewMemory(), Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.Error())
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// TestSearchStructured checks that the texts of structured content are
// indexed: roadmap items, KPI names and lesson outcomes.
func TestSearchStructured(t *testing.T) {
	site := fstest.MapFS{
		"content/_index.md":           {Data: []byte("# Home\n")},
		"content/roadmap/growth.md":   {Data: []byte("---\ntitle: Growth\ntype: roadmap\nteam: Growth\nitems:\n  - {title: Zanzibar rollout, status: now}\n---\n")},
		"content/kpis/growth.md":      {Data: []byte("---\ntitle: Growth KPIs\nkpis:\n  - {name: Quokka index, target: 1, actual: 1}\n---\n")},
		"content/learn/_index.md":     {Data: []byte("---\ntitle: Learn\ntype: curriculum\n---\n")},
		"content/learn/first.md":      {Data: []byte("---\ntitle: First\noutcomes: [Explain wombat burrows]\n---\n")},
		"content/guides/unrelated.md": {Data: []byte("# Unrelated\nNothing here.\n")},
	}
	out := build(t, Options{Site: site})
	var words strings.Builder
	for _, n := range out.Names() {
		if strings.HasPrefix(n, "search/") && strings.Contains(n, "/w") {
			data, _ := out.Get(n)
			words.Write(data)
		}
	}
	for _, w := range []string{"zanzibar", "quokka", "wombat"} {
		if !strings.Contains(words.String(), w) {
			t.Errorf("%q is not in the search index's words", w)
		}
	}
}
