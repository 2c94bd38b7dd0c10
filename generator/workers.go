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

// renderOrder is the order in which pages start rendering: the site-wide
// views first, since each lists every page of a kind and takes as long
// as hundreds of pages, then the others. Started last, a view would keep
// one core busy alone at the end of the stage.
func (b *builder) renderOrder(all []*page) []int {
	order := make([]int, 0, len(all))
	for i, p := range all {
		if _, ok := b.views[p.URL]; ok {
			order = append(order, i)
		}
	}
	for i, p := range all {
		if _, ok := b.views[p.URL]; !ok {
			order = append(order, i)
		}
	}
	return order
}
