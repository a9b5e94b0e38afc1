// Package ipaddress is the suite's address library: the Address, Network
// and Interface model of PEP 3144, with the behaviour of CPython 3.13's
// ipaddress module, built on net/netip.
//
// # Parsing
//
// ParseAddress, ParseNetwork and ParseInterface accept exactly what
// ipaddress.ip_address, ip_network and ip_interface accept: IPv4 as four
// decimal octets with no leading zeros; IPv6 with "::", an embedded IPv4
// tail and a "%zone"; networks as ADDR/LEN and, for IPv4, ADDR/NETMASK or
// ADDR/HOSTMASK. Failures are *ParseError values that wrap one of
// ErrInvalidAddress, ErrInvalidNetmask or ErrHostBitsSet, and carry
// CPython's messages (Error for the module-level one, Detail for the
// family-specific reason).
//
// # Values
//
// Address, Network and Interface are small comparable values (an address and
// a prefix length) that can be map keys and are copied freely. The zero value
// of each is invalid. Their methods are CPython's properties under Go names:
// Exploded, ReversePointer, IsPrivate, IsGlobal, NumAddresses (a Count,
// which reaches 2^128), WithNetmask, and so on.
//
// # Iteration and list operations
//
// Hosts, Addresses, Subnets, AddressExclude and SummarizeRange return
// iter.Seq values that generate their elements on demand, so a /8 or an IPv6
// /32 is never held in memory. Collapse, Exclude and SortNetworks work on
// sorted ranges in O(n log n), accept IPv4 and IPv6 in one list (IPv4 comes
// first in results), and Collapse reuses its input's storage. CollapseSorted
// streams results from input that is already sorted.
//
// # Differences from CPython
//
// CPython raises TypeError when one list mixes families; here the families
// are handled side by side. CPython's exploded and reverse_pointer fail for
// an address with a zone; here they ignore the zone. IPv4 addresses have
// IsSiteLocal (always false) where CPython has no such property.
package ipaddress
