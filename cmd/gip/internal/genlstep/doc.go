// Package genlstep is what the objects of ip that speak a generic
// netlink family (l2tp, fou, macsec) share: the family's socket in the
// namespace -n names, with ip's answer when the kernel lacks the family,
// and a planned step that sends one command of the family.
package genlstep
