// Package genl is generic netlink on the engine: the genl message header,
// resolution of families by name through the kernel's controller (nlctrl),
// with their version, operations and multicast groups, and Conn, a socket
// bound to one family.
//
// A family's numeric id is assigned by the kernel when the family registers,
// so every user resolves it by name first:
//
//	c, err := genl.Dial("nl80211", nil)
//	if errors.Is(err, genl.ErrFamilyNotFound) { ... }
//	msgs, err := c.Execute(cmd, 0, attrs)
//
// Multicast group ids are dynamic too; Dial joins groups by name.
package genl
