// Package grammar reads ip's argument language: a cursor over the words
// (args.go), abbreviations in ip's order (match.go), keyword tables with
// typed setters (keywords.go), C-style numbers and times (number.go),
// address families (family.go), and the one address and prefix grammar
// every object uses (prefix.go: ip's get_addr and get_prefix, netmasks,
// shortened IPv4, default/any/all, MPLS labels), and tc's units: rates,
// sizes with cells and times (units.go).
package grammar
