package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/opsdocs/opsdocs/generator"
)

// printStats writes the table of --stats: each stage's wall time and
// allocations, then the build's pages per second and the process's peak
// memory.
func printStats(w io.Writer, res *generator.Result, swap, total time.Duration) {
	fmt.Fprintf(w, "%-10s %9s %10s %12s\n", "stage", "time", "alloc MB", "allocs")
	var bytes, objects uint64
	for _, st := range res.Stages {
		fmt.Fprintf(w, "%-10s %9s %10.1f %12d\n", st.Name, st.Duration.Round(time.Millisecond), float64(st.AllocBytes)/1e6, st.Allocs)
		bytes += st.AllocBytes
		objects += st.Allocs
	}
	fmt.Fprintf(w, "%-10s %9s\n", "swap", swap.Round(time.Millisecond))
	fmt.Fprintf(w, "%-10s %9s %10.1f %12d\n", "total", total.Round(time.Millisecond), float64(bytes)/1e6, objects)
	rate := 0.0
	if total > 0 {
		rate = float64(res.Pages) / total.Seconds()
	}
	fmt.Fprintf(w, "%d pages, %.0f pages/s", res.Pages, rate)
	if rss := peakRSS(); rss > 0 {
		fmt.Fprintf(w, ", peak memory %.0f MB", float64(rss)/1e6)
	}
	fmt.Fprintf(w, ", %d cores\n", runtime.GOMAXPROCS(0))
}

// gcForBatch has the garbage collector run twice as often as Go's
// default (GOGC=50 instead of 100), unless GOGC is set: a build keeps most
// of what it reads until its pages are written, and collecting more often
// lowers its peak memory by a fifth for much less than a tenth more work.
func gcForBatch() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
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
