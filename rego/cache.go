package rego

import (
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// sharedValues holds the values of rules and functions that one
// evaluation has computed, for the queries evaluated beside it on the same
// input: a library rule that several rule packages read (the clients of
// every registry, say) is computed once, not once per query.
//
// Only values computed outside a `with` scope are shared. Within one, a
// query keeps its own frames, as OPA's own cache does; the evaluation of a
// rule is a function of the input and the data, which every query shares.
type sharedValues struct {
	mu     sync.Mutex
	values topdown.VirtualCache
}

func newSharedValues() *sharedValues {
	return &sharedValues{values: topdown.NewVirtualCache()}
}

// cache returns the topdown.VirtualCache of one query over the shared
// values. It is used by that query's evaluation alone.
func (s *sharedValues) cache() topdown.VirtualCache {
	return &queryCache{shared: s}
}

// queryCache is one query's view: the shared values at the outer level,
// its own frames inside `with` scopes.
type queryCache struct {
	shared *sharedValues
	scopes []topdown.VirtualCache
}

func (c *queryCache) Push() { c.scopes = append(c.scopes, topdown.NewVirtualCache()) }

func (c *queryCache) Pop() {
	if n := len(c.scopes); n > 0 {
		c.scopes = c.scopes[:n-1]
	}
}

func (c *queryCache) Get(ref ast.Ref) (*ast.Term, bool) {
	if n := len(c.scopes); n > 0 {
		return c.scopes[n-1].Get(ref)
	}
	c.shared.mu.Lock()
	defer c.shared.mu.Unlock()
	return c.shared.values.Get(ref)
}

func (c *queryCache) Put(ref ast.Ref, value *ast.Term) {
	if n := len(c.scopes); n > 0 {
		c.scopes[n-1].Put(ref, value)
		return
	}
	c.shared.mu.Lock()
	defer c.shared.mu.Unlock()
	c.shared.values.Put(ref, value)
}

func (c *queryCache) Keys() []ast.Ref {
	if n := len(c.scopes); n > 0 {
		return c.scopes[n-1].Keys()
	}
	c.shared.mu.Lock()
	defer c.shared.mu.Unlock()
	return c.shared.values.Keys()
}
