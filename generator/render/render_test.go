package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

func TestTemplateErrors(t *testing.T) {
	base := `{{define "base"}}<h1>{{.Page.Title}}</h1>{{block "main" .}}{{end}}{{end}}`
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"parse error", fstest.MapFS{"base.html": {Data: []byte(base)}, "page.html": {Data: []byte("{{define \"main\"}}\n\n{{.Page.Title{{end}}")}}, "layouts/page.html:3: "},
		{"no base", fstest.MapFS{"page.html": {Data: []byte(`{{define "main"}}{{end}}`)}}, "layouts/base.html: missing"},
		{"unknown function", fstest.MapFS{"base.html": {Data: []byte(base)}, "partials/x.html": {Data: []byte("{{define \"x\"}}\n{{nope}}{{end}}")}}, `layouts/partials/x.html:2: function "nope" not defined`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.files, Funcs{BasePath: "/"})
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err = %v, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestExecute(t *testing.T) {
	files := fstest.MapFS{
		"base.html": {Data: []byte(`{{define "base"}}<title>{{.Page.Title}}</title>{{block "main" .}}{{end}}{{end}}`)},
		"page.html": {Data: []byte(`{{define "main"}}<a href="{{url "/x/"}}">{{.Page.Params.note}}</a> {{date .Now}} {{isodate .Now}}{{end}}`)},
		"bad.html":  {Data: []byte(`{{define "main"}}{{asset "none.css"}}{{end}}`)},
	}
	tm, err := Load(files, Funcs{BasePath: "/docs/"})
	if err != nil {
		t.Fatal(err)
	}
	data := &Data{Page: &Page{Title: "<T>", Params: map[string]any{"note": "<b>"}}}
	out, err := tm.Render("page", data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), `<title>&lt;T&gt;</title><a href="/docs/x/">&lt;b&gt;</a>  `; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if _, err := tm.Render("bad", data); err == nil || !strings.HasPrefix(err.Error(), "layouts/bad.html:1:") {
		t.Errorf("execution error = %v, want it at layouts/bad.html:1", err)
	}
}

// TestSlow checks that the layouts html/template renders, besides their
// first page, are reported with why.
func TestSlow(t *testing.T) {
	files := fstest.MapFS{
		"base.html":  {Data: []byte(`{{define "base"}}<title>{{.Page.Title}}</title>{{block "main" .}}{{end}}{{end}}`)},
		"page.html":  {Data: []byte("{{define \"main\"}}\n{{range .Page.Tags}}{{break}}{{end}}{{end}}")},
		"keys.html":  {Data: []byte(`{{define "main"}}{{range .Page.Params}}{{.}}{{end}}{{end}}`)},
		"plain.html": {Data: []byte(`{{define "main"}}{{.Page.Title}}{{end}}`)},
	}
	tm, err := Load(files, Funcs{})
	if err != nil {
		t.Fatal(err)
	}
	data := &Data{Page: &Page{Title: "T", Tags: []string{"a"}, Params: map[string]any{"k": "v"}}}
	for range 3 {
		for _, name := range []string{"page", "keys", "plain"} {
			var buf bytes.Buffer
			if err := tm.Execute(&buf, name, data); err != nil {
				t.Fatal(err)
			}
		}
	}
	got := fmt.Sprint(tm.Slow())
	want := "[{keys 2 } {page 2 layouts/page.html:2:22: {{break}}: not handled}]"
	if got != want {
		t.Errorf("Slow() = %s\nwant      %s", got, want)
	}
}

