package sourcefile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRead: a nil ReadFile reads from the disk, any other is called.
func TestRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "main.tf")
	if err := os.WriteFile(path, []byte("on disk"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(nil).Read(path); err != nil || string(b) != "on disk" {
		t.Errorf("nil ReadFile: %q, %v", b, err)
	}
	given := ReadFile(func(p string) ([]byte, error) { return []byte("given " + filepath.Base(p)), nil })
	if b, err := given.Read(path); err != nil || string(b) != "given main.tf" {
		t.Errorf("ReadFile: %q, %v", b, err)
	}
}
