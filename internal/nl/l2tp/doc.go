// Package l2tp is the kernel's L2TPv3 tunnels and sessions (the "l2tp"
// generic netlink family) on the engine: their models, encoders and
// decoders, and the family's commands.
//
//	l2tp.go     the family's commands and attributes, Encap, Stats
//	tunnel.go   Tunnel
//	session.go  Session
package l2tp