// TestCached checks that cached renders a template once per layout, from
// the data of its first call, escaped as a template would be, with the
// layout's own definition of it; and that an error in the template is
// the build's, at the layout's line.
func TestCached(t *testing.T) {
	calls := 0
	files := fstest.MapFS{
		"base.html":         {Data: []byte(`{{define "base"}}{{cached "links" .}}|{{block "main" .}}{{end}}{{end}}`)},
		"partials/old.html": {Data: []byte(`{{define "links"}}<a href="{{asset "x.css"}}">{{.Page.Title}}</a>{{end}}`)},
		"page.html":         {Data: []byte(`{{define "main"}}{{.Page.Title}}{{end}}`)},
		"own.html":          {Data: []byte(`{{define "links"}}own {{.Page.Title}}{{end}}{{define "main"}}{{end}}`)},
		"bad.html":          {Data: []byte("{{define \"main\"}}\n{{cached \"nope\" .}}{{end}}")},
	}
	tm, err := Load(files, Funcs{BasePath: "/", Asset: func(name string) (string, error) {
		calls++
		return "/assets/" + name, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i, title := range []string{"<one>", "two"} {
		out, err := tm.Render("page", &Data{Page: &Page{Title: title}})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(out), `<a href="/assets/x.css">&lt;one&gt;</a>|`+template.HTMLEscapeString(title); got != want {
			t.Errorf("page %d: got %s, want %s", i, got, want)
		}
	}
	if calls != 1 {
		t.Errorf("the cached template ran %d times for two pages, want once", calls)
	}
	out, err := tm.Render("own", &Data{Page: &Page{Title: "three"}})
	if err != nil || string(out) != "own three|" {
		t.Errorf("a layout with its own definition got %q, %v; want %q", out, err, "own three|")
	}
	if _, err := tm.Render("bad", &Data{Page: &Page{}}); err == nil || !strings.HasPrefix(err.Error(), "layouts/bad.html:2:") {
		t.Errorf("cached of a template that does not exist: %v, want an error at layouts/bad.html:2", err)
	}
}

func TestNavTree(t *testing.T) {
	nav := []*Link{
		{Title: "Onboarding", URL: "/onboarding/"},
		{Title: "Playbooks & <runbooks>", URL: "/docs/play books/", Active: true, More: 3, MoreURL: "/docs/play books/",
			Children: []*Link{
				{Title: "Triage", URL: "/docs/play books/triage/?a=1&b='2'", Active: true, Current: true},
			}},
		{Title: "Solo", URL: "/solo/", Active: true},
	}
	want := `<li><a href="/onboarding/">Onboarding</a></li>
<li class="is-active"><a href="/docs/play%20books/">Playbooks &amp; &lt;runbooks&gt;</a>
<ul class="nav-children" role="list">
<li class="is-active"><a href="/docs/play%20books/triage/?a=1&amp;b=%272%27" aria-current="page">Triage</a></li>
<li class="nav-more"><a href="/docs/play%20books/">All 3 more pages…</a></li>
</ul>
</li>
<li class="is-active"><a href="/solo/">Solo</a></li>
`
	if got := string(NavTree(nav)); got != want {
		t.Errorf("NavTree:\n%s\nwant:\n%s", got, want)
	}
	nav[1].More = 1
	if got := string(NavTree(nav)); !strings.Contains(got, ">1 more page…</a>") {
		t.Errorf("one entry left out: %s", got)
	}
}

// TestNavTreeEscapes checks that the sidebar escapes titles and URLs as
// html/template escapes them in a layout.
func TestNavTreeEscapes(t *testing.T) {
	link := template.Must(template.New("").Parse(`<li><a href="{{.URL}}">{{.Title}}</a></li>` + "\n"))
	for _, l := range []Link{
		{Title: "Plain", URL: "/plain/"},
		{Title: `Q&A <"fast"> 'it' + more`, URL: "/q-a/"},
		{Title: "Runbook (v2)", URL: "/runbooks/runbook-(v2)/"},
		{Title: "Query", URL: "/search/?q=a+b&page=2#top"},
		{Title: "Percent", URL: "/50%/off/%2f/%zz"},
		{Title: "Spaces and more", URL: "/a b/ü/<x>/'y'/\"z\"/"},
		{Title: "Script", URL: "javascript:alert(1)"},
		{Title: "Mail", URL: "mailto:ops@example.com"},
		{Title: "Nul\x00", URL: "/nul/\x00"},
	} {
		var want strings.Builder
		if err := link.Execute(&want, l); err != nil {
			t.Fatal(err)
		}
		if got := string(NavTree([]*Link{&l})); got != want.String() {
			t.Errorf("NavTree writes\n%s html/template writes\n%s", got, want.String())
		}
	}
}

func TestTOCList(t *testing.T) {
	toc := []TOCEntry{
		{Level: 2, ID: "setup", Title: "Setup"},
		{Level: 3, ID: "über-uns/x?y", Title: `Q&A <"fast">`},
	}
	want := `<li class="toc-item toc-level-2"><a href="#setup">Setup</a></li>
<li class="toc-item toc-level-3"><a href="#%c3%bcber-uns%2fx%3fy">Q&amp;A &lt;&#34;fast&#34;&gt;</a></li>
`
	if got := string(TOCList(toc)); got != want {
		t.Errorf("TOCList:\n%s\nwant:\n%s", got, want)
	}
	// The same markup as html/template writes for the same entries.
	files := fstest.MapFS{
		"base.html": {Data: []byte(`{{define "base"}}{{range .Page.TOC}}<li class="toc-item toc-level-{{.Level}}"><a href="#{{.ID}}">{{.Title}}</a></li>` + "\n" + `{{end}}{{end}}`)},
		"page.html": {Data: []byte(`{{define "main"}}{{end}}`)},
	}
	tm, err := Load(files, Funcs{BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := tm.Render("page", &Data{Page: &Page{TOC: toc}})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(TOCList(toc)); got != string(out) {
		t.Errorf("TOCList gives %s, the template %s", got, out)
	}
}
