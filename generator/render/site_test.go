package render

import (
	"testing"
	"testing/fstest"
)

func TestReadsSite(t *testing.T) {
	files := fstest.MapFS{
		"base.html":          {Data: []byte(`{{define "base"}}{{.Site.Title}}{{template "partials/kpis.html" .}}{{block "main" .}}{{end}}{{end}}`)},
		"partials/kpis.html": {Data: []byte(`{{define "partials/kpis.html"}}{{range .KPIs}}{{.Name}}{{end}}{{end}}`)},
		"page.html":          {Data: []byte(`{{define "main"}}{{.Page.Title}}{{end}}`)},
		"all-kpis.html":      {Data: []byte(`{{define "main"}}{{with .Site.KPIs}}{{.Summary}}{{end}}{{end}}`)},
		"changes.html":       {Data: []byte(`{{define "main"}}{{range $m := $.Site.Changes}}{{$m.Name}}{{end}}{{end}}`)},
		"with.html":          {Data: []byte(`{{define "main"}}{{with .Site}}{{.Title}}{{end}}{{end}}`)},
		"passed.html":        {Data: []byte(`{{define "main"}}{{template "partials/kpis.html" (dict "KPIs" $.Site)}}{{end}}`)},
		"chain.html":         {Data: []byte(`{{define "main"}}{{(index .Page.Params "x").Site.Freshness}}{{end}}`)},
	}
	tm, err := Load(files, Funcs{BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		layout, name string
		want         bool
	}{
		{"page", "KPIs", false}, // the page's own KPIs, in a partial
		{"page", "Title", true}, // in base
		{"all-kpis", "KPIs", true},
		{"all-kpis", "Changes", false},
		{"changes", "Changes", true},
		{"with", "Changes", true},   // .Site as the dot: any field
		{"passed", "Changes", true}, // .Site passed on
		{"chain", "Freshness", true},
		{"missing", "Title", false},
	} {
		if got := tm.ReadsSite(tc.layout, tc.name); got != tc.want {
			t.Errorf("ReadsSite(%q, %q) = %v, want %v", tc.layout, tc.name, got, tc.want)
		}
	}
}

func TestUsesPager(t *testing.T) {
	files := fstest.MapFS{
		"base.html":           {Data: []byte(`{{define "base"}}{{with .Pager}}{{.Number}}{{end}}{{block "main" .}}{{end}}{{end}}`)},
		"partials/rows.html":  {Data: []byte(`{{define "rows"}}{{range .Pager.KPIs}}{{.Name}}{{end}}{{end}}`)},
		"partials/other.html": {Data: []byte(`{{define "other"}}{{.Page.Title}}{{end}}`)},
		"page.html":           {Data: []byte(`{{define "main"}}{{.Page.Title}}{{end}}`)},
		"old-kpis.html":       {Data: []byte(`{{define "main"}}{{range .Site.KPIs.KPIs}}{{.Name}}{{end}}{{template "other" .}}{{end}}`)},
		"all-kpis.html":       {Data: []byte(`{{define "main"}}{{with .Site.KPIs}}{{range $.Pager.KPIs}}{{.Name}}{{end}}{{end}}{{end}}`)},
		"field.html":          {Data: []byte(`{{define "main"}}{{if .Pager}}{{.Pager.Total}}{{end}}{{end}}`)},
		"partial.html":        {Data: []byte(`{{define "main"}}{{if true}}{{template "rows" .}}{{end}}{{end}}`)},
		"recursive.html":      {Data: []byte(`{{define "main"}}{{template "loop" .}}{{end}}{{define "loop"}}{{if false}}{{template "loop" .}}{{end}}{{end}}`)},
		"dict.html":           {Data: []byte(`{{define "main"}}{{template "rows" (dict "Pager" .Page)}}{{end}}`)},
		"dollar.html":         {Data: []byte(`{{define "main"}}{{with .Page}}{{template "rows" $}}{{end}}{{end}}`)},
	}
	tm, err := Load(files, Funcs{BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	for layout, want := range map[string]bool{
		"page":      false, // base reads .Pager, but not the layout's main
		"old-kpis":  false,
		"all-kpis":  true,
		"field":     true,
		"partial":   true,
		"recursive": false,
		"dict":      false, // the partial's .Pager is the dict's
		"dollar":    true,
		"missing":   false,
	} {
		if got := tm.UsesPager(layout); got != want {
			t.Errorf("UsesPager(%q) = %v, want %v", layout, got, want)
		}
	}
}
