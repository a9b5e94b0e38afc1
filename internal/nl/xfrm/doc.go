// Package xfrm speaks NETLINK_XFRM on top of package nl: the IPsec
// security policy database (policies, their selectors and templates) and
// the security association database (states, their algorithms, encapsulation,
// replay and offload settings), with their counters. It turns kernel
// messages into Go values and Go request values into kernel messages; it
// knows nothing of command lines or output formats.
//
// The fixed structures of <linux/xfrm.h> are typed models with their
// kernel layout written out once (struct.go); optional attributes are
// pointers, so an attribute the kernel did not send is nil.
//
//	address.go  xfrm_address_t
//	struct.go   selectors, lifetimes, ids, templates, marks, security contexts
//	policy.go   policies: info, id, the request and the decoder
//	state.go    states: info, id, algorithms, encapsulation, replay, offload
//	info.go     the SPD and SAD counters, flushes
//	event.go    the notifications only the kernel sends: acquire, report,
//	            asynchronous events, mappings, flushes; the multicast groups
package xfrm
