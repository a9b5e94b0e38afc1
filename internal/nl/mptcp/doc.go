// Package mptcp is the in-kernel MPTCP path manager (the mptcp_pm generic
// netlink family) on the engine: its endpoints (the local addresses it
// announces or opens subflows from) and its limits, per network
// namespace.
//
//	endpoint.go  Endpoint, its flags, encoder and decoder
//	limits.go    Limits
//	request.go   the family's commands and attributes, requests
package mptcp
