package cli

import (
	"fmt"
	"io"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressDelay is how long a scan runs before progress is shown: a scan
// that ends sooner prints nothing. Tests shorten it.
var progressDelay = time.Second

// progressInterval is how often the progress line is redrawn.
const progressInterval = 250 * time.Millisecond

// progress shows what a long scan is doing on one line of a terminal's
// standard error, redrawn in place, and erases it when the scan ends. It is
// never created for anything but a terminal, so logs and pipes stay clean.
type progress struct {
	w     io.Writer
	start time.Time
	delay time.Duration

	mu    sync.Mutex
	stage string
	shown bool

	stop chan struct{}
	done chan struct{}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress starts a progress line on stderr when it is a terminal; it
// returns nil otherwise. The methods of a nil *progress do nothing.
func newProgress(stderr io.Writer) *progress {
	if !isTerminal(stderr) {
		return nil
	}
	return startProgress(stderr, progressDelay)
}

// startProgress draws on w whatever it is, after delay.
func startProgress(w io.Writer, delay time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), delay: delay, stop: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

func (p *progress) run() {
	defer close(p.done)
	t := time.NewTicker(progressInterval)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.draw()
		}
	}
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	elapsed := time.Since(p.start)
	if p.stage == "" || elapsed < p.delay {
		return
	}
	// \r returns to the start of the line, ESC[K erases it.
	fmt.Fprintf(p.w, "\r\x1b[Kacrlint: %s (%.0fs)", p.stage, elapsed.Seconds())
	p.shown = true
}

// Stage records what the scan is doing now.
func (p *progress) Stage(s string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.stage = s
	p.mu.Unlock()
}

// Done stops the progress line and erases it, before the report is
// written.
func (p *progress) Done() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
