package render

import (
	"testing"
	"testing/fstest"
)

func TestUses(t *testing.T) {
	files := fstest.MapFS{
		"base.html":          {Data: []byte(`{{define "base"}}{{template "partials/side.html" .}}{{block "main" .}}{{end}}{{end}}`)},
		"partials/side.html": {Data: []byte(`{{define "partials/side.html"}}{{range .Nav}}{{.Title}}{{end}}{{end}}`)},
		"page.html":          {Data: []byte(`{{define "main"}}{{.Page.Title}}{{end}}`)},
		"kpis.html":          {Data: []byte(`{{define "main"}}{{with .Site}}{{if .KPIs}}x{{end}}{{end}}{{end}}`)},
		"changes.html":       {Data: []byte(`{{define "main"}}{{range $m := $.Site.Changes}}{{$m.Name}}{{end}}{{end}}`)},
		"chain.html":         {Data: []byte(`{{define "main"}}{{(index .Page.Params "x").Freshness}}{{end}}`)},
	}
	tm, err := Load(files, Funcs{BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		layout, name string
		want         bool
	}{
		{"page", "KPIs", false},
		{"page", "Title", true},
		{"page", "Nav", true}, // in a partial that base calls
		{"kpis", "KPIs", true},
		{"kpis", "Changes", false},
		{"changes", "Changes", true},
		{"chain", "Freshness", true},
		{"missing", "Title", false},
	} {
		if got := tm.Uses(tc.layout, tc.name); got != tc.want {
			t.Errorf("Uses(%q, %q) = %v, want %v", tc.layout, tc.name, got, tc.want)
		}
	}
}
