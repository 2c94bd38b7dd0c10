package main

import (
	"runtime"
	"testing"
)

func TestBuildMemoryLimit(t *testing.T) {
	const gib = 1 << 30
	for _, tc := range []struct{ available, want int64 }{
		{0, 3 * gib},        // unknown
		{64 * gib, 3 * gib}, // a large machine
		{4 * gib, 2 * gib},  // a small one, or a container
	} {
		if got := buildMemoryLimit(tc.available); got != tc.want {
			t.Errorf("buildMemoryLimit(%d) = %d, want %d", tc.available, got, tc.want)
		}
	}
}

func TestMemoryAvailable(t *testing.T) {
	got := memoryAvailable()
	if runtime.GOOS == "linux" && got <= 0 {
		t.Errorf("memoryAvailable() = %d on Linux, want the machine's memory", got)
	}
	if runtime.GOOS != "linux" && got != 0 {
		t.Errorf("memoryAvailable() = %d, want 0 (unknown)", got)
	}
}
