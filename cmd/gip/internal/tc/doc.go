// Package tc is `gip tc`, a drop-in for iproute2's tc: its options after
// "tc" (tc.go), and its objects, each a package of its own: qdisc, class
// (and filter, chain, actions and monitor as they come). What every kind
// shares (handles, units' text, the scheduler's clock, rate tables) is in
// package sched.
package tc
