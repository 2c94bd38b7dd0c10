package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/sitefs"
)

// brokenFS fails to open the files named in broken, through the file
// systems of its folders too (MapFS's own Sub would not).
type brokenFS struct {
	fstest.MapFS
	broken map[string]bool
}

func (b brokenFS) Sub(dir string) (fs.FS, error) { return prefixFS{b, dir}, nil }

func (b brokenFS) Open(name string) (fs.File, error) {
	if b.broken[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EIO}
	}
	return b.MapFS.Open(name)
}

func (b brokenFS) ReadFile(name string) ([]byte, error) {
	if b.broken[name] {
		return nil, &fs.PathError{Op: "read", Path: name, Err: syscall.EIO}
	}
	return b.MapFS.ReadFile(name)
}

// containsAll fails t for each of wants that got lacks.
func containsAll(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q; got:\n%s", want, got)
		}
	}
}

func diagText(ds []diag.Diagnostic) string {
	var b bytes.Buffer
	diag.Write(&b, "text", ds)
	return b.String()
}

// TestLoadBadFiles checks that each kind of unusable file is reported and
// left out, and that the others still load.
func TestLoadBadFiles(t *testing.T) {
	fsys := brokenFS{MapFS: fstest.MapFS{
		"content/ok.md":      {Data: []byte("# OK\n")},
		"content/empty.md":   {Data: nil},
		"content/latin1.md":  {Data: []byte("title\ncaf\xe9\n")},
		"content/huge.md":    {Data: bytes.Repeat([]byte("word "), 1<<20)},
		"content/broken.md":  {Data: []byte("x")},
		"content/bom.md":     {Data: []byte("\xef\xbb\xbf---\ntitle: BOM\n---\n")},
		"content/img.png":    {Data: []byte("PNG")},
		"content/.hidden.md": {Data: []byte("x")},
		"content/backup.md~": {Data: []byte("x")},
		"content/.git/x.md":  {Data: []byte("x")},
		"content/embed.go":   {Data: []byte("package content")},
		"content/draft.md":   {Data: []byte("---\ndraft: true\n---\n")},
	}, broken: map[string]bool{"content/broken.md": true}}

	var diags diag.List
	set := Load(fsys, LoadOptions{}, &diags)
	got := diagText(diags.Sorted())
	containsAll(t, got,
		"content/broken.md: error: cannot read: open: input/output error\n",
		"content/empty.md: error: file is empty",
		"content/huge.md: error: file is 5.0 MiB, over the 4 MiB limit for a page: split it into several pages\n",
		"content/latin1.md:2:4: error: file is not valid UTF-8: save it as UTF-8 in your editor\n",
	)
	if n := strings.Count(got, "\n"); n != 4 {
		t.Errorf("%d diagnostics, want 4:\n%s", n, got)
	}
	var paths []string
	for _, p := range set.Pages {
		paths = append(paths, p.Path)
	}
	if got, want := strings.Join(paths, " "), "bom.md ok.md"; got != want {
		t.Errorf("pages = %s, want %s", got, want)
	}
	if len(set.Files) != 1 || set.Files[0].URL != "/img.png" {
		t.Errorf("files = %+v, want img.png only", set.Files)
	}
	if set.Pages[0].Title != "BOM" {
		t.Errorf("a byte-order mark hides the front matter: title %q", set.Pages[0].Title)
	}

	diags = diag.List{}
	set = Load(fsys, LoadOptions{Drafts: true}, &diags)
	if len(set.Pages) != 3 {
		t.Errorf("with drafts, %d pages, want 3", len(set.Pages))
	}
}

// TestLoadSymlinks reads a real folder through os.Root and through
// package sitefs, as the command does: a link loop and a link out of the
// site are reported, a link to a file inside it is followed.
func TestLoadSymlinks(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.md")
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/real.md", "# Real\n")
	os.WriteFile(outside, []byte("# Secret\n"), 0o644)
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	link("loop-b.md", "content/loop-a.md")
	link("loop-a.md", "content/loop-b.md")
	link(outside, "content/escape.md")
	link("real.md", "content/alias.md")
	link(".", "content/self")
	link("nowhere.md", "content/dangling.md")

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	site, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	for _, fsys := range []fs.FS{root.FS(), site} {
		loadSymlinks(t, fsys)
	}
}

func loadSymlinks(t *testing.T, fsys fs.FS) {
	t.Helper()
	var diags diag.List
	set := Load(fsys, LoadOptions{}, &diags)
	got := diagText(diags.Sorted())
	containsAll(t, got,
		"content/dangling.md: error: symbolic link to a file that does not exist: point it at a file below the site, or remove it",
		"content/escape.md: error: cannot follow symbolic link",
		"content/loop-a.md: error: cannot follow symbolic link",
		"content/loop-b.md: error: cannot follow symbolic link",
		"content/self: warning: symbolic link to a folder is not followed",
	)
	var titles []string
	for _, p := range set.Pages {
		titles = append(titles, p.Path)
	}
	if got, want := strings.Join(titles, " "), "alias.md real.md"; got != want {
		t.Errorf("pages = %s, want %s", got, want)
	}
	for _, p := range set.Pages {
		if strings.Contains(string(p.Body), "Secret") {
			t.Errorf("%s: read a file outside the site", p.Path)
		}
	}
}

