package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
)

func TestHugeHeap(t *testing.T) {
	if hugePageSize() == 0 {
		t.Skip("this system gives no transparent huge pages")
	}
	const size = 64 << 20
	before := minorFaults(t)
	start, end, err := hugeHeap(size)
	if err != nil {
		t.Fatalf("hugeHeap: %v", err)
	}
	// The range is claimed without being touched: zeroing it would take
	// a fault for each of its 16,384 small pages.
	if n := minorFaults(t) - before; n > 1000 {
		t.Errorf("hugeHeap took %d page faults; want it not to touch the range", n)
	}
	if end-start < size/2 {
		t.Fatalf("hugeHeap advised %#x-%#x, %d bytes; want most of %d", start, end, end-start, size)
	}
	flags := vmFlags(t, start)
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("mapping of %#x has VmFlags %q; want hg (huge pages advised)", start, flags)
	}
}

func TestParseHugePageSize(t *testing.T) {
	for _, tc := range []struct {
		mode, size string
		want       uintptr
	}{
		{"always [madvise] never\n", "2097152\n", 2 << 20},
		{"[always] madvise never\n", "2097152\n", 2 << 20},
		{"always madvise [never]\n", "2097152\n", 0},         // off
		{"always [madvise] never\n", "536870912", 512 << 20}, // 64 KiB base pages
		{"always [madvise] never\n", "", 0},
		{"always [madvise] never\n", "2M", 0},
		{"always [madvise] never\n", "3000000", 0}, // not a power of two
		{"always [madvise] never\n", "0", 0},
		{"", "2097152", 0},
	} {
		if got := parseHugePageSize(tc.mode, tc.size); got != tc.want {
			t.Errorf("parseHugePageSize(%q, %q) = %d, want %d", tc.mode, tc.size, got, tc.want)
		}
	}
}

// minorFaults returns the page faults the process has taken so far.
func minorFaults(t *testing.T) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return ru.Minflt
}

// vmFlags returns the VmFlags line of the mapping that holds addr, from
// /proc/self/smaps.
func vmFlags(t *testing.T, addr uintptr) string {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if _, err := fmt.Sscanf(line, "%x-%x ", &lo, &hi); err == nil {
			in = lo <= addr && addr < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(flags)
		}
	}
	t.Fatalf("no mapping of %#x in /proc/self/smaps", addr)
	return ""
}
