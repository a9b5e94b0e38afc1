// Package nfnl is the nfnetlink layer under netfilter families such as
// ipset: the family header that follows every netlink header (struct
// nfgenmsg), the split of the message type into subsystem and message, and
// the batch delimiters that make a run of nf_tables messages one
// transaction.
//
// Attributes of nfnetlink families carry integers in network byte order;
// encode them with nl.NewAttrEncoderOrder(b, binary.BigEndian) and set
// nl.AttrNetByteOrder on their types where the subsystem's policy checks
// it (ipset does).
package nfnl
