package gctune

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestSettings(t *testing.T) {
	const target = 400 << 20
	tests := []struct {
		name    string
		live    uint64
		percent int
		limit   int64
	}{
		{"nothing live yet", 0, SmallPercent, target},
		{"small live data", 50 << 20, SmallPercent, target},
		{"just under a third of the target", target/3 - 1, SmallPercent, target},
		{"a third of the target", target / 3, LargePercent, math.MaxInt64},
		{"more than the target", 2 * target, LargePercent, math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, l := Settings(tt.live, target)
			if p != tt.percent || l != tt.limit {
				t.Errorf("Settings(%d, %d) = %d, %d; want %d, %d", tt.live, uint64(target), p, l, tt.percent, tt.limit)
			}
		})
	}
}

// current reads GOGC and the memory limit without changing them.
func current() (int, int64) {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestStartStop(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	p0, l0 := current()
	tu := Start(1 << 40)
	if p, l := current(); p != SmallPercent || l != 1<<40 {
		t.Errorf("after Start: GOGC %d, limit %d; want %d, %d", p, l, SmallPercent, 1<<40)
	}
	// The tuner keeps its settings across collections while the live data
	// is small, and is still armed after each.
	for range 3 {
		runtime.GC()
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		tu.mu.Lock()
		armed := !tu.stopped
		tu.mu.Unlock()
		if p, _ := current(); p == SmallPercent && armed {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the tuner changed GOGC for a small heap")
		}
		time.Sleep(10 * time.Millisecond)
	}
	tu.Stop()
	tu.Stop()
	if p, l := current(); p != p0 || l != l0 {
		t.Errorf("after Stop: GOGC %d, limit %d; want %d, %d", p, l, p0, l0)
	}
}

func TestUserSettingWins(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "200")
			p0, l0 := current()
			tu := Start(1 << 30)
			if p, l := current(); p != p0 || l != l0 {
				t.Errorf("with %s set: GOGC %d, limit %d; want them untouched (%d, %d)", env, p, l, p0, l0)
			}
			tu.Stop()
		})
	}
}

// With a target smaller than the live data, the tuner lifts the limit
// after the next collection instead of collecting over and over.
func TestLargeHeapLiftsLimit(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	p0, l0 := current()
	defer func() {
		debug.SetGCPercent(p0)
		debug.SetMemoryLimit(l0)
	}()
	keep := make([]byte, 64<<20)
	tu := Start(16 << 20)
	defer tu.Stop()
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		if p, l := current(); p == LargePercent && l == math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			p, l := current()
			t.Fatalf("with 64 MiB live and a 16 MiB target: GOGC %d, limit %d; want %d and no limit", p, l, LargePercent)
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(keep)
}
