//go:build !linux

package main

// memoryAvailable is unknown on this system.
func memoryAvailable() int64 { return 0 }
