package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/opsdocs/opsdocs/generator"
)

// printStats writes the table of --stats: each stage's wall time, CPU
// time and allocations, then the build's pages per second and the
// process's peak memory, and the layouts html/template rendered, more
// slowly than opsdocs' executor. A stage's CPU time over its wall time
// says how many cores it kept busy.
func printStats(w io.Writer, res *generator.Result, swap, total time.Duration) {
	fmt.Fprintf(w, "%-10s %9s %9s %10s %12s\n", "stage", "time", "cpu", "alloc MB", "allocs")
	var cpu time.Duration
	var bytes, objects uint64
	for _, st := range res.Stages {
		fmt.Fprintf(w, "%-10s %9s %9s %10.1f %12d\n", st.Name, st.Duration.Round(time.Millisecond), st.CPU.Round(time.Millisecond), float64(st.AllocBytes)/1e6, st.Allocs)
		cpu += st.CPU
		bytes += st.AllocBytes
		objects += st.Allocs
	}
	fmt.Fprintf(w, "%-10s %9s\n", "swap", swap.Round(time.Millisecond))
	fmt.Fprintf(w, "%-10s %9s %9s %10.1f %12d\n", "total", total.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(bytes)/1e6, objects)
	rate := 0.0
	if total > 0 {
		rate = float64(res.Pages) / total.Seconds()
	}
	fmt.Fprintf(w, "%d pages, %.0f pages/s", res.Pages, rate)
	if rss := peakRSS(); rss > 0 {
		fmt.Fprintf(w, ", peak memory %.0f MB", float64(rss)/1e6)
	}
	fmt.Fprintf(w, ", %d cores\n", runtime.GOMAXPROCS(0))
	for _, l := range res.SlowLayouts {
		why := l.Reason
		if why == "" {
			why = "values of those pages it does not handle"
		}
		fmt.Fprintf(w, "layout %s: %d pages rendered by html/template, more slowly: %s\n", l.Name, l.Pages, why)
	}
}

// gcForBuild paces the garbage collector for a build: Go's default pace
// (GOGC=100), within a soft limit (see buildMemoryLimit) that makes it
// collect more often only when a large site comes near it. A slower pace
// saves the collector work, but the heap then grows further, and memory
// the process touches for the first time costs more than the collections
// saved. The GOGC and GOMEMLIMIT environment variables override either.
//
// It then asks for huge pages over as much heap as the limit allows (see
// hugeHeap), unless GODEBUG=disablethp=1, Go's own switch against them,
// is set.
func gcForBuild() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit(memoryAvailable()))
	}
	if !slices.Contains(strings.Split(os.Getenv("GODEBUG"), ","), "disablethp=1") {
		hugeHeap(int(min(debug.SetMemoryLimit(-1), 4<<30, math.MaxInt/2)))
	}
}

// buildMemoryLimit is the soft limit on a build's memory: 3 GiB, or half
// the memory available (0 if unknown) when that is less. A site of
// 100,000 pages keeps about 1.5 GiB in use at most, so the limit makes
// the collector work harder only for larger sites.
func buildMemoryLimit(available int64) int64 {
	limit := int64(3 << 30)
	if available > 0 {
		limit = min(limit, available/2)
	}
	return limit
}

// profiles are the profiles --cpuprofile and --memprofile ask for.
type profiles struct {
	cpu, mem string
	cpuFile  *os.File
}

// start starts the CPU profile.
func (p *profiles) start() error {
	if p.cpu == "" {
		return nil
	}
	f, err := os.Create(p.cpu)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	p.cpuFile = f
	return nil
}

// stop ends the CPU profile and writes the memory profile.
func (p *profiles) stop() error {
	if p.cpuFile != nil {
		pprof.StopCPUProfile()
		if err := p.cpuFile.Close(); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
	}
	if p.mem == "" {
		return nil
	}
	f, err := os.Create(p.mem)
	if err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	runtime.GC() // the live heap as of the end of the build
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("--memprofile: %w", err)
	}
	return f.Close()
}
