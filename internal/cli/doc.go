// Package cli is the command-line glue the suite's binaries share:
// iproute2's single-dash global options resolved before cobra sees the
// arguments (ParseGlobal), iproute2's prefix matching of objects, verbs and
// keywords (Matches, Lookup), a keyword cursor for iproute2 grammars (Args),
// the per-command environment (Env: options, streams, a lazily opened
// netlink socket) and the one mapping from errors to messages and exit
// codes (Report, ExitCode).
package cli
