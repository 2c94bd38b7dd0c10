package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// A sample is one run of a program.
type sample struct {
	wall, cpu time.Duration // cpu: user + system, the program and the children it waited for
	rss       int64         // peak resident memory in bytes, of the program or its largest child
}

// measure runs a program to the end and reports what it took. When out is
// set, that folder is removed first, so that every build is cold.
func measure(out, bin string, args ...string) (sample, error) {
	if out != "" {
		if err := os.RemoveAll(out); err != nil {
			return sample{}, err
		}
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %v: %v\n%s", bin, args, err, tail(stderr.Bytes(), 2000))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{wall: wall}, nil
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	// Linux reports ru_maxrss in kilobytes.
	return sample{wall: wall, cpu: cpu, rss: ru.Maxrss * 1024}, nil
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
