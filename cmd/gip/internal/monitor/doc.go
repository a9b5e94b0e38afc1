// Package monitor is gip monitor: ip monitor's watcher of rtnetlink
// events (links, addresses, routes, rules, nexthops, neighbours), printed
// as ip prints them, or under -j as one JSON object per event and line.
//
// It never loses events silently: the socket has a large receive buffer
// and never sets NETLINK_NO_ENOBUFS, and when the kernel reports an
// overrun the monitor says so and prints the current state of every
// object type it watches between resync markers, so a consumer that
// replaces its view with what stands between the markers is exact again.
//
// The files: monitor.go reads the command line, subscribe.go opens the
// socket, dispatch.go turns a message into a printed event, resync.go
// dumps the state after an overrun, print.go writes events, xfrm.go
// watches IPsec's events on their own socket (gip xfrm monitor).
package monitor
