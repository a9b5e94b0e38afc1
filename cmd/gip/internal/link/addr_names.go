package link

import "golang.org/x/sys/unix"

// Address flags in the order iproute2 prints them.
var addrFlagNames = []struct {
	f    uint32
	name string
}{
	{unix.IFA_F_SECONDARY, "secondary"},
	{unix.IFA_F_NODAD, "nodad"},
	{unix.IFA_F_OPTIMISTIC, "optimistic"},
	{unix.IFA_F_DADFAILED, "dadfailed"},
	{unix.IFA_F_HOMEADDRESS, "home"},
	{unix.IFA_F_DEPRECATED, "deprecated"},
	{unix.IFA_F_TENTATIVE, "tentative"},
	{unix.IFA_F_PERMANENT, "permanent"},
	{unix.IFA_F_MANAGETEMPADDR, "mngtmpaddr"},
	{unix.IFA_F_NOPREFIXROUTE, "noprefixroute"},
	{unix.IFA_F_MCAUTOJOIN, "autojoin"},
	{0x800, "stable-privacy"}, // IFA_F_STABLE_PRIVACY
}

// AddrFlagNames lists the flag words iproute2 prints for an address, in
// its order: "temporary" for a secondary IPv6 address, "dynamic" when the
// address is not permanent; unknown bits come back as rest.
func AddrFlagNames(family uint8, flags uint32) (names []string, rest uint32) {
	for _, f := range addrFlagNames {
		switch {
		case f.f == unix.IFA_F_PERMANENT:
			if flags&f.f == 0 {
				names = append(names, "dynamic")
			}
		case flags&f.f != 0:
			if f.f == unix.IFA_F_SECONDARY && family == unix.AF_INET6 {
				names = append(names, "temporary")
			} else {
				names = append(names, f.name)
			}
		}
		flags &^= f.f
	}
	return names, flags
}

// ParseAddrFlag maps a flag word of the command line to its bit.
func ParseAddrFlag(s string) (uint32, bool) {
	if s == "temporary" {
		return unix.IFA_F_SECONDARY, true
	}
	for _, f := range addrFlagNames {
		if f.name == s {
			return f.f, true
		}
	}
	return 0, false
}
