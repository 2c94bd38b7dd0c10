// Command gencorpus writes a generated product-operations site, the input
// of opsdocs' benchmarks:
//
//	go run ./cmd/gencorpus -pages 10000 -out bench/site-10000 [-seed 1]
//
// The same page count and seed always give the same files. The folder
// must not exist or be empty. See package corpus for what the site holds.
package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/opsdocs/opsdocs/generator/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.Int("pages", 1000, "number of Markdown pages, section pages included")
	out := fs.String("out", "", "the folder to write the site into (must not exist or be empty)")
	seed := fs.Uint64("seed", 1, "which of the possible sites to generate")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gencorpus -pages N -out DIR [-seed S]")
		return 2
	}
	start := time.Now()
	sum, err := corpus.Write(*out, corpus.Options{Pages: *pages, Seed: *seed})
	if err != nil {
		fmt.Fprintf(stderr, "gencorpus: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d pages (%.1f MB of Markdown, %d files) to %s in %s\n",
		sum.Pages, float64(sum.MarkdownBytes)/1e6, sum.Files, *out, time.Since(start).Round(time.Millisecond))
	for _, t := range slices.Sorted(maps.Keys(sum.Types)) {
		fmt.Fprintf(stdout, "  %-11s %6d\n", t, sum.Types[t])
	}
	return 0
}
