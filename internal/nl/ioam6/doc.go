// Package ioam6 is IPv6 In-situ OAM's generic netlink family "IOAM6"
// (linux/ioam6_genl.h): namespaces and schemas as typed values, their
// codecs and requests.
package ioam6
