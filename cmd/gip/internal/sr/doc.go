// Package sr is `gip sr`, ip's view of IPv6 segment routing's settings
// over the generic netlink family SEG6: the tunnel source address and the
// HMAC keys.
//
//	object.go  the object: hmac and tunsrc, each with show and set, ip's order for abbreviations, the usage
//	tunsrc.go  tunsrc show and set
//	hmac.go    hmac show and set (the secret read as ip's getpass reads it)
package sr
