package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/output"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "Run every check of a build, layouts included, without writing anything; print the problems on standard output.", stderr)
	site := addSiteFlags(fs)
	strict := fs.Bool("strict", false, "fail on warnings too (broken links, misspelt keys)")
	failOnStale := fs.Bool("fail-on-stale", false, "fail when a page is overdue for review, listing each one")
	format := fs.String("format", "text", "how to print problems: text, json (an array), or github (workflow commands that annotate a pull request)")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if !slices.Contains(diag.Formats, *format) {
		fmt.Fprintf(stderr, "opsdocs check: --format %q: want one of %s\n", *format, strings.Join(diag.Formats, ", "))
		return exitUsage
	}
	root, day, err := site.open()
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs check: %v\n", err)
		return exitUsage
	}
	defer root.Close()
	gcForBuild()
	res, err := generator.Build(ctx, generator.Options{
		Site: root, Output: output.Discard, Drafts: *site.drafts, Now: day, GitDir: *site.source, FailOnStale: *failOnStale,
	})
	if werr := diag.Write(stdout, *format, res.Diagnostics); werr != nil {
		fmt.Fprintf(stderr, "opsdocs check: %v\n", werr)
		return exitContent
	}
	if *format != "json" {
		if len(res.Diagnostics) == 0 {
			fmt.Fprintf(stdout, "no problems in %s\n", diag.Plural(res.Pages, "page"))
		} else {
			fmt.Fprintln(stdout, diag.Summary(res.Diagnostics, res.Pages))
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs check: %v\n", err)
		return exitContent
	}
	return status(res.Diagnostics, *strict)
}
