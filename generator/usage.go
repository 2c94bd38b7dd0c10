package generator

import (
	"runtime/metrics"
	"time"
)

// usage is what the process has used so far: its cumulative heap
// allocations and CPU time.
type usage struct {
	bytes, objects uint64
	cpu            time.Duration
}

var allocSamples = []metrics.Sample{
	{Name: "/gc/heap/allocs:bytes"},
	{Name: "/gc/heap/allocs:objects"},
}

// readUsage reads the allocation counters without stopping the world,
// unlike runtime.ReadMemStats, and the CPU time the operating system
// counts for the process (0 where it cannot say).
func readUsage() usage {
	s := make([]metrics.Sample, len(allocSamples))
	copy(s, allocSamples)
	metrics.Read(s)
	u := usage{cpu: processCPU()}
	if s[0].Value.Kind() == metrics.KindUint64 {
		u.bytes = s[0].Value.Uint64()
	}
	if s[1].Value.Kind() == metrics.KindUint64 {
		u.objects = s[1].Value.Uint64()
	}
	return u
}
