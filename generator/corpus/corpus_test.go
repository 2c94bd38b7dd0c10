package corpus_test

import (
	"bytes"
	"context"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/corpus"
	"github.com/opsdocs/opsdocs/generator/output"
	"gopkg.in/yaml.v3"
)

func generate(t *testing.T, pages int, seed uint64) (fstest.MapFS, corpus.Summary) {
	t.Helper()
	site := fstest.MapFS{}
	sum, err := corpus.Generate(corpus.Options{Pages: pages, Seed: seed}, func(f corpus.File) error {
		if _, ok := site[f.Path]; ok {
			t.Errorf("%s generated twice", f.Path)
		}
		site[f.Path] = &fstest.MapFile{Data: f.Data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return site, sum
}

func TestSameSeedSameBytes(t *testing.T) {
	a, _ := generate(t, 150, 7)
	b, _ := generate(t, 150, 7)
	c, _ := generate(t, 150, 8)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	differs := false
	for name, f := range a {
		g, ok := b[name]
		if !ok || !bytes.Equal(f.Data, g.Data) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if h, ok := c[name]; !ok || !bytes.Equal(f.Data, h.Data) {
			differs = true
		}
	}
	if !differs {
		t.Error("seeds 7 and 8 gave the same site")
	}
}

func TestPageCount(t *testing.T) {
	for _, n := range []int{corpus.MinPages, 57, 400} {
		_, sum := generate(t, n, 1)
		if sum.Pages != n {
			t.Errorf("asked for %d pages, got %d", n, sum.Pages)
		}
	}
	if _, err := corpus.Generate(corpus.Options{Pages: corpus.MinPages - 1}, func(corpus.File) error { return nil }); err == nil {
		t.Errorf("%d pages: no error", corpus.MinPages-1)
	}
}

// A generated site builds without a single diagnostic: every link, image
// and anchor points at something that exists.
func TestBuildsClean(t *testing.T) {
	site, sum := generate(t, 400, 3)
	mem := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{
		Site: site, Output: mem, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("%s:%d: %s: %s", d.Path, d.Line, d.Severity, d.Message)
	}
	// The build adds the site-wide views the corpus has no page for.
	views := 0
	for _, v := range []string{"roadmap", "kpis", "freshness", "changes"} {
		if _, ok := site["content/"+v+"/_index.md"]; ok {
			continue
		}
		if _, ok := mem.Get(v + "/index.html"); ok {
			views++
		}
	}
	if res.Pages != sum.Pages+views {
		t.Errorf("built %d pages of %d, and %d generated views", res.Pages, sum.Pages, views)
	}
	images := 0
	for name := range site {
		if strings.HasSuffix(name, ".png") || strings.HasSuffix(name, ".svg") {
			images++
			if _, ok := mem.Get(strings.TrimPrefix(name, "content/")); !ok {
				t.Errorf("%s was not published", name)
			}
		}
	}
	if images == 0 {
		t.Error("no images")
	}
}

// Structured front matter follows the content model, so that the content
// types' checks find nothing to report either.
func TestStructuredFrontMatter(t *testing.T) {
	site, sum := generate(t, 600, 5)
	for _, typ := range []string{"page", "section", "playbook", "roadmap", "kpis", "curriculum", "lesson"} {
		if sum.Types[typ] == 0 {
			t.Errorf("no page of type %s", typ)
		}
	}
	pages := map[string]*content.Page{}
	for name, f := range site {
		p, ok := strings.CutPrefix(name, "content/")
		if !ok || path.Ext(p) != ".md" {
			continue
		}
		pg, errs := content.ParsePage(p, f.Data)
		if len(errs) > 0 || pg == nil {
			t.Fatalf("%s: %v", name, errs)
		}
		pages[p] = pg
	}
	exists := func(from *content.Page, link string) bool {
		_, ok := pages[path.Join(path.Dir(from.Path), link)]
		return ok
	}
	curricula := map[string]bool{}
	for _, pg := range pages {
		if pg.Type == content.TypeCurriculum {
			curricula[path.Dir(pg.Path)] = true
		}
	}
	kpiIDs := map[string]string{}
	for p, pg := range pages {
		for _, kpi := range list(pg.Meta.Get("kpis")) {
			id := field(kpi, "id")
			if other, ok := kpiIDs[id]; ok {
				t.Errorf("%s: KPI id %q also in %s", p, id, other)
			}
			kpiIDs[id] = p
			if field(kpi, "name") == "" || field(kpi, "target") == "" {
				t.Errorf("%s: KPI %q without name or target", p, id)
			}
		}
		switch pg.Type {
		case content.TypeRoadmap:
			items := list(pg.Meta.Get("items"))
			if len(items) == 0 {
				t.Errorf("%s: roadmap without items", p)
			}
			for _, it := range items {
				if !strings.Contains("now next later done dropped", field(it, "status")) {
					t.Errorf("%s: status %q", p, field(it, "status"))
				}
				if l := field(it, "link"); l != "" && !exists(pg, l) {
					t.Errorf("%s: link to missing page %s", p, l)
				}
			}
		case content.TypePlaybook:
			for _, tmpl := range list(pg.Meta.Get("templates")) {
				if !exists(pg, tmpl.Value) {
					t.Errorf("%s: template %s does not exist", p, tmpl.Value)
				}
			}
			if pg.Meta.Get("roles") == nil {
				t.Errorf("%s: playbook without roles", p)
			}
		}
		if !curricula[path.Dir(p)] || pg.IsIndex {
			continue
		}
		order := func(pg *content.Page) int { return pg.Params["order"].(int) }
		for _, pre := range list(pg.Meta.Get("prerequisites")) {
			q, ok := pages[path.Join(path.Dir(p), pre.Value)]
			switch {
			case !ok:
				t.Errorf("%s: prerequisite %s is not a lesson of its curriculum", p, pre.Value)
			case order(q) >= order(pg):
				t.Errorf("%s: prerequisite %s comes after it", p, pre.Value)
			}
		}
		if d, _ := pg.Params["duration"].(string); d == "" {
			t.Errorf("%s: lesson without duration", p)
		}
	}
	if len(kpiIDs) == 0 {
		t.Error("no KPIs")
	}
}

func list(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

func field(n *yaml.Node, key string) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1].Value
		}
	}
	return ""
}
