// Package genlcmd is what the objects over a generic netlink family share
// (l2tp, fou, macsec, sr, ioam, ila): the family's socket in the
// command's namespace with ip's answer when the kernel lacks the family,
// the family resolved before the verb as ip does, a command of the family
// as a plan step, and listings.
package genlcmd