// TestLoadPage checks that one page loads as Load loads it, problems
// included, and that a draft is kept for the caller to judge.
func TestLoadPage(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":     {Data: []byte("---\ntitle: A\nreviwed: 2026-01-01\n---\nBody.\n")},
		"content/draft.md": {Data: []byte("---\ndraft: true\n---\nLater.\n")},
		"content/bad.md":   {Data: []byte("---\ntitle: [x\n---\n")},
	}
	var all, one diag.List
	set := Load(fsys, LoadOptions{}, &all)
	for _, name := range []string{"a.md", "draft.md", "bad.md"} {
		pg := LoadPage(fsys, name, LoadOptions{}, &one)
		switch name {
		case "a.md":
			if pg == nil || pg.Title != "A" || pg.URL != set.Pages[0].URL {
				t.Errorf("LoadPage(a.md) = %+v", pg)
			}
		case "draft.md":
			if pg == nil || !pg.Draft {
				t.Errorf("LoadPage(draft.md) = %+v, want the draft", pg)
			}
		case "bad.md":
			if pg != nil {
				t.Errorf("LoadPage(bad.md) = %+v, want nil", pg)
			}
		}
	}
	if got, want := diagText(one.Sorted()), diagText(all.Sorted()); got != want {
		t.Errorf("LoadPage reports\n%s\nLoad reports\n%s", got, want)
	}
}

// TestLoadDecodeKeep checks that Decode sees every page with all of its
// front matter, and that the page then keeps only the keys of Keep, with
// their lines, and all of its Params.
func TestLoadDecodeKeep(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md": {Data: []byte("---\ntitle: A\nitems:\n  - title: X\n    link: x.md\nreviewed: 2026-01-01\n---\nBody.\n")},
		"content/b.md": {Data: []byte("---\ntitle: B\n---\nBody.\n")},
		"content/c.md": {Data: []byte("---\ndraft: true\n---\nLater.\n")},
	}
	var mu sync.Mutex
	decoded := map[string]int{}
	opts := LoadOptions{
		Decode: func(pg *Page, _ *diag.List) {
			mu.Lock()
			defer mu.Unlock()
			decoded[pg.Path] = len(pg.Meta.Keys())
		},
		Keep: []string{"reviewed", "module"},
	}
	var diags diag.List
	set := Load(fsys, opts, &diags)
	if len(set.Pages) != 2 || decoded["a.md"] != 3 || decoded["b.md"] != 1 || len(decoded) != 2 {
		t.Fatalf("Decode saw %v, want a.md with 3 keys and b.md with 1, and not the draft", decoded)
	}
	a := set.Pages[0]
	if keys := a.Meta.Keys(); len(keys) != 1 || keys[0].Value != "reviewed" || a.Meta.Line("reviewed") != 6 {
		t.Errorf("a.md keeps %v, want reviewed on line 6", keys)
	}
	if a.Meta.Get("items") != nil || a.Params["items"] == nil || a.Title != "A" {
		t.Errorf("a.md: items node %v, Params %v, title %q; want the node gone, the value in Params", a.Meta.Get("items"), a.Params, a.Title)
	}
	if b := set.Pages[1]; b.Meta.Map == nil || len(b.Meta.Keys()) != 0 {
		t.Errorf("b.md keeps %v, want an empty map", b.Meta.Map)
	}
	if pg := LoadPage(fsys, "a.md", opts, &diags); pg == nil || len(pg.Meta.Keys()) != 1 {
		t.Errorf("LoadPage keeps %v, want reviewed alone", pg.Meta.Keys())
	}
}

// TestSectionSort checks that a section sorted again after a title
// changed is in the order NewTree gives.
func TestSectionSort(t *testing.T) {
	pages := []*Page{
		{Path: "s/a.md", Title: "Alpha"}, {Path: "s/b.md", Title: "Beta"}, {Path: "s/c.md", Title: "Gamma", Weight: 1},
	}
	root := NewTree(pages)
	s := root.Sections[0]
	if s.Sort() {
		t.Error("Sort reports a change to a sorted section")
	}
	pages[1].Title = "Aardvark"
	if !s.Sort() {
		t.Error("Sort reports no change after a title changed the order")
	}
	var got []string
	for _, p := range s.Pages {
		got = append(got, p.Title)
	}
	if strings.Join(got, " ") != "Gamma Aardvark Alpha" {
		t.Errorf("order %v, want Gamma Aardvark Alpha", got)
	}
}
