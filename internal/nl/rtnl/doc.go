// Package rtnl speaks rtnetlink on top of package nl: links and their kinds,
// addresses, neighbours, bridge ports, fdb entries and vlans, and network
// namespace ids. It turns kernel messages into Go values and Go request
// values into kernel messages; it knows nothing of command lines or output
// formats.
//
// Decoded objects keep the kernel's attribute presence: an attribute the
// kernel did not send is reported absent (Has), never as a zero value, so a
// printer can show exactly what the kernel said.
//
// Files named route*.go, rule*.go and nexthop*.go belong to the routing
// side; this side's shared tables (families, scopes, protocols) live in
// names.go.
package rtnl
