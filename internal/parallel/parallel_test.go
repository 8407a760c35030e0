package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestFor: every index is handed out exactly once, by no more goroutines
// than asked for, whatever the number of workers.
func TestFor(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 3, 8, 100} {
		for _, n := range []int{0, 1, 2, 7, 1000} {
			seen := make([]atomic.Int32, n)
			var running, most atomic.Int32
			var mu sync.Mutex
			For(n, workers, func(i int) {
				r := running.Add(1)
				mu.Lock()
				most.Store(max(most.Load(), r))
				mu.Unlock()
				seen[i].Add(1)
				runtime.Gosched()
				running.Add(-1)
			})
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Errorf("workers %d, n %d: index %d done %d times", workers, n, i, c)
				}
			}
			if m := int(most.Load()); m > max(workers, 1) {
				t.Errorf("workers %d, n %d: %d calls at once", workers, n, m)
			}
		}
	}
}

// TestForOneWorkerInOrder: one worker calls in order, on the caller's
// goroutine.
func TestForOneWorkerInOrder(t *testing.T) {
	var got []int
	For(5, 1, func(i int) { got = append(got, i) })
	for i, g := range got {
		if g != i {
			t.Fatalf("order %v", got)
		}
	}
	if len(got) != 5 {
		t.Fatalf("calls %v", got)
	}
}

func TestWorkers(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	for _, c := range []struct{ n, grain, want int }{
		{0, 100, 1}, {99, 100, 1}, {200, 100, 2}, {10000, 100, 4}, {10, 0, 4}, {3, 1, 3},
	} {
		if got := Workers(c.n, c.grain); got != c.want {
			t.Errorf("Workers(%d, %d) = %d, want %d", c.n, c.grain, got, c.want)
		}
	}
}
