// Package nft is `gip nft`: nf_tables in nft's language. It lists the
// ruleset, its tables, chains, sets and maps with nft's text and JSON
// (nft 1.0.6), reading the kernel's expressions back into nft's statements
// for the common matches and actions, and changes tables, chains, sets,
// elements and rules in one nf_tables transaction per command line.
//
// The codec is package internal/nl/nftables; this package holds nft's
// names, its grammar and its output.
package nft
