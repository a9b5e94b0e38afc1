// Package seg6 is IPv6 segment routing's generic netlink family "SEG6"
// (linux/seg6_genl.h): the source address of encapsulated packets and
// the HMAC keys, as typed values with their codecs.
package seg6
