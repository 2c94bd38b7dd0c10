//go:build !linux

package main

// memoryAvailable is unknown on this system.
func memoryAvailable() int64 { return 0 }

// hugeHeap does nothing on this system.
func hugeHeap(size int) (start, end uintptr, err error) { return 0, 0, nil }
