package serve

import (
	"flag"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/opsdocs/opsdocs/generator/corpus"
)

var (
	benchPages  = flag.Int("pages", 1000, "pages of the site BenchmarkLiveEdit edits")
	benchCorpus = flag.Bool("corpus", false, "BenchmarkLiveEdit: a site shaped like a real portal (package corpus) instead of sections of uniform pages")
	benchEdit   = flag.String("edit", "body", "BenchmarkLiveEdit: what each edit changes, the page's body or its title")
)

// BenchmarkLiveEdit measures, on a generated site of -pages pages, the
// time from saving a page to the reload event that follows it, with the
// preview's own coalescing delay, and reports its median. It also reports
// the first build, until the site is served, and the memory in use while
// serving.
//
//	go test ./generator/serve -run '^$' -bench LiveEdit -benchtime 20x -args -pages 10000
//	go test ./generator/serve -run '^$' -bench LiveEdit -benchtime 20x -args -pages 10000 -corpus -edit title
func BenchmarkLiveEdit(b *testing.B) {
	files := map[string]string{}
	edited := fmt.Sprintf("content/s00/p%05d.md", 0)
	if *benchCorpus {
		_, err := corpus.Generate(corpus.Options{Pages: *benchPages, Seed: 1}, func(f corpus.File) error {
			files[f.Path] = string(f.Data)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		// A page in the middle of the guides.
		var guides []string
		for name := range files {
			if strings.HasPrefix(name, "content/guides/") && path.Base(name) != "_index.md" {
				guides = append(guides, name)
			}
		}
		slices.Sort(guides)
		edited = guides[len(guides)/2]
	} else {
		for i := range *benchPages {
			files[fmt.Sprintf("content/s%02d/p%05d.md", i/500, i)] = benchPage(i, "")
		}
	}
	original := files[edited]
	l := startLiveQuiet(b, files, defaultQuiet)
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		var page string
		switch *benchEdit {
		case "body":
			page = original + fmt.Sprintf("\nEdit %d.\n", i)
		case "title":
			page = titleLine.ReplaceAllString(original, fmt.Sprintf("title: Edit %d", i))
		default:
			b.Fatalf("-edit %q: want body or title", *benchEdit)
		}
		start := time.Now()
		l.write(edited, page)
		l.stream.waitFor("reload")
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(l.built.Milliseconds()), "start-ms")
	b.ReportMetric(float64(rss())/(1<<20), "rss-MiB")
}

var titleLine = regexp.MustCompile(`(?m)^title: .*$`)

func benchPage(i int, extra string) string {
	return fmt.Sprintf(`---
title: Page %d
description: A generated page for the benchmark.
owner: team-%d
reviewed: 2026-10-01
---

## Context

Our quarterly review covers the rollout, the metrics we watch and who owns
them. See [the next page](p%05d.md) for the follow-up. %s

## Steps

1. Check the dashboard.
2. Write the summary.
3. Share it with the team.

| Metric | Target |
|---|---:|
| Activation | 45%% |
| Churn | 2%% |

`+"```go\nfunc main() {}\n```\n", i, i%20, i+1, extra)
}
