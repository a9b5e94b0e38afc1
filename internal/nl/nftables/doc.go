// Package nftables is nf_tables on nfnetlink: typed tables, chains, sets,
// set elements and rules with their expressions, encoded for the kernel
// and decoded from its dumps, and a Conn that lists them and commits
// changes as one batch transaction (all or nothing).
//
// The models are the kernel's, not nft's language: a rule is its list of
// expressions (payload loads, comparisons, lookups, verdicts, ...). Turning
// them into nft's statements and back belongs to the command that prints
// and parses them.
package nftables
