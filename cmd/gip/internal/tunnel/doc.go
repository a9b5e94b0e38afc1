// Package tunnel is `gip tunnel` (and `gip tunl`), ip's tunnel object:
// IPv4 tunnels (gre, ipip, sit, isatap, vti) and, with -6 or an IPv6
// mode, IPv6 ones (ip6ip6, ipip6, ip6gre, vti6, any), made, changed,
// removed and listed through the tunnel ioctls of the namespace's
// fallback devices (gre0, tunl0, sit0, ip_vti0, ip6tnl0, ip6gre0,
// ip6_vti0), plus the ISATAP router lists and 6rd prefixes of sit
// tunnels. The ioctls live in internal/iptunnel.
//
//	object.go   the object: the family a command line is for, the verbs, the usages
//	args.go     the words of the IPv4 verbs (struct ip_tunnel_parm)
//	args6.go    the words of the IPv6 verbs (struct ip6_tnl_parm2)
//	gre.go      the words both share: GRE keys, sequence numbers, checksums
//	add.go      add and change
//	delete.go   delete
//	show.go     show: one tunnel by ioctl, or the tunnel links of the namespace
//	prl.go      prl: an ISATAP tunnel's potential routers
//	sixrd.go    6rd: a sit tunnel's 6rd prefixes
//	view.go     an IPv4 tunnel as text and JSON
//	view6.go    an IPv6 tunnel as text and JSON
//	errors.go   ip's messages for refused requests
package tunnel
