// Package plan turns gip's changes into steps and runs them.
//
// A verb that changes the kernel (link add, addr del, neigh replace,
// route add, rule add, ...) parses its command line into Steps without
// talking to the kernel: names of devices stay names until the step runs,
// because an earlier line of a batch may be what creates them. Each Step
// knows how to build its request once names resolve, and, where the change
// can be reversed exactly, how to build the request that undoes it (from
// the request, and from the kernel's echo of it when the kernel chose an
// id such as an ifindex or a rule priority).
//
// Run executes a verb's steps one by one, as ip does. The batch executor
// in package app pipelines the steps of many lines through nl.Batch and
// uses the undo requests to stop a failed batch exactly where ip's
// line-by-line run would have stopped; atomic batches and gip state build
// on the same steps.
package plan
