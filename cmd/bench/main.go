// Command bench measures opsdocs on generated sites (package corpus) and,
// with -compare, against Hugo and Hugo followed by Pagefind.
//
//	go run ./cmd/bench                       # make bench: 1,000 and 10,000 pages
//	go run ./cmd/bench -compare              # make bench-compare: 10,000 pages, three tools
//	go run ./cmd/bench -pages 10000,100000 -runs 1
//
// Every build is cold: into a folder that does not exist yet, all of
// them removed only once every run is done (see size). Each
// configuration runs -runs times, the tools taking turns, and the table
// shows medians of wall time, CPU time (user + system) and peak resident
// memory, the latter from the kernel's accounting of each child process.
// The goldmark floor is the time to read every page and convert its body
// with goldmark alone, on all cores, in this process.
//
// Work files live under -dir (default bench/, ignored by git): the
// generated sites, the outputs, the Hugo site and the tools it installs.
// Hugo comes from Debian's package hugo, installed with apt-get when
// running as root; Pagefind from the npm package pagefind, installed into
// -dir. When one cannot be installed, bench says how to install it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	pages   []int
	runs    int
	compare bool
	dir     string
	seed    uint64
	out     io.Writer
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.String("pages", "", "comma-separated site sizes (default 1000,10000; 10000 with -compare)")
	runs := fs.Int("runs", 3, "builds of each tool at each size; the table shows medians")
	compare := fs.Bool("compare", false, "also build with Hugo, and Hugo followed by Pagefind")
	dir := fs.String("dir", "bench", "folder for generated sites, outputs and installed tools")
	seed := fs.Uint64("seed", 1, "corpus seed")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	c := config{runs: max(1, *runs), compare: *compare, seed: *seed, out: stdout}
	if *pages == "" {
		*pages = "1000,10000"
		if c.compare {
			*pages = "10000"
		}
	}
	for _, s := range strings.Split(*pages, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 20 {
			fmt.Fprintf(stderr, "bench: -pages %q: want sizes of at least 20 pages, such as 1000,10000\n", *pages)
			return 2
		}
		c.pages = append(c.pages, n)
	}
	var err error
	if c.dir, err = filepath.Abs(*dir); err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	if err := c.run(); err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	return 0
}

func (c *config) run() error {
	fmt.Fprintf(c.out, "machine: %d cores, %s, %s; load average before: %s\n", runtime.NumCPU(), memTotal(), runtime.Version(), loadAvg())
	opsdocs, err := buildOpsdocs(c.dir)
	if err != nil {
		return err
	}
	var hugo, pagefind string
	if c.compare {
		if hugo, err = findHugo(c.out); err != nil {
			return err
		}
		if pagefind, err = findPagefind(c.dir, c.out); err != nil {
			return err
		}
		fmt.Fprintf(c.out, "tools: %s; %s\n", toolVersion(hugo, "version"), "pagefind "+toolVersion(pagefind, "--version"))
	}
	var results []sizeResult
	for _, n := range c.pages {
		r, err := c.size(n, opsdocs, hugo, pagefind)
		if err != nil {
			return err
		}
		results = append(results, r)
		r.print(c.out, c.compare)
	}
	if len(results) > 1 {
		printGrowth(c.out, results)
	}
	fmt.Fprintf(c.out, "load average after: %s (above %d means other work competed for the cores)\n", loadAvg(), runtime.NumCPU())
	return nil
}

// A sizeResult holds the runs at one site size.
type sizeResult struct {
	pages    int
	mdBytes  int64
	floor    []time.Duration
	opsdocs  []sample
	hugo     []sample
	pagefind []sample
}

func (c *config) size(n int, opsdocs, hugo, pagefind string) (sizeResult, error) {
	r := sizeResult{pages: n}
	site := filepath.Join(c.dir, "sites", fmt.Sprintf("%d-seed%d", n, c.seed))
	sum, err := generateSite(site, n, c.seed)
	if err != nil {
		return r, err
	}
	r.mdBytes = sum.MarkdownBytes
	outs := filepath.Join(c.dir, "out")
	os.RemoveAll(outs) // left by an interrupted run
	var hugoSite string
	if hugo != "" {
		if hugoSite, err = writeHugoSite(filepath.Join(c.dir, "hugo", filepath.Base(site)), site); err != nil {
			return r, err
		}
	}
	fmt.Fprintf(c.out, "\n%d pages, %.1f MB of Markdown: %d runs", n, float64(sum.MarkdownBytes)/1e6, c.runs)
	for i := range c.runs {
		fmt.Fprintf(c.out, " %d", i+1)
		f, err := goldmarkFloor(filepath.Join(site, "content"))
		if err != nil {
			return r, err
		}
		r.floor = append(r.floor, f)

		// Each build gets a folder of its own, and the folders are removed
		// only after the last run: right after a large folder is deleted,
		// file systems such as ext4 take several times longer to create
		// files, for a minute or more, and the next build would pay for it.
		out := filepath.Join(outs, fmt.Sprintf("opsdocs-%d", i))
		s, err := measure(out, opsdocs, "build", "--quiet", "--source", site, "--out", out, "--now", "2026-11-20")
		if err != nil {
			return r, fmt.Errorf("opsdocs: %w", err)
		}
		r.opsdocs = append(r.opsdocs, s)

		if hugo == "" {
			continue
		}
		out = filepath.Join(outs, fmt.Sprintf("hugo-%d", i))
		s, err = measure(out, hugo, "--quiet", "--source", hugoSite, "--destination", out)
		if err != nil {
			return r, fmt.Errorf("hugo: %w", err)
		}
		r.hugo = append(r.hugo, s)
		s, err = measure("", pagefind, "--site", out)
		if err != nil {
			return r, fmt.Errorf("pagefind: %w", err)
		}
		r.pagefind = append(r.pagefind, s)
	}
	fmt.Fprintln(c.out)
	os.RemoveAll(outs)
	return r, nil
}

