//go:build !linux

package serve

// rss returns 0 where the resident memory is not known.
func rss() int64 { return 0 }
