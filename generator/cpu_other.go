//go:build !unix

package generator

import "time"

// processCPU is 0: the CPU time of a stage is not measured here.
func processCPU() time.Duration { return 0 }
