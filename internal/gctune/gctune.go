// Package gctune sets the garbage collector of a short-lived batch process
// to spend less time collecting while its heap is small.
//
// A scan allocates a great deal (syntax trees, evaluated values, the policy
// input) and keeps little of it, so with Go's default (GOGC=100, a heap of
// twice the live data) a scan of a few thousand files collects dozens of
// times while its live data is a few tens of megabytes. While the live data
// is under a third of a target size, the tuner lets the heap grow to five
// times the live data (GOGC=400) under a soft memory limit of the target,
// so the process stays within it. Once the live data passes a third of the
// target, the limit is lifted and the heap may grow to three times the
// live data (GOGC=200): a large repository is collected half as often as
// with Go's default, and cannot thrash against a limit it has outgrown.
package gctune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

const (
	// SmallPercent is the GOGC while the live data is small.
	SmallPercent = 400
	// LargePercent is the GOGC once the live data is large.
	LargePercent = 200
)

// Settings are the GOGC and soft memory limit for a heap with live bytes
// of live data and a target size: SmallPercent and the target while the
// heap that GOGC=LargePercent would allow is under the target (the live
// data under a third of it), else LargePercent and no limit.
func Settings(live, target uint64) (percent int, limit int64) {
	if live < target/(1+LargePercent/100) {
		return SmallPercent, int64(min(target, math.MaxInt64))
	}
	return LargePercent, math.MaxInt64
}

// Tuner adjusts GOGC after every collection until it is stopped.
type Tuner struct {
	target uint64
	sample []metrics.Sample

	mu        sync.Mutex
	stopped   bool
	prevGC    int
	prevLimit int64
}

// Start tunes the collector for a heap of at most about target bytes. It
// does nothing, and returns a tuner whose Stop is a no-op, when the user
// set GOGC or GOMEMLIMIT: their setting wins.
func Start(target uint64) *Tuner {
	t := &Tuner{target: target, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.stopped = true
		return t
	}
	percent, limit := Settings(0, target)
	t.prevGC = debug.SetGCPercent(percent)
	t.prevLimit = debug.SetMemoryLimit(limit)
	t.arm()
	return t
}

// sentinel is allocated for each collection the tuner waits for; its
// cleanup runs after the collection that found it unreachable.
type sentinel struct{ _ *int }

func (t *Tuner) arm() {
	s := &sentinel{}
	runtime.AddCleanup(s, func(t *Tuner) { t.tune() }, t)
}

func (t *Tuner) tune() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() == metrics.KindUint64 {
		percent, limit := Settings(t.sample[0].Value.Uint64(), t.target)
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
	t.arm()
}

// Stop restores the GOGC and memory limit in effect before Start.
func (t *Tuner) Stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.stopped {
		t.stopped = true
		debug.SetGCPercent(t.prevGC)
		debug.SetMemoryLimit(t.prevLimit)
	}
}
