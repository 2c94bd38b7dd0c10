//go:build linux

package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// memoryAvailable returns the memory the process may use, in bytes: the
// machine's, or its control group's limit when that is less; 0 when
// unknown.
func memoryAvailable() int64 {
	var total int64
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) == nil {
		total = int64(si.Totalram) * int64(si.Unit)
	}
	for _, f := range []string{
		"/sys/fs/cgroup/memory.max",                   // cgroup v2
		"/sys/fs/cgroup/memory/memory.limit_in_bytes", // cgroup v1
	} {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// "max", or a huge number, when there is no limit.
		n, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
		if err == nil && n > 0 && (total == 0 || n < total) {
			total = n
		}
	}
	return total
}
