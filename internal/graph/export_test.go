package graph

// NameReads returns how many counts (or nodes) lookups by name have read.
func NameReads() int64 { return nameReads.Load() }
