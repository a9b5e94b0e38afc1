// Package fou is the kernel's foo-over-UDP receive ports (the "fou"
// generic netlink family) on the engine: a Mapping, its encoder and
// decoder, and the family's commands.
//
//	fou.go  Mapping, Encap, the family's commands and attributes
package fou
