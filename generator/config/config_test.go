package config

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/opsdocs/opsdocs/generator/diag"
)

func TestBasePath(t *testing.T) {
	for in, want := range map[string]string{
		"":                              "/",
		"https://x.example":             "/",
		"https://x.example/":            "/",
		"https://x.example/product-ops": "/product-ops/",
		"https://x.example/a/b/":        "/a/b/",
		"/docs":                         "/docs/",
	} {
		if got, err := BasePath(in); err != nil || got != want {
			t.Errorf("BasePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"https://x.example/?q=1", "https://x.example/#top", "http://[::1"} {
		if _, err := BasePath(bad); err == nil {
			t.Errorf("BasePath(%q) accepted", bad)
		}
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{File: {Data: []byte("title: Ops\nnav: [a, b]\nedit_url: https://git.example/edit/\ntitel: x\ncolour: red\nbase_url: https://x.example/?q\nreview_every: [1]\nkpi_stale_after: 0\n")}}
	var diags diag.List
	c := Load(fsys, &diags)
	if c.Title != "Ops" || len(c.Nav) != 2 || c.EditURL != "https://git.example/edit/" || c.BaseURL != "" || c.KPIStaleAfter != 45 {
		t.Errorf("config = %+v", c)
	}
	var b bytes.Buffer
	diag.Write(&b, "text", diags.Sorted())
	want := `opsdocs.yaml:4: error: unknown key "titel": did you mean "title"?
opsdocs.yaml:5: error: unknown key "colour"; the keys are title, description, base_url, edit_url, nav, review_every, kpi_stale_after, view_page_size, public
opsdocs.yaml:6: error: base_url: "https://x.example/?q": a base URL has no query or fragment
opsdocs.yaml:7: error: review_every: want a single line of text, not a list
opsdocs.yaml:8: error: kpi_stale_after: 0 is not a number of days: give 1 or more
`
	if b.String() != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", b.String(), want)
	}

	diags = diag.List{}
	if c := Load(fstest.MapFS{}, &diags); c.Title != "Docs" || len(diags.Sorted()) != 0 {
		t.Errorf("no file: %+v, %v", c, diags.Sorted())
	}
	diags = diag.List{}
	c = Load(fstest.MapFS{File: {Data: []byte("review_every: fortnightly\npublic: maybe\nview_page_size: 0\n")}}, &diags)
	b.Reset()
	diag.Write(&b, "text", diags.Sorted())
	want = `opsdocs.yaml:1: error: review_every: review interval "fortnightly" is not understood: write 30d, 6w, 3m, 1y, weekly, monthly, quarterly, half-yearly, yearly or never
opsdocs.yaml:2: error: public: "maybe" is not true or false
opsdocs.yaml:3: error: view_page_size: 0 is not a number of entries: give 1 or more (the default is 100)
`
	if b.String() != want || c.ReviewEvery != "" || c.Public || c.ViewPageSize != DefaultViewPageSize {
		t.Errorf("diagnostics:\n%s\nwant:\n%s\nconfig %+v", b.String(), want, c)
	}

	diags = diag.List{}
	if c := Load(fstest.MapFS{File: {Data: []byte("view_page_size: 50\n")}}, &diags); c.ViewPageSize != 50 || len(diags.Sorted()) != 0 {
		t.Errorf("view_page_size: 50 gives %d, %v", c.ViewPageSize, diags.Sorted())
	}
	diags = diag.List{}
	c = Load(fstest.MapFS{File: {Data: []byte("title: Ops\nview_page_size: many\n")}}, &diags)
	if d := diags.Sorted(); len(d) != 1 || d[0].Error() != `opsdocs.yaml:2: error: view_page_size: "many" is not a whole number` || c.ViewPageSize != DefaultViewPageSize {
		t.Errorf("view_page_size: many: %v, size %d", d, c.ViewPageSize)
	}

	diags = diag.List{}
	Load(fstest.MapFS{File: {Data: []byte("- a\n")}}, &diags)
	if d := diags.Sorted(); len(d) != 1 || d[0].Line != 1 {
		t.Errorf("a list: %v", d)
	}
}
