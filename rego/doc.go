// Package rego embeds OPA: it loads the shipped policies and any user
// policy directories, compiles them once with capabilities that leave out
// the network, the clock, randomness and the environment, prepares the one
// router query, and evaluates it once per scan on the graph. Test runs the
// _test.rego files of user policies with the shipped library beside them.
package rego
