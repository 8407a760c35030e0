// Package parallel runs independent pieces of work on every CPU.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0) ... f(n-1) on up to workers goroutines, each taking the
// next index as soon as it is done with one, so that pieces of uneven
// cost keep every goroutine busy; it returns once every call has. With one
// worker the calls are made in order on the calling goroutine.
func For(n, workers int, f func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// Workers is the number of goroutines for n pieces of work when each
// goroutine should have at least grain of them to be worth starting: one
// per CPU (GOMAXPROCS) at most, one at least.
func Workers(n, grain int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/max(grain, 1)))
}
