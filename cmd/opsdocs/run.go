package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/output"
	"github.com/opsdocs/opsdocs/generator/sitefs"
	"github.com/spf13/pflag"
)

// version is the release of opsdocs.
const version = "0.1.0"

// Exit statuses.
const (
	exitOK      = 0
	exitContent = 1 // the site has errors (or warnings, with --strict)
	exitUsage   = 2 // the command line is wrong
)

const usage = `opsdocs builds a product-operations portal from a folder of Markdown.

Usage:
  opsdocs <command> [flags]

Commands:
  build     build the site into a folder
  check     run every check of a build without writing anything (for CI)
  serve     preview the site, rebuilding it and reloading the browser on every change
  init      start a new site from the demo portal
  new       write a commented starter page: playbook, roadmap, kpis, curriculum, lesson, page
  version   print the version
  help      show help for a command

Run "opsdocs help <command>" or "opsdocs <command> --help" for a command's flags.
`

// run is the whole program: it parses args, runs a command and returns the
// exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "init":
		return runInit(rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "opsdocs %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return exitOK
	case "help", "-h", "--help":
		if len(rest) > 0 && rest[0] != "help" {
			return run(ctx, []string{rest[0], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "opsdocs: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

// newFlags returns a flag set for a command, with help text printed to w.
func newFlags(name, summary string, w io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(w)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(w, "%s\n\nUsage:\n  opsdocs %s [flags]\n\nFlags:\n%s", summary, name, fs.FlagUsages())
	}
	return fs
}

// parseFlags parses args and reports whether to go on; when not, code is
// the exit status.
func parseFlags(fs *pflag.FlagSet, args []string, stderr io.Writer) (ok bool, code int) {
	err := fs.Parse(args)
	if errors.Is(err, pflag.ErrHelp) {
		return false, exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs %s: %v\nRun \"opsdocs %s --help\" for usage.\n", fs.Name(), err, fs.Name())
		return false, exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "opsdocs %s: unexpected argument %q\nRun \"opsdocs %s --help\" for usage.\n", fs.Name(), fs.Arg(0), fs.Name())
		return false, exitUsage
	}
	return true, exitOK
}

// siteFlags are the flags of every command that reads a site.
type siteFlags struct {
	source *string
	drafts *bool
	now    *string
}

func addSiteFlags(fs *pflag.FlagSet) *siteFlags {
	return &siteFlags{
		source: fs.StringP("source", "s", ".", "the site's folder: content/, and optionally layouts/, assets/, opsdocs.yaml"),
		drafts: fs.Bool("drafts", false, "include pages marked draft: true"),
		now:    fs.String("now", "", "the date to treat as today, YYYY-MM-DD (default SOURCE_DATE_EPOCH, else the clock)"),
	}
}

// open opens the site's folder, through which no link can lead outside
// it, and returns the date to build for.
func (f *siteFlags) open() (*sitefs.FS, time.Time, error) {
	day, err := today(*f.now)
	if err != nil {
		return nil, day, err
	}
	root, err := sitefs.Open(*f.source)
	return root, day, err
}

// today returns the date a build treats as today: --now, else
// SOURCE_DATE_EPOCH, else the clock.
func today(now string) (time.Time, error) {
	if now != "" {
		t, err := time.Parse(time.DateOnly, now)
		if err != nil {
			return time.Time{}, fmt.Errorf("--now %q: want a date as YYYY-MM-DD", now)
		}
		return t, nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: want seconds since 1970", s)
		}
		return time.Unix(sec, 0).UTC().Truncate(24 * time.Hour), nil
	}
	return time.Now().UTC().Truncate(24 * time.Hour), nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "Build the site into a folder.", stderr)
	site := addSiteFlags(fs)
	out := fs.StringP("out", "o", "public", "the folder to build into; it is replaced as a whole")
	baseURL := fs.String("base-url", "", "the URL the site is published at (overrides base_url in opsdocs.yaml)")
	relative := fs.Bool("relative-urls", false, "make every URL in the pages relative, to browse the output from disk or host it at any path")
	strict := fs.Bool("strict", false, "fail on warnings too (broken links, misspelt keys)")
	failOnStale := fs.Bool("fail-on-stale", false, "fail when a page is overdue for review, listing each one")
	force := fs.Bool("force", false, "replace the output folder even if opsdocs did not make it")
	quiet := fs.BoolP("quiet", "q", false, "print only problems")
	stats := fs.Bool("stats", false, "print each stage's time and allocations, pages per second and peak memory")
	var prof profiles
	fs.StringVar(&prof.cpu, "cpuprofile", "", "write a CPU profile of the build to `FILE`, for go tool pprof")
	fs.StringVar(&prof.mem, "memprofile", "", "write a memory (allocation) profile of the build to `FILE`, for go tool pprof")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if err := checkOut(*site.source, *out); err != nil {
		fmt.Fprintf(stderr, "opsdocs build: %v\n", err)
		return exitUsage
	}
	root, day, err := site.open()
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs build: %v\n", err)
		return exitUsage
	}
	defer root.Close()

	dir, err := output.NewDir(*out, *force)
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs build: %v\n", err)
		return exitUsage
	}
	gcForBuild()
	if err := prof.start(); err != nil {
		dir.Abort()
		fmt.Fprintf(stderr, "opsdocs build: %v\n", err)
		return exitUsage
	}
	start := time.Now()
	res, err := generator.Build(ctx, generator.Options{
		Site: root, Output: dir, BaseURL: *baseURL, RelativeURLs: *relative, Drafts: *site.drafts, Now: day,
		GitDir: *site.source, FailOnStale: *failOnStale,
	})
	commitStart := time.Now()
	if err == nil {
		err = dir.Commit()
	} else {
		dir.Abort()
	}
	end := time.Now()
	if perr := prof.stop(); perr != nil {
		fmt.Fprintf(stderr, "opsdocs build: %v\n", perr)
	}
	if *stats && res != nil {
		printStats(stdout, res, end.Sub(commitStart), end.Sub(start))
	}
	report(stderr, res.Diagnostics, res.Pages)
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs build: %v\n", err)
		if ctx.Err() == nil {
			fmt.Fprintf(stderr, "opsdocs build: nothing was written; %s is as it was\n", *out)
		}
		return exitContent
	}
	if !*quiet {
		fmt.Fprintf(stdout, "built %s (%d files) into %s in %s\n", diag.Plural(res.Pages, "page"), res.Files, *out, time.Since(start).Round(time.Millisecond))
	}
	return status(res.Diagnostics, *strict)
}

// report prints diagnostics and their summary.
func report(w io.Writer, ds []diag.Diagnostic, pages int) {
	if len(ds) == 0 {
		return
	}
	diag.Write(w, "text", ds)
	fmt.Fprintln(w, diag.Summary(ds, pages))
}

func status(ds []diag.Diagnostic, strict bool) int {
	errs, warns := diag.Count(ds)
	if errs > 0 || (strict && warns > 0) {
		return exitContent
	}
	return exitOK
}

// checkOut refuses an output folder that is, or holds, the site itself:
// replacing it would delete the sources.
func checkOut(source, out string) error {
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	inside := func(dir, p string) bool {
		rel, err := filepath.Rel(dir, p)
		return err == nil && (rel == "." || !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && rel != "..")
	}
	if inside(dst, src) {
		return fmt.Errorf("--out %s would replace the site's own folder %s: choose an output folder outside it, such as public", out, source)
	}
	for _, d := range []string{"content", "layouts", "assets"} {
		if inside(filepath.Join(src, d), dst) {
			return fmt.Errorf("--out %s is inside the site's %s/ folder: choose an output folder outside it, such as public", out, d)
		}
	}
	return nil
}
