// Package app is gip as a program: Run parses the global options and runs
// one command line or a batch. registry.go lists every object (adding one
// is its package and one line there) and ip's order for abbreviations;
// dispatch.go resolves a command line through that registry, building only
// the object it names; help.go writes --help, complete.go shell completion
// and man.go the manual pages, all from the same registry.
// batch.go runs -batch files: planned verbs go through one plan.Pipeline,
// everything else line by line.
//
// The tests here run whole command lines against the real kernel in
// throwaway namespaces and compare gip with ip and bridge (diff_test.go,
// mutate_test.go, errors_test.go, route_test.go, ...), and replay the
// transcripts in testdata/script.
package app
