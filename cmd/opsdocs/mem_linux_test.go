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
