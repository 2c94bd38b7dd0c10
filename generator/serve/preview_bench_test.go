package serve

import (
	"flag"
	"fmt"
	"slices"
	"testing"
	"time"
)

var benchPages = flag.Int("pages", 1000, "pages of the site BenchmarkLiveEdit edits")

// BenchmarkLiveEdit measures, on a generated site of -pages pages, the
// time from saving a page to the reload event that follows it, with the
// preview's own coalescing delay. It also reports the first build and the
// memory in use while serving.
//
//	go test ./generator/serve -run '^$' -bench LiveEdit -benchtime 20x -args -pages 10000
func BenchmarkLiveEdit(b *testing.B) {
	files := map[string]string{}
	for i := range *benchPages {
		files[fmt.Sprintf("content/s%02d/p%05d.md", i/500, i)] = benchPage(i, "")
	}
	start := time.Now()
	l := startLiveQuiet(b, files, defaultQuiet)
	startup := time.Since(start)
	edited := fmt.Sprintf("content/s00/p%05d.md", 0)
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		l.write(edited, benchPage(0, fmt.Sprintf("Edit %d.", i)))
		l.stream.waitFor("reload")
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(startup.Milliseconds()), "start-ms")
	b.ReportMetric(float64(rss())/(1<<20), "rss-MiB")
}

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
