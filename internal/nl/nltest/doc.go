// Package nltest helps test code built on package nl.
//
// Kernel is a fake kernel at the datagram level: a Conn made with Dial
// writes real wire-format requests to it and reads real wire-format replies,
// so framing, sequence checks and error parsing run exactly as against the
// kernel. A handler decides what the fake answers; helpers build
// acknowledgements, errors with extended acks, data messages and NLMSG_DONE.
//
// NetNS gives a privileged test its own fresh network namespace, named like
// `ip netns add` names them so the stock tools can look into it, and removes
// it when the test ends, passed or failed.
package nltest
