package main

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/opsdocs/opsdocs/generator/corpus"
)

// hugoSite is the Hugo side of the comparison: its configuration and a
// minimal layout that renders what opsdocs' theme does on every page: a
// sidebar with the sections on the way to the page expanded (at most 60
// entries each), breadcrumbs, a table of contents and previous/next links.
// Render hooks resolve links to .md files and images as opsdocs does.
//
//go:embed all:hugosite
var hugoSite embed.FS

// generateSite writes a fresh generated site into dir.
func generateSite(dir string, pages int, seed uint64) (corpus.Summary, error) {
	if err := os.RemoveAll(dir); err != nil {
		return corpus.Summary{}, err
	}
	return corpus.Write(dir, corpus.Options{Pages: pages, Seed: seed})
}

// writeHugoSite writes, into dir, a Hugo site over the content of the
// generated site: hugo.toml pointing at its content/, the layouts, and its
// images under static/, where Hugo publishes files at their own path.
func writeHugoSite(dir, site string) (string, error) {
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	err := fs.WalkDir(hugoSite, "hugosite", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := hugoSite.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "hugosite/")
		if name == "style.css" {
			name = "static/style.css"
		}
		if name == "hugo.toml" {
			// A top-level key, so before the first table.
			data = append([]byte("contentDir = "+quote(filepath.Join(site, "content"))+"\n"), data...)
		}
		return writeFile(filepath.Join(dir, filepath.FromSlash(name)), data)
	})
	if err != nil {
		return "", err
	}
	content := filepath.Join(site, "content")
	err = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(content, p)
		return writeFile(filepath.Join(dir, "static", rel), data)
	})
	return dir, err
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// quote writes a TOML basic string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
