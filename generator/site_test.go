package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/opsdocs/opsdocs/generator/output"
)

func build(t *testing.T, opts Options) *output.Memory {
	t.Helper()
	out := output.NewMemory()
	opts.Output = out
	if opts.Now.IsZero() {
		opts.Now = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors() {
		t.Fatalf("errors: %v", res.Diagnostics)
	}
	return out
}

func get(t *testing.T, out *output.Memory, name string) string {
	t.Helper()
	b, ok := out.Get(name)
	if !ok {
		t.Fatalf("%s not written", name)
	}
	return string(b)
}

var localRef = regexp.MustCompile(`(?:href|src)="(/[^"#?]*)`)

// TestDefaultTheme builds a folder holding only content/ with the embedded
// theme: front matter is escaped and every asset a page refers to exists.
func TestDefaultTheme(t *testing.T) {
	out := build(t, Options{Site: fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Home\ndescription: The <b>escaped</b> one.\n---\nHello.\n")},
		"content/a.md":      {Data: []byte("---\ntitle: A & B <script>\nowner: <i>me</i>\n---\n## One\n\n## Two\n")},
	}})
	home := get(t, out, "index.html")
	if !strings.Contains(home, "The &lt;b&gt;escaped&lt;/b&gt; one.") {
		t.Error("description not escaped on the home page")
	}
	a := get(t, out, "a/index.html")
	if strings.Contains(a, "<script>\n") || strings.Contains(a, "A & B <script>") || strings.Contains(a, "<i>me</i>") {
		t.Error("front-matter values not escaped")
	}
	for _, page := range []string{"index.html", "a/index.html", "404.html"} {
		for _, m := range localRef.FindAllStringSubmatch(get(t, out, page), -1) {
			name := strings.TrimPrefix(m[1], "/")
			if name == "" || strings.HasSuffix(name, "/") {
				name += "index.html"
			}
			if _, ok := out.Get(name); !ok {
				t.Errorf("%s refers to %s, which was not written", page, m[1])
			}
		}
	}
}

// TestDemoPortalClean builds the demo portal, which is also the user
// manual, and requires it to have no problem at all: every link and anchor
// resolves, every key is spelt right.
func TestDemoPortalClean(t *testing.T) {
	res, err := Build(context.Background(), Options{Site: os.DirFS(".."), Output: output.NewMemory(), Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("%s", d.Error())
	}
	if res.Pages < 30 {
		t.Errorf("the demo portal has %d pages, want at least 30", res.Pages)
	}
}

// TestDeterministic builds the demo portal twice and compares every byte.
func TestDeterministic(t *testing.T) {
	opts := Options{Site: os.DirFS("..")}
	a, b := build(t, opts), build(t, opts)
	names := a.Names()
	if len(names) < 40 {
		t.Fatalf("only %d files in the demo portal", len(names))
	}
	if got, want := strings.Join(b.Names(), " "), strings.Join(names, " "); got != want {
		t.Fatalf("file lists differ")
	}
	for _, n := range names {
		x, _ := a.Get(n)
		y, _ := b.Get(n)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

// TestSidebarBounded checks that a page of a section of 500 pages lists
// only some of them, so that output grows linearly with the site.
func TestSidebarBounded(t *testing.T) {
	site := fstest.MapFS{"content/_index.md": {Data: []byte("Home")}}
	for i := range 500 {
		site[fmt.Sprintf("content/big/p%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("# Page %03d\n", i))}
	}
	out := build(t, Options{Site: site, Layouts: os.DirFS("testdata/theme/layouts"), Assets: os.DirFS("testdata/theme/assets")})
	page := get(t, out, "big/p250/index.html")
	if n := strings.Count(page, "](/big/p"); n != maxNavEntries+2 { // sidebar, prev, next
		t.Errorf("page lists %d pages of its section, want %d", n, maxNavEntries+2)
	}
	if !strings.Contains(page, "*[Page 250](/big/p250/)") {
		t.Error("the current page is not in its sidebar window")
	}
	if !strings.Contains(page, fmt.Sprintf("+%d", 500-maxNavEntries)) {
		t.Errorf("sidebar does not say how many pages it left out")
	}
	small, large := len(get(t, out, "big/p000/index.html")), len(page)
	if large > small+200 {
		t.Errorf("page size varies with position: %d vs %d bytes", small, large)
	}
}
