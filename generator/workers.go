package generator

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// ioWorkers is how many goroutines render and write pages: twice the
// cores, so that while some wait for the disk the others keep the
// processors busy.
func ioWorkers() int { return 2 * runtime.GOMAXPROCS(0) }

// parallelWith calls f(0) ... f(n-1) on at most workers goroutines and
// waits for them.
func parallelWith(workers, n int, f func(i int)) {
	workers = min(workers, n)
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
