package generator

import (
	"context"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/corpus"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/markdown"
	"github.com/opsdocs/opsdocs/generator/output"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// The benchmarks build a generated site (package corpus) of
// -corpus.pages pages, written to disk once per run of the test binary:
//
//	go test -run '^$' -bench . -benchmem -count 6 ./generator/ > new.txt
//	benchstat old.txt new.txt
//
// Each reports pages/s besides ns/op; MB/s counts Markdown read.
var corpusPages = flag.Int("corpus.pages", 1000, "size of the generated site the benchmarks build")

var benchSite struct {
	once  sync.Once
	dir   string
	bytes int64
	pages int
	err   error
}

// generatedSite returns the folder of the benchmark site.
func generatedSite(b *testing.B) (dir string, mdBytes int64, pages int) {
	b.Helper()
	s := &benchSite
	s.once.Do(func() {
		s.dir, s.err = os.MkdirTemp("", "opsdocs-bench-")
		if s.err != nil {
			return
		}
		var sum corpus.Summary
		sum, s.err = corpus.Write(s.dir, corpus.Options{Pages: *corpusPages, Seed: 1})
		s.bytes, s.pages = sum.MarkdownBytes, sum.Pages
	})
	if s.err != nil {
		b.Fatal(s.err)
	}
	return s.dir, s.bytes, s.pages
}

func TestMain(m *testing.M) {
	// Every page a test renders on the fast path of package render is
	// rendered by html/template too, and must come out the same; not in
	// benchmarks, which measure the fast path alone.
	flag.Parse()
	verifyLayouts = flag.Lookup("test.bench").Value.String() == ""
	code := m.Run()
	if benchSite.dir != "" {
		os.RemoveAll(benchSite.dir)
	}
	os.Exit(code)
}

func reportPages(b *testing.B, pages int) {
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// discard is an output that keeps nothing.
type discard struct{ n atomic.Int64 }

func (d *discard) WriteFile(name string, data []byte) error {
	d.n.Add(int64(len(data)))
	return nil
}

// BenchmarkGoldmarkFloor reads every page and converts its body with
// goldmark and the GitHub extensions alone, on all cores: what any
// Markdown site generator must do at the least, the floor the pipeline is
// measured against.
func BenchmarkGoldmarkFloor(b *testing.B) {
	dir, mdBytes, pages := generatedSite(b)
	var files []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList))
	b.SetBytes(mdBytes)
	b.ResetTimer()
	for b.Loop() {
		parallel(len(files), func(i int) {
			src, err := os.ReadFile(files[i])
			if err != nil {
				b.Error(err)
				return
			}
			_, body, _, _ := content.SplitFrontMatter(src)
			md.Convert(body, io.Discard)
		})
	}
	reportPages(b, pages)
}

// BenchmarkLoad reads the site and decodes every page's front matter.
func BenchmarkLoad(b *testing.B) {
	dir, mdBytes, pages := generatedSite(b)
	fsys := os.DirFS(dir)
	b.SetBytes(mdBytes)
	b.ResetTimer()
	for b.Loop() {
		var diags diag.List
		set := content.Load(fsys, content.LoadOptions{}, &diags)
		if len(set.Pages) != pages {
			b.Fatalf("loaded %d pages of %d", len(set.Pages), pages)
		}
	}
	reportPages(b, pages)
}

// BenchmarkMarkdown converts every page's body with opsdocs' dialect
// (highlighting, link rewriting, headings, text for search), on all cores.
func BenchmarkMarkdown(b *testing.B) {
	dir, mdBytes, pages := generatedSite(b)
	var diags diag.List
	set := content.Load(os.DirFS(dir), content.LoadOptions{}, &diags)
	conv := markdown.New()
	resolve := func(string) (string, bool) { return "/x/", true }
	b.SetBytes(mdBytes)
	b.ResetTimer()
	for b.Loop() {
		parallel(len(set.Pages), func(i int) {
			p := set.Pages[i]
			if _, err := conv.Convert(p.Body, markdown.Options{Path: p.Path, Line: p.BodyLine, BasePath: "/", Resolve: resolve}); err != nil {
				b.Error(err)
			}
		})
	}
	reportPages(b, pages)
}

// BenchmarkRender runs the layouts of every page of a site already
// converted, into an output that keeps nothing: templates, navigation
// and page data.
func BenchmarkRender(b *testing.B) {
	dir, _, pages := generatedSite(b)
	bl := &builder{opts: Options{Site: os.DirFS(dir), Now: time.Now()}, res: &Result{}, last: time.Now()}
	if err := bl.run(context.Background()); err != nil {
		b.Fatal(err)
	}
	out := &discard{}
	bl.opts.Output = out
	b.ResetTimer()
	for b.Loop() {
		if err := bl.render(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(out.n.Load() / int64(b.N))
	reportPages(b, pages)
}

// BenchmarkBuild is a whole build into an output that keeps nothing.
func BenchmarkBuild(b *testing.B) {
	dir, mdBytes, pages := generatedSite(b)
	fsys := os.DirFS(dir)
	b.SetBytes(mdBytes)
	b.ResetTimer()
	for b.Loop() {
		res, err := Build(context.Background(), Options{Site: fsys, Output: &discard{}})
		if err != nil {
			b.Fatal(err)
		}
		if e, w := diag.Count(res.Diagnostics); e+w > 0 {
			b.Fatalf("%d errors, %d warnings", e, w)
		}
	}
	reportPages(b, pages)
}

// BenchmarkBuildToDisk is a whole build into a new folder, swapped into
// place over the previous build, as opsdocs build does.
func BenchmarkBuildToDisk(b *testing.B) {
	dir, mdBytes, pages := generatedSite(b)
	fsys := os.DirFS(dir)
	dest := filepath.Join(b.TempDir(), "public")
	b.SetBytes(mdBytes)
	b.ResetTimer()
	for b.Loop() {
		out, err := output.NewDir(dest, false)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Build(context.Background(), Options{Site: fsys, Output: out}); err != nil {
			b.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	reportPages(b, pages)
}
