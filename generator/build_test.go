package generator

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/output"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/sites/*.txtar with the actual output")

// TestSites builds each site of testdata/sites. An archive holds the site's
// files and, under want/, the output files to compare (want/diagnostics
// holds the expected diagnostics, one per line). Lines of the archive's
// comment set options: "now: 2026-11-20", "base-url: /docs/", "drafts",
// "theme: default" (the embedded theme instead of testdata/theme).
func TestSites(t *testing.T) {
	files, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(files) == 0 {
		t.Fatal("no test sites")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			site := fstest.MapFS{}
			wants := map[string][]byte{}
			for _, f := range ar.Files {
				if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
					wants[name] = f.Data
				} else {
					site[f.Name] = &fstest.MapFile{Data: f.Data}
				}
			}
			opts := Options{
				Site:    site,
				Layouts: os.DirFS("testdata/theme/layouts"),
				Assets:  os.DirFS("testdata/theme/assets"),
				Now:     time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
			}
			for _, line := range strings.Split(string(ar.Comment), "\n") {
				k, v, _ := strings.Cut(strings.TrimSpace(line), ":")
				v = strings.TrimSpace(v)
				switch k {
				case "now":
					opts.Now, err = time.Parse(time.DateOnly, v)
					if err != nil {
						t.Fatal(err)
					}
				case "base-url":
					opts.BaseURL = v
				case "drafts":
					opts.Drafts = true
				case "theme":
					opts.Layouts, opts.Assets = nil, nil
				}
			}
			out := output.NewMemory()
			opts.Output = out
			res, err := Build(context.Background(), opts)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			var got bytes.Buffer
			diag.Write(&got, "text", res.Diagnostics)
			actual := map[string][]byte{"diagnostics": got.Bytes()}
			for name := range wants {
				if name == "diagnostics" {
					continue
				}
				data, ok := out.Get(name)
				if !ok {
					t.Errorf("want/%s: not written; written: %s", name, strings.Join(out.Names(), " "))
					continue
				}
				// txtar ends every file with a newline.
				if len(data) > 0 && data[len(data)-1] != '\n' {
					data = append(bytes.Clone(data), '\n')
				}
				actual[name] = data
			}
			if *update {
				for i, f := range ar.Files {
					if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
						ar.Files[i].Data = actual[name]
					}
				}
				if _, ok := wants["diagnostics"]; !ok && got.Len() > 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want/diagnostics", Data: got.Bytes()})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := wants["diagnostics"]; !bytes.Equal(got.Bytes(), want) {
				t.Errorf("diagnostics:\n got:\n%s\nwant:\n%s", got.Bytes(), want)
			}
			for name, want := range wants {
				if name == "diagnostics" {
					continue
				}
				if data, ok := actual[name]; ok && !bytes.Equal(data, want) {
					t.Errorf("want/%s differs:\n--- got\n%s\n--- want\n%s", name, data, want)
				}
			}
		})
	}
}
