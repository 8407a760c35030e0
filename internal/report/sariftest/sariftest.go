// Package sariftest checks, in tests, that a document is a valid SARIF 2.1.0
// log according to the official OASIS schema kept in the module's
// testdata/schemas. It never touches the network.
package sariftest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaPath is the schema's location relative to the module root.
const SchemaPath = "testdata/schemas/sarif-schema-2.1.0.json"

var (
	mu       sync.Mutex
	compiled = map[string]*jsonschema.Schema{}
)

// Validate fails t with every schema violation in sarifJSON.
func Validate(t testing.TB, sarifJSON []byte) {
	t.Helper()
	if err := Check(sarifJSON); err != nil {
		t.Errorf("invalid SARIF 2.1.0:\n%v", err)
	}
}

// Check returns the schema violations in sarifJSON, or nil when it is a valid
// SARIF 2.1.0 log.
func Check(sarifJSON []byte) error {
	sch, err := schema()
	if err != nil {
		return err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarifJSON))
	if err != nil {
		return fmt.Errorf("parse SARIF: %w", err)
	}
	return sch.Validate(doc)
}

// schema compiles the SARIF schema once per location.
func schema() (*jsonschema.Schema, error) {
	path, err := FindSchema()
	if err != nil {
		return nil, err
	}
	mu.Lock()
	defer mu.Unlock()
	if sch, ok := compiled[path]; ok {
		return sch, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read SARIF schema: %w", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse SARIF schema %s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The schema's own "id" becomes its base URI; registering the document
	// under its file name keeps every reference resolved from memory.
	if err := c.AddResource(path, doc); err != nil {
		return nil, fmt.Errorf("load SARIF schema: %w", err)
	}
	sch, err := c.Compile(path)
	if err != nil {
		return nil, fmt.Errorf("compile SARIF schema: %w", err)
	}
	compiled[path] = sch
	return sch, nil
}

// FindSchema returns the absolute path of the SARIF schema: SchemaPath under
// the first directory, from the working directory up, that holds a go.mod.
// Tests that change directory out of the module fall back to the module
// this package was built from.
func FindSchema() (string, error) {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		starts = append(starts, filepath.Dir(file))
	}
	for _, dir := range starts {
		root, ok := moduleRoot(dir)
		if !ok {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(SchemaPath))
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("find SARIF schema: no " + SchemaPath + " under a module root above the working directory")
}

func moduleRoot(dir string) (string, bool) {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
