package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestHugoSite(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if _, err := generateSite(site, 40, 1); err != nil {
		t.Fatal(err)
	}
	hugo, err := writeHugoSite(filepath.Join(dir, "hugo"), site)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(hugo, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// contentDir is a top-level key: it must come before the first table.
	want := "contentDir = " + quote(filepath.Join(site, "content"))
	if i, j := strings.Index(string(cfg), want), strings.Index(string(cfg), "["); i < 0 || i > j {
		t.Errorf("hugo.toml does not start with %s:\n%s", want, cfg)
	}
	for _, f := range []string{
		"layouts/_default/baseof.html", "layouts/_default/single.html", "layouts/_default/list.html",
		"layouts/_default/_markup/render-link.html", "layouts/partials/sidebar.html", "static/style.css",
		"static/playbooks/images/playbooks-flow.svg",
	} {
		if _, err := os.Stat(filepath.Join(hugo, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestBody(t *testing.T) {
	for src, want := range map[string]string{
		"---\ntitle: A\n---\nText\n":    "Text\n",
		"+++\ntitle = 'A'\n+++\nText\n": "Text\n",
		"# Title\n":                     "# Title\n",
		"---\nnever closed\n":           "---\nnever closed\n",
	} {
		if got := string(body([]byte(src))); got != want {
			t.Errorf("body(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestMedianSample(t *testing.T) {
	s := medianSample([]sample{
		{wall: 3 * time.Second, cpu: 1 * time.Second, rss: 300},
		{wall: 1 * time.Second, cpu: 5 * time.Second, rss: 100},
		{wall: 2 * time.Second, cpu: 2 * time.Second, rss: 900},
	})
	if s.wall != 2*time.Second || s.cpu != 2*time.Second || s.rss != 300 {
		t.Errorf("median of each measure: %+v", s)
	}
}
