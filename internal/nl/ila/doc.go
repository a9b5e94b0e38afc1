// Package ila is Identifier Locator Addressing's generic netlink family
// "ila" (linux/ila.h): its mappings of a locator to match to a locator,
// as typed values with their codec.
package ila