func (r sizeResult) print(w io.Writer, compare bool) {
	floor := median(r.floor)
	ops := medianSample(r.opsdocs)
	fmt.Fprintf(w, "%-16s %9s %9s %10s %9s\n", "", "wall", "cpu", "peak RSS", "pages/s")
	fmt.Fprintf(w, "%-16s %9s %9s %10s %9s\n", "goldmark floor", round(floor), "", "", "")
	row := func(name string, s sample) {
		fmt.Fprintf(w, "%-16s %9s %9s %7.0f MB %9.0f\n", name, round(s.wall), round(s.cpu), float64(s.rss)/1e6, float64(r.pages)/s.wall.Seconds())
	}
	row("opsdocs", ops)
	if !compare {
		fmt.Fprintf(w, "opsdocs is %.2fx the goldmark floor\n", ops.wall.Seconds()/floor.Seconds())
		return
	}
	hugo := medianSample(r.hugo)
	// Hugo followed by Pagefind, run by run: the sum of the two times,
	// the larger of the two peaks.
	var both []sample
	for i := range r.hugo {
		both = append(both, sample{
			wall: r.hugo[i].wall + r.pagefind[i].wall,
			cpu:  r.hugo[i].cpu + r.pagefind[i].cpu,
			rss:  max(r.hugo[i].rss, r.pagefind[i].rss),
		})
	}
	hp := medianSample(both)
	row("hugo", hugo)
	row("pagefind", medianSample(r.pagefind))
	row("hugo+pagefind", hp)
	fmt.Fprintf(w, "\n%-34s %7s %8s\n", "ratio (medians)", "value", "budget")
	ratio := func(name string, v, budget float64) {
		verdict := "ok"
		if v > budget {
			verdict = "OVER"
		}
		fmt.Fprintf(w, "%-34s %7.2f %8.2f  %s\n", name, v, budget, verdict)
	}
	ratio("opsdocs / hugo, wall", ops.wall.Seconds()/hugo.wall.Seconds(), 0.3)
	ratio("opsdocs / hugo+pagefind, wall", ops.wall.Seconds()/hp.wall.Seconds(), 0.1)
	ratio("opsdocs / hugo, peak RSS", float64(ops.rss)/float64(hugo.rss), 0.5)
	ratio("opsdocs / goldmark floor, wall", ops.wall.Seconds()/floor.Seconds(), 2.5)
	ratio("opsdocs / hugo, cpu", ops.cpu.Seconds()/hugo.cpu.Seconds(), 1)
}

// printGrowth compares each size with the first: time should grow no
// faster than the number of pages.
func printGrowth(w io.Writer, rs []sizeResult) {
	fmt.Fprintf(w, "\ngrowth of opsdocs from %d pages:\n", rs[0].pages)
	base := medianSample(rs[0].opsdocs)
	for _, r := range rs[1:] {
		s := medianSample(r.opsdocs)
		fmt.Fprintf(w, "  %d pages: %.1fx the pages, %.2fx the wall time, %.2fx the peak RSS (%.0f MB)\n",
			r.pages, float64(r.pages)/float64(rs[0].pages), s.wall.Seconds()/base.wall.Seconds(), float64(s.rss)/float64(base.rss), float64(s.rss)/1e6)
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// medianSample takes the median of each measure on its own.
func medianSample(ss []sample) sample {
	var wall, cpu, rss []time.Duration
	for _, s := range ss {
		wall, cpu, rss = append(wall, s.wall), append(cpu, s.cpu), append(rss, time.Duration(s.rss))
	}
	return sample{wall: median(wall), cpu: median(cpu), rss: int64(median(rss))}
}

func round(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.Round(10 * time.Millisecond).String()
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "memory unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return fmt.Sprintf("%.0f GB", kb/1024/1024)
		}
	}
	return "memory unknown"
}
