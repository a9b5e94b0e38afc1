// Package env is what a gip command line runs with: the global options
// (globals.go, ip's single-dash options in ip's order), and Env (env.go):
// the streams, the rtnetlink socket in the namespace -n chose, one link
// resolver (links.go: names and indexes, asked of the kernel once, or
// preloaded with one dump that skips statistics) and the name tables of
// /etc/iproute2 (names.go: tables, protocols, scopes, realms, dsfield,
// groups; numbers instead under -N).
package env
