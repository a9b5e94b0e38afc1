// Package completion is the shell completion the suite's tools share: the
// bash, zsh and fish scripts, which ask the tool itself for the words that
// can stand at the cursor (`TOOL __complete WORD... PREFIX`), and the
// printing of those words. Each tool knows its own grammar and live values
// (devices, namespaces, set names); the scripts know nothing of them.
package completion
