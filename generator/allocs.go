package generator

import "runtime/metrics"

// allocs are the process's cumulative heap allocations.
type allocs struct{ bytes, objects uint64 }

var allocSamples = []metrics.Sample{
	{Name: "/gc/heap/allocs:bytes"},
	{Name: "/gc/heap/allocs:objects"},
}

// readAllocs reads the allocation counters without stopping the world,
// unlike runtime.ReadMemStats.
func readAllocs() allocs {
	s := make([]metrics.Sample, len(allocSamples))
	copy(s, allocSamples)
	metrics.Read(s)
	var a allocs
	if s[0].Value.Kind() == metrics.KindUint64 {
		a.bytes = s[0].Value.Uint64()
	}
	if s[1].Value.Kind() == metrics.KindUint64 {
		a.objects = s[1].Value.Uint64()
	}
	return a
}
