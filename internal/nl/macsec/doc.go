// Package macsec is the configuration of MACsec devices (the "macsec"
// generic netlink family) on the engine: the changes ip makes to a
// device's transmit and receive secure channels and associations and to
// its offload, and the dump of a device's whole state.
//
//	macsec.go  the family's commands and attributes, Stats
//	change.go  Change: one request's SC, SA or offload
//	secy.go    SecY: one device of the dump, its SCs and SAs
package macsec
