// Package ipsettest is a fake kernel ipset subsystem for unit tests: it
// speaks the wire protocol through nltest's datagram-level fake, keeps a
// table of sets (name, type, family, members as sent), answers protocol,
// type, header and list requests, and refuses what the kernel refuses
// (existing or missing sets, duplicate members) with the kernel's errnos.
// Every request is recorded, so tests can compare the bytes a command
// sends with the bytes ipset sends.
package ipsettest
