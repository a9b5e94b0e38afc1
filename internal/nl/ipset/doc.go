// Package ipset speaks the kernel's ipset protocol over nfnetlink: set
// creation, destruction, flushing, renaming and swapping, element add, del
// and test, and streaming listings of headers and members.
//
// A Conn wraps an nl.Conn on the netfilter protocol and negotiates the
// protocol version once (IPSET_CMD_PROTOCOL). Sets are described by Set
// (a set's name, type and header: what `ipset create` takes and what
// `ipset list` shows above the members) and elements by Entry. Optional
// values are pointers or zero-valued netip.Addr, so that an unset option
// sends nothing.
//
// The kernel's ipset refusals use errno values from 4096 up
// (IPSET_ERR_*); Errno and Message translate them, per command and set
// type, into ipset's own wording.
//
// Every integer attribute travels in network byte order and, as the
// kernel's policy demands, with NLA_F_NET_BYTEORDER set; nested attributes
// carry NLA_F_NESTED.
package ipset
