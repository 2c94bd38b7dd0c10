package generator_test

import (
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/browsertest"
)

// TestCrawlSubPath builds the demo portal for a sub-path, serves the
// output under that path with a plain file server, and follows every
// link and asset from the home page: none may be missing, and none may
// leave the sub-path.
func TestCrawlSubPath(t *testing.T) {
	dir := buildDemoDir(t, generator.Options{BaseURL: "https://intranet.example.com/product-ops/"})
	site := serveUnder(t, dir, "/product-ops/")
	n := len(crawl(t, site+"/product-ops/"))
	if n < 50 {
		t.Errorf("crawled %d pages; the demo portal has more: are links followed?", n)
	}
}

// TestCrawlRelative builds the demo portal with relative URLs, serves it
// under a path the build did not know, and crawls it. Then it reads the
// output as a browser reads it from disk: no URL of an HTML file may start
// with /, and each must name a file that exists, not a folder.
func TestCrawlRelative(t *testing.T) {
	dir := buildDemoDir(t, generator.Options{RelativeURLs: true})
	site := serveUnder(t, dir, "/somewhere/deep/")
	if n := len(crawl(t, site+"/somewhere/deep/")); n < 50 {
		t.Errorf("crawled %d pages; the demo portal has more: are links followed?", n)
	}

	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for _, m := range refAttr.FindAllStringSubmatch(string(data), -1) {
			u, err := url.Parse(html.UnescapeString(m[2]))
			switch {
			case err != nil:
				t.Errorf("%s: %s=%q: %v", rel, m[1], m[2], err)
			case u.Scheme != "" || u.Host != "" || u.Path == "":
				// another site's, or a fragment of this page
			case strings.HasPrefix(u.Path, "/"):
				t.Errorf("%s: %s=%q is not relative", rel, m[1], m[2])
			default:
				target := filepath.Join(filepath.Dir(p), filepath.FromSlash(u.Path))
				if fi, err := os.Stat(target); err != nil || fi.IsDir() {
					t.Errorf("%s: %s=%q names no file on disk", rel, m[1], m[2])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCrawlViewPages builds the demo portal with a few entries a page of
// the site-wide views, so that each has several, and with relative URLs,
// serves it under a path the build did not know, and crawls it: every
// page of every view is reached, through the pagers, and their links
// lead to pages that exist.
func TestCrawlViewPages(t *testing.T) {
	cfg, err := os.ReadFile("../opsdocs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	site := withFile{os.DirFS(".."), "opsdocs.yaml", append(cfg, "view_page_size: 3\n"...)}
	dir := buildDemoDir(t, generator.Options{Site: site, RelativeURLs: true})
	start := serveUnder(t, dir, "/somewhere/deep/") + "/somewhere/deep/"
	pages := crawl(t, start)
	for _, v := range []string{"kpis", "roadmap", "freshness", "changes"} {
		want, err := filepath.Glob(filepath.Join(dir, v, "page", "*", "index.html"))
		if err != nil || len(want) == 0 {
			t.Fatalf("/%s/ has no pages after its first, with 3 entries a page", v)
		}
		for _, f := range want {
			rel, _ := filepath.Rel(dir, f)
			if !slices.Contains(pages, start+filepath.ToSlash(rel)) {
				t.Errorf("%s was not reached from the home page", rel)
			}
		}
	}

	// A further page's breadcrumb ends with the view, linking to its
	// first page, then the page's number.
	page2, err := os.ReadFile(filepath.Join(dir, "kpis", "page", "2", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	crumbs := regexp.MustCompile(`(?s)<nav class="breadcrumbs".*?</nav>`).Find(page2)
	for _, want := range []string{`<a href="../../index.html">KPIs</a>`, `<span aria-current="page">Page 2 of `} {
		if !strings.Contains(string(crumbs), want) {
			t.Errorf("the breadcrumb of /kpis/page/2/ lacks %s:\n%s", want, crumbs)
		}
	}
}

// withFile is a folder with one file replaced.
type withFile struct {
	fs.FS
	name string
	data []byte
}

func (w withFile) Open(name string) (fs.File, error) {
	if name == w.name {
		return fstest.MapFS{name: {Data: w.data}}.Open(name)
	}
	return w.FS.Open(name)
}

// buildDemoDir builds the demo portal, or opts.Site, into a temporary
// folder.
func buildDemoDir(t *testing.T, opts generator.Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	if opts.Site == nil {
		opts.Site = os.DirFS("..")
	}
	opts.Now = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	browsertest.Build(t, dir, opts)
	return dir
}

// serveUnder serves dir at prefix with net/http's file server, the way a
// static host would, and returns the server's URL. Anything outside
// prefix is not found.
func serveUnder(t *testing.T, dir, prefix string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

var (
	refAttr = regexp.MustCompile(`\b(href|src|action)="([^"]*)"`)
	cssURL  = regexp.MustCompile(`url\(\s*["']?([^"')]+)`)
	// The search script finds the index next to the assets folder it is
	// loaded from.
	searchScript = regexp.MustCompile(`^(.*/)assets/search\.[0-9a-f]+\.js$`)
)

// crawl follows every link and asset of the site from start, the URL of
// its home page, and reports each that is missing or outside start. It
// returns the URLs of the HTML pages it read.
func crawl(t *testing.T, start string) []string {
	t.Helper()
	seen := map[string]bool{}
	queue := []string{start}
	from := map[string]string{start: "(start)"}
	var pages []string
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s (linked from %s)", u, resp.Status, from[u])
			continue
		}
		base := resp.Request.URL // after redirects
		var refs []string
		switch ct := resp.Header.Get("Content-Type"); {
		case strings.HasPrefix(ct, "text/html"):
			pages = append(pages, u)
			for _, m := range refAttr.FindAllStringSubmatch(string(body), -1) {
				refs = append(refs, html.UnescapeString(m[2]))
			}
		case strings.HasPrefix(ct, "text/css"):
			for _, m := range cssURL.FindAllStringSubmatch(string(body), -1) {
				refs = append(refs, m[1])
			}
		}
		for _, ref := range refs {
			r, err := base.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad URL %q: %v", u, ref, err)
				continue
			}
			if r.Scheme == "data" || r.Host != base.Host {
				continue // not the site's
			}
			r.Fragment, r.RawQuery = "", ""
			next := r.String()
			if !strings.HasPrefix(next, start) {
				t.Errorf("%s links to %s, outside the site at %s", u, ref, start)
				continue
			}
			if m := searchScript.FindStringSubmatch(r.Path); m != nil {
				idx := *r
				idx.Path = m[1] + "search/index.js"
				enqueue(&queue, seen, from, idx.String(), u)
				for _, api := range []string{"api/kpis.json", "api/roadmap.json", "api/freshness.json", "api/curricula.json"} {
					a := url.URL{Scheme: r.Scheme, Host: r.Host, Path: m[1] + api}
					enqueue(&queue, seen, from, a.String(), u)
				}
			}
			enqueue(&queue, seen, from, next, u)
		}
	}
	return pages
}

func enqueue(queue *[]string, seen map[string]bool, from map[string]string, u, page string) {
	if seen[u] {
		return
	}
	seen[u] = true
	from[u] = page
	*queue = append(*queue, u)
}
