package cli

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// Progress is never written where standard error is not a terminal (a
// buffer, a pipe, a file), however long the scan takes.
func TestProgressSilentWhenNotATerminal(t *testing.T) {
	old := progressDelay
	progressDelay = 0
	defer func() { progressDelay = old }()

	code, stdout, stderr := run(t, "scan", "../../testdata/rules")
	if code != ExitFindings || stdout == "" {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("scan wrote to standard error, which is not a terminal: %q", stderr)
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(w) {
		t.Fatal("a pipe is taken for a terminal")
	}
	if p := newProgress(w); p != nil {
		p.Done()
		t.Error("progress started on a pipe")
	}
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := newProgress(f); p != nil {
		p.Done()
		t.Error("progress started on a file")
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// On a terminal the progress line shows the stage once the delay has
// passed, and is erased when the scan ends; before the delay nothing shows.
func TestProgressOnTerminal(t *testing.T) {
	var quick syncBuffer
	p := startProgress(&quick, time.Hour)
	p.Stage("reading 3 files")
	time.Sleep(3 * progressInterval)
	p.Done()
	if got := quick.String(); got != "" {
		t.Errorf("a scan shorter than the delay showed progress: %q", got)
	}

	var long syncBuffer
	p = startProgress(&long, 0)
	p.Stage("evaluating the rules on 40000 nodes")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(long.String(), "evaluating the rules on 40000 nodes") && time.Now().Before(deadline) {
		time.Sleep(progressInterval / 2)
	}
	p.Done()
	got := long.String()
	if !strings.HasPrefix(got, "\r\x1b[Kacrlint: evaluating the rules on 40000 nodes (") {
		t.Errorf("progress line: %q", got)
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the progress line is not erased at the end: %q", got)
	}
	var nilProgress *progress
	nilProgress.Stage("x")
	nilProgress.Done()
}
