// Package nl is the suite's netlink engine: one socket type, message framing,
// attribute encoding and decoding, and the request patterns every family
// builds on.
//
// A Conn is one netlink socket, opened with Dial for a protocol (Route,
// Generic, Netfilter) and optionally inside another network namespace. It
// offers four ways to talk to the kernel:
//
//   - Execute sends one request and waits for its acknowledgement, returning
//     any replies that came before it.
//   - Dump sends a dump request and streams the replies as an iterator, so a
//     table of any size is read in constant memory.
//   - Batch pipelines many requests per sendmsg and reports one result per
//     request, in order, without ever overflowing the receive buffer.
//   - Receive reads multicast notifications after Config.Groups were joined.
//
// Every reply is checked: it must come from the kernel (port 0), carry the
// request's sequence number, and be well formed. Kernel refusals come back as
// *OpError, which carries the errno, the kernel's extended-ack message and
// the offset of the attribute it objected to; errors.Is works with unix.Errno
// values and with os.ErrNotExist, os.ErrExist and os.ErrPermission.
//
// Attributes are written with AttrEncoder and read with AttrDecoder; both
// follow the family's byte order (nfnetlink integers are big-endian) and keep
// the first error they meet, checked once with Err.
//
// Setting the environment variable NLDEBUG to a non-empty value prints every
// message sent and received, decoded, on standard error.
//
// Nothing here knows a family's objects: rtnetlink, generic netlink,
// nfnetlink and their users live in packages below this one.
package nl
