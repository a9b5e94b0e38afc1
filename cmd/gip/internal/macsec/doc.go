// Package macsec is `gip macsec`, ip's macsec object: the secure
// channels and associations of MACsec devices, and their offload (the
// macsec generic netlink family). The devices themselves are a link kind
// (gip link add ... type macsec).
//
//	object.go  the object and its usage
//	parse.go   ip's words for an SA, an SCI and a receive SC
//	change.go  add, set, delete and offload: planned steps
//	show.go    show: the dump, one device or all
//	view.go    a device, its SCs, SAs and counters as text and JSON
package macsec
