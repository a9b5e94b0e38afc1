// Package iptunnel is the ioctl interface of the kernel's IP tunnels: the
// parameter blocks of <linux/if_tunnel.h> and <linux/ip6_tunnel.h> as
// typed values with their exact wire layout, and the requests
// (SIOCGETTUNNEL ... SIOCCHG6RD) that carry them to a device through a
// datagram socket of the namespace.
//
//	parm.go    struct ip_tunnel_parm (IPv4 tunnels: gre, ipip, sit, vti)
//	parm6.go   struct ip6_tnl_parm2 (IPv6 tunnels: ip6tnl, ip6gre, vti6)
//	prl.go     struct ip_tunnel_prl (ISATAP potential router lists)
//	sixrd.go   struct ip_tunnel_6rd (6rd prefixes of sit tunnels)
//	ioctl.go   the requests, the socket they go through, their errors
package iptunnel
