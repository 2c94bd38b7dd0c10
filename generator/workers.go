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

// renderOrder is the order in which pages start rendering: the pages of
// the site-wide views first, since each lists many entries and takes as
// long as dozens of pages, then the others. Started last, a view would
// keep one core busy alone at the end of the stage.
func renderOrder(jobs []renderJob) []int {
	order := make([]int, 0, len(jobs))
	for i, j := range jobs {
		if j.v != nil {
			order = append(order, i)
		}
	}
	for i, j := range jobs {
		if j.v == nil {
			order = append(order, i)
		}
	}
	return order
}
